package dev.tokenscale.signals;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * An alternation of literal names as a Prometheus (RE2) regex, {@code a|b\.c}, and back. Every RE2
 * metacharacter is escaped, so each name matches only itself (Prometheus anchors the whole regex), and
 * the batch split can tell exactly which names a pool's {@code pod=~"..."} matcher lists without
 * running a regex engine whose dialect differs from Prometheus'.
 */
public final class RegexLiteral {

    private static final String METACHARACTERS = "\\.+*?()|[]{}^$";

    private RegexLiteral() {}

    /** Escapes RE2 metacharacters so a name matches only itself. */
    public static String escape(String literal) {
        StringBuilder out = new StringBuilder(literal.length() + 8);
        for (char c : literal.toCharArray()) {
            if (METACHARACTERS.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** The names joined as one alternation. */
    public static String alternation(Iterable<String> literals) {
        StringBuilder out = new StringBuilder();
        for (String literal : literals) {
            if (out.length() > 0) {
                out.append('|');
            }
            out.append(escape(literal));
        }
        return out.toString();
    }

    /**
     * The names an alternation written by {@link #alternation} lists; empty for any other regex (an
     * unescaped metacharacter, a dangling backslash, an empty alternative), which is then no list of names.
     */
    public static Optional<Set<String>> names(String regex) {
        Set<String> names = new LinkedHashSet<>();
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                if (i + 1 >= regex.length() || METACHARACTERS.indexOf(regex.charAt(i + 1)) < 0) {
                    return Optional.empty();
                }
                name.append(regex.charAt(++i));
            } else if (c == '|') {
                if (name.length() == 0) {
                    return Optional.empty();
                }
                names.add(name.toString());
                name.setLength(0);
            } else if (METACHARACTERS.indexOf(c) >= 0) {
                return Optional.empty();
            } else {
                name.append(c);
            }
        }
        if (name.length() == 0) {
            return Optional.empty();
        }
        names.add(name.toString());
        return Optional.of(names);
    }
}
