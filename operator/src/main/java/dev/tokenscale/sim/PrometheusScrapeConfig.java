package dev.tokenscale.sim;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A minimal {@code prometheus.yml} that scrapes given metrics URLs, each with its own extra labels
 * (say namespace and pod, which Kubernetes service discovery would add), so emulated workers can be
 * read back through the same label matchers as real pods.
 */
public final class PrometheusScrapeConfig {

    /** A full metrics URL and the labels Prometheus attaches to every series scraped from it. */
    public record Target(URI metricsUrl, Map<String, String> labels) {

        public Target {
            labels = Map.copyOf(labels);
        }
    }

    private PrometheusScrapeConfig() {}

    /** Scrapes and evaluates every {@code interval}; each target is its own static config so it keeps its labels. */
    public static String render(String jobName, Duration interval, List<Target> targets) {
        String seconds = interval.toSeconds() + "s";
        StringBuilder yaml = new StringBuilder();
        yaml.append("global:\n");
        yaml.append("  scrape_interval: ").append(seconds).append('\n');
        yaml.append("  scrape_timeout: ").append(seconds).append('\n');
        yaml.append("  evaluation_interval: ").append(seconds).append('\n');
        yaml.append("scrape_configs:\n");
        yaml.append("  - job_name: ").append(yamlString(jobName)).append('\n');
        yaml.append("    static_configs:\n");
        for (Target target : targets) {
            URI url = target.metricsUrl();
            yaml.append("      - targets: [").append(yamlString(url.getHost() + ":" + url.getPort())).append("]\n");
            Map<String, String> labels = new TreeMap<>(target.labels());
            labels.put("__metrics_path__", url.getPath() == null || url.getPath().isEmpty() ? "/metrics" : url.getPath());
            yaml.append("        labels:\n");
            labels.forEach((name, value) ->
                    yaml.append("          ").append(name).append(": ").append(yamlString(value)).append('\n'));
        }
        return yaml.toString();
    }

    /** A YAML double-quoted scalar holding exactly {@code value}, whatever quotes or line breaks it has. */
    private static String yamlString(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c < 0x20 ? String.format("\\x%02x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }
}
