package dev.tokenscale.signals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenscale.policy.Signal;
import dev.tokenscale.policy.SignalReading;
import dev.tokenscale.sim.EmulatedEngine;
import dev.tokenscale.sim.EmulatorSettings;
import dev.tokenscale.sim.PrometheusScrapeConfig;
import dev.tokenscale.sim.WorkerEmulator;
import dev.tokenscale.testing.PrometheusProcess;
import dev.tokenscale.testing.RunningClock;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * A tenant's custom query against a real Prometheus holding two namespaces: team-a (the pool's, one
 * target) and team-b (two targets). Every query below tries to read team-b; the reader must answer
 * with team-a's figures only, or with a missing signal, never with anything team-b contributed to.
 * {@code up} makes that visible: summed over team-a it is 1, over both namespaces 3, and each attempt
 * is written so that reading team-b changes its answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryScopeIT {

    private final RunningClock clock = new RunningClock();
    private final PrometheusSignalReader reader = new PrometheusSignalReader(Clock.systemUTC());
    private WorkerEmulator worker;
    private PrometheusProcess prometheus;

    @BeforeAll
    void startPrometheusWithTwoNamespaces() {
        worker = WorkerEmulator.start(EmulatorSettings.defaults().withEngine(EmulatedEngine.VLLM).withReplicas(1)
                .withArrivalRps(5).withModelName("test/model"), clock);
        URI metrics = worker.workers().get(0).metricsUrl();
        prometheus = PrometheusProcess.start(List.of(
                new PrometheusScrapeConfig.Target(metrics, Map.of("namespace", "team-a", "pod", "a-0")),
                new PrometheusScrapeConfig.Target(metrics, Map.of("namespace", "team-b", "pod", "b-0")),
                new PrometheusScrapeConfig.Target(metrics, Map.of("namespace", "team-b", "pod", "b-1"))));
        prometheus.awaitFullWindow(Duration.ofSeconds(3), 2, Duration.ofSeconds(60));
        assertThat(prometheus.queryValue("sum(up)")).contains(3.0);
    }

    @AfterAll
    void stopEverything() {
        if (prometheus != null) {
            prometheus.close();
        }
        if (worker != null) {
            worker.close();
        }
    }

    @Test
    void aProperlyScopedQueryReadsThePoolsOwnNamespace() {
        assertThat(read("sum(up{{{matchers}}})")).isEqualTo(SignalReading.present(1));
        assertThat(read("sum(up)")).as("injected without {{matchers}}").isEqualTo(SignalReading.present(1));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        // The original hole: {{matchers}} only inside a comment.
        "sum(up) # {{matchers}}",
        "sum(up # {{matchers}}\n)",
        // A second, unscoped selector joined by a set operator.
        "sum(up{{{matchers}}}) * 0 + sum(up)",
        "sum(up{{{matchers}}} > 5) or sum(up)",
        "sum(up{{{matchers}}} > 5) or on() sum(up)",
        "sum(up{{{matchers}}} > 5 or up)",
        // Every series of every metric.
        "count({__name__=~\".+\"}) / count({__name__=~\".+\"}) * sum({__name__=\"up\"})",
        "sum({__name__=~\"u.\"})",
        // Namespace matchers of the tenant's own.
        "sum(up{namespace=~\".*\"})",
        "sum(up{namespace!=\"team-a\"})",
        "sum(up{namespace=\"team-b\"})",
        "sum(up{namespace=~\"team-.\"}) + sum(up{{{matchers}}}) * 0",
        // Relabelling, subqueries, offsets and @.
        "sum(label_replace(up, \"namespace\", \"team-a\", \"namespace\", \".*\"))",
        "sum(label_replace(up{namespace=\"team-b\"}, \"namespace\", \"team-a\", \"\", \"\"))",
        "sum(max_over_time(up[30s:1s]))",
        "sum(up offset 1s)",
        "sum(up @ end())",
        "sum(last_over_time(up[1m] @ end()))",
        // A selector inside a string literal, and quotes that try to end one early.
        "sum(up{pod!=\"x\\\"} or up{namespace=~\\\".*\"})",
        "sum(label_join(up, \"x\", \",\", \"up{namespace=~\\\".*\\\"}\"))",
        // Keywords as names, comments inside selectors.
        "sum(up{# {{matchers}}\n})",
        "sum by (namespace) (up)",
        "count(up) + count(sum) + count(or)",
    })
    void noBypassReadsTheOtherNamespace(String attempt) {
        SignalReading reading = read(attempt);
        System.out.println("bypass attempt " + attempt.replace("\n", "\\n") + " -> " + reading);

        assertThat(reading).as("%s -> %s", attempt, reading).satisfiesAnyOf(
                r -> assertThat(r).isInstanceOf(SignalReading.Missing.class),
                r -> assertThat(((SignalReading.Present) r).value()).isIn(0.0, 1.0));
    }

    private SignalReading read(String template) {
        SignalRequest request = new SignalRequest("team-a/chat", PrometheusConnection.plain(prometheus.url()), "custom",
                Map.of(Signal.UTILIZATION_PERCENT, template), Duration.ofMinutes(1),
                List.of(LabelMatcher.equalTo("namespace", "team-a")));
        return reader.read(request).snapshot().get(Signal.UTILIZATION_PERCENT);
    }
}
