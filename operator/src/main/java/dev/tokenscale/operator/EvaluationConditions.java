package dev.tokenscale.operator;

import dev.tokenscale.policy.MissingReason;
import dev.tokenscale.policy.PodCoverage;
import dev.tokenscale.policy.PolicySettings;
import dev.tokenscale.policy.Reason;
import dev.tokenscale.policy.Signal;
import dev.tokenscale.policy.SignalReading;
import dev.tokenscale.policy.SignalSnapshot;
import dev.tokenscale.policy.StepPolicy;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The five conditions of a pool that was evaluated. */
final class EvaluationConditions {

    /** MetricsAvailable=False reasons, most urgent first. */
    static final String PROMETHEUS_ERROR = "PrometheusError";
    static final String NO_SERIES = "NoSeries";
    static final String STALE = "Stale";
    static final String INVALID_VALUE = "InvalidValue";
    static final String IDLE = "Idle";
    static final String NO_PODS_REPORTING = "NoPodsReporting";
    static final String PARTIAL_COVERAGE = "PartialCoverage";
    static final String COVERAGE_UNKNOWN = "CoverageUnknown";

    private EvaluationConditions() {}

    static List<Condition> of(List<Condition> previous, Long generation, String namespace, PoolSettings settings,
            Evaluation e) {
        ConditionSet conditions = new ConditionSet(previous, generation, StatusComposer.rfc3339(e.now()));
        conditions.set(ConditionSet.READY, true, "Evaluated",
                "The target was read and the pool evaluated; latest decision: " + e.decision().action().key()
                        + " (" + e.decision().reason().key() + ").");
        metricsAvailable(conditions, settings.policy(), e.snapshot(), scrapeCheck(namespace, settings));
        scalingActive(conditions, settings, e);
        scalingLimited(conditions, settings.policy(), e);
        sloMet(conditions, settings.policy(), e.snapshot());
        if (settings.policy().stepPolicy() == StepPolicy.ADAPTIVE && e.forecast() != null) {
            ForecastReliableCondition.applyTo(conditions, e.forecast(), settings.forecast().seasonality());
        }
        return conditions.build();
    }

    /** The signals this pool reads: the queue only when its threshold is set, the request rate only for Adaptive. */
    static List<Signal> signalsInUse(PolicySettings policy) {
        List<Signal> used = new ArrayList<>();
        for (Signal s : Signal.values()) {
            boolean unused = (s == Signal.QUEUE_DEPTH && !policy.usesQueue())
                    || (s == Signal.REQUEST_RATE && policy.stepPolicy() != StepPolicy.ADAPTIVE);
            if (!unused) {
                used.add(s);
            }
        }
        return used;
    }

    /** "ttftP99Ms: error (connection refused); queueDepth: no_series", or empty when every signal is available. */
    static String describeMissing(PolicySettings policy, SignalSnapshot snapshot) {
        List<String> parts = new ArrayList<>();
        for (Signal s : signalsInUse(policy)) {
            if (snapshot.get(s) instanceof SignalReading.Missing missing) {
                parts.add(s.key() + ": " + missing.reason().key()
                        + (missing.detail().isBlank() ? "" : " (" + missing.detail() + ")"));
            }
        }
        return String.join("; ", parts);
    }

    /**
     * What to run when nothing at all matched: when no signal has a series, the usual cause is that
     * Prometheus scrapes nothing in the namespace (kube-prometheus-stack ignores a monitor without
     * its release label), not the preset or the selector.
     */
    static String scrapeCheck(String namespace, PoolSettings settings) {
        String where = settings.metrics().prometheus().url() == null
                ? "the operator's --prometheus-url"
                : settings.metrics().prometheus().url().toString();
        return "Nothing matched any of the pool's queries: check that Prometheus scrapes the pods. Run up{namespace=\""
                + namespace + "\"} in " + where + "; no result means nothing in the namespace is scraped (with"
                + " kube-prometheus-stack, the PodMonitor or ServiceMonitor needs the release label of its Helm release).";
    }

    private static void metricsAvailable(ConditionSet conditions, PolicySettings policy, SignalSnapshot snapshot,
            String scrapeCheck) {
        List<Signal> errors = new ArrayList<>();
        List<Signal> noSeries = new ArrayList<>();
        List<Signal> stale = new ArrayList<>();
        List<Signal> invalid = new ArrayList<>();
        List<Signal> idle = new ArrayList<>();
        List<String> adjusted = new ArrayList<>();
        for (Signal s : signalsInUse(policy)) {
            SignalReading reading = snapshot.get(s);
            if (reading instanceof SignalReading.Missing missing) {
                (missing.reason().sourceFailed() ? errors
                        : missing.reason() == MissingReason.NO_SERIES ? noSeries
                        : missing.reason() == MissingReason.INVALID_VALUE ? invalid : stale).add(s);
            } else if (reading instanceof SignalReading.Idle) {
                idle.add(s);
            } else if (reading instanceof SignalReading.Present present && !present.adjustment().isBlank()) {
                adjusted.add(s.key() + " " + present.adjustment());
            }
        }
        String missing = describeMissing(policy, snapshot);
        PodCoverage coverage = snapshot.coverage();
        boolean belowQuorum = coverage instanceof PodCoverage.Measured m && m.percent() < policy.minCoveragePercent();
        if (!errors.isEmpty()) {
            conditions.set(ConditionSet.METRICS_AVAILABLE, false, PROMETHEUS_ERROR,
                    "Prometheus failed for " + keys(errors) + ": " + missing + ". Holding: no scale-down without every signal.");
        } else if (!noSeries.isEmpty() && noSeries.size() == signalsInUse(policy).size()) {
            conditions.set(ConditionSet.METRICS_AVAILABLE, false, NO_SERIES,
                    "No series for any signal (" + keys(noSeries) + "). " + scrapeCheck + " Holding: no scale-down.");
        } else if (coverage instanceof PodCoverage.Measured m && m.readyPods() > 0 && m.reportingPods() == 0) {
            conditions.set(ConditionSet.METRICS_AVAILABLE, false, NO_PODS_REPORTING,
                    "None of the " + m.readyPods() + " ready pods reports metrics; silent: " + String.join(", ", m.silentPods())
                            + ". Holding: no scale-down.");
        } else if (!noSeries.isEmpty()) {
            conditions.set(ConditionSet.METRICS_AVAILABLE, false, NO_SERIES,
                    "No series for " + keys(noSeries) + ": " + missing + ". Check the preset and the selector. Holding: no scale-down.");
        } else if (!invalid.isEmpty()) {
            conditions.set(ConditionSet.METRICS_AVAILABLE, false, INVALID_VALUE,
                    "A value no signal can have for " + keys(invalid) + ": " + missing + ". Holding: no scale-down.");
        } else if (!stale.isEmpty()) {
            conditions.set(ConditionSet.METRICS_AVAILABLE, false, STALE,
                    "No usable value (NaN) for " + keys(stale) + ": " + missing + ". Holding: no scale-down.");
        } else if (belowQuorum) {
            PodCoverage.Measured m = (PodCoverage.Measured) coverage;
            conditions.set(ConditionSet.METRICS_AVAILABLE, true, PARTIAL_COVERAGE, String.format(Locale.ROOT,
                    "Only %d of %d ready pods report metrics (%s%%, below the quorum of %s%%); silent: %s. Scale-ups still act,"
                            + " scale-downs are held.", m.reportingPods(), m.readyPods(), percent(m.percent()),
                    percent(policy.minCoveragePercent()), String.join(", ", m.silentPods())));
        } else if (coverage instanceof PodCoverage.Unknown unknown) {
            conditions.set(ConditionSet.METRICS_AVAILABLE, true, COVERAGE_UNKNOWN,
                    "The signals are there, but how many pods report could not be measured (" + unknown.detail()
                            + "). Scale-ups still act, scale-downs are held.");
        } else if (!idle.isEmpty()) {
            conditions.set(ConditionSet.METRICS_AVAILABLE, false, IDLE,
                    keys(idle) + " idle: no request finished in the window, so there is no latency to judge.");
        } else {
            conditions.set(ConditionSet.METRICS_AVAILABLE, true, "AllSignalsPresent",
                    "Every signal the pool uses has a value: " + keys(signalsInUse(policy)) + "."
                            + (coverage instanceof PodCoverage.Measured m && m.readyPods() > 0
                                    ? " " + m.reportingPods() + " of " + m.readyPods() + " ready pods report." : "")
                            + (adjusted.isEmpty() ? "" : " Adjusted: " + String.join("; ", adjusted) + "."));
        }
    }

    private static void scalingActive(ConditionSet conditions, PoolSettings settings, Evaluation e) {
        if (StatusComposer.isRecommendOnly(settings)) {
            conditions.set(ConditionSet.SCALING_ACTIVE, false, "RecommendOnly",
                    "mode is Recommend: the operator reports status.recommendedReplicas and never changes the target.");
        } else if (e.decision().reason() == Reason.METRICS_UNAVAILABLE) {
            conditions.set(ConditionSet.SCALING_ACTIVE, false, "MetricsUnavailable",
                    "No signal could be read, so the operator holds the target as it is.");
        } else {
            conditions.set(ConditionSet.SCALING_ACTIVE, true, "Active",
                    "The operator scales the target through its /scale subresource."
                            + (e.markingProblem() == null ? "" : " It scales without choosing which pod goes: " + e.markingProblem() + "."));
        }
    }

    private static void scalingLimited(ConditionSet conditions, PolicySettings policy, Evaluation e) {
        Reason reason = e.decision().reason();
        if (reason == Reason.AT_MAX_REPLICAS) {
            conditions.set(ConditionSet.SCALING_LIMITED, true, "AtMaxReplicas",
                    "More replicas are wanted but the pool is at maxReplicas=" + policy.maxReplicas() + "; the SLO is at risk.");
        } else if (reason == Reason.REPLICAS_STARTING) {
            conditions.set(ConditionSet.SCALING_LIMITED, true, "ReplicasStarting",
                    "Scale-ups wait while replicas start: " + e.readyReplicas() + " of " + e.replicasAfter() + " ready.");
        } else if (StatusComposer.atMinWantingLess(policy, e.replicasAfter(), e.snapshot())) {
            conditions.set(ConditionSet.SCALING_LIMITED, true, "AtMinReplicas",
                    "Utilization is low but the pool is at minReplicas=" + policy.minReplicas() + ".");
        } else if (reason == Reason.OUT_OF_BOUNDS) {
            conditions.set(ConditionSet.SCALING_LIMITED, true, "OutOfBounds",
                    "The target had " + e.replicasBefore() + " replicas, outside [" + policy.minReplicas() + ", "
                            + policy.maxReplicas() + "]; moved to " + e.decision().to() + ".");
        } else {
            conditions.set(ConditionSet.SCALING_LIMITED, false, "WithinBounds",
                    "Nothing limits scaling within [" + policy.minReplicas() + ", " + policy.maxReplicas() + "].");
        }
    }

    private static void sloMet(ConditionSet conditions, PolicySettings policy, SignalSnapshot snapshot) {
        List<String> violations = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        check(snapshot, Signal.TTFT_P99_MS, policy.ttftSlo().toNanos() / 1e6, violations, unknown);
        check(snapshot, Signal.TPOT_P99_MS, policy.tpotSlo().toNanos() / 1e6, violations, unknown);
        if (!violations.isEmpty()) {
            conditions.set(ConditionSet.SLO_MET, false, "SLOViolated", String.join("; ", violations) + ".");
        } else if (!unknown.isEmpty()) {
            conditions.set(ConditionSet.SLO_MET, ConditionSet.UNKNOWN, "MetricsUnavailable",
                    "Cannot judge the SLO without " + String.join(", ", unknown) + ".");
        } else {
            conditions.set(ConditionSet.SLO_MET, true, "WithinSLO",
                    "P99 TTFT and TPOT are within the SLO, or idle (no request in the window).");
        }
    }

    private static void check(SignalSnapshot snapshot, Signal signal, double sloMs, List<String> violations, List<String> unknown) {
        SignalReading reading = snapshot.get(signal);
        if (reading instanceof SignalReading.Present present && present.value() > sloMs) {
            violations.add(String.format(Locale.ROOT, "%s %.1fms above the SLO of %.1fms", signal.key(), present.value(), sloMs));
        } else if (reading instanceof SignalReading.Missing) {
            unknown.add(signal.key());
        }
    }

    private static String percent(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String keys(List<Signal> signals) {
        return String.join(", ", signals.stream().map(Signal::key).toList());
    }
}
