package dev.tokenscale.signals;

import java.util.Objects;

/** One PromQL label matcher. Values are raw; rendering escapes them. */
public record LabelMatcher(String label, Op op, String value) {

    public enum Op {
        EQUALS("="),
        REGEX("=~");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    public LabelMatcher {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(value, "value");
        if (!label.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
            throw new IllegalArgumentException("invalid Prometheus label name '" + label + "'");
        }
    }

    public static LabelMatcher equalTo(String label, String value) {
        return new LabelMatcher(label, Op.EQUALS, value);
    }

    public static LabelMatcher matching(String label, String regex) {
        return new LabelMatcher(label, Op.REGEX, regex);
    }
}
