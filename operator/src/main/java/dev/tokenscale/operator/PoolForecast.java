package dev.tokenscale.operator;

import dev.tokenscale.api.LearnedStatus;
import dev.tokenscale.forecast.ColdStartWatch;
import dev.tokenscale.forecast.DemandForecaster;
import dev.tokenscale.forecast.ForecastPlan;
import dev.tokenscale.forecast.ForecastSource;
import dev.tokenscale.forecast.Seasonality;
import dev.tokenscale.policy.ForecastDemand;
import dev.tokenscale.policy.PolicyOutcome;
import dev.tokenscale.policy.Predictive;
import dev.tokenscale.policy.ScalingState;
import dev.tokenscale.policy.Signal;
import dev.tokenscale.policy.SignalReading;
import dev.tokenscale.policy.SignalSnapshot;
import dev.tokenscale.signals.DemandHistory;
import dev.tokenscale.signals.HistoryReader;
import dev.tokenscale.signals.SignalRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One pool's lead time and demand forecast in the operator: the cold starts it measures (kept in
 * status.learned, so they survive a restart), and a {@link DemandForecaster} fed Prometheus'
 * history of the pool's requestsPerSecond at start and every hour, plus each evaluation's live
 * reading in between. The sizing itself is {@link Predictive}, the same code {@code simulate} runs.
 *
 * <p>Memory per pool: the forecaster's at most 49 KB (4 days of 5-minute buckets for daily, 15 for
 * weekly, and a day of errors per model), the cold-start watch's 20 durations, and the history
 * answer only while it is read (at most the answer cap, 1 MiB by default; 8 days at 5 minutes is
 * about 80 KB). Not thread-safe: a pool is reconciled by one thread at a time.
 */
public final class PoolForecast {

    static final Duration HISTORY_STEP = DemandForecaster.BUCKET;
    static final Duration HISTORY_REREAD = Duration.ofHours(1);
    static final int HISTORY_DAYS = 8;
    static final int WEEKLY_HISTORY_DAYS = 15;

    private final ForecastSettings settings;
    private final ColdStartWatch coldStarts;
    private DemandForecaster forecaster;
    private Instant historyReadAt;
    private String historyProblem;
    private String historyQuery;

    private PoolForecast(ForecastSettings settings, ColdStartWatch coldStarts) {
        this.settings = settings;
        this.coldStarts = coldStarts;
    }

    /** A pool seen for the first time since start: its measured cold starts come back from status. */
    public static PoolForecast restored(ForecastSettings settings, LearnedStatus learned) {
        return new PoolForecast(settings, LearnedStatusMapping.coldStarts(learned, settings.coldStartHint()));
    }

    /** This pool's state for the settings now in its spec: a changed forecast setting starts the forecaster afresh. */
    PoolForecast with(ForecastSettings next) {
        if (next.equals(settings)) {
            return this;
        }
        ColdStartWatch watch = java.util.Objects.equals(next.coldStartHint(), settings.coldStartHint()) ? coldStarts
                : new ColdStartWatch(next.coldStartHint(), coldStarts.recent(), coldStarts.samples());
        return new PoolForecast(next, watch);
    }

    /** What the workload looks like now: a scale-up whose ordered replicas are all ready is one measured cold start. */
    void observeWorkload(Instant now, int replicas, int ready) {
        coldStarts.observe(now, replicas, ready);
    }

    /** A scale-up to {@code count} was written to /scale at {@code now}. */
    void ordered(Instant now, int count) {
        coldStarts.ordered(now, count);
    }

    /**
     * Reads the history when none was read yet or an hour has passed, then adds this evaluation's
     * live demand. A missing request rate is skipped, never a zero.
     */
    public void observeDemand(HistoryReader history, SignalRequest request, PoolSettings pool, SignalSnapshot snapshot, Instant now) {
        if (!settings.enabled()) {
            forecaster = null;
            historyReadAt = null;
            return;
        }
        if (request != null && (historyReadAt == null || !now.isBefore(historyReadAt.plus(HISTORY_REREAD)))) {
            readHistory(history, historyRequest(request, pool), pool, now);
        }
        if (forecaster == null) {
            forecaster = new DemandForecaster(settings.seasonality(), settings.confidence());
        }
        if (snapshot.get(Signal.REQUEST_RATE) instanceof SignalReading.Present present) {
            forecaster.observe(describedFrom(now, pool), present.value());
        }
    }

    /**
     * A reading at {@code t} is the rate over [t − window, t], so it is filed at t − window, the
     * start of what it describes, for live readings and history alike. Filed at t, a ramp that
     * began at 08:00 would land in the bucket after, and the forecast would see it one bucket late.
     */
    private static Instant describedFrom(Instant t, PoolSettings pool) {
        return t.minus(pool.metrics().window());
    }

    /** The live request with the history's selection: see {@link SeriesSelection#historyMatchers}. */
    private static SignalRequest historyRequest(SignalRequest live, PoolSettings pool) {
        String namespace = live.pool().substring(0, live.pool().indexOf('/'));
        return new SignalRequest(live.pool(), live.connection(), live.preset(), live.customQueries(), live.window(),
                SeriesSelection.historyMatchers(namespace, pool.metrics().selector(), pool.target().name()),
                live.customRunningRequests(), null);
    }

    private void readHistory(HistoryReader history, SignalRequest request, PoolSettings pool, Instant now) {
        int days = settings.seasonality() == Seasonality.WEEKLY ? WEEKLY_HISTORY_DAYS : HISTORY_DAYS;
        long step = HISTORY_STEP.toSeconds();
        Instant to = Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), step) * step);
        DemandHistory answer = history.read(request, to.minus(Duration.ofDays(days)), to, HISTORY_STEP);
        historyReadAt = now;
        historyProblem = answer.problem();
        historyQuery = answer.query();
        if (!answer.read()) {
            // Keep what the live readings built: a failed read is no reason to forget.
            return;
        }
        DemandForecaster fresh = new DemandForecaster(settings.seasonality(), settings.confidence());
        for (DemandHistory.Point point : answer.points()) {
            fresh.observe(describedFrom(point.time(), pool), point.requestsPerSecond());
        }
        forecaster = fresh;
    }

    /**
     * Adaptive's outcome with the forecast applied when the pool forecasts and the forecast is
     * usable; the view of it all either way.
     */
    public Forecasted apply(PoolSettings pool, SignalSnapshot snapshot, ScalingState state, PolicyOutcome outcome, Instant now) {
        Duration coldStart = coldStarts.estimate();
        List<Duration> recent = new ArrayList<>(coldStarts.recent());
        if (!settings.enabled() || forecaster == null) {
            return new Forecasted(outcome, new ForecastView(coldStart, coldStarts.samples(), recent, settings.enabled(), null,
                    ForecastSource.NONE, 0, historyProblem, historyQuery, settings.maxErrorPercent(), false));
        }
        Duration horizon = settings.horizon(coldStart, pool.evaluationInterval());
        ForecastPlan plan = ForecastPlan.of(forecaster, now, horizon, pool.policy().scaleDownCooldown(),
                settings.maxErrorPercent());
        PolicyOutcome next = outcome;
        boolean applied = false;
        if (plan.usable()) {
            ForecastDemand demand = new ForecastDemand(plan.ahead().maxUpper(), plan.held().maxUpper(), horizon,
                    plan.ahead().source().description());
            next = Predictive.apply(pool.policy(), snapshot, state, outcome, demand, now);
            applied = outcome.sizing() != null && outcome.sizing().capacityRps() != null;
        }
        return new Forecasted(next, new ForecastView(coldStart, coldStarts.samples(), recent, true, plan,
                forecaster.source(), forecaster.historyDays(), historyProblem, historyQuery, settings.maxErrorPercent(), applied));
    }

    /** The decision with the forecast applied, and what the forecast knew. */
    public record Forecasted(PolicyOutcome outcome, ForecastView view) {}
}
