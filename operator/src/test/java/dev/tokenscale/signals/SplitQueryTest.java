package dev.tokenscale.signals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenscale.policy.Signal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SplitQueryTest {

    private static final Duration WINDOW = Duration.ofMinutes(2);

    @Test
    void everyQueryOfTheShippedPresetsSplitsPerPool() {
        PresetCatalog catalog = new PresetCatalog();
        for (String name : List.of("vllm", "sglang")) {
            Preset preset = catalog.resolve(name, java.util.Map.of());
            for (Signal signal : Signal.values()) {
                preset.query(signal).ifPresent(q -> assertThat(BatchQuery.splits(q, WINDOW)).as(name + " " + signal.key()).isTrue());
                preset.requestRateQuery(signal).ifPresent(q -> assertThat(BatchQuery.splits(q, WINDOW)).as(name + " " + signal.key()).isTrue());
            }
        }
    }

    @Test
    void aHistogramQuantileKeepsItsLeavesAndTheQuantileAboveThem() {
        SplitQuery split = SplitQuery.of("histogram_quantile(0.99, sum by (le) (rate(x_bucket{namespace=\"a\"}[2m]))) * 1000").orElseThrow();

        assertThat(split.leaves()).containsExactly(new SplitQuery.Leaf("sum", List.of("le"), "rate(x_bucket{namespace=\"a\"}[2m])"));
        assertThat(split.expression()).isEqualTo(new PoolExpression.Binary("*",
                new PoolExpression.Call("histogram_quantile", new PoolExpression.Number(0.99), new PoolExpression.Leaf(0)),
                new PoolExpression.Number(1000)));
    }

    @Test
    void shapesThatDoNotSplitFaithfullyAreLeftToOneQueryPerPool() {
        assertThat(SplitQuery.of("topk(1, x{namespace=\"a\"})")).isEmpty();
        assertThat(SplitQuery.of("sum without (pod) (x{namespace=\"a\"})")).isEmpty();
        assertThat(SplitQuery.of("sum(x{namespace=\"a\"} / on(pod) y{namespace=\"a\"})")).isEmpty();
        assertThat(SplitQuery.of("sum(sum by (pod) (x{namespace=\"a\"}))")).isEmpty();
        assertThat(SplitQuery.of("rate(x{namespace=\"a\"}[1m])")).isEmpty();
        assertThat(SplitQuery.of("scalar(sum(x{namespace=\"a\"}))")).isEmpty();
        assertThat(SplitQuery.of("sum(x{namespace=\"a\"} or vector(0))")).isEmpty();
        assertThat(SplitQuery.of("sum(x{namespace=\"a\"}) > 5")).isEmpty();
        assertThat(SplitQuery.of("1 + 2")).isEmpty();
        assertThat(SplitQuery.of("sum(x{namespace=\"a\"}) * 5d")).isEmpty();
    }

    @Test
    void precedenceFollowsPromQl() {
        SplitQuery split = SplitQuery.of("sum(a{namespace=\"n\"}) * 2 or sum(b{namespace=\"n\"}) + 1").orElseThrow();

        assertThat(split.expression()).isEqualTo(new PoolExpression.Binary("or",
                new PoolExpression.Binary("*", new PoolExpression.Leaf(0), new PoolExpression.Number(2)),
                new PoolExpression.Binary("+", new PoolExpression.Leaf(1), new PoolExpression.Number(1))));
    }
}
