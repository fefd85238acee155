package dev.tokenscale.signals;

import java.time.Duration;
import java.util.Objects;

/**
 * A PromQL text with two placeholders: {@value #MATCHERS} becomes the pool's label matchers without
 * braces (write {@code metric{{{matchers}}}}, or add your own as {@code metric{{{matchers}},code="200"}},
 * the convention of prometheus-adapter's {@code <<.LabelMatchers>>}), and {@value #WINDOW} becomes the
 * pool's window as a PromQL duration such as {@code 2m}.
 */
public record QueryTemplate(String text) {

    public static final String MATCHERS = "{{matchers}}";
    public static final String WINDOW = "{{window}}";

    /**
     * @throws IllegalArgumentException if the text has no {@value #MATCHERS}: such a query would read
     *     series of every namespace, not the pool's
     */
    public QueryTemplate {
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            throw new IllegalArgumentException("the PromQL template is empty");
        }
        if (!text.contains(MATCHERS)) {
            throw new IllegalArgumentException("the PromQL template has no " + MATCHERS
                    + ", so it would read series outside the pool's namespace: " + text);
        }
    }

    public String render(String selector, Duration window) {
        return text.replace(MATCHERS, selector).replace(WINDOW, promQlDuration(window));
    }

    /** The shortest exact PromQL spelling of a duration: 2m, 90s, 1500ms. */
    static String promQlDuration(Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the window must be positive, got " + window);
        }
        long millis = window.toMillis();
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }
}
