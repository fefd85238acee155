package dev.tokenscale.operator;

import dev.tokenscale.api.LearnedStatus;
import dev.tokenscale.policy.AdaptiveMemory;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the operator remembers between evaluations of one pool, besides its status. Status stays the
 * source of truth for cooldowns (it survives a restart); this copy covers the moment after a write
 * when the informer cache still holds the pool's previous status, so a second evaluation in quick
 * succession cannot miss a scale it just made.
 */
public final class PoolMemory {

    /** One pool's remembered state. Each pool is reconciled by one thread at a time. */
    public static final class Entry {
        Instant lastScaleUpTime;
        Instant lastScaleDownTime;
        Integer lastRecommendation;
        Double lastSavingsPerHour;
        int targetMissingStreak;
        /** The last decision logged at INFO, as {@link DecisionLog#key}; null before the first. */
        String lastLoggedDecision;
        /** The Adaptive policy's memory; its learned part is persisted in status.learned, the rest is short-lived. */
        AdaptiveMemory adaptive;
        /** System.nanoTime() of the last evaluation; 0 before the first. */
        long evaluatedNanos;
        /** The measured cold starts (persisted in status.learned) and the demand forecast (rebuilt from Prometheus). */
        private PoolForecast forecast;

        /** This pool's lead time and forecast for the settings in its spec, restored from status the first time. */
        PoolForecast forecast(ForecastSettings settings, LearnedStatus learned) {
            forecast = forecast == null ? PoolForecast.restored(settings, learned) : forecast.with(settings);
            return forecast;
        }
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    Entry of(String uid) {
        return entries.computeIfAbsent(uid, k -> new Entry());
    }

    void forget(String uid) {
        entries.remove(uid);
    }

    boolean contains(String uid) {
        return entries.containsKey(uid);
    }

    static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isAfter(b) ? a : b;
    }
}
