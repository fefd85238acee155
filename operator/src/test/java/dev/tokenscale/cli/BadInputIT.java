package dev.tokenscale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.tokenscale.testing.LoopbackPorts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input to the real {@code java -jar tokenscale.jar}, one row each: the process must exit with
 * the row's code within the row's time, print the row's message fragment, print exactly one line,
 * and never a stack trace.
 *
 * <p>To add a row, append a {@link Row} to {@link #rows()}: a name, the arguments after
 * {@code tokenscale}, the environment to add, the exit code, a fragment of the one line, and the
 * bound on elapsed time. Arguments and environment values may use these placeholders:
 * <ul>
 *   <li>{@code {dir}}: an empty directory of the row's own;
 *   <li>{@code {kubeconfig:NAME}}: a kubeconfig from {@link #KUBECONFIGS} ({@code api-down},
 *       {@code api-401}, {@code api-403}, {@code malformed}, {@code no-context}, ...);
 *   <li>{@code {busy-port}}: a loopback port something else listens on.
 * </ul>
 * Every row runs with an empty home directory, no {@code KUBECONFIG} and not in a cluster unless
 * its environment says otherwise, and with {@code TOKENSCALE_METRICS_PORT} set to a free port.
 */
class BadInputIT {

    /** One bad input and what tokenscale must answer. */
    record Row(String name, List<String> args, Map<String, String> env, int exit, String message, Duration within) {
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * Input that is wrong before any request must be refused without waiting on the network. The
     * bound leaves room for a JVM starting on a loaded 2-core machine, where 5 s was missed by the
     * start alone.
     */
    private static final Duration FAST = Duration.ofSeconds(15);
    private static final Duration API = Duration.ofSeconds(30);
    /** Kubeconfig files by name; {@code %s} is replaced with the fixture servers' URLs. */
    private static final Map<String, String> KUBECONFIGS = new HashMap<>();

    @TempDir
    static Path root;
    private static HttpServer unauthorized;
    private static HttpServer forbidden;
    private static ServerSocket busy;

    static Stream<Row> rows() {
        return Stream.of(
                row("run: no kubeconfig and not in a cluster", List.of("run"), Map.of(), 2, "no usable kubeconfig", FAST),
                row("run: KUBECONFIG names a missing file", List.of("run"), Map.of("KUBECONFIG", "{dir}/nope"), 2,
                        "which does not exist", FAST),
                row("run: KUBECONFIG is a directory", List.of("run"), Map.of("KUBECONFIG", "{dir}"), 2,
                        "cannot read kubeconfig", FAST),
                row("run: malformed kubeconfig", List.of("run"), Map.of("KUBECONFIG", "{kubeconfig:malformed}"), 2,
                        "is malformed at line", FAST),
                row("run: kubeconfig without a current context", List.of("run"), Map.of("KUBECONFIG", "{kubeconfig:no-context}"), 2,
                        "has no current-context", FAST),
                row("run: current context names no cluster", List.of("run"), Map.of("KUBECONFIG", "{kubeconfig:no-cluster}"), 2,
                        "names cluster 'gone', which is not under clusters", FAST),
                row("run: --metrics-port out of range", List.of("run", "--metrics-port", "70000"),
                        Map.of("KUBECONFIG", "{kubeconfig:api-down}"), 2, "--metrics-port: must be between 1 and 65535, got 70000", FAST),
                row("run: TOKENSCALE_METRICS_PORT not a number", List.of("run"),
                        Map.of("KUBECONFIG", "{kubeconfig:api-down}", "TOKENSCALE_METRICS_PORT", "http"), 2,
                        "Invalid value for option '--metrics-port': 'http' is not an int", FAST),
                row("run: --metrics-port in use", List.of("run", "--metrics-port", "{busy-port}"),
                        Map.of("KUBECONFIG", "{kubeconfig:api-down}"), 2, "is in use", FAST),
                row("run: --prometheus-url without a scheme", List.of("run", "--prometheus-url", "prometheus:9090"),
                        Map.of("KUBECONFIG", "{kubeconfig:api-down}"), 2, "--prometheus-url: must be an absolute http:// or https:// URL", FAST),
                row("run: --prometheus-url without a host", List.of("run", "--prometheus-url", "http:///api"),
                        Map.of("KUBECONFIG", "{kubeconfig:api-down}"), 2, "with a host, got 'http:///api'", FAST),
                row("run: --namespaces empty", List.of("run", "--namespaces", ","),
                        Map.of("KUBECONFIG", "{kubeconfig:api-down}"), 2, "--namespaces: empty list", FAST),
                row("run: --namespaces not a DNS-1123 label", List.of("run", "--namespaces", "llm,Team_A"),
                        Map.of("KUBECONFIG", "{kubeconfig:api-down}"), 2, "'Team_A' is not a namespace name", FAST),
                row("run: --unhealthy-after not a duration", List.of("run", "--unhealthy-after", "soon"),
                        Map.of("KUBECONFIG", "{kubeconfig:api-down}"), 2, "--unhealthy-after", FAST),
                row("run: API server down", List.of("run"), Map.of("KUBECONFIG", "{kubeconfig:api-down}"), 1,
                        "cannot reach the API server at http://127.0.0.1:", API),
                row("run: API server answers 401", List.of("run"), Map.of("KUBECONFIG", "{kubeconfig:api-401}"), 1,
                        "refused the credentials (401 Unauthorized)", API),
                row("run: API server answers 403", List.of("run", "--namespaces", "llm"), Map.of("KUBECONFIG", "{kubeconfig:api-403}"), 1,
                        "forbids listing inferencepools.tokenscale.dev in namespace llm (403 Forbidden)", API));
    }

    private static Row row(String name, List<String> args, Map<String, String> env, int exit, String message, Duration within) {
        return new Row(name, args, env, exit, message, within);
    }

    @BeforeAll
    static void fixtures() throws IOException {
        unauthorized = answering(401, "Unauthorized");
        forbidden = answering(403, "Forbidden");
        busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        KUBECONFIGS.put("api-down", kubeconfig("http://127.0.0.1:" + LoopbackPorts.free()));
        KUBECONFIGS.put("api-401", kubeconfig("http://127.0.0.1:" + unauthorized.getAddress().getPort()));
        KUBECONFIGS.put("api-403", kubeconfig("http://127.0.0.1:" + forbidden.getAddress().getPort()));
        KUBECONFIGS.put("malformed", "apiVersion: v1\nclusters: [oops\ncontexts: {\n");
        KUBECONFIGS.put("no-context", kubeconfig("http://127.0.0.1:1").replace("current-context: ctx", ""));
        KUBECONFIGS.put("no-cluster", kubeconfig("http://127.0.0.1:1").replace("cluster: c", "cluster: gone"));
    }

    @AfterAll
    static void stopFixtures() throws IOException {
        unauthorized.stop(0);
        forbidden.stop(0);
        busy.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void badInputGetsOneLineAndItsExitCodeInTime(Row row) throws Exception {
        Path dir = Files.createTempDirectory(root, "row");
        Path home = Files.createDirectories(dir.resolve("home"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + home, "-jar", TokenscaleJar.path().toString()));
        row.args().forEach(a -> command.add(expand(a, dir)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("out").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("TOKENSCALE_") || k.equals("KUBECONFIG")
                || k.startsWith("KUBERNETES_"));
        builder.environment().put("TOKENSCALE_METRICS_PORT", String.valueOf(LoopbackPorts.free()));
        row.env().forEach((k, v) -> builder.environment().put(k, expand(v, dir)));

        long start = System.nanoTime();
        Process process = builder.start();
        boolean exited = process.waitFor(row.within().toMillis() + 10_000, TimeUnit.MILLISECONDS);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        if (!exited) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String output = Files.readString(dir.resolve("out"), StandardCharsets.UTF_8);
        System.out.printf("%s: exit %s in %d ms: %s", row.name(), exited ? process.exitValue() : "none", elapsed.toMillis(), output);

        assertThat(exited).as("exited; output:\n" + output).isTrue();
        assertThat(process.exitValue()).as(output).isEqualTo(row.exit());
        assertThat(output).contains(row.message());
        assertThat(output.lines().filter(l -> !l.isBlank()).toList()).as("one line, no stack trace").hasSize(1);
        assertThat(elapsed).as("elapsed").isLessThanOrEqualTo(row.within());
    }

    private static String expand(String value, Path dir) {
        String expanded = value.replace("{dir}", dir.toString()).replace("{busy-port}", String.valueOf(busy.getLocalPort()));
        for (Map.Entry<String, String> config : KUBECONFIGS.entrySet()) {
            String placeholder = "{kubeconfig:" + config.getKey() + "}";
            if (expanded.contains(placeholder)) {
                Path file = dir.resolve("kubeconfig-" + config.getKey());
                try {
                    Files.writeString(file, config.getValue());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                expanded = expanded.replace(placeholder, file.toString());
            }
        }
        return expanded;
    }

    private static String kubeconfig(String server) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: c
                    cluster:
                      server: %s
                contexts:
                  - name: ctx
                    context:
                      cluster: c
                      user: u
                current-context: ctx
                users:
                  - name: u
                    user:
                      token: bad-input
                """.formatted(server);
    }

    /** An API server that refuses everything with one status, as a wrong token or missing RBAC would make it. */
    private static HttpServer answering(int code, String reason) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = ("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"" + reason
                    + "\",\"message\":\"" + reason.toLowerCase() + "\",\"code\":" + code + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(code, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }
}
