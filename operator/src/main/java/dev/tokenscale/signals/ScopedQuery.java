package dev.tokenscale.signals;

import dev.tokenscale.signals.PromQlLexer.Token;
import dev.tokenscale.signals.PromQlLexer.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Puts a pool's label matchers into every vector selector of a PromQL query, the way prom-label-proxy
 * enforces a tenant label: on the tokens, not on the text, so no comment, string literal or extra
 * selector can widen the query beyond the pool's namespace.
 *
 * <p>Every {@code {...}} outside a string gets the matchers added, and so does every identifier that
 * is not unambiguously a function name or a keyword in its keyword position (an aggregation, a
 * binary operator, a grouping clause, {@code offset}). An identifier that Prometheus might read either
 * way is treated as a selector: scoped, or a parse error, never unscoped. A selector's own matcher on
 * the namespace label must equal the pool's, or the query is refused; other matchers only narrow it
 * further. Comments are dropped from the query sent.
 */
public final class ScopedQuery {

    private static final Set<String> AGGREGATIONS = Set.of("sum", "avg", "count", "min", "max", "group", "stddev", "stdvar",
            "topk", "bottomk", "quantile", "count_values", "limitk", "limit_ratio");
    private static final Set<String> SET_OPERATORS = Set.of("and", "or", "unless", "atan2");
    private static final String NAMESPACE = "namespace";

    private ScopedQuery() {}

    /**
     * @param matchers the pool's matchers; the first is {@code namespace="<pool namespace>"}
     * @return the query with every selector scoped and every comment removed
     * @throws IllegalArgumentException if a selector cannot be scoped, with the reason
     */
    public static String scope(String query, List<LabelMatcher> matchers) {
        if (matchers.isEmpty() || !matchers.get(0).label().equals(NAMESPACE) || matchers.get(0).op() != LabelMatcher.Op.EQUALS) {
            throw new IllegalArgumentException("the first label matcher must be namespace=\"<pool namespace>\"");
        }
        return scopeChecked(query, matchers);
    }

    /**
     * The same scoping for a batch of pools: every selector gets {@code namespace=~"<exactly these
     * namespaces>"}, each name escaped so it matches only itself, and a selector naming any other
     * namespace is refused as in {@link #scope}.
     *
     * @param namespaces the batch's namespaces, none empty
     */
    static String scopeToNamespaces(String query, Collection<String> namespaces) {
        return scopeChecked(query, List.of(namespaceSet(namespaces)));
    }

    /** The matcher {@link #scopeToNamespaces} puts into every selector. */
    static LabelMatcher namespaceSet(Collection<String> namespaces) {
        if (namespaces.isEmpty() || namespaces.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("a batch needs at least one namespace and no empty one, got " + namespaces);
        }
        return LabelMatcher.matching(NAMESPACE, RegexLiteral.alternation(new TreeSet<>(namespaces)));
    }

    private static String scopeChecked(String query, List<LabelMatcher> matchers) {
        Map<String, String> ours = new TreeMap<>();
        List<String> ourTexts = new ArrayList<>();
        for (LabelMatcher m : matchers) {
            String text = m.label() + m.op().symbol() + PromQlSelector.quote(m.value());
            ourTexts.add(text);
            ours.putIfAbsent(m.label(), text);
        }
        List<Token> all = PromQlLexer.tokens(query);
        List<Token> tokens = all.stream().filter(Token::significant).toList();
        // Text to insert after the token at each index of `tokens`.
        Map<Integer, String> insertAfter = new TreeMap<>();
        // The role of every identifier met so far, so that "or" after a selector is read as an operator.
        Map<Integer, Role> roles = new TreeMap<>();
        int brackets = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            switch (token.type()) {
                case LEFT_BRACKET -> brackets++;
                case RIGHT_BRACKET -> brackets--;
                case LEFT_BRACE -> i = scopeMatchers(query, tokens, i, ourTexts, insertAfter);
                case IDENTIFIER -> {
                    if (brackets > 0) {
                        throw PromQlLexer.refused(query, token.start(), "a name inside [...], where only durations belong");
                    }
                    Role role = role(tokens, i, roles);
                    roles.put(i, role);
                    if (role == Role.LABEL_LIST) {
                        i = skipLabelList(query, tokens, i + 1);
                    } else if (role == Role.SELECTOR) {
                        if (i + 1 < tokens.size() && tokens.get(i + 1).is(Type.LEFT_BRACE)) {
                            i = scopeMatchers(query, tokens, i + 1, ourTexts, insertAfter);
                        } else {
                            insertAfter.put(i, "{" + String.join(",", ourTexts) + "}");
                        }
                    }
                }
                default -> { }
            }
        }
        return render(all, tokens, insertAfter);
    }

    private enum Role { SELECTOR, KEYWORD, FUNCTION, LABEL_LIST }

    /** What the identifier at {@code i} is; anything not clearly something else is a selector. */
    private static Role role(List<Token> tokens, int i, Map<Integer, Role> roles) {
        String word = tokens.get(i).text().toLowerCase(Locale.ROOT);
        Token previous = i > 0 ? tokens.get(i - 1) : null;
        Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
        boolean nextIsParen = next != null && next.is(Type.LEFT_PAREN);
        boolean afterOperand = previous != null && endsOperand(previous, roles.get(i - 1));
        if (AGGREGATIONS.contains(word) && next != null
                && (nextIsParen || next.is(Type.IDENTIFIER) && isGrouping(next.text()))) {
            return Role.KEYWORD;
        }
        if (SET_OPERATORS.contains(word) && afterOperand) {
            return Role.KEYWORD;
        }
        if (word.equals("offset") && afterOperand) {
            return Role.KEYWORD;
        }
        if (word.equals("bool") && previous != null && previous.is(Type.COMPARISON_OP)) {
            return Role.KEYWORD;
        }
        if (isGrouping(word) && nextIsParen && previous != null
                && (previous.is(Type.RIGHT_PAREN) || previous.is(Type.IDENTIFIER) && AGGREGATIONS.contains(lower(previous)))) {
            return Role.LABEL_LIST;
        }
        if ((word.equals("on") || word.equals("ignoring")) && nextIsParen && previous != null && isBinaryOperator(previous)) {
            return Role.LABEL_LIST;
        }
        if ((word.equals("group_left") || word.equals("group_right")) && previous != null && previous.is(Type.RIGHT_PAREN)) {
            return nextIsParen ? Role.LABEL_LIST : Role.KEYWORD;
        }
        if (nextIsParen) {
            return Role.FUNCTION;
        }
        return Role.SELECTOR;
    }

    private static boolean isGrouping(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        return lower.equals("by") || lower.equals("without");
    }

    private static boolean isBinaryOperator(Token token) {
        return token.is(Type.ARITHMETIC_OP) || token.is(Type.COMPARISON_OP)
                || token.is(Type.IDENTIFIER) && (SET_OPERATORS.contains(lower(token)) || lower(token).equals("bool"));
    }

    /** Whether {@code token} closes an operand, so that a following {@code or}/{@code offset} is an operator. */
    private static boolean endsOperand(Token token, Role roleIfName) {
        return switch (token.type()) {
            case RIGHT_PAREN, RIGHT_BRACE, RIGHT_BRACKET, NUMBER, STRING -> true;
            // A name that is itself a selector; a keyword before "or" makes that "or" a name too.
            case IDENTIFIER -> roleIfName == Role.SELECTOR;
            default -> false;
        };
    }

    private static String lower(Token token) {
        return token.text().toLowerCase(Locale.ROOT);
    }

    /** Skips {@code ( label, "label", ... )} from the '(' at {@code open}; returns the index of ')'. */
    private static int skipLabelList(String query, List<Token> tokens, int open) {
        for (int j = open + 1; j < tokens.size(); j++) {
            Token t = tokens.get(j);
            if (t.is(Type.RIGHT_PAREN)) {
                return j;
            }
            if (!t.is(Type.IDENTIFIER) && !t.is(Type.STRING) && !t.is(Type.COMMA)) {
                throw PromQlLexer.refused(query, t.start(), "'" + t.text() + "' in a list of label names");
            }
        }
        throw PromQlLexer.refused(query, tokens.get(open).start(), "a list of label names that never ends");
    }

    /**
     * Checks the matchers from the '{' at {@code open} and arranges for the pool's to be added before
     * the '}'; returns the index of '}'.
     */
    private static int scopeMatchers(String query, List<Token> tokens, int open, List<String> ourTexts,
            Map<Integer, String> insertAfter) {
        List<String> present = new ArrayList<>();
        int j = open + 1;
        boolean trailingComma = false;
        boolean empty = true;
        while (true) {
            if (j >= tokens.size()) {
                throw PromQlLexer.refused(query, tokens.get(open).start(), "a selector that never ends");
            }
            Token t = tokens.get(j);
            if (t.is(Type.RIGHT_BRACE)) {
                break;
            }
            // label op "value" | "label" op "value" | "metric name"
            if (t.is(Type.STRING) && (j + 1 >= tokens.size() || tokens.get(j + 1).is(Type.COMMA)
                    || tokens.get(j + 1).is(Type.RIGHT_BRACE))) {
                j++;
            } else if ((t.is(Type.IDENTIFIER) || t.is(Type.STRING)) && j + 2 < tokens.size()
                    && isMatchOperator(tokens.get(j + 1)) && tokens.get(j + 2).is(Type.STRING)) {
                String label = t.is(Type.STRING) ? unquotedName(t.text()) : t.text();
                String text = label + tokens.get(j + 1).text() + tokens.get(j + 2).text();
                if (label.equals(NAMESPACE) && !text.equals(ourTexts.get(0))) {
                    throw PromQlLexer.refused(query, t.start(), "a selector with its own namespace matcher " + text
                            + "; a query may only read the pool's namespace, whose matcher the operator adds to every"
                            + " selector (write {{matchers}}, or nothing)");
                }
                if (label.equals(NAMESPACE) && t.is(Type.STRING)) {
                    throw PromQlLexer.refused(query, t.start(), "a quoted namespace label; write " + ourTexts.get(0));
                }
                present.add(text);
                j += 3;
            } else {
                throw PromQlLexer.refused(query, t.start(), "'" + t.text() + "' in a selector, where label=\"value\" "
                        + "matchers separated by commas belong");
            }
            empty = false;
            trailingComma = false;
            Token after = j < tokens.size() ? tokens.get(j) : null;
            if (after != null && after.is(Type.COMMA)) {
                trailingComma = true;
                j++;
            } else if (after == null) {
                throw PromQlLexer.refused(query, tokens.get(open).start(), "a selector that never ends");
            } else if (!after.is(Type.RIGHT_BRACE)) {
                throw PromQlLexer.refused(query, after.start(), "a selector whose matchers are not separated by commas");
            }
        }
        List<String> missing = ourTexts.stream().filter(text -> !present.contains(text)).toList();
        if (!missing.isEmpty()) {
            String joined = String.join(",", missing);
            insertAfter.put(j - 1, (empty || trailingComma ? "" : ",") + joined);
        }
        return j;
    }

    private static boolean isMatchOperator(Token token) {
        return token.is(Type.MATCH_OP) || token.is(Type.COMPARISON_OP) && token.text().equals("!=");
    }

    /** A quoted label name's text; escapes are kept, so an escaped name never equals a plain one. */
    private static String unquotedName(String literal) {
        return literal.substring(1, literal.length() - 1);
    }

    private static String render(List<Token> all, List<Token> significant, Map<Integer, String> insertAfter) {
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (Token token : all) {
            if (token.is(Type.COMMENT)) {
                continue;
            }
            out.append(token.text());
            if (token.significant()) {
                String insert = insertAfter.get(next);
                if (insert != null) {
                    out.append(insert);
                }
                next++;
            }
        }
        return out.toString().strip();
    }
}
