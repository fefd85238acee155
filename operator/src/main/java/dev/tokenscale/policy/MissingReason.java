package dev.tokenscale.policy;

/** Why a signal has no value. A missing signal is never read as zero. */
public enum MissingReason {
    /** The query ran but matched no series: the workers export nothing, or the selector is wrong. */
    NO_SERIES("no_series"),
    /** The metrics source failed: unreachable, timed out, rejected the query, or answered garbage. */
    ERROR("error"),
    /** The query answered NaN or an infinity where a number was needed. */
    NAN("nan"),
    /** The source answered a number the signal cannot have, such as a negative latency or utilization. */
    INVALID_VALUE("invalid_value"),
    /** The metrics source answered something that is not an answer: not its JSON, or larger than the operator's cap. */
    MALFORMED("malformed");

    private final String key;

    MissingReason(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** The source failed (rather than having no data): counted as a query error and reported as one. */
    public boolean sourceFailed() {
        return this == ERROR || this == MALFORMED;
    }
}
