package dev.tokenscale.signals;

import dev.tokenscale.signals.PromQlLexer.Token;
import dev.tokenscale.signals.PromQlLexer.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A scoped preset query cut where a batch can cut it: its innermost aggregations ("leaves", such as
 * {@code sum by (le) (rate(x_bucket{...}[2m]))}), which Prometheus computes for every pool at once
 * with the pools' distinguishing labels added to {@code by}, and the expression above them, which
 * Java evaluates per pool ({@link PoolExpression}).
 *
 * <p>Only shapes that split faithfully are accepted: a leaf is {@code sum}, {@code avg}, {@code min},
 * {@code max} or {@code count}, optionally {@code by} plain label names, over an expression that works
 * series by series (selectors, range functions from a fixed list, arithmetic and set operators without
 * {@code on}/{@code ignoring}); above the leaves only numbers, arithmetic, set operators,
 * {@code histogram_quantile}, {@code clamp_min} and {@code clamp_max}. Anything else is
 * {@link Optional#empty()}, and such a query stays one query per pool.
 */
record SplitQuery(List<Leaf> leaves, PoolExpression expression) {

    /**
     * One innermost aggregation.
     *
     * @param operator sum, avg, min, max or count
     * @param by its own grouping labels, often none or {@code le}
     * @param inner the scoped PromQL it aggregates, as written
     */
    record Leaf(String operator, List<String> by, String inner) {}

    private static final Set<String> LEAF_AGGREGATIONS = Set.of("sum", "avg", "min", "max", "count");
    private static final Set<String> ALL_AGGREGATIONS = Set.of("sum", "avg", "count", "min", "max", "group", "stddev", "stdvar",
            "topk", "bottomk", "quantile", "count_values", "limitk", "limit_ratio");
    /** Functions that map each series to itself, so a pool's series give the same values in any batch. */
    private static final Set<String> PER_SERIES_FUNCTIONS = Set.of("rate", "irate", "increase", "delta", "idelta", "deriv",
            "avg_over_time", "sum_over_time", "min_over_time", "max_over_time", "count_over_time", "last_over_time",
            "timestamp", "abs", "ceil", "floor", "clamp", "clamp_min", "clamp_max", "exp", "ln", "log2", "log10", "sqrt");
    private static final Pattern DECIMAL = Pattern.compile("(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
    private static final Set<String> MATCHING_MODIFIERS = Set.of("on", "ignoring", "group_left", "group_right");

    SplitQuery {
        leaves = List.copyOf(leaves);
    }

    /** @param scoped a query already scoped by {@link ScopedQuery}, so every selector in a leaf's inner text is too */
    static Optional<SplitQuery> of(String scoped) {
        List<Token> tokens;
        try {
            tokens = PromQlLexer.tokens(scoped).stream().filter(Token::significant).toList();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        Parser parser = new Parser(scoped, tokens);
        try {
            PoolExpression expression = parser.expression();
            if (parser.position != tokens.size() || parser.leaves.isEmpty() || expression.scalar()) {
                return Optional.empty();
            }
            return Optional.of(new SplitQuery(parser.leaves, expression));
        } catch (Unsplittable e) {
            return Optional.empty();
        }
    }

    /** Thrown inside the parser for any shape it does not split; never leaves this class. */
    private static final class Unsplittable extends RuntimeException {
        Unsplittable() {
            super(null, null, false, false);
        }
    }

    private static final class Parser {
        private final String text;
        private final List<Token> tokens;
        private final List<Leaf> leaves = new ArrayList<>();
        private int position;

        Parser(String text, List<Token> tokens) {
            this.text = text;
            this.tokens = tokens;
        }

        PoolExpression expression() {
            return or();
        }

        private PoolExpression or() {
            PoolExpression left = andUnless();
            while (isWord("or")) {
                position++;
                left = setOperation("or", left, andUnless());
            }
            return left;
        }

        private PoolExpression andUnless() {
            PoolExpression left = additive();
            while (isWord("and") || isWord("unless")) {
                String operator = lower(tokens.get(position++));
                left = setOperation(operator, left, additive());
            }
            return left;
        }

        private PoolExpression setOperation(String operator, PoolExpression left, PoolExpression right) {
            if (left.scalar() || right.scalar()) {
                throw new Unsplittable();
            }
            return new PoolExpression.Binary(operator, left, right);
        }

        private PoolExpression additive() {
            PoolExpression left = multiplicative();
            while (isOperator("+") || isOperator("-")) {
                String operator = tokens.get(position++).text();
                left = new PoolExpression.Binary(operator, left, multiplicative());
            }
            return left;
        }

        private PoolExpression multiplicative() {
            PoolExpression left = power();
            while (isOperator("*") || isOperator("/") || isOperator("%")) {
                String operator = tokens.get(position++).text();
                left = new PoolExpression.Binary(operator, left, power());
            }
            return left;
        }

        /** {@code ^} binds tightest of the binary operators and groups to the right, as in PromQL. */
        private PoolExpression power() {
            PoolExpression base = primary();
            if (isOperator("^")) {
                position++;
                return new PoolExpression.Binary("^", base, power());
            }
            return base;
        }

        private PoolExpression primary() {
            Token token = next();
            if (token.is(Type.NUMBER)) {
                return new PoolExpression.Number(number(token.text()));
            }
            if (token.is(Type.LEFT_PAREN)) {
                PoolExpression inside = expression();
                expect(Type.RIGHT_PAREN);
                return inside;
            }
            if (!token.is(Type.IDENTIFIER)) {
                throw new Unsplittable();
            }
            String word = lower(token);
            if (LEAF_AGGREGATIONS.contains(word)) {
                return leaf(word);
            }
            if (word.equals("histogram_quantile") || word.equals("clamp_min") || word.equals("clamp_max")) {
                expect(Type.LEFT_PAREN);
                PoolExpression first = expression();
                expect(Type.COMMA);
                PoolExpression second = expression();
                expect(Type.RIGHT_PAREN);
                boolean quantile = word.equals("histogram_quantile");
                if (quantile ? !first.scalar() || second.scalar() : first.scalar() || !second.scalar()) {
                    throw new Unsplittable();
                }
                return new PoolExpression.Call(word, first, second);
            }
            throw new Unsplittable();
        }

        private PoolExpression leaf(String operator) {
            List<String> by = List.of();
            if (isWord("by")) {
                position++;
                by = labelList();
            }
            int open = position;
            expect(Type.LEFT_PAREN);
            int close = matchingParen(open);
            checkPerSeries(open + 1, close);
            position = close + 1;
            if (isWord("by")) {
                if (!by.isEmpty()) {
                    throw new Unsplittable();
                }
                position++;
                by = labelList();
            }
            if (isWord("without")) {
                throw new Unsplittable();
            }
            String inner = text.substring(tokens.get(open).start() + 1, tokens.get(close).start()).strip();
            leaves.add(new Leaf(operator, by, inner));
            return new PoolExpression.Leaf(leaves.size() - 1);
        }

        private List<String> labelList() {
            expect(Type.LEFT_PAREN);
            List<String> labels = new ArrayList<>();
            while (!peekIs(Type.RIGHT_PAREN)) {
                Token label = next();
                if (!label.is(Type.IDENTIFIER) || label.text().contains(":")) {
                    throw new Unsplittable();
                }
                labels.add(label.text());
                if (peekIs(Type.COMMA)) {
                    position++;
                }
            }
            position++;
            return List.copyOf(labels);
        }

        /** The inner tokens must work series by series: no aggregation, no vector matching, only per-series functions. */
        private void checkPerSeries(int from, int to) {
            int braces = 0;
            for (int i = from; i < to; i++) {
                Token token = tokens.get(i);
                if (token.is(Type.LEFT_BRACE)) {
                    braces++;
                } else if (token.is(Type.RIGHT_BRACE)) {
                    braces--;
                } else if (braces == 0 && token.is(Type.IDENTIFIER)) {
                    String word = lower(token);
                    boolean call = i + 1 < to && tokens.get(i + 1).is(Type.LEFT_PAREN);
                    boolean grouped = i + 1 < to && tokens.get(i + 1).is(Type.IDENTIFIER)
                            && (lower(tokens.get(i + 1)).equals("by") || lower(tokens.get(i + 1)).equals("without"));
                    if (ALL_AGGREGATIONS.contains(word) && (call || grouped) || MATCHING_MODIFIERS.contains(word)
                            || call && !PER_SERIES_FUNCTIONS.contains(word)) {
                        throw new Unsplittable();
                    }
                }
            }
        }

        private int matchingParen(int open) {
            int depth = 0;
            for (int i = open; i < tokens.size(); i++) {
                if (tokens.get(i).is(Type.LEFT_PAREN)) {
                    depth++;
                } else if (tokens.get(i).is(Type.RIGHT_PAREN) && --depth == 0) {
                    return i;
                }
            }
            throw new Unsplittable();
        }

        private Token next() {
            if (position >= tokens.size()) {
                throw new Unsplittable();
            }
            return tokens.get(position++);
        }

        private void expect(Type type) {
            if (!next().is(type)) {
                throw new Unsplittable();
            }
        }

        private boolean peekIs(Type type) {
            if (position >= tokens.size()) {
                throw new Unsplittable();
            }
            return tokens.get(position).is(type);
        }

        private boolean isWord(String word) {
            return position < tokens.size() && tokens.get(position).is(Type.IDENTIFIER) && lower(tokens.get(position)).equals(word);
        }

        private boolean isOperator(String operator) {
            return position < tokens.size() && tokens.get(position).is(Type.ARITHMETIC_OP) && tokens.get(position).text().equals(operator);
        }

        /** A plain decimal; hex and durations (which Java would misread: "5d" is 5.0 to it) stay per pool. */
        private static double number(String text) {
            if (!DECIMAL.matcher(text).matches()) {
                throw new Unsplittable();
            }
            return Double.parseDouble(text);
        }

        private static String lower(Token token) {
            return token.text().toLowerCase(Locale.ROOT);
        }
    }
}
