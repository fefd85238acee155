package dev.tokenscale.signals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * What a preset's PromQL does above its innermost aggregations, evaluated in Java on one pool's share
 * of a batch: numbers, the pool's re-aggregated leaves, arithmetic and set operators between them, and
 * the functions {@code histogram_quantile}, {@code clamp_min} and {@code clamp_max}. Each does what
 * Prometheus does with the same operands, so the pool gets the number its own query would give.
 */
sealed interface PoolExpression {


    /** One evaluated operand: a scalar, or an instant vector. */
    record Value(double scalar, Map<Map<String, String>, Double> vector) {
        static Value ofScalar(double value) {
            return new Value(value, null);
        }

        static Value ofVector(Map<Map<String, String>, Double> vector) {
            return new Value(Double.NaN, vector);
        }

        boolean isScalar() {
            return vector == null;
        }
    }

    /** Whether this yields a scalar; checked when parsing, so evaluation meets no type error. */
    boolean scalar();

    Value evaluate(List<Map<Map<String, String>, Double>> leaves);

    record Number(double value) implements PoolExpression {
        @Override
        public boolean scalar() {
            return true;
        }

        @Override
        public Value evaluate(List<Map<Map<String, String>, Double>> leaves) {
            return Value.ofScalar(value);
        }
    }

    /** The pool's share of the batch's leaf aggregation number {@code index}, re-aggregated. */
    record Leaf(int index) implements PoolExpression {
        @Override
        public boolean scalar() {
            return false;
        }

        @Override
        public Value evaluate(List<Map<Map<String, String>, Double>> leaves) {
            return Value.ofVector(leaves.get(index));
        }
    }

    /** {@code + - * / % ^} and, between vectors, {@code and or unless}, without on/ignoring: label sets match as a whole. */
    record Binary(String operator, PoolExpression left, PoolExpression right) implements PoolExpression {
        @Override
        public boolean scalar() {
            return left.scalar() && right.scalar();
        }

        @Override
        public Value evaluate(List<Map<Map<String, String>, Double>> leaves) {
            Value l = left.evaluate(leaves);
            Value r = right.evaluate(leaves);
            if (l.isScalar() && r.isScalar()) {
                return Value.ofScalar(arithmetic(l.scalar(), r.scalar()));
            }
            if (l.isScalar() || r.isScalar()) {
                Map<Map<String, String>, Double> out = new LinkedHashMap<>();
                Map<Map<String, String>, Double> vector = l.isScalar() ? r.vector() : l.vector();
                vector.forEach((labels, value) -> out.put(labels,
                        l.isScalar() ? arithmetic(l.scalar(), value) : arithmetic(value, r.scalar())));
                return Value.ofVector(out);
            }
            Map<Map<String, String>, Double> out = new LinkedHashMap<>();
            switch (operator) {
                case "or" -> {
                    out.putAll(l.vector());
                    r.vector().forEach(out::putIfAbsent);
                }
                case "and" -> l.vector().forEach((labels, value) -> {
                    if (r.vector().containsKey(labels)) {
                        out.put(labels, value);
                    }
                });
                case "unless" -> l.vector().forEach((labels, value) -> {
                    if (!r.vector().containsKey(labels)) {
                        out.put(labels, value);
                    }
                });
                default -> l.vector().forEach((labels, value) -> {
                    Double other = r.vector().get(labels);
                    if (other != null) {
                        out.put(labels, arithmetic(value, other));
                    }
                });
            }
            return Value.ofVector(out);
        }

        static boolean isSetOperator(String operator) {
            return operator.equals("or") || operator.equals("and") || operator.equals("unless");
        }

        private double arithmetic(double a, double b) {
            return switch (operator) {
                case "+" -> a + b;
                case "-" -> a - b;
                case "*" -> a * b;
                case "/" -> a / b;
                // Go's math.Mod: the result has the sign of a, like Java's %.
                case "%" -> a % b;
                case "^" -> Math.pow(a, b);
                default -> throw new IllegalStateException("not an arithmetic operator: " + operator);
            };
        }
    }

    /** {@code histogram_quantile(q, v)}, {@code clamp_min(v, s)} or {@code clamp_max(v, s)}. */
    record Call(String function, PoolExpression first, PoolExpression second) implements PoolExpression {
        @Override
        public boolean scalar() {
            return false;
        }

        @Override
        public Value evaluate(List<Map<Map<String, String>, Double>> leaves) {
            Value a = first.evaluate(leaves);
            Value b = second.evaluate(leaves);
            Map<Map<String, String>, Double> out = new LinkedHashMap<>();
            switch (function) {
                case "histogram_quantile" -> quantiles(a.scalar(), b.vector(), out);
                // Go's math.Max and math.Min return NaN if either side is NaN, as Java's do.
                case "clamp_min" -> a.vector().forEach((labels, value) -> out.put(labels, Math.max(value, b.scalar())));
                case "clamp_max" -> a.vector().forEach((labels, value) -> out.put(labels, Math.min(value, b.scalar())));
                default -> throw new IllegalStateException("not a supported function: " + function);
            }
            return Value.ofVector(out);
        }

        /** One quantile per label set without {@code le}; a series whose le is no number counts in no bucket. */
        private static void quantiles(double q, Map<Map<String, String>, Double> buckets, Map<Map<String, String>, Double> out) {
            Map<Map<String, String>, List<HistogramQuantile.Bucket>> histograms = new LinkedHashMap<>();
            buckets.forEach((labels, count) -> {
                OptionalDouble bound = HistogramQuantile.upperBound(labels.get("le"));
                if (bound.isEmpty()) {
                    return;
                }
                Map<String, String> rest = new HashMap<>(labels);
                rest.remove("le");
                histograms.computeIfAbsent(Map.copyOf(rest), key -> new ArrayList<>())
                        .add(new HistogramQuantile.Bucket(bound.getAsDouble(), count));
            });
            histograms.forEach((labels, histogram) -> out.put(labels, HistogramQuantile.of(q, histogram)));
        }
    }
}
