package dev.tokenscale.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code java -jar tokenscale.jar emulate ...} started as a user would, with what it printed before "Press Ctrl-C". */
final class EmulateProcess implements AutoCloseable {

    private static final Pattern WORKER = Pattern.compile("\\s+worker-\\d+ (http://127\\.0\\.0\\.1:\\d+/metrics)");
    private static final String EXPECTED = "Expected readings: ";

    private final Process process;
    private final List<URI> urls = new ArrayList<>();
    private final Map<String, Double> expected = new LinkedHashMap<>();

    private EmulateProcess(Process process) {
        this.process = process;
    }

    static EmulateProcess start(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", TokenscaleJar.path().toString(), "emulate"));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EmulateProcess emulate = new EmulateProcess(process);
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder printed = new StringBuilder();
            for (String line = out.readLine(); line != null && !line.startsWith("Press Ctrl-C"); line = out.readLine()) {
                printed.append(line).append('\n');
                Matcher worker = WORKER.matcher(line);
                if (worker.matches()) {
                    emulate.urls.add(URI.create(worker.group(1)));
                }
                if (line.startsWith(EXPECTED)) {
                    for (String pair : line.substring(EXPECTED.length()).split(" ")) {
                        String[] keyValue = pair.split("=");
                        emulate.expected.put(keyValue[0], Double.parseDouble(keyValue[1]));
                    }
                }
            }
            if (emulate.urls.isEmpty()) {
                throw new IllegalStateException("emulate printed no worker URL:\n" + printed);
            }
        } catch (IOException | RuntimeException e) {
            emulate.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        return emulate;
    }

    List<URI> urls() {
        return List.copyOf(urls);
    }

    /** The "Expected readings" line: signal key to value. */
    Map<String, Double> expected() {
        return Map.copyOf(expected);
    }

    /** SIGTERM, as Ctrl-C would; true if it exited within the grace period. */
    boolean stop() throws InterruptedException {
        process.destroy();
        return process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
