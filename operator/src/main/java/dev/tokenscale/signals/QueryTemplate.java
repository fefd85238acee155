package dev.tokenscale.signals;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A PromQL text with two placeholders: {@value #MATCHERS} becomes the pool's label matchers without
 * braces (write {@code metric{{{matchers}}}}, or add your own as {@code metric{{{matchers}},code="200"}},
 * the convention of prometheus-adapter's {@code <<.LabelMatchers>>}), and {@value #WINDOW} becomes the
 * pool's window as a PromQL duration such as {@code 2m}.
 *
 * <p>The placeholder is a convenience, not the guard: {@link #scoped} puts the pool's matchers into
 * every selector of the rendered query ({@link ScopedQuery}), wherever {@value #MATCHERS} is or is not.
 */
public record QueryTemplate(String text) {

    public static final String MATCHERS = "{{matchers}}";
    public static final String WINDOW = "{{window}}";

    /** @throws IllegalArgumentException if the text is blank */
    public QueryTemplate {
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            throw new IllegalArgumentException("the PromQL template is empty");
        }
    }

    /** The text with its placeholders filled in, nothing more: see {@link #scoped} for what is sent. */
    public String render(String selector, Duration window) {
        return text.replace(MATCHERS, selector).replace(WINDOW, promQlDuration(window));
    }

    /**
     * The query to send: rendered, then every selector scoped to {@code matchers} and comments removed.
     *
     * @throws IllegalArgumentException if a selector cannot be scoped, or the first matcher is not
     *     {@code namespace="<non-empty>"}
     */
    public String scoped(List<LabelMatcher> matchers, Duration window) {
        return ScopedQuery.scope(render(PromQlSelector.render(matchers), window), matchers);
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
