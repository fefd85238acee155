package dev.tokenscale.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * OpenMetrics text of a vLLM pod's demand over a past span, for {@code promtool tsdb
 * create-blocks-from openmetrics}: the two series the vllm preset's requestsPerSecond reads, the
 * TTFT histogram's count (a counter growing at the demand) and the waiting queue (0, so its deriv
 * adds nothing), with the namespace and pod labels a scrape would have added.
 */
public final class DemandHistoryText {

    /** One pod's series: where, when, and requests per second at each moment. */
    public record PodHistory(String namespace, String pod, Instant from, Instant to, ToDoubleFunction<Instant> rps) {}

    private DemandHistoryText() {}

    /** The samples every {@code step}, each series' samples in time order, ending in {@code # EOF}. */
    public static String render(List<PodHistory> pods, Duration step) {
        StringBuilder out = new StringBuilder();
        out.append("# TYPE vllm:time_to_first_token_seconds_count gauge\n");
        for (PodHistory pod : pods) {
            double count = 0;
            for (Instant t = pod.from(); !t.isAfter(pod.to()); t = t.plus(step)) {
                line(out, "vllm:time_to_first_token_seconds_count", pod, count, t);
                count += pod.rps().applyAsDouble(t) * step.toSeconds();
            }
        }
        out.append("# TYPE vllm:num_requests_waiting gauge\n");
        for (PodHistory pod : pods) {
            for (Instant t = pod.from(); !t.isAfter(pod.to()); t = t.plus(step)) {
                line(out, "vllm:num_requests_waiting", pod, 0, t);
            }
        }
        return out.append("# EOF\n").toString();
    }

    private static void line(StringBuilder out, String name, PodHistory pod, double value, Instant t) {
        out.append(String.format(Locale.ROOT, "%s{namespace=\"%s\",pod=\"%s\"} %.3f %d%n", name, pod.namespace(), pod.pod(),
                value, t.getEpochSecond()));
    }
}
