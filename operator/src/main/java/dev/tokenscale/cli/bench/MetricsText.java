package dev.tokenscale.cli.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The samples of a Prometheus text exposition (format 0.0.4), as the benchmark reads the operator's
 * and Prometheus' own {@code /metrics}: name, labels, value; comments and timestamps are skipped.
 */
record MetricsText(List<Sample> samples) {

    record Sample(String name, Map<String, String> labels, double value) {}

    /** @param wanted which metric names to keep; the rest is not even split into labels */
    static MetricsText parse(String text, Predicate<String> wanted) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.charAt(0) == '#') {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            int nameEnd = brace >= 0 && (space < 0 || brace < space) ? brace : space;
            if (nameEnd <= 0) {
                continue;
            }
            String name = line.substring(0, nameEnd);
            if (!wanted.test(name)) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            int rest = nameEnd;
            if (nameEnd == brace) {
                rest = labels(line, brace + 1, labels);
            }
            String[] fields = line.substring(rest).trim().split(" ");
            samples.add(new Sample(name, labels, number(fields[0])));
        }
        return new MetricsText(samples);
    }

    /** The sum of every sample of {@code name} whose labels include {@code having}. */
    double sum(String name, Map<String, String> having) {
        double total = 0;
        for (Sample s : samples) {
            if (s.name().equals(name) && s.labels().entrySet().containsAll(having.entrySet())) {
                total += s.value();
            }
        }
        return total;
    }

    List<Sample> named(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    /** Reads {@code a="x",b="y"}} from {@code from}; returns the index after the closing brace. */
    private static int labels(String line, int from, Map<String, String> labels) {
        int i = from;
        while (i < line.length() && line.charAt(i) != '}') {
            int equals = line.indexOf('=', i);
            String key = line.substring(i, equals).trim();
            StringBuilder value = new StringBuilder();
            int j = equals + 2; // past ="
            while (line.charAt(j) != '"') {
                char c = line.charAt(j);
                if (c == '\\') {
                    char next = line.charAt(++j);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(c);
                }
                j++;
            }
            labels.put(key, value.toString());
            i = j + 1;
            if (i < line.length() && line.charAt(i) == ',') {
                i++;
            }
        }
        return i + 1;
    }

    private static double number(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }
}
