package dev.tokenscale.sim;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/** Writes a worker's metrics in Prometheus' text exposition format 0.0.4, as Python's prometheus_client does. */
final class MetricsExposition {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private MetricsExposition() {}

    /** @param running the requests in flight to export, the model's or a load set by hand */
    static String render(WorkerMetrics metrics, String modelName, double running) {
        EmulatedEngine engine = metrics.engine();
        Map<String, String> labels = new TreeMap<>(engine.constantLabels());
        labels.put("model_name", modelName);
        StringBuilder out = new StringBuilder(4096);
        histogram(out, engine.ttftHistogram(), "Histogram of time to first token in seconds.", labels, metrics.ttft());
        histogram(out, engine.interTokenHistogram(), "Histogram of inter-token latency in seconds.", labels, metrics.interToken());
        gauge(out, engine.usageGauge(), "KV-cache usage. 1 means 100 percent usage.", labels, metrics.usage());
        gauge(out, engine.waitingGauge(), "Number of requests waiting to be processed.", labels, metrics.waiting());
        gauge(out, engine.runningGauge(), "Number of requests in model execution batches.", labels, running);
        String counter = engine.generationTokensCounter();
        out.append("# HELP ").append(counter).append(" Number of generation tokens processed.\n");
        out.append("# TYPE ").append(counter).append(" counter\n");
        sample(out, counter + "_total", labels, metrics.generationTokens());
        return out.toString();
    }

    private static void histogram(StringBuilder out, String name, String help, Map<String, String> labels, CumulativeHistogram histogram) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" histogram\n");
        for (int i = 0; i < histogram.bounds().size(); i++) {
            Map<String, String> withBound = new TreeMap<>(labels);
            withBound.put("le", BigDecimal.valueOf(histogram.bounds().get(i)).toPlainString());
            sample(out, name + "_bucket", withBound, histogram.cumulativeCount(i));
        }
        Map<String, String> infinity = new TreeMap<>(labels);
        infinity.put("le", "+Inf");
        sample(out, name + "_bucket", infinity, histogram.count());
        sample(out, name + "_count", labels, histogram.count());
        sample(out, name + "_sum", labels, histogram.sum());
    }

    private static void gauge(StringBuilder out, String name, String help, Map<String, String> labels, double value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" gauge\n");
        sample(out, name, labels, value);
    }

    private static void sample(StringBuilder out, String name, Map<String, String> labels, double value) {
        out.append(name).append('{');
        boolean first = true;
        for (Map.Entry<String, String> label : labels.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append(label.getKey()).append("=\"").append(escape(label.getValue())).append('"');
        }
        out.append("} ").append(value).append('\n');
    }

    /** The exposition format's label-value escapes: backslash, double quote and line feed. */
    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
