package dev.tokenscale.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BenchFiguresTest {

    @Test
    void aQuantileInterpolatesInsideItsBucketAsHistogramQuantileDoes() {
        TreeMap<Double, Double> buckets = new TreeMap<>(Map.of(0.01, 50.0, 0.1, 90.0, 1.0, 100.0, Double.POSITIVE_INFINITY, 100.0));

        assertThat(Interval.quantile(buckets, 0.5)).isCloseTo(0.01, within(1e-12));
        assertThat(Interval.quantile(buckets, 0.7)).as("halfway from 50 to 90").isCloseTo(0.055, within(1e-12));
        assertThat(Interval.quantile(buckets, 0.99)).isCloseTo(0.1 + 0.9 * 0.9, within(1e-12));
        assertThat(Interval.quantile(new TreeMap<>(Map.of(1.0, 0.0, Double.POSITIVE_INFINITY, 0.0)), 0.5)).isNaN();
        assertThat(Interval.quantile(new TreeMap<>(Map.of(1.0, 0.0, Double.POSITIVE_INFINITY, 3.0)), 0.5))
                .as("in +Inf: the highest finite bound").isEqualTo(1.0);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "GET, /apis/apps/v1/namespaces/a/deployments/llama, get deployments",
            "GET, /apis/apps/v1/namespaces/a/deployments/llama/scale, get deployments/scale",
            "GET, /api/v1/namespaces/a/pods?labelSelector=app%3Dllama, list pods",
            "GET, /apis/tokenscale.dev/v1alpha1/inferencepools?watch=true&resourceVersion=5, watch inferencepools",
            "PATCH, /apis/tokenscale.dev/v1alpha1/namespaces/a/inferencepools/p/status, patch inferencepools/status",
            "POST, /api/v1/namespaces/a/events, create events",
            "PUT, /apis/coordination.k8s.io/v1/namespaces/a/leases/l, update leases",
            "GET, /apis/apps/v1, get /apis/apps/v1"})
    void aRequestIsCountedByItsRbacVerbAndResource(String method, String path, String key) {
        assertThat(ApiRequestCounter.key(method, path)).isEqualTo(key);
    }

    @Test
    void theExpositionIsReadWithEscapedLabelValuesAndInfinities() {
        MetricsText text = MetricsText.parse("""
                # HELP x a help
                # TYPE x histogram
                x_bucket{pool="a\\"b",le="0.5"} 3
                x_bucket{pool="a\\"b",le="+Inf"} 4 1700000000000
                jvm_memory_used_bytes{area="heap"} 1.5E7
                jvm_memory_used_bytes{area="nonheap"} 2.0E7
                up 1
                """, name -> !name.equals("up"));

        assertThat(text.named("x_bucket")).extracting(s -> s.labels().get("pool")).containsOnly("a\"b");
        assertThat(text.named("x_bucket").get(1).value()).isEqualTo(4.0);
        assertThat(text.sum("jvm_memory_used_bytes", Map.of("area", "heap"))).isEqualTo(1.5e7);
        assertThat(text.named("up")).isEmpty();
    }
}
