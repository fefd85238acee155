package dev.tokenscale.operator;

import dev.tokenscale.api.CooldownSpec;
import dev.tokenscale.api.CostSpec;
import dev.tokenscale.api.ForecastSpec;
import dev.tokenscale.api.InferencePoolSpec;
import dev.tokenscale.api.MetricsSpec;
import dev.tokenscale.api.PoolMode;
import dev.tokenscale.api.PrometheusSpec;
import dev.tokenscale.api.PrometheusTlsSpec;
import dev.tokenscale.api.QueueSpec;
import dev.tokenscale.api.ScaleTargetRef;
import dev.tokenscale.api.ScalingPolicyType;
import dev.tokenscale.api.ScalingSpec;
import dev.tokenscale.api.SecretKeySelector;
import dev.tokenscale.api.SloSpec;
import dev.tokenscale.api.UtilizationSpec;
import dev.tokenscale.cost.PoolCost;
import dev.tokenscale.forecast.Seasonality;
import dev.tokenscale.policy.AdaptiveSettings;
import dev.tokenscale.policy.PolicySettings;
import dev.tokenscale.policy.Signal;
import dev.tokenscale.policy.StepPolicy;
import dev.tokenscale.signals.LabelMatcher;
import dev.tokenscale.signals.Preset;
import dev.tokenscale.signals.PresetCatalog;
import dev.tokenscale.signals.QueryTemplate;
import dev.tokenscale.signals.Redaction;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Turns an {@code InferencePool} spec into {@link PoolSettings}. It applies every CRD default and
 * repeats every schema rule, because a spec can arrive without the API server's defaulting and
 * validation (the mock API server, a file given to {@code explain}, an old CRD in a cluster). The
 * first problem found is thrown as an {@link InvalidSpecException} naming the field.
 *
 * <p>The defaults here equal the CRD's {@code @Default}s; {@code CrdDefaultsTest} keeps them equal.
 */
public final class PoolSettingsMapping {

    static final Duration MIN_EVALUATION_INTERVAL = Duration.ofSeconds(1);
    // The CRD's @Max bounds, repeated because the mock API server (and a file given to explain) skips schema validation.
    static final int MAX_STEP = 1000;
    static final int MAX_GPUS_PER_REPLICA = 1024;
    static final double MAX_GPU_HOURLY_COST = 10_000;
    static final double MAX_OVERHEAD_PERCENT = 1000;
    static final double MAX_CAPACITY_HINT = 1_000_000;
    static final Duration MAX_FORECAST_DURATION = Duration.ofMinutes(60);
    static final double MAX_CONFIDENCE = 0.999;
    static final double MAX_FORECAST_ERROR_PERCENT = 1000;
    private static final String LABEL_NAME = "[a-zA-Z_][a-zA-Z0-9_]*";
    private static final String SECRET_NAME = "[a-z0-9]([-a-z0-9.]*[a-z0-9])?";
    private static final String SECRET_KEY = "[-._a-zA-Z0-9]+";
    private static final PresetCatalog PRESETS = new PresetCatalog();
    private static final Map<String, String> REPLACEMENTS = Map.of(
            "bearerTokenFile", "bearerTokenSecret, a key of a Secret in the pool's namespace",
            "basicAuthUsername", "basicAuth.username and basicAuth.password, keys of Secrets in the pool's namespace",
            "basicAuthPasswordFile", "basicAuth.username and basicAuth.password, keys of Secrets in the pool's namespace",
            "caFile", "tls.ca, a key of a Secret in the pool's namespace",
            "insecureSkipVerify", "tls.insecureSkipVerify");

    private PoolSettingsMapping() {}

    public static PoolSettings map(InferencePoolSpec spec) {
        if (spec == null) {
            throw new InvalidSpecException("spec", "is required");
        }
        ScaleTargetRef targetRef = required(spec.getScaleTargetRef(), "spec.scaleTargetRef");
        PoolSettings.ScaleTarget target = new PoolSettings.ScaleTarget(
                text(targetRef.getApiVersion(), "spec.scaleTargetRef.apiVersion"),
                text(targetRef.getKind(), "spec.scaleTargetRef.kind"),
                text(targetRef.getName(), "spec.scaleTargetRef.name"));
        int min = whole(spec.getMinReplicas(), 1, 0, Integer.MAX_VALUE, "spec.minReplicas");
        int max = whole(required(spec.getMaxReplicas(), "spec.maxReplicas"), 0, 1, Integer.MAX_VALUE, "spec.maxReplicas");
        if (min > max) {
            throw new InvalidSpecException("spec.minReplicas", min + " is greater than spec.maxReplicas " + max);
        }
        PoolMode mode = spec.getMode() != null ? spec.getMode() : PoolMode.AUTO;
        Duration evaluationInterval = duration(spec.getEvaluationInterval(), "15s", "spec.evaluationInterval");
        if (evaluationInterval.compareTo(MIN_EVALUATION_INTERVAL) < 0) {
            throw new InvalidSpecException("spec.evaluationInterval", "'" + spec.getEvaluationInterval() + "' is shorter than 1s");
        }
        PoolCost cost = cost(required(spec.getCost(), "spec.cost"));
        Double queueLimit = queueLimit(spec.getQueue());
        boolean adaptive = spec.getScaling() != null && spec.getScaling().getPolicy() == ScalingPolicyType.ADAPTIVE;
        MetricsSettings metrics = metrics(or(spec.getMetrics(), MetricsSpec::new), queueLimit != null, adaptive);
        PolicySettings policy = policy(spec, min, max, queueLimit, cost, metrics.window());
        ScalingSpec scaling = or(spec.getScaling(), ScalingSpec::new);
        boolean drainAware = scaling.getDrainAware() == null || scaling.getDrainAware();
        return new PoolSettings(policy, cost, mode, evaluationInterval, metrics, target, drainAware,
                forecast(scaling, adaptive));
    }

    private static ForecastSettings forecast(ScalingSpec scaling, boolean adaptive) {
        Duration hint = scaling.getColdStartHint() == null ? null
                : atMost(positive(duration(scaling.getColdStartHint(), null, "spec.scaling.coldStartHint"),
                        "spec.scaling.coldStartHint"), MAX_FORECAST_DURATION, "spec.scaling.coldStartHint");
        ForecastSpec spec = or(scaling.getForecast(), ForecastSpec::new);
        if (Boolean.TRUE.equals(spec.getEnabled()) && !adaptive) {
            throw new InvalidSpecException("spec.scaling.forecast.enabled",
                    "the forecast feeds the Adaptive policy only; set spec.scaling.policy to Adaptive or leave it unset");
        }
        boolean enabled = adaptive && (spec.getEnabled() == null || spec.getEnabled());
        Duration horizon = spec.getHorizon() == null ? null
                : atMost(positive(duration(spec.getHorizon(), null, "spec.scaling.forecast.horizon"),
                        "spec.scaling.forecast.horizon"), MAX_FORECAST_DURATION, "spec.scaling.forecast.horizon");
        Seasonality seasonality = spec.getSeasonality() == null ? Seasonality.DAILY : switch (spec.getSeasonality()) {
            case DAILY -> Seasonality.DAILY;
            case WEEKLY -> Seasonality.WEEKLY;
            case NONE -> Seasonality.NONE;
        };
        double confidence = number(spec.getConfidence(), ForecastSettings.DEFAULT_CONFIDENCE, 0.5, MAX_CONFIDENCE,
                "spec.scaling.forecast.confidence");
        double maxError = number(spec.getMaxErrorPercent(), ForecastSettings.DEFAULT_MAX_ERROR_PERCENT, 1,
                MAX_FORECAST_ERROR_PERCENT, "spec.scaling.forecast.maxErrorPercent");
        return new ForecastSettings(enabled, horizon, seasonality, confidence, maxError, hint);
    }

    private static Duration atMost(Duration duration, Duration most, String field) {
        if (duration.compareTo(most) > 0) {
            throw new InvalidSpecException(field, "must be at most " + most.toMinutes() + "m");
        }
        return duration;
    }

    private static PolicySettings policy(InferencePoolSpec spec, int min, int max, Double queueLimit, PoolCost cost,
            Duration signalWindow) {
        SloSpec slo = or(spec.getSlo(), SloSpec::new);
        Duration ttft = positive(duration(slo.getTtftP99(), "500ms", "spec.slo.ttftP99"), "spec.slo.ttftP99");
        Duration tpot = positive(duration(slo.getTpotP99(), "50ms", "spec.slo.tpotP99"), "spec.slo.tpotP99");

        UtilizationSpec utilization = or(spec.getUtilization(), UtilizationSpec::new);
        double up = number(utilization.getScaleUpAbovePercent(), 80, 0, 100, "spec.utilization.scaleUpAbovePercent");
        double down = number(utilization.getScaleDownBelowPercent(), 30, 0, 100, "spec.utilization.scaleDownBelowPercent");
        double target = number(utilization.getTargetPercent(), 70, 1, 100, "spec.utilization.targetPercent");
        if (!(down < up)) {
            throw new InvalidSpecException("spec.utilization.scaleDownBelowPercent",
                    number(down) + " must be lower than spec.utilization.scaleUpAbovePercent " + number(up)
                            + ", or the pool would scale up and down on the same load");
        }

        CooldownSpec cooldown = or(spec.getCooldown(), CooldownSpec::new);
        Duration scaleUpCooldown = duration(cooldown.getScaleUp(), "60s", "spec.cooldown.scaleUp");
        Duration scaleDownCooldown = duration(cooldown.getScaleDown(), "300s", "spec.cooldown.scaleDown");

        ScalingSpec scaling = or(spec.getScaling(), ScalingSpec::new);
        StepPolicy stepPolicy = scaling.getPolicy() == null ? StepPolicy.STEP : switch (scaling.getPolicy()) {
            case STEP -> StepPolicy.STEP;
            case PROPORTIONAL -> StepPolicy.PROPORTIONAL;
            case ADAPTIVE -> StepPolicy.ADAPTIVE;
        };
        // Step is the seed's one replica at a time; the policies that size in one move are capped only by the bounds.
        int unsetStep = stepPolicy == StepPolicy.STEP ? 1 : PolicySettings.UNLIMITED;
        int maxStepUp = scaling.getMaxStepUp() == null ? unsetStep
                : whole(scaling.getMaxStepUp(), 1, 1, MAX_STEP, "spec.scaling.maxStepUp");
        int maxStepDown = scaling.getMaxStepDown() == null ? unsetStep
                : whole(scaling.getMaxStepDown(), 1, 1, MAX_STEP, "spec.scaling.maxStepDown");

        Double hint = null;
        if (spec.getCapacity() != null && spec.getCapacity().getRequestsPerSecondPerReplica() != null) {
            String field = "spec.capacity.requestsPerSecondPerReplica";
            hint = number(spec.getCapacity().getRequestsPerSecondPerReplica(), 0, 0, MAX_CAPACITY_HINT, field);
            if (!(hint > 0)) {
                throw new InvalidSpecException(field, "must be above 0");
            }
        }
        MetricsSpec metrics = or(spec.getMetrics(), MetricsSpec::new);
        double minCoverage = number(metrics.getMinCoverage(), PolicySettings.DEFAULT_MIN_COVERAGE_PERCENT, 0, 100,
                "spec.metrics.minCoverage");

        // The policy prices a scale-down's savings per GPU-hour; the pool pays the overhead on every
        // GPU-hour too, so the savings carry it and equal the drop in status.cost.hourly.
        return new PolicySettings(min, max, ttft, tpot, up, down, target, queueLimit,
                scaleUpCooldown, scaleDownCooldown, stepPolicy, maxStepUp, maxStepDown,
                cost.gpusPerReplica(), cost.gpuHourlyCost() * (1 + cost.overheadPercent() / 100), minCoverage,
                new AdaptiveSettings(hint, signalWindow));
    }

    private static Double queueLimit(QueueSpec queue) {
        if (queue == null || queue.getScaleUpAbovePerReplica() == null) {
            return null;
        }
        return number(queue.getScaleUpAbovePerReplica(), 0, 0, Double.MAX_VALUE, "spec.queue.scaleUpAbovePerReplica");
    }

    private static PoolCost cost(CostSpec cost) {
        int gpus = whole(cost.getGpusPerReplica(), 1, 1, MAX_GPUS_PER_REPLICA, "spec.cost.gpusPerReplica");
        double price = number(required(cost.getGpuHourlyCost(), "spec.cost.gpuHourlyCost"), 0, 0, MAX_GPU_HOURLY_COST,
                "spec.cost.gpuHourlyCost");
        double overhead = number(cost.getOverheadPercent(), 5, 0, MAX_OVERHEAD_PERCENT, "spec.cost.overheadPercent");
        return new PoolCost(gpus, price, overhead);
    }

    private static MetricsSettings metrics(MetricsSpec metrics, boolean usesQueue, boolean adaptive) {
        String preset = metrics.getPreset() != null ? metrics.getPreset() : "vllm";
        if (!PRESETS.isKnown(preset)) {
            throw new InvalidSpecException("spec.metrics.preset",
                    "'" + preset + "' is not a known preset; known: " + String.join(", ", PRESETS.names()));
        }
        Duration window = positive(duration(metrics.getWindow(), "2m", "spec.metrics.window"), "spec.metrics.window");
        Map<String, String> selector = or(metrics.getSelector(), Map::of);
        selector.forEach((label, value) -> {
            if (label == null || !label.matches(LABEL_NAME)) {
                throw new InvalidSpecException("spec.metrics.selector." + label, "is not a Prometheus label name");
            }
            if (value == null) {
                throw new InvalidSpecException("spec.metrics.selector." + label, "needs a value");
            }
        });
        Map<String, String> raw = new java.util.HashMap<>(or(metrics.getQueries(), Map::of));
        String runningRequests = raw.remove(Preset.RUNNING_REQUESTS);
        if (runningRequests != null) {
            if (!PresetCatalog.CUSTOM.equals(preset)) {
                throw new InvalidSpecException("spec.metrics.queries", "is only used with spec.metrics.preset custom");
            }
            scopable(text(runningRequests, "spec.metrics.queries." + Preset.RUNNING_REQUESTS),
                    "spec.metrics.queries." + Preset.RUNNING_REQUESTS);
        }
        Map<Signal, String> queries = queries(preset, raw, usesQueue, adaptive);
        return new MetricsSettings(preset, prometheus(metrics.getPrometheus()), selector, window, queries, runningRequests);
    }

    private static Map<Signal, String> queries(String preset, Map<String, String> raw, boolean usesQueue, boolean adaptive) {
        if (!PresetCatalog.CUSTOM.equals(preset)) {
            if (!raw.isEmpty()) {
                throw new InvalidSpecException("spec.metrics.queries", "is only used with spec.metrics.preset custom");
            }
            return Map.of();
        }
        Map<Signal, String> queries = new EnumMap<>(Signal.class);
        raw.forEach((key, query) -> {
            String field = "spec.metrics.queries." + key;
            Signal signal = Arrays.stream(Signal.values()).filter(s -> s.key().equals(key)).findFirst()
                    .orElseThrow(() -> new InvalidSpecException(field, "is not a signal; expected one of " + signalKeys()
                            + ", or " + Preset.RUNNING_REQUESTS));
            queries.put(signal, scopable(text(query, field), field));
        });
        List<Signal> needed = new ArrayList<>(List.of(Signal.TTFT_P99_MS, Signal.TPOT_P99_MS, Signal.UTILIZATION_PERCENT));
        if (usesQueue) {
            needed.add(Signal.QUEUE_DEPTH);
        }
        if (adaptive) {
            needed.add(Signal.REQUEST_RATE);
        }
        for (Signal signal : needed) {
            if (!queries.containsKey(signal)) {
                throw new InvalidSpecException("spec.metrics.queries." + signal.key(), "is required with preset custom"
                        + (signal == Signal.QUEUE_DEPTH ? " when spec.queue is set" : "")
                        + (signal == Signal.REQUEST_RATE ? " when spec.scaling.policy is Adaptive" : ""));
            }
        }
        return queries;
    }

    private static PrometheusSettings prometheus(PrometheusSpec spec) {
        if (spec == null) {
            return PrometheusSettings.defaults();
        }
        URI url = null;
        if (spec.getUrl() != null) {
            url = httpUrl(spec.getUrl());
        }
        Duration timeout = spec.getTimeout() == null
                ? PrometheusSettings.defaults().timeout()
                : positive(DurationParser.parse(spec.getTimeout(), "spec.metrics.prometheus.timeout"), "spec.metrics.prometheus.timeout");
        String field = "spec.metrics.prometheus";
        for (String unknown : spec.unknownFieldNames()) {
            if (REPLACEMENTS.containsKey(unknown)) {
                throw new InvalidSpecException(field + "." + unknown, "was removed: a pool may not name a file on the operator's"
                        + " disk; use " + REPLACEMENTS.get(unknown) + " (see docs/prometheus-credentials.md)");
            }
            throw new InvalidSpecException(field + "." + unknown, "is not a field of " + field);
        }
        SecretRef bearer = secretRef(spec.getBearerTokenSecret(), field + ".bearerTokenSecret");
        SecretRef username = null;
        SecretRef password = null;
        if (spec.getBasicAuth() != null) {
            username = secretRef(required(spec.getBasicAuth().getUsername(), field + ".basicAuth.username"),
                    field + ".basicAuth.username");
            password = secretRef(required(spec.getBasicAuth().getPassword(), field + ".basicAuth.password"),
                    field + ".basicAuth.password");
            if (bearer != null) {
                throw new InvalidSpecException(field + ".bearerTokenSecret", "cannot be combined with basicAuth; set one of them");
            }
        }
        PrometheusTlsSpec tls = or(spec.getTls(), PrometheusTlsSpec::new);
        return new PrometheusSettings(url, timeout, bearer, username, password, secretRef(tls.getCa(), field + ".tls.ca"),
                Boolean.TRUE.equals(tls.getInsecureSkipVerify()));
    }

    /**
     * A custom query the reader could not scope to the pool's namespace is refused here already, so the
     * pool says which field is wrong instead of every read failing.
     */
    private static String scopable(String template, String field) {
        try {
            new QueryTemplate(template).scoped(List.of(LabelMatcher.equalTo("namespace", "pool-namespace")), Duration.ofMinutes(1));
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException(field, e.getMessage());
        }
        return template;
    }

    private static SecretRef secretRef(SecretKeySelector selector, String field) {
        if (selector == null) {
            return null;
        }
        String name = text(selector.getName(), field + ".name");
        if (name.length() > 253 || !name.matches(SECRET_NAME)) {
            throw new InvalidSpecException(field + ".name", "'" + name + "' is not a Secret name (lower-case DNS subdomain)");
        }
        String key = text(selector.getKey(), field + ".key");
        if (key.length() > 253 || !key.matches(SECRET_KEY)) {
            throw new InvalidSpecException(field + ".key", "'" + key + "' is not a Secret key (letters, digits, '-', '_', '.')");
        }
        return new SecretRef(field, name, key);
    }

    private static URI httpUrl(String text) {
        String field = "spec.metrics.prometheus.url";
        try {
            URI uri = new URI(text);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new InvalidSpecException(field, "'" + Redaction.text(text) + "' is not an http or https URL with a host");
            }
            if (uri.getRawUserInfo() != null) {
                throw new InvalidSpecException(field, "'" + Redaction.url(uri) + "' carries credentials in the URL;"
                        + " use spec.metrics.prometheus.basicAuth with a Secret instead");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidSpecException(field, "'" + Redaction.text(text) + "' is not a URL: " + e.getReason());
        }
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw new InvalidSpecException(field, "is required");
        }
        return value;
    }

    private static <T> T or(T value, Supplier<T> fallback) {
        return value != null ? value : fallback.get();
    }

    private static String text(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidSpecException(field, "is required and must not be empty");
        }
        return value;
    }

    private static int whole(Integer value, int fallback, int least, int most, String field) {
        int chosen = value != null ? value : fallback;
        if (chosen < least) {
            throw new InvalidSpecException(field, chosen + " is below the minimum of " + least);
        }
        if (chosen > most) {
            throw new InvalidSpecException(field, chosen + " is above the maximum of " + most);
        }
        return chosen;
    }

    private static double number(Double value, double fallback, double least, double most, String field) {
        double chosen = value != null ? value : fallback;
        if (Double.isInfinite(chosen)) {
            throw new InvalidSpecException(field, "is too large, got " + chosen);
        }
        if (Double.isNaN(chosen)) {
            throw new InvalidSpecException(field, "must be a finite number, got " + chosen);
        }
        if (chosen < least) {
            throw new InvalidSpecException(field, number(chosen) + " is below the minimum of " + number(least));
        }
        if (chosen > most) {
            throw new InvalidSpecException(field, number(chosen) + " is above the maximum of " + number(most));
        }
        return chosen;
    }

    private static Duration duration(String value, String fallback, String field) {
        return DurationParser.parse(value != null ? value : fallback, field);
    }

    private static Duration positive(Duration duration, String field) {
        if (duration.isZero()) {
            throw new InvalidSpecException(field, "must be longer than 0");
        }
        return duration;
    }

    /** Whole numbers without ".0", but 1e308 as 1.0E308 rather than a long that wrapped at 2^63. */
    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static String signalKeys() {
        return Arrays.stream(Signal.values()).map(Signal::key).collect(Collectors.joining(", "));
    }
}
