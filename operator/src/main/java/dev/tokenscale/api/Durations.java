package dev.tokenscale.api;

/** The duration syntax the CRD accepts: a number and a unit of ms, s or m. */
public final class Durations {

    /** Kept in step with {@code DurationParser}; the CRD schema and the operator must agree. */
    public static final String PATTERN = "^([0-9]+(\\.[0-9]+)?)(ms|s|m)$";

    private Durations() {}
}
