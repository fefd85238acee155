package dev.tokenscale.signals;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits PromQL into tokens the way Prometheus' own lexer does, as far as deciding where vector
 * selectors are needs: identifiers, numbers and durations, the three kinds of string literal (with
 * escapes), {@code #} comments, white space and punctuation. Anything it does not know is refused,
 * so a character Prometheus might read differently can never hide a selector.
 */
final class PromQlLexer {

    enum Type { IDENTIFIER, NUMBER, STRING, COMMENT, SPACE, LEFT_BRACE, RIGHT_BRACE, LEFT_PAREN, RIGHT_PAREN,
        LEFT_BRACKET, RIGHT_BRACKET, COMMA, AT, COLON, MATCH_OP, COMPARISON_OP, ARITHMETIC_OP }

    /** One token: its type and its exact text at {@code start} in the query. */
    record Token(Type type, String text, int start) {
        boolean is(Type other) {
            return type == other;
        }

        boolean significant() {
            return type != Type.SPACE && type != Type.COMMENT;
        }
    }

    private PromQlLexer() {}

    /** @throws IllegalArgumentException naming the position of the first thing that is not PromQL */
    static List<Token> tokens(String query) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = query.length();
        // Inside [...] a ':' separates a subquery's range from its step, as in Prometheus' lexer;
        // elsewhere it can start a metric name (recording rules' level:metric:operation).
        int brackets = 0;
        while (i < n) {
            char c = query.charAt(i);
            int start = i;
            Type type;
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                while (i < n && " \t\n\r".indexOf(query.charAt(i)) >= 0) {
                    i++;
                }
                type = Type.SPACE;
            } else if (c == '#') {
                while (i < n && query.charAt(i) != '\n') {
                    i++;
                }
                type = Type.COMMENT;
            } else if (c == '"' || c == '\'') {
                i = endOfQuoted(query, i, c);
                type = Type.STRING;
            } else if (c == '`') {
                int close = query.indexOf('`', i + 1);
                if (close < 0) {
                    throw refused(query, start, "a raw string that never ends");
                }
                i = close + 1;
                type = Type.STRING;
            } else if (isDigit(c) || (c == '.' && i + 1 < n && isDigit(query.charAt(i + 1)))) {
                // Digits, '.', hex digits, exponents and duration units: greedy, since Prometheus refuses
                // a number that runs into letters, so nothing swallowed here can be a name to it.
                while (i < n && (Character.isLetterOrDigit(query.charAt(i)) && query.charAt(i) < 128 || query.charAt(i) == '.'
                        || query.charAt(i) == '_')) {
                    i++;
                }
                type = Type.NUMBER;
            } else if (c == ':' && brackets > 0) {
                i++;
                type = Type.COLON;
            } else if (isIdentifierStart(c)) {
                while (i < n && isIdentifierPart(query.charAt(i))) {
                    i++;
                }
                type = Type.IDENTIFIER;
            } else {
                String two = i + 1 < n ? query.substring(i, i + 2) : "";
                switch (two) {
                    case "=~", "!~" -> {
                        i += 2;
                        type = Type.MATCH_OP;
                    }
                    case "==", "!=", "<=", ">=" -> {
                        i += 2;
                        type = Type.COMPARISON_OP;
                    }
                    default -> {
                        i++;
                        type = switch (c) {
                            case '{' -> Type.LEFT_BRACE;
                            case '}' -> Type.RIGHT_BRACE;
                            case '(' -> Type.LEFT_PAREN;
                            case ')' -> Type.RIGHT_PAREN;
                            case '[' -> Type.LEFT_BRACKET;
                            case ']' -> Type.RIGHT_BRACKET;
                            case ',' -> Type.COMMA;
                            case '@' -> Type.AT;
                            case ':' -> Type.COLON;
                            case '=' -> Type.MATCH_OP;
                            case '<', '>' -> Type.COMPARISON_OP;
                            case '+', '-', '*', '/', '%', '^' -> Type.ARITHMETIC_OP;
                            default -> throw refused(query, start, "the character '" + printable(c) + "'");
                        };
                    }
                }
            }
            if (type == Type.LEFT_BRACKET) {
                brackets++;
            } else if (type == Type.RIGHT_BRACKET) {
                brackets = Math.max(0, brackets - 1);
            }
            tokens.add(new Token(type, query.substring(start, i), start));
        }
        return tokens;
    }

    private static int endOfQuoted(String query, int open, char quote) {
        int i = open + 1;
        while (i < query.length()) {
            char c = query.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else {
                i++;
            }
        }
        throw refused(query, open, "a string that never ends");
    }

    static boolean isIdentifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
    }

    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || isDigit(c);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static String printable(char c) {
        return c < 0x20 || c == 0x7f || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    static IllegalArgumentException refused(String query, int position, String what) {
        return new IllegalArgumentException("cannot read the query at character " + (position + 1) + ": " + what);
    }
}
