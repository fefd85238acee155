package dev.tokenscale.cli.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * The operator under measurement, in a JVM of its own: {@code tokenscale run} with deploy/'s JVM
 * settings, on a kubeconfig that points at the benchmark's API server with a token of its own, so
 * its requests can be told from the benchmark's. Its memory and CPU are read from the process
 * ({@code /proc/<pid>/status}, the process's CPU time), so they hold the operator alone.
 */
final class OperatorProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final URI metrics;
    private final Path log;
    private final String classPath;

    private OperatorProcess(Process process, URI metrics, Path log, String classPath) {
        this.process = process;
        this.metrics = metrics;
        this.log = log;
        this.classPath = classPath;
    }

    static OperatorProcess start(Path directory, String apiServer, String token, URI prometheus, int metricsPort,
            List<String> jvmFlags) throws IOException {
        Path kubeconfig = directory.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: bench
                    cluster:
                      server: %s
                contexts:
                  - name: bench
                    context:
                      cluster: bench
                      user: operator
                current-context: bench
                users:
                  - name: operator
                    user:
                      token: %s
                """.formatted(apiServer, token));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        String classPath = operatorClassPath(System.getProperty("java.class.path"));
        command.addAll(List.of("-cp", classPath, "dev.tokenscale.cli.TokenscaleCommand", "run",
                "--prometheus-url", prometheus.toString(), "--metrics-port", String.valueOf(metricsPort),
                "--leader-election=false"));
        Path log = directory.resolve("operator.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("KUBECONFIG", kubeconfig.toString());
        builder.environment().remove("KUBERNETES_SERVICE_HOST");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("TOKENSCALE_SHARD_SELECTOR");
        builder.environment().putAll(BenchRun.DEPLOY_JVM_ENVIRONMENT);
        return new OperatorProcess(builder.start(), URI.create("http://127.0.0.1:" + metricsPort + "/metrics"), log, classPath);
    }

    /**
     * The image's jar (tokenscale-runtime.jar, built beside tokenscale.jar) when the benchmark runs
     * from tokenscale.jar: the operator then holds the same jar as in its pod, whose index is half
     * the size (the JDK keeps a jar's index on the heap). Any other class path as it is.
     */
    static String operatorClassPath(String benchClassPath) {
        Path jar = Path.of(benchClassPath);
        if (!benchClassPath.contains(java.io.File.pathSeparator) && jar.getFileName() != null
                && jar.getFileName().toString().equals("tokenscale.jar")) {
            Path runtime = jar.resolveSibling("tokenscale-runtime.jar");
            if (Files.isRegularFile(runtime)) {
                return runtime.toString();
            }
        }
        return benchClassPath;
    }

    String classPath() {
        return classPath;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    /**
     * The operator's own /metrics text, asked for gzipped as Prometheus asks for it, so the operator
     * writes its page as it does in a cluster.
     */
    String metrics() throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(metrics).header("Accept-Encoding", "gzip")
                        .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("the operator's /metrics answered " + response.statusCode());
        }
        if (response.headers().firstValue("Content-Encoding").orElse("").equalsIgnoreCase("gzip")) {
            try (GZIPInputStream unzipped = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
                return new String(unzipped.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    /** CPU time the process has used, user and system; zero where the platform does not say. */
    Duration cpu() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** Resident set size in kB from /proc, or empty off Linux. */
    OptionalLong rssKb() {
        return ProcFigures.rssKb(process.pid());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

}
