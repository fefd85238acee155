package dev.tokenscale.signals;

import dev.tokenscale.policy.Signal;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds presets by name. A preset is the classpath file {@code presets/<name>.properties}: one line
 * per signal key ({@code ttftP99Ms=...}), for latency signals {@code <key>.requestRate=...}, and
 * optionally {@code runningRequests=...}, the per-pod series of requests in flight.
 * Adding an engine is adding one such file. The name {@value #CUSTOM} instead takes the pool's own
 * templates from {@code spec.metrics.queries}.
 */
public final class PresetCatalog {

    public static final String CUSTOM = "custom";
    /** What a preset name may look like; it becomes a file name, so nothing that could leave presets/. */
    public static final String NAME_PATTERN = "^[a-z0-9][a-z0-9-]*$";
    static final String REQUEST_RATE_SUFFIX = ".requestRate";
    private static final String DIRECTORY = "presets/";
    private static final String EXTENSION = ".properties";

    private final ClassLoader classLoader;
    private final Map<String, Preset> loaded = new ConcurrentHashMap<>();

    public PresetCatalog() {
        this(PresetCatalog.class.getClassLoader());
    }

    PresetCatalog(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    /** True for {@value #CUSTOM} and for every name whose preset file is on the classpath. */
    public boolean isKnown(String name) {
        return CUSTOM.equals(name) || (isWellFormed(name) && classLoader.getResource(resource(name)) != null);
    }

    /**
     * {@value #CUSTOM} and the name of every preset file in {@code presets/} on the classpath, sorted, to
     * tell a user what they may write. Looking one name up goes through {@link #isKnown}, not this list.
     */
    public SortedSet<String> names() {
        SortedSet<String> names = new TreeSet<>();
        names.add(CUSTOM);
        try {
            for (URL directory : Collections.list(classLoader.getResources(DIRECTORY))) {
                fileNames(directory).filter(file -> file.endsWith(EXTENSION))
                        .map(file -> file.substring(0, file.length() - EXTENSION.length()))
                        .filter(PresetCatalog::isWellFormed)
                        .forEach(names::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + DIRECTORY + " on the classpath", e);
        }
        return Collections.unmodifiableSortedSet(names);
    }

    /**
     * @throws IllegalArgumentException for an unknown preset or a preset file with an unknown key; the
     *     message names the file
     */
    public Preset resolve(String name, Map<Signal, String> customQueries) {
        return resolve(name, customQueries, null);
    }

    /**
     * @param customRunningRequests the custom preset's per-pod running-requests template; null for none
     */
    public Preset resolve(String name, Map<Signal, String> customQueries, String customRunningRequests) {
        if (CUSTOM.equals(name)) {
            return new Preset(CUSTOM, customQueries, Map.of(), customRunningRequests);
        }
        if (!isWellFormed(name)) {
            throw new IllegalArgumentException("invalid preset name '" + name + "'");
        }
        return loaded.computeIfAbsent(name, this::load);
    }

    private Preset load(String name) {
        String resource = resource(name);
        Properties properties = new Properties();
        try (InputStream in = classLoader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("unknown preset '" + name + "': no " + resource
                        + " on the classpath (known: " + String.join(", ", names()) + "; custom takes spec.metrics.queries)");
            }
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        Map<Signal, String> queries = new EnumMap<>(Signal.class);
        Map<Signal, String> requestRates = new EnumMap<>(Signal.class);
        String runningRequests = null;
        for (String key : properties.stringPropertyNames()) {
            String value = properties.getProperty(key).strip();
            if (Preset.RUNNING_REQUESTS.equals(key)) {
                runningRequests = value;
            } else if (key.endsWith(REQUEST_RATE_SUFFIX)) {
                Signal signal = signalOf(resource, key, key.substring(0, key.length() - REQUEST_RATE_SUFFIX.length()));
                if (!signal.isLatency()) {
                    throw new IllegalArgumentException(resource + ": " + key + " is only meaningful for latency signals");
                }
                requestRates.put(signal, value);
            } else {
                queries.put(signalOf(resource, key, key), value);
            }
        }
        return new Preset(name, queries, requestRates, runningRequests);
    }

    private static boolean isWellFormed(String name) {
        return name != null && name.matches(NAME_PATTERN);
    }

    private static String resource(String name) {
        return DIRECTORY + name + EXTENSION;
    }

    /** The plain file names in one classpath entry's presets/: a directory while developing, a jar when shipped. */
    private static Stream<String> fileNames(URL directory) throws IOException {
        if ("file".equals(directory.getProtocol())) {
            try (Stream<Path> files = Files.list(Path.of(directory.toURI()))) {
                return files.map(file -> file.getFileName().toString()).toList().stream();
            } catch (URISyntaxException e) {
                throw new IOException("cannot list " + directory, e);
            }
        }
        URLConnection connection = directory.openConnection();
        if (connection instanceof JarURLConnection jar) {
            // Not the JVM's shared copy of the jar: closing that would break other readers of it.
            jar.setUseCaches(false);
            try (JarFile file = jar.getJarFile()) {
                return file.stream().map(entry -> entry.getName())
                        .filter(entry -> entry.startsWith(DIRECTORY) && entry.indexOf('/', DIRECTORY.length()) < 0)
                        .map(entry -> entry.substring(DIRECTORY.length()))
                        .toList().stream();
            }
        }
        return Stream.empty();
    }

    private static Signal signalOf(String resource, String key, String signalKey) {
        try {
            return Signal.fromKey(signalKey);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(resource + ": unknown key '" + key + "'; keys are signal names ("
                    + String.join(", ", Arrays.stream(Signal.values()).map(Signal::key).toList())
                    + "), optionally with " + REQUEST_RATE_SUFFIX + ", or " + Preset.RUNNING_REQUESTS, e);
        }
    }
}
