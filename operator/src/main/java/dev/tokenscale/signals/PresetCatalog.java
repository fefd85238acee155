package dev.tokenscale.signals;

import dev.tokenscale.policy.Signal;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds presets by name. A preset is the classpath file {@code presets/<name>.properties}: one line
 * per signal key ({@code ttftP99Ms=...}) and, for latency signals, {@code <key>.requestRate=...}.
 * Adding an engine is adding one such file. The name {@value #CUSTOM} instead takes the pool's own
 * templates from {@code spec.metrics.queries}.
 */
public final class PresetCatalog {

    public static final String CUSTOM = "custom";
    static final String REQUEST_RATE_SUFFIX = ".requestRate";

    private final ClassLoader classLoader;
    private final Map<String, Preset> loaded = new ConcurrentHashMap<>();

    public PresetCatalog() {
        this(PresetCatalog.class.getClassLoader());
    }

    PresetCatalog(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    /**
     * @throws IllegalArgumentException for an unknown preset or a preset file with an unknown key; the
     *     message names the file
     */
    public Preset resolve(String name, Map<Signal, String> customQueries) {
        if (CUSTOM.equals(name)) {
            return new Preset(CUSTOM, customQueries, Map.of());
        }
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("invalid preset name '" + name + "'");
        }
        return loaded.computeIfAbsent(name, this::load);
    }

    private Preset load(String name) {
        String resource = "presets/" + name + ".properties";
        Properties properties = new Properties();
        try (InputStream in = classLoader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("unknown preset '" + name + "': no " + resource
                        + " on the classpath (use vllm, sglang, or custom with spec.metrics.queries)");
            }
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        Map<Signal, String> queries = new EnumMap<>(Signal.class);
        Map<Signal, String> requestRates = new EnumMap<>(Signal.class);
        for (String key : properties.stringPropertyNames()) {
            String value = properties.getProperty(key).strip();
            if (key.endsWith(REQUEST_RATE_SUFFIX)) {
                Signal signal = signalOf(resource, key, key.substring(0, key.length() - REQUEST_RATE_SUFFIX.length()));
                if (!signal.isLatency()) {
                    throw new IllegalArgumentException(resource + ": " + key + " is only meaningful for latency signals");
                }
                requestRates.put(signal, value);
            } else {
                queries.put(signalOf(resource, key, key), value);
            }
        }
        return new Preset(name, queries, requestRates);
    }

    private static Signal signalOf(String resource, String key, String signalKey) {
        try {
            return Signal.fromKey(signalKey);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(resource + ": unknown key '" + key + "'; keys are signal names ("
                    + String.join(", ", Arrays.stream(Signal.values()).map(Signal::key).toList())
                    + "), optionally with " + REQUEST_RATE_SUFFIX, e);
        }
    }
}
