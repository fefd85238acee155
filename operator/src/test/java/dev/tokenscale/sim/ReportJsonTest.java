package dev.tokenscale.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportJsonTest {

    @Test
    void listsEveryStrategyWithItsFiguresAndAStepSeriesOfEqualLengths() throws Exception {
        ReplayScenario scenario = Scenarios.seed(Scenarios.traffic("seconds,rps\n0,30\n1800,90\n3600,0\n"),
                1, 10, Duration.ofMinutes(1), Duration.ofMinutes(2));
        ReplayResult result = Replay.run(scenario, List.of(
                FixedStrategy.forPeak(scenario.traffic(), new SeedHeadroomSizing(20)),
                Scenarios.scripted("two-then-five", 2, 5)), ReplayProgress.NONE);

        JsonNode json = new ObjectMapper().readTree(ReportJson.render(result));

        List<String> names = new ArrayList<>();
        json.get("strategies").forEach(s -> names.add(s.get("name").asText()));
        assertThat(names).containsExactly("fixed-peak", "two-then-five");
        JsonNode scripted = json.get("strategies").get(1);
        assertThat(scripted.get("dailyCost").asDouble()).isEqualTo((2 + 5 * 59) / 60.0 * 16 * 24);
        assertThat(scripted.get("peakReplicas").asInt()).isEqualTo(5);
        assertThat(scripted.get("averageReplicas").asDouble()).isEqualTo((2 + 5 * 59) / 60.0);
        assertThat(scripted.get("savingsPercent").asDouble()).isCloseTo(1.0, within(1e-9));
        assertThat(scripted.get("sloViolationMinutes").isNumber()).isTrue();
        assertThat(scripted.get("scaleEvents").asInt()).isEqualTo(1);
        assertThat(json.get("strategies").get(0).fieldNames()).toIterable().contains(
                "name", "dailyCost", "peakReplicas", "averageReplicas", "savingsPercent", "savingsVsFixedSloPercent",
                "sloViolationMinutes", "scaleEvents");
        assertThat(scripted.get("savingsVsFixedSloPercent").isNull()).as("fixed-slo was not replayed").isTrue();

        JsonNode series = json.get("series");
        assertThat(series.get("seconds")).hasSize(60);
        assertThat(series.get("rps")).hasSize(60);
        assertThat(series.get("rps").get(45).asDouble()).isEqualTo(90);
        JsonNode replicas = series.get("strategies").get("two-then-five").get("replicas");
        assertThat(replicas).hasSize(60);
        assertThat(replicas.get(0).asInt()).isEqualTo(2);
        assertThat(series.get("strategies").get("two-then-five").get("readyReplicas").get(2).asInt())
                .as("still cold-starting").isEqualTo(2);
        assertThat(json.get("scenario").get("sloTtftP99Ms").asDouble()).isEqualTo(500);
    }

    @Test
    void savingsAgainstFixedSloAreANumberWhenFixedSloWasReplayed() throws Exception {
        ReplayScenario scenario = Scenarios.seed(Scenarios.traffic("seconds,rps\n0,30\n1800,90\n3600,0\n"),
                1, 10, Duration.ofMinutes(1), Duration.ofMinutes(2));
        ReplayResult result = Replay.run(scenario, List.of(FixedStrategy.forSlo(scenario), Scenarios.scripted("three", 3)),
                ReplayProgress.NONE);

        JsonNode json = new ObjectMapper().readTree(ReportJson.render(result));

        // 90 rps at ρ <= 0.70 takes 7 replicas, so 3 all hour cost 3/7 of it.
        assertThat(json.get("strategies").get(1).get("savingsVsFixedSloPercent").asDouble())
                .isCloseTo((1 - 3 / 7.0) * 100, within(1e-9));
    }
}
