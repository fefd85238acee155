package dev.tokenscale.signals;

import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders a pool's label matchers as the inside of a PromQL selector, {@code namespace="ns",app="x"}.
 *
 * <p>Values are written as double-quoted PromQL string literals with every character that could end
 * the literal or the line escaped, so a hostile selector value stays one literal value: it can neither
 * break the query nor add a matcher that widens it beyond the pool's namespace. Characters such as
 * {@code '}'}, {@code ','} or {@code '='} need no escape inside a quoted literal.
 */
public final class PromQlSelector {

    private PromQlSelector() {}

    /**
     * @throws IllegalArgumentException unless the first matcher is {@code namespace="<non-empty>"},
     *     the guard that keeps every query inside the pool's namespace
     */
    public static String render(List<LabelMatcher> matchers) {
        if (matchers.isEmpty()) {
            throw new IllegalArgumentException("no label matchers: the first one must be namespace=\"<pool namespace>\"");
        }
        LabelMatcher first = matchers.get(0);
        if (!first.label().equals("namespace") || first.op() != LabelMatcher.Op.EQUALS || first.value().isEmpty()) {
            throw new IllegalArgumentException("the first label matcher must be namespace=\"<pool namespace>\", got "
                    + first.label() + first.op().symbol() + quote(first.value()));
        }
        return matchers.stream()
                .map(m -> m.label() + m.op().symbol() + quote(m.value()))
                .collect(Collectors.joining(","));
    }

    /** The namespace matcher of a batch, {@code namespace=~"a|b"}, each name escaped to match only itself. */
    static String renderNamespaceSet(Collection<String> namespaces) {
        LabelMatcher set = ScopedQuery.namespaceSet(namespaces);
        return set.label() + set.op().symbol() + quote(set.value());
    }

    /** A PromQL double-quoted string literal holding exactly {@code value}. */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        value.codePoints().forEach(c -> {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029) {
                        // PromQL's lexer rejects raw control characters inside a literal; \\u keeps them exact.
                        out.append(String.format("\\u%04x", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.append('"').toString();
    }
}
