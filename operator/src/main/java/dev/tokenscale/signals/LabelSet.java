package dev.tokenscale.signals;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Function;

/**
 * One series' labels, held as two arrays: the names, sorted and shared by every series with the same
 * names (all the series of one part of a batch), and the values. A batch answer over thousands of pods
 * is hundreds of thousands of series; as {@code Map.copyOf} each one cost about 120 bytes besides its
 * strings, as this about 60. Immutable; equal to any map with the same entries.
 */
final class LabelSet extends AbstractMap<String, String> {

    private static final String[] NONE = new String[0];

    private final String[] names;
    private final String[] values;

    private LabelSet(String[] names, String[] values) {
        this.names = names;
        this.values = values;
    }

    static LabelSet of(Map<String, String> labels) {
        return of(labels, Function.identity());
    }

    /**
     * @param sharedNames hands back one array for equal arrays of names, so that series with the same
     *     names share it; {@code Function.identity()} for none
     */
    static LabelSet of(Map<String, String> labels, Function<String[], String[]> sharedNames) {
        if (labels instanceof LabelSet set) {
            return set;
        }
        if (labels.isEmpty()) {
            return new LabelSet(NONE, NONE);
        }
        String[] names = labels.keySet().toArray(String[]::new);
        Arrays.sort(names);
        String[] values = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            values[i] = labels.get(names[i]);
            if (names[i] == null || values[i] == null) {
                throw new NullPointerException("a label name or value is null");
            }
        }
        return new LabelSet(sharedNames.apply(names), values);
    }

    @Override
    public String get(Object name) {
        int at = name instanceof String text ? Arrays.binarySearch(names, text) : -1;
        return at >= 0 ? values[at] : null;
    }

    @Override
    public boolean containsKey(Object name) {
        return name instanceof String text && Arrays.binarySearch(names, text) >= 0;
    }

    @Override
    public int size() {
        return names.length;
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < names.length;
                    }

                    @Override
                    public Entry<String, String> next() {
                        if (next >= names.length) {
                            throw new NoSuchElementException();
                        }
                        Entry<String, String> entry = new SimpleImmutableEntry<>(names[next], values[next]);
                        next++;
                        return entry;
                    }
                };
            }

            @Override
            public int size() {
                return names.length;
            }
        };
    }
}
