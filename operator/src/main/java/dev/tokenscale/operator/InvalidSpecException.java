package dev.tokenscale.operator;

/**
 * A pool spec the operator cannot act on. The message always starts with the field's path, e.g.
 * {@code spec.cooldown.scaleUp: ...}, so a status condition, an Event or a CLI error line can show
 * it as it is.
 */
public final class InvalidSpecException extends RuntimeException {

    private final String field;
    private final String problem;

    public InvalidSpecException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
        this.problem = problem;
    }

    /** The path of the offending field, e.g. {@code spec.metrics.queries.ttftP99Ms}. */
    public String field() {
        return field;
    }

    /** What is wrong with it, without the path. */
    public String problem() {
        return problem;
    }
}
