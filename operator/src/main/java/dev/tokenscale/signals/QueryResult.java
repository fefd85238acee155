package dev.tokenscale.signals;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What one instant query gave: one number (possibly NaN or infinite), no series, or a failure; or, for
 * a query asked for several series, each series with its labels.
 */
sealed interface QueryResult {

    /** Every series of a vector answer; never empty (that is {@link NoSeries}). */
    record Vector(List<LabeledSample> series) implements QueryResult {
        public Vector {
            series = List.copyOf(series);
        }
    }

    /** One series of a vector; its labels are a {@link LabelSet}, immutable and compact, since a batch holds many thousand. */
    record LabeledSample(Map<String, String> labels, double value) {
        public LabeledSample {
            labels = LabelSet.of(labels);
        }

        LabeledSample(Map<String, String> labels, double value, Function<String[], String[]> sharedNames) {
            this(LabelSet.of(labels, sharedNames), value);
        }
    }

    record Sample(double value) implements QueryResult {}

    /** The one series of a range query, its samples in time order. */
    record Range(List<TimedValue> samples) implements QueryResult {
        public Range {
            samples = List.copyOf(samples);
        }
    }

    /** One sample of a range: unix seconds and the value. */
    record TimedValue(double epochSeconds, double value) {}

    record NoSeries() implements QueryResult {}

    record Failed(QueryFailure failure, String detail) implements QueryResult {}
}
