package dev.tokenscale.signals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenscale.policy.MissingReason;
import dev.tokenscale.policy.Signal;
import dev.tokenscale.policy.SignalReading;
import dev.tokenscale.testing.FakePrometheusServer;
import dev.tokenscale.testing.FakePrometheusServer.Answer;
import dev.tokenscale.testing.LoopbackPorts;
import dev.tokenscale.testing.SilentServer;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrometheusSignalReaderTest {

    private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");

    private final PrometheusSignalReader reader = new PrometheusSignalReader(Clock.fixed(NOW, ZoneOffset.UTC));
    private FakePrometheusServer prometheus;

    @AfterEach
    void stopPrometheus() {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Test
    void readsEverySignalOfThePresetAndReportsThePromQlItRan() {
        prometheus = FakePrometheusServer.answering(byMetric(Map.of(
                "time_to_first_token", Answer.value(412.5),
                "inter_token_latency", Answer.value(31.0),
                "kv_cache_usage_perc", Answer.value(66.7),
                "num_requests_waiting", Answer.value(3),
                "generation_tokens_total", Answer.value(8000))));

        SignalReport report = reader.read(request("vllm", PrometheusConnection.plain(prometheus.url())));

        assertThat(report.snapshot().get(Signal.TTFT_P99_MS)).isEqualTo(SignalReading.present(412.5));
        assertThat(report.snapshot().get(Signal.TPOT_P99_MS)).isEqualTo(SignalReading.present(31.0));
        assertThat(report.snapshot().get(Signal.UTILIZATION_PERCENT)).isEqualTo(SignalReading.present(66.7));
        assertThat(report.snapshot().get(Signal.QUEUE_DEPTH)).isEqualTo(SignalReading.present(3));
        assertThat(report.snapshot().get(Signal.TOKENS_PER_SECOND)).isEqualTo(SignalReading.present(8000));
        assertThat(report.snapshot().observedAt()).isEqualTo(NOW);
        assertThat(report.queries().get(Signal.QUEUE_DEPTH))
                .isEqualTo("sum(vllm:num_requests_waiting{namespace=\"team-a\",app=\"chat\"})");
        assertThat(prometheus.received()).extracting(FakePrometheusServer.Received::query)
                .containsAll(report.queries().values());
    }

    @Test
    void anEmptyAnswerIsMissingWithNoSeriesNeverZero() {
        prometheus = FakePrometheusServer.answering(query -> Answer.noSeries());

        SignalReading queue = reader.read(request("vllm", PrometheusConnection.plain(prometheus.url())))
                .snapshot().get(Signal.QUEUE_DEPTH);

        assertThat(queue).isEqualTo(SignalReading.missing(MissingReason.NO_SERIES,
                "team-a/chat queueDepth: no series match {namespace=\"team-a\",app=\"chat\"}"));
    }

    @Test
    void aNanLatencyWithNoRequestsInTheWindowIsIdle() {
        prometheus = FakePrometheusServer.answering(query -> query.startsWith("histogram_quantile")
                ? Answer.value(Double.NaN)
                : Answer.value(0));

        SignalReport report = reader.read(request("vllm", PrometheusConnection.plain(prometheus.url())));

        assertThat(report.snapshot().get(Signal.TTFT_P99_MS)).isEqualTo(SignalReading.idle());
        assertThat(report.snapshot().get(Signal.TPOT_P99_MS)).isEqualTo(SignalReading.idle());
        assertThat(prometheus.received()).extracting(FakePrometheusServer.Received::query)
                .contains("sum(rate(vllm:time_to_first_token_seconds_count{namespace=\"team-a\",app=\"chat\"}[2m]))");
    }

    @Test
    void aNanLatencyWhileRequestsArriveIsMissingNanBecauseTheHistogramIsBroken() {
        prometheus = FakePrometheusServer.answering(query -> query.startsWith("histogram_quantile")
                ? Answer.value(Double.NaN)
                : Answer.value(12.5));

        SignalReading ttft = reader.read(request("vllm", PrometheusConnection.plain(prometheus.url())))
                .snapshot().get(Signal.TTFT_P99_MS);

        assertThat(ttft).isInstanceOfSatisfying(SignalReading.Missing.class, missing -> {
            assertThat(missing.reason()).isEqualTo(MissingReason.NAN);
            assertThat(missing.detail()).startsWith("team-a/chat ttftP99Ms: the P99 is NaN although ").contains("12.5 requests/s");
        });
    }

    @Test
    void aNanOrInfiniteNonLatencySignalIsMissingNan() {
        prometheus = FakePrometheusServer.answering(query -> query.contains("kv_cache") ? Answer.value(Double.NaN)
                : Answer.value(Double.POSITIVE_INFINITY));

        SignalReport report = reader.read(request("vllm", PrometheusConnection.plain(prometheus.url())));

        assertThat(report.snapshot().get(Signal.UTILIZATION_PERCENT)).isEqualTo(SignalReading.missing(MissingReason.NAN,
                "team-a/chat utilizationPercent: the query answered NaN"));
        assertThat(report.snapshot().get(Signal.QUEUE_DEPTH)).isEqualTo(SignalReading.missing(MissingReason.NAN,
                "team-a/chat queueDepth: the query answered Infinity"));
    }

    @Test
    void aNegativeValueIsMissingInvalidValueAndNeverScalesAPoolDown() {
        prometheus = FakePrometheusServer.answering(query -> query.contains("kv_cache") ? Answer.value(-5)
                : query.contains("num_requests_waiting") ? Answer.value(-0.5) : Answer.value(1));

        SignalReport report = reader.read(request("vllm", PrometheusConnection.plain(prometheus.url())));

        assertThat(report.snapshot().get(Signal.UTILIZATION_PERCENT)).isEqualTo(SignalReading.missing(MissingReason.INVALID_VALUE,
                "team-a/chat utilizationPercent: the query answered -5, but utilizationPercent cannot be negative"));
        assertThat(report.snapshot().get(Signal.QUEUE_DEPTH)).isEqualTo(SignalReading.missing(MissingReason.INVALID_VALUE,
                "team-a/chat queueDepth: the query answered -0.5, but queueDepth cannot be negative"));
    }

    @Test
    void aUtilizationAbove100IsClampedAndTheReadingSaysSo() {
        prometheus = FakePrometheusServer.answering(query -> query.contains("kv_cache") ? Answer.value(250) : Answer.value(120));

        SignalReport report = reader.read(request("vllm", PrometheusConnection.plain(prometheus.url())));

        assertThat(report.snapshot().get(Signal.UTILIZATION_PERCENT))
                .isEqualTo(SignalReading.present(100, "clamped to 100 from 250 reported by the query"));
        assertThat(report.snapshot().get(Signal.QUEUE_DEPTH)).as("only utilization has a ceiling")
                .isEqualTo(SignalReading.present(120));
    }

    @Test
    void aSampleValueJavaWouldParseButPrometheusNeverWritesIsNotANumber() {
        prometheus = FakePrometheusServer.answering(query -> new Answer(200,
                "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                        + "{\"metric\":{},\"value\":[1,\"" + (query.contains("kv_cache") ? "5d" : "0x1p3") + "\"]}]}}"));

        SignalReport report = reader.read(request("vllm", PrometheusConnection.plain(prometheus.url())));

        assertThat(detail(report, Signal.UTILIZATION_PERCENT))
                .isEqualTo("team-a/chat utilizationPercent: malformed answer: sample value '5d' is not a number");
        assertThat(detail(report, Signal.QUEUE_DEPTH))
                .isEqualTo("team-a/chat queueDepth: malformed answer: sample value '0x1p3' is not a number");
        assertThat(report.snapshot().get(Signal.QUEUE_DEPTH)).isInstanceOf(SignalReading.Missing.class);
    }

    @Test
    void aRejectedQueryCarriesPrometheusOwnErrorText() {
        prometheus = FakePrometheusServer.answering(query -> Answer.error(400, "bad_data",
                "invalid parameter \"query\": 1:5: parse error: unexpected \"}\""));

        SignalReading queue = reader.read(request("vllm", PrometheusConnection.plain(prometheus.url())))
                .snapshot().get(Signal.QUEUE_DEPTH);

        assertThat(queue).isEqualTo(SignalReading.missing(MissingReason.ERROR, "team-a/chat queueDepth: bad query: "
                + "HTTP 400: bad_data: invalid parameter \"query\": 1:5: parse error: unexpected \"}\""));
    }

    @Test
    void serverErrorsMalformedAnswersAndSeveralSeriesAreClassified() {
        prometheus = FakePrometheusServer.answering(query -> {
            if (query.contains("num_requests_waiting")) {
                return Answer.error(503, "timeout", "query timed out in expression evaluation");
            }
            if (query.contains("kv_cache")) {
                return new Answer(200, "<html>proxy login</html>");
            }
            if (query.contains("generation_tokens")) {
                return new Answer(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                        + "{\"metric\":{\"pod\":\"a\"},\"value\":[1,\"1\"]},{\"metric\":{\"pod\":\"b\"},\"value\":[1,\"2\"]}]}}");
            }
            return new Answer(500, "");
        });

        SignalReport report = reader.read(request("vllm", PrometheusConnection.plain(prometheus.url())));

        assertThat(detail(report, Signal.QUEUE_DEPTH))
                .isEqualTo("team-a/chat queueDepth: server error: HTTP 503: timeout: query timed out in expression evaluation");
        assertThat(detail(report, Signal.UTILIZATION_PERCENT))
                .isEqualTo("team-a/chat utilizationPercent: malformed answer: not JSON: <html>proxy login</html>");
        assertThat(detail(report, Signal.TOKENS_PER_SECOND))
                .startsWith("team-a/chat tokensPerSecond: bad query: the query returned 2 series");
        assertThat(detail(report, Signal.TTFT_P99_MS)).isEqualTo("team-a/chat ttftP99Ms: server error: HTTP 500: (empty body)");
    }

    @Test
    void aRefusedConnectionIsMissingErrorUnreachableAtOnce() {
        URI nobodyListens = URI.create("http://127.0.0.1:" + LoopbackPorts.free());
        long started = System.nanoTime();

        SignalReport report = reader.read(request("vllm", PrometheusConnection.plain(nobodyListens)));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(detail(report, Signal.TTFT_P99_MS))
                .isEqualTo("team-a/chat ttftP99Ms: unreachable: cannot connect to " + nobodyListens + " (connection refused)");
    }

    @Test
    void aPrometheusThatNeverAnswersCostsOneTimeoutForTheWholeRead() throws IOException {
        try (SilentServer silent = new SilentServer()) {
            PrometheusConnection connection = PrometheusConnection.plain(silent.url()).withTimeout(Duration.ofMillis(400));
            long started = System.nanoTime();

            SignalReport report = reader.read(request("vllm", connection));

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(400), Duration.ofMillis(1500));
            for (Signal signal : Signal.values()) {
                assertThat(detail(report, signal)).isEqualTo("team-a/chat " + signal.key()
                        + ": timeout: no answer from " + silent.url() + " within 400 ms");
            }
        }
    }

    @Test
    void sendsTheBearerTokenItIsGiven() {
        prometheus = FakePrometheusServer.answering(query -> Answer.value(1));

        reader.read(request("vllm", PrometheusConnection.plain(prometheus.url()).withAuth(PrometheusAuth.bearer("first-token"))));
        reader.read(request("vllm", PrometheusConnection.plain(prometheus.url()).withAuth(PrometheusAuth.bearer("rotated-token"))));

        assertThat(prometheus.received()).extracting(FakePrometheusServer.Received::authorization)
                .containsOnly("Bearer first-token", "Bearer rotated-token");
        assertThat(prometheus.received().get(prometheus.received().size() - 1).authorization()).isEqualTo("Bearer rotated-token");
    }

    @Test
    void sendsBasicAuth() {
        prometheus = FakePrometheusServer.answering(query -> Answer.value(1));

        reader.read(request("vllm", PrometheusConnection.plain(prometheus.url())
                .withAuth(PrometheusAuth.basic("scaler", "s3cr3t:with colon"))));

        String expected = "Basic " + Base64.getEncoder().encodeToString("scaler:s3cr3t:with colon".getBytes());
        assertThat(prometheus.received()).extracting(FakePrometheusServer.Received::authorization).containsOnly(expected);
    }

    @Test
    void refusedCredentialsAreReportedAsUnauthorized() {
        prometheus = FakePrometheusServer.answering(query -> new Answer(401, "Unauthorized"));

        assertThat(detail(reader.read(request("vllm", PrometheusConnection.plain(prometheus.url()))), Signal.QUEUE_DEPTH))
                .isEqualTo("team-a/chat queueDepth: unauthorized: HTTP 401: Unauthorized (check bearerTokenSecret or basicAuth)");
    }

    @Test
    void aServerThatEchoesTheCredentialsBackHasThemMaskedInEveryMessage() {
        prometheus = FakePrometheusServer.answering(query -> Answer.error(403, "forbidden",
                "token tok-9f8e7d6c5b4a rejected; you sent Bearer tok-9f8e7d6c5b4a"));

        SignalReport report = reader.read(request("vllm", PrometheusConnection.plain(prometheus.url())
                .withAuth(PrometheusAuth.bearer("tok-9f8e7d6c5b4a"))));

        assertThat(detail(report, Signal.QUEUE_DEPTH))
                .isEqualTo("team-a/chat queueDepth: unauthorized: HTTP 403: forbidden: token *** rejected; you sent *** "
                        + "(check bearerTokenSecret or basicAuth)");
    }

    @Test
    void aCaThatIsNotPemMakesEverySignalMissingAsABadSettingAndQueriesNothing() {
        prometheus = FakePrometheusServer.answering(query -> Answer.value(1));
        PrometheusConnection connection = new PrometheusConnection(prometheus.url(), Duration.ofSeconds(5), PrometheusAuth.NONE,
                "not a certificate", false);

        assertThat(detail(reader.read(request("vllm", connection)), Signal.QUEUE_DEPTH))
                .startsWith("team-a/chat queueDepth: bad connection settings: the CA is not a PEM certificate bundle");
        assertThat(prometheus.received()).isEmpty();
    }

    @Test
    void customTemplatesRunWithThePoolsMatchersAndABadOneNamesThePoolAndTheSignal() {
        prometheus = FakePrometheusServer.answering(query -> query.contains("my_queue") ? Answer.value(7)
                : Answer.error(400, "bad_data", "1:10: parse error: unclosed left parenthesis"));
        SignalRequest custom = new SignalRequest("team-a/chat", PrometheusConnection.plain(prometheus.url()), "custom",
                Map.of(Signal.QUEUE_DEPTH, "sum(my_queue{{{matchers}}})",
                        Signal.TTFT_P99_MS, "histogram_quantile(0.99, sum by (le) (rate(x_bucket{{{matchers}}}[{{window}}])",
                        Signal.UTILIZATION_PERCENT, "avg(gpu_busy) * 100"),
                Duration.ofSeconds(30), matchers());

        SignalReport report = reader.read(custom);

        assertThat(report.snapshot().get(Signal.QUEUE_DEPTH)).isEqualTo(SignalReading.present(7));
        assertThat(report.queries().get(Signal.QUEUE_DEPTH)).isEqualTo("sum(my_queue{namespace=\"team-a\",app=\"chat\"})");
        assertThat(detail(report, Signal.TTFT_P99_MS))
                .isEqualTo("team-a/chat ttftP99Ms: bad query: HTTP 400: bad_data: 1:10: parse error: unclosed left parenthesis");
        assertThat(report.queries().get(Signal.UTILIZATION_PERCENT))
                .isEqualTo("avg(gpu_busy{namespace=\"team-a\",app=\"chat\"}) * 100");
        assertThat(report.snapshot().get(Signal.TOKENS_PER_SECOND)).isEqualTo(SignalReading.missing(MissingReason.NO_SERIES,
                "team-a/chat tokensPerSecond: not configured: preset custom has no query for it"));
        assertThat(prometheus.received()).extracting(FakePrometheusServer.Received::query)
                .noneMatch(query -> query.contains("gpu_busy)"));
    }

    @Test
    void anUnknownPresetOrMatchersOutsideTheNamespaceQueryNothing() {
        prometheus = FakePrometheusServer.answering(query -> Answer.value(1));
        PrometheusConnection connection = PrometheusConnection.plain(prometheus.url());

        assertThat(detail(reader.read(request("tgi", connection)), Signal.QUEUE_DEPTH))
                .startsWith("team-a/chat queueDepth: bad query: unknown preset 'tgi'");
        SignalRequest noNamespace = new SignalRequest("team-a/chat", connection, "vllm", Map.of(), Duration.ofMinutes(2),
                List.of(LabelMatcher.equalTo("app", "chat")));
        assertThat(detail(reader.read(noNamespace), Signal.QUEUE_DEPTH))
                .startsWith("team-a/chat queueDepth: bad query: the first label matcher must be namespace");
        assertThat(prometheus.received()).isEmpty();
    }

    @Test
    void aPresetFileWithABrokenIdleCheckCostsOnlyThatSignal(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("presets"));
        Files.writeString(dir.resolve("presets/broken.properties"), String.join("\n",
                "ttftP99Ms=histogram_quantile(0.99, sum by (le) (rate(t_bucket{{{matchers}}}[{{window}}])))",
                "ttftP99Ms.requestRate=sum(rate(t_count{namespace=~\".*\"}[{{window}}]))",
                "queueDepth=sum(q{{{matchers}}})"));
        prometheus = FakePrometheusServer.answering(query -> query.startsWith("histogram_quantile")
                ? Answer.value(Double.NaN) : Answer.value(4));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            PrometheusSignalReader withBrokenPreset = new PrometheusSignalReader(Clock.fixed(NOW, ZoneOffset.UTC), new PresetCatalog(loader));

            SignalReport report = withBrokenPreset.read(request("broken", PrometheusConnection.plain(prometheus.url())));

            assertThat(detail(report, Signal.TTFT_P99_MS)).startsWith("team-a/chat ttftP99Ms: bad query: "
                    + "while checking whether the pool is idle: the preset's request-rate template: cannot read the query at character 18: "
                    + "a selector with its own namespace matcher namespace=~\".*\"");
            assertThat(report.snapshot().get(Signal.QUEUE_DEPTH)).isEqualTo(SignalReading.present(4));
        }
    }

    private static SignalRequest request(String preset, PrometheusConnection connection) {
        return new SignalRequest("team-a/chat", connection, preset, Map.of(), Duration.ofMinutes(2), matchers());
    }

    private static List<LabelMatcher> matchers() {
        return List.of(LabelMatcher.equalTo("namespace", "team-a"), LabelMatcher.equalTo("app", "chat"));
    }

    private static Function<String, Answer> byMetric(Map<String, Answer> answers) {
        return query -> answers.entrySet().stream()
                .filter(entry -> query.contains(entry.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(Answer.noSeries());
    }

    private static String detail(SignalReport report, Signal signal) {
        SignalReading reading = report.snapshot().get(signal);
        assertThat(reading).as(signal.key()).isInstanceOf(SignalReading.Missing.class);
        return ((SignalReading.Missing) reading).detail();
    }
}
