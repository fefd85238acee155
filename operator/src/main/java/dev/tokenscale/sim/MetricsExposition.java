package dev.tokenscale.sim;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/** Writes a worker's metrics in Prometheus' text exposition format 0.0.4, as Python's prometheus_client does. */
final class MetricsExposition {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    static final String TTFT_HELP = "Histogram of time to first token in seconds.";
    static final String INTER_TOKEN_HELP = "Histogram of inter-token latency in seconds.";
    static final String USAGE_HELP = "KV-cache usage. 1 means 100 percent usage.";
    static final String WAITING_HELP = "Number of requests waiting to be processed.";
    static final String RUNNING_HELP = "Number of requests in model execution batches.";
    static final String TOKENS_HELP = "Number of generation tokens processed.";

    private MetricsExposition() {}

    /** @param running the requests in flight to export, the model's or a load set by hand */
    static String render(WorkerMetrics metrics, String modelName, double running) {
        EmulatedEngine engine = metrics.engine();
        Map<String, String> labels = new TreeMap<>(engine.constantLabels());
        labels.put("model_name", modelName);
        StringBuilder out = new StringBuilder(4096);
        histogram(out, engine.ttftHistogram(), TTFT_HELP, labels, metrics.ttft());
        histogram(out, engine.interTokenHistogram(), INTER_TOKEN_HELP, labels, metrics.interToken());
        gauge(out, engine.usageGauge(), USAGE_HELP, labels, metrics.usage());
        gauge(out, engine.waitingGauge(), WAITING_HELP, labels, metrics.waiting());
        gauge(out, engine.runningGauge(), RUNNING_HELP, labels, running);
        String counter = engine.generationTokensCounter();
        header(out, counter, TOKENS_HELP, "counter");
        sample(out, counter + "_total", labels, metrics.generationTokens());
        return out.toString();
    }

    private static void histogram(StringBuilder out, String name, String help, Map<String, String> labels, CumulativeHistogram histogram) {
        header(out, name, help, "histogram");
        for (int i = 0; i < histogram.bounds().size(); i++) {
            Map<String, String> withBound = new TreeMap<>(labels);
            withBound.put("le", le(histogram.bounds().get(i)));
            sample(out, name + "_bucket", withBound, histogram.cumulativeCount(i));
        }
        Map<String, String> infinity = new TreeMap<>(labels);
        infinity.put("le", "+Inf");
        sample(out, name + "_bucket", infinity, histogram.count());
        sample(out, name + "_count", labels, histogram.count());
        sample(out, name + "_sum", labels, histogram.sum());
    }

    /** A bucket bound as the Python client writes it: 0.1, 20.0, never 1E+1. */
    static String le(double bound) {
        return BigDecimal.valueOf(bound).toPlainString();
    }

    private static void gauge(StringBuilder out, String name, String help, Map<String, String> labels, double value) {
        header(out, name, help, "gauge");
        sample(out, name, labels, value);
    }

    static void sample(StringBuilder out, String name, Map<String, String> labels, double value) {
        sampleText(out, name, labels, value);
        out.append('\n');
    }

    /** A sample with its own time, which Prometheus then uses instead of the scrape's. */
    static void sample(StringBuilder out, String name, Map<String, String> labels, double value, long timestampMillis) {
        sampleText(out, name, labels, value);
        out.append(' ').append(timestampMillis).append('\n');
    }

    static void header(StringBuilder out, String name, String help, String type) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sampleText(StringBuilder out, String name, Map<String, String> labels, double value) {
        out.append(name).append('{');
        boolean first = true;
        for (Map.Entry<String, String> label : labels.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append(label.getKey()).append("=\"").append(escape(label.getValue())).append('"');
        }
        out.append("} ").append(value);
    }

    /** The exposition format's label-value escapes: backslash, double quote and line feed. */
    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
