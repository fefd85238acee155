package dev.tokenscale.signals;

/** What one instant query gave: one number (possibly NaN or infinite), no series, or a failure. */
sealed interface QueryResult {

    record Sample(double value) implements QueryResult {}

    record NoSeries() implements QueryResult {}

    record Failed(QueryFailure failure, String detail) implements QueryResult {}
}
