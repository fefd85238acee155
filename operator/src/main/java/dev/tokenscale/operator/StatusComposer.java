package dev.tokenscale.operator;

import dev.tokenscale.api.CostStatus;
import dev.tokenscale.api.DecisionStatus;
import dev.tokenscale.api.InferencePool;
import dev.tokenscale.api.InferencePoolStatus;
import dev.tokenscale.api.PoolMode;
import dev.tokenscale.api.SignalsStatus;
import dev.tokenscale.policy.Decision;
import dev.tokenscale.policy.PodCoverage;
import dev.tokenscale.policy.PolicySettings;
import dev.tokenscale.policy.Reason;
import dev.tokenscale.policy.Signal;
import dev.tokenscale.policy.SignalReading;
import dev.tokenscale.policy.SignalSnapshot;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/** Turns an evaluation, or the reason there was none, into the pool's complete status. */
public final class StatusComposer {

    private StatusComposer() {}

    public static InferencePoolStatus evaluated(InferencePool pool, PoolSettings settings, Evaluation e) {
        InferencePoolStatus previous = previousOf(pool);
        InferencePoolStatus status = new InferencePoolStatus();
        status.setObservedGeneration(pool.getMetadata().getGeneration());
        status.setReplicas(e.replicasAfter());
        status.setReadyReplicas(e.readyReplicas());
        status.setDesiredReplicas(e.decision().to());
        status.setRecommendedReplicas(e.decision().to());
        status.setLastScaleUpTime(rfc3339(e.lastScaleUpTime()));
        status.setLastScaleDownTime(rfc3339(e.lastScaleDownTime()));
        status.setLastDecision(decisionStatus(e.decision(), e.now()));
        status.setSignals(signalsStatus(e.snapshot()));
        status.setCost(costStatus(settings, e));
        status.setLearned(LearnedStatusMapping.withBursts(LearnedStatusMapping.withForecast(
                e.learned().samples() > 0 ? LearnedStatusMapping.toStatus(e.learned()) : previous.getLearned(), e.forecast()),
                e.bursts()));
        status.setConditions(EvaluationConditions.of(previous.getConditions(), pool.getMetadata().getGeneration(),
                pool.getMetadata().getNamespace(), settings, e));
        return status;
    }

    /**
     * The status of a pool that could not be evaluated: what was known before stays (cooldown times
     * above all), and the conditions say why.
     */
    public static InferencePoolStatus notEvaluated(InferencePool pool, String reason, String message, Instant now) {
        InferencePoolStatus previous = previousOf(pool);
        InferencePoolStatus status = new InferencePoolStatus();
        status.setObservedGeneration(pool.getMetadata().getGeneration());
        status.setReplicas(previous.getReplicas());
        status.setReadyReplicas(previous.getReadyReplicas());
        status.setDesiredReplicas(previous.getDesiredReplicas());
        status.setRecommendedReplicas(previous.getRecommendedReplicas());
        status.setLastScaleUpTime(previous.getLastScaleUpTime());
        status.setLastScaleDownTime(previous.getLastScaleDownTime());
        status.setLastDecision(previous.getLastDecision());
        status.setSignals(previous.getSignals());
        status.setCost(previous.getCost());
        status.setLearned(previous.getLearned());
        status.setConditions(new ConditionSet(previous.getConditions(), pool.getMetadata().getGeneration(), rfc3339(now))
                .set(ConditionSet.READY, false, reason, message)
                .set(ConditionSet.SCALING_ACTIVE, false, reason, "Not scaling: " + message)
                .build());
        return status;
    }

    static String rfc3339(Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    /** @throws IllegalArgumentException naming the problem when the text is no time Instant can hold */
    static Instant parseTime(String text) {
        return text == null || text.isBlank() ? null : RfcTime.parse(text);
    }

    private static InferencePoolStatus previousOf(InferencePool pool) {
        return pool.getStatus() != null ? pool.getStatus() : new InferencePoolStatus();
    }

    private static DecisionStatus decisionStatus(Decision decision, Instant now) {
        DecisionStatus d = new DecisionStatus();
        d.setAction(decision.action().key());
        d.setReason(decision.reason().key());
        d.setFrom(decision.from());
        d.setTo(decision.to());
        d.setTime(rfc3339(now));
        d.setMessage(decision.message());
        return d;
    }

    private static SignalsStatus signalsStatus(SignalSnapshot snapshot) {
        SignalsStatus s = new SignalsStatus();
        s.setTtftP99Ms(StatusRounding.tenths(valueOf(snapshot.get(Signal.TTFT_P99_MS))));
        s.setTpotP99Ms(StatusRounding.tenths(valueOf(snapshot.get(Signal.TPOT_P99_MS))));
        s.setUtilizationPercent(StatusRounding.tenths(valueOf(snapshot.get(Signal.UTILIZATION_PERCENT))));
        s.setQueueDepth(StatusRounding.tenths(valueOf(snapshot.get(Signal.QUEUE_DEPTH))));
        s.setTokensPerSecond(StatusRounding.tenths(valueOf(snapshot.get(Signal.TOKENS_PER_SECOND))));
        s.setRequestsPerSecond(StatusRounding.tenths(valueOf(snapshot.get(Signal.REQUEST_RATE))));
        s.setCoveragePercent(StatusRounding.tenths(snapshot.coverage().percentOrNull()));
        if (snapshot.coverage() instanceof PodCoverage.Measured measured && !measured.silentPods().isEmpty()) {
            s.setSilentPods(measured.silentPods());
        }
        s.setObservedAt(rfc3339(snapshot.observedAt()));
        Map<String, String> health = new LinkedHashMap<>();
        for (Signal signal : Signal.values()) {
            health.put(signal.key(), healthOf(snapshot.get(signal)));
        }
        s.setHealth(health);
        return s;
    }

    /** present, idle, or missing:&lt;reason&gt;, as the CRD documents. */
    static String healthOf(SignalReading reading) {
        if (reading instanceof SignalReading.Missing missing) {
            return "missing:" + missing.reason().key();
        }
        return reading.state();
    }

    static Double valueOf(SignalReading reading) {
        return reading instanceof SignalReading.Present present ? present.value() : null;
    }

    private static CostStatus costStatus(PoolSettings settings, Evaluation e) {
        CostStatus cost = new CostStatus();
        cost.setHourly(StatusRounding.cents(settings.cost().hourly(e.replicasAfter())));
        OptionalDouble perMillion = settings.cost().perMillionTokens(e.replicasAfter(),
                valueOf(e.snapshot().get(Signal.TOKENS_PER_SECOND)));
        cost.setPerMillionTokens(perMillion.isPresent() ? StatusRounding.fourSignificant(perMillion.getAsDouble()) : null);
        cost.setEstimatedSavingsPerHour(StatusRounding.cents(e.savingsPerHour()));
        return cost;
    }

    static boolean isRecommendOnly(PoolSettings settings) {
        return settings.mode() == PoolMode.RECOMMEND;
    }

    static boolean isHold(Reason reason) {
        return reason == Reason.COOLDOWN || reason == Reason.AT_MAX_REPLICAS || reason == Reason.REPLICAS_STARTING
                || reason == Reason.LOW_COVERAGE;
    }

    static boolean atMinWantingLess(PolicySettings policy, int replicas, SignalSnapshot snapshot) {
        Double utilization = valueOf(snapshot.get(Signal.UTILIZATION_PERCENT));
        return replicas <= policy.minReplicas() && utilization != null && utilization < policy.scaleDownBelowPercent();
    }
}
