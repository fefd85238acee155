package dev.tokenscale.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.tokenscale.api.CooldownSpec;
import dev.tokenscale.api.InferencePoolSpec;
import dev.tokenscale.api.MetricsSpec;
import dev.tokenscale.api.PoolMode;
import dev.tokenscale.api.BasicAuthSpec;
import dev.tokenscale.api.PrometheusSpec;
import dev.tokenscale.api.PrometheusTlsSpec;
import dev.tokenscale.api.SecretKeySelector;
import dev.tokenscale.signals.PrometheusAuth;
import dev.tokenscale.signals.PrometheusConnection;
import dev.tokenscale.api.QueueSpec;
import dev.tokenscale.api.ScalingPolicyType;
import dev.tokenscale.api.ScalingSpec;
import dev.tokenscale.api.ForecastSeasonality;
import dev.tokenscale.api.ForecastSpec;
import dev.tokenscale.api.SloSpec;
import dev.tokenscale.api.UtilizationSpec;
import dev.tokenscale.forecast.Seasonality;
import dev.tokenscale.policy.PolicySettings;
import dev.tokenscale.policy.Signal;
import dev.tokenscale.policy.StepPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PoolSettingsMappingTest {

    @Test
    void appliesEveryCrdDefaultToAMinimalSpec() {
        PoolSettings settings = PoolSettingsMapping.map(Specs.minimal());
        PolicySettings policy = settings.policy();

        assertThat(policy.minReplicas()).isEqualTo(1);
        assertThat(policy.maxReplicas()).isEqualTo(10);
        assertThat(policy.ttftSlo()).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.tpotSlo()).isEqualTo(Duration.ofMillis(50));
        assertThat(policy.scaleUpAbovePercent()).isEqualTo(80);
        assertThat(policy.scaleDownBelowPercent()).isEqualTo(30);
        assertThat(policy.targetPercent()).isEqualTo(70);
        assertThat(policy.usesQueue()).isFalse();
        assertThat(policy.scaleUpCooldown()).isEqualTo(Duration.ofSeconds(60));
        assertThat(policy.scaleDownCooldown()).isEqualTo(Duration.ofSeconds(300));
        assertThat(policy.stepPolicy()).isEqualTo(StepPolicy.STEP);
        assertThat(policy.maxStepUp()).isEqualTo(1);
        assertThat(policy.maxStepDown()).isEqualTo(1);
        assertThat(policy.gpusPerReplica()).isEqualTo(1);
        assertThat(policy.gpuHourlyCost()).as("the GPU-hour as the pool pays it: $2.00 plus the 5 percent overhead").isEqualTo(2.0 * 1.05);
        assertThat(settings.cost().overheadPercent()).isEqualTo(5);
        assertThat(settings.mode()).isEqualTo(PoolMode.AUTO);
        assertThat(settings.evaluationInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(settings.metrics().presetName()).isEqualTo("vllm");
        assertThat(settings.metrics().window()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.metrics().customQueries()).isEmpty();
        assertThat(settings.metrics().prometheus().url()).isNull();
        assertThat(settings.target().name()).isEqualTo("llama-3-1-70b-vllm");
        assertThat(settings.drainAware()).isTrue();
        assertThat(policy.minCoveragePercent()).isEqualTo(80);
        assertThat(settings.metrics().customRunningRequests()).isNull();
    }

    @Test
    void carriesEveryGivenValueThrough() {
        InferencePoolSpec spec = Specs.minimal();
        spec.setMinReplicas(2);
        spec.setMode(PoolMode.RECOMMEND);
        spec.setEvaluationInterval("1.5s");
        spec.setQueue(queue(4.0));
        spec.setScaling(scaling(ScalingPolicyType.PROPORTIONAL, 3, 2));
        spec.setCooldown(cooldown("30s", "10m"));
        spec.getCost().setGpusPerReplica(8);
        spec.getCost().setOverheadPercent(0.0);
        PrometheusSpec prometheus = new PrometheusSpec();
        prometheus.setUrl("http://127.0.0.1:9090");
        prometheus.setTimeout("750ms");
        MetricsSpec metrics = new MetricsSpec();
        metrics.setPrometheus(prometheus);
        metrics.setSelector(Map.of("model_name", "llama"));
        spec.setMetrics(metrics);

        PoolSettings settings = PoolSettingsMapping.map(spec);

        assertThat(settings.policy().minReplicas()).isEqualTo(2);
        assertThat(settings.mode()).isEqualTo(PoolMode.RECOMMEND);
        assertThat(settings.evaluationInterval()).isEqualTo(Duration.ofMillis(1500));
        assertThat(settings.policy().queueScaleUpAbovePerReplica()).isEqualTo(4.0);
        assertThat(settings.policy().stepPolicy()).isEqualTo(StepPolicy.PROPORTIONAL);
        assertThat(settings.policy().maxStepUp()).isEqualTo(3);
        assertThat(settings.policy().maxStepDown()).isEqualTo(2);
        assertThat(settings.policy().scaleDownCooldown()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.cost().hourly(1)).isEqualTo(16.0);
        assertThat(settings.metrics().prometheus().connection(URI.create("http://127.0.0.2:1"), ref -> {
            throw new AssertionError("no Secret is named");
        }).url())
                .isEqualTo(URI.create("http://127.0.0.1:9090"));
        assertThat(settings.metrics().prometheus().timeout()).isEqualTo(Duration.ofMillis(750));
        assertThat(settings.metrics().selector()).containsEntry("model_name", "llama");
    }

    @Test
    void acceptsACustomPresetWithAQueryForEverySignalItUses() {
        InferencePoolSpec spec = Specs.minimal();
        spec.setMetrics(custom(Map.of("ttftP99Ms", "a", "tpotP99Ms", "b", "utilizationPercent", "c", "tokensPerSecond", "d")));

        PoolSettings settings = PoolSettingsMapping.map(spec);

        assertThat(settings.metrics().customQueries())
                .containsEntry(Signal.TTFT_P99_MS, "a")
                .containsEntry(Signal.TOKENS_PER_SECOND, "d")
                .hasSize(4);
    }

    @Test
    void aCustomPresetMayNameItsPerPodRunningRequestsSeriesBesideTheSignals() {
        InferencePoolSpec spec = Specs.minimal();
        spec.setMetrics(custom(Map.of("ttftP99Ms", "a", "tpotP99Ms", "b", "utilizationPercent", "c",
                "runningRequests", "tgi_running{{{matchers}}}")));

        PoolSettings settings = PoolSettingsMapping.map(spec);

        assertThat(settings.metrics().customRunningRequests()).isEqualTo("tgi_running{{{matchers}}}");
        assertThat(settings.metrics().customQueries()).hasSize(3);
    }

    @Test
    void drainAwareAndTheQuorumAreTheSpecsWhenSet() {
        InferencePoolSpec spec = Specs.minimal();
        spec.setMetrics(metrics(m -> m.setMinCoverage(50.0)));
        dev.tokenscale.api.ScalingSpec scaling = new dev.tokenscale.api.ScalingSpec();
        scaling.setDrainAware(false);
        spec.setScaling(scaling);

        PoolSettings settings = PoolSettingsMapping.map(spec);

        assertThat(settings.drainAware()).isFalse();
        assertThat(settings.policy().minCoveragePercent()).isEqualTo(50);
    }

    @Test
    void anAdaptivePoolForecastsByDefaultAndStepOrProportionalDoNot() {
        InferencePoolSpec adaptive = Specs.minimal();
        adaptive.setScaling(scaling(ScalingPolicyType.ADAPTIVE, null, null));
        InferencePoolSpec proportional = Specs.minimal();
        proportional.setScaling(scaling(ScalingPolicyType.PROPORTIONAL, null, null));

        ForecastSettings forecast = PoolSettingsMapping.map(adaptive).forecast();
        assertThat(forecast.enabled()).isTrue();
        assertThat(forecast.horizon()).as("the learned cold start plus one interval").isNull();
        assertThat(forecast.horizon(Duration.ofSeconds(120), Duration.ofSeconds(15))).isEqualTo(Duration.ofSeconds(135));
        assertThat(forecast.seasonality()).isEqualTo(Seasonality.DAILY);
        assertThat(forecast.confidence()).isEqualTo(0.9);
        assertThat(forecast.maxErrorPercent()).isEqualTo(30);
        assertThat(forecast.coldStartHint()).isNull();
        assertThat(PoolSettingsMapping.map(proportional).forecast().enabled()).isFalse();
        assertThat(PoolSettingsMapping.map(Specs.minimal()).forecast().enabled()).isFalse();
    }

    @Test
    void theForecastAndColdStartFieldsAreCarriedThrough() {
        InferencePoolSpec spec = Specs.minimal();
        ScalingSpec scaling = scaling(ScalingPolicyType.ADAPTIVE, null, null);
        scaling.setColdStartHint("5m");
        scaling.setForecast(forecast(f -> {
            f.setEnabled(false);
            f.setHorizon("10m");
            f.setSeasonality(ForecastSeasonality.WEEKLY);
            f.setConfidence(0.95);
            f.setMaxErrorPercent(20.0);
        }));
        spec.setScaling(scaling);

        ForecastSettings forecast = PoolSettingsMapping.map(spec).forecast();

        assertThat(forecast).isEqualTo(new ForecastSettings(false, Duration.ofMinutes(10), Seasonality.WEEKLY, 0.95, 20,
                Duration.ofMinutes(5)));
        assertThat(forecast.horizon(Duration.ofSeconds(120), Duration.ofSeconds(15))).isEqualTo(Duration.ofMinutes(10));
    }

    static Stream<Arguments> invalidSpecs() {
        return Stream.of(
                invalid("a cold-start hint that is no duration", s -> s.setScaling(coldStart("2 minutes")),
                        "spec.scaling.coldStartHint: '2 minutes' is not a duration"),
                invalid("a zero cold-start hint", s -> s.setScaling(coldStart("0s")),
                        "spec.scaling.coldStartHint: must be longer than 0"),
                invalid("a cold-start hint over an hour", s -> s.setScaling(coldStart("61m")),
                        "spec.scaling.coldStartHint: must be at most 60m"),
                invalid("the forecast on a Step pool", s -> s.setScaling(forecastOn(ScalingPolicyType.STEP, f -> f.setEnabled(true))),
                        "spec.scaling.forecast.enabled: the forecast feeds the Adaptive policy only"),
                invalid("a horizon that is no duration", s -> s.setScaling(forecastOn(ScalingPolicyType.ADAPTIVE, f -> f.setHorizon("soon"))),
                        "spec.scaling.forecast.horizon: 'soon' is not a duration"),
                invalid("a horizon over an hour", s -> s.setScaling(forecastOn(ScalingPolicyType.ADAPTIVE, f -> f.setHorizon("90m"))),
                        "spec.scaling.forecast.horizon: must be at most 60m"),
                invalid("a confidence of 1", s -> s.setScaling(forecastOn(ScalingPolicyType.ADAPTIVE, f -> f.setConfidence(1.0))),
                        "spec.scaling.forecast.confidence: 1 is above the maximum of 0.999"),
                invalid("a confidence below a coin toss", s -> s.setScaling(forecastOn(ScalingPolicyType.ADAPTIVE, f -> f.setConfidence(0.3))),
                        "spec.scaling.forecast.confidence: 0.3 is below the minimum of 0.5"),
                invalid("a zero error limit", s -> s.setScaling(forecastOn(ScalingPolicyType.ADAPTIVE, f -> f.setMaxErrorPercent(0.0))),
                        "spec.scaling.forecast.maxErrorPercent: 0 is below the minimum of 1"),
                invalid("a quorum above 100 percent", s -> s.setMetrics(metrics(m -> m.setMinCoverage(120.0))),
                        "spec.metrics.minCoverage: 120 is above the maximum of 100"),
                invalid("a runningRequests template without the custom preset",
                        s -> s.setMetrics(metrics(m -> m.setQueries(Map.of("runningRequests", "x{{{matchers}}}")))),
                        "spec.metrics.queries: is only used with spec.metrics.preset custom"),
                invalid("no scale target", s -> s.setScaleTargetRef(null), "spec.scaleTargetRef: is required"),
                invalid("a blank target name", s -> s.getScaleTargetRef().setName(" "), "spec.scaleTargetRef.name: is required"),
                invalid("no maxReplicas", s -> s.setMaxReplicas(null), "spec.maxReplicas: is required"),
                invalid("maxReplicas 0", s -> s.setMaxReplicas(0), "spec.maxReplicas: 0 is below the minimum of 1"),
                invalid("negative minReplicas", s -> s.setMinReplicas(-1), "spec.minReplicas: -1 is below the minimum of 0"),
                invalid("min above max", s -> s.setMinReplicas(11), "spec.minReplicas: 11 is greater than spec.maxReplicas 10"),
                invalid("a malformed interval", s -> s.setEvaluationInterval("15"), "spec.evaluationInterval: '15' is not a duration"),
                invalid("an interval under 1s", s -> s.setEvaluationInterval("999ms"), "spec.evaluationInterval: '999ms' is shorter than 1s"),
                invalid("a malformed TTFT SLO", s -> s.setSlo(slo("fast", "50ms")), "spec.slo.ttftP99: 'fast' is not a duration"),
                invalid("a zero TPOT SLO", s -> s.setSlo(slo("500ms", "0ms")), "spec.slo.tpotP99: must be longer than 0"),
                invalid("utilization above 100", s -> s.setUtilization(utilization(120.0, null, null)), "spec.utilization.scaleUpAbovePercent: 120 is above the maximum of 100"),
                invalid("negative utilization", s -> s.setUtilization(utilization(null, -5.0, null)), "spec.utilization.scaleDownBelowPercent: -5 is below the minimum of 0"),
                invalid("a zero target", s -> s.setUtilization(utilization(null, null, 0.0)), "spec.utilization.targetPercent: 0 is below the minimum of 1"),
                invalid("down not below up", s -> s.setUtilization(utilization(50.0, 50.0, null)), "spec.utilization.scaleDownBelowPercent: 50 must be lower than spec.utilization.scaleUpAbovePercent 50"),
                invalid("NaN utilization", s -> s.setUtilization(utilization(Double.NaN, null, null)), "spec.utilization.scaleUpAbovePercent: must be a finite number"),
                invalid("a negative queue limit", s -> s.setQueue(queue(-1.0)), "spec.queue.scaleUpAbovePerReplica: -1 is below the minimum of 0"),
                invalid("a malformed cooldown", s -> s.setCooldown(cooldown("1h", null)), "spec.cooldown.scaleUp: '1h' is not a duration"),
                invalid("a zero step", s -> s.setScaling(scaling(null, 0, null)), "spec.scaling.maxStepUp: 0 is below the minimum of 1"),
                invalid("a step that would overflow replica arithmetic", s -> s.setScaling(scaling(null, Integer.MAX_VALUE, null)),
                        "spec.scaling.maxStepUp: 2147483647 is above the maximum of 1000"),
                invalid("a scale-down step above 1000", s -> s.setScaling(scaling(null, null, 1001)),
                        "spec.scaling.maxStepDown: 1001 is above the maximum of 1000"),
                invalid("more GPUs per replica than any node", s -> s.getCost().setGpusPerReplica(1025),
                        "spec.cost.gpusPerReplica: 1025 is above the maximum of 1024"),
                invalid("a GPU price of 1e308", s -> s.getCost().setGpuHourlyCost(1e308),
                        "spec.cost.gpuHourlyCost: 1.0E308 is above the maximum of 10000"),
                invalid("an infinite GPU price", s -> s.getCost().setGpuHourlyCost(Double.POSITIVE_INFINITY),
                        "spec.cost.gpuHourlyCost: is too large, got Infinity"),
                invalid("overhead above 1000 percent", s -> s.getCost().setOverheadPercent(1000.5),
                        "spec.cost.overheadPercent: 1000.5 is above the maximum of 1000"),
                invalid("no cost", s -> s.setCost(null), "spec.cost: is required"),
                invalid("no GPU price", s -> s.getCost().setGpuHourlyCost(null), "spec.cost.gpuHourlyCost: is required"),
                invalid("a negative GPU price", s -> s.getCost().setGpuHourlyCost(-2.0), "spec.cost.gpuHourlyCost: -2 is below the minimum of 0"),
                invalid("zero GPUs", s -> s.getCost().setGpusPerReplica(0), "spec.cost.gpusPerReplica: 0 is below the minimum of 1"),
                invalid("negative overhead", s -> s.getCost().setOverheadPercent(-1.0), "spec.cost.overheadPercent: -1 is below the minimum of 0"),
                invalid("an unknown preset", s -> s.setMetrics(metrics(m -> m.setPreset("tgi"))),
                        "spec.metrics.preset: 'tgi' is not a known preset; known: custom, fake-engine, sglang, vllm"),
                invalid("a preset name that is no file name", s -> s.setMetrics(metrics(m -> m.setPreset("../vllm"))),
                        "spec.metrics.preset: '../vllm' is not a known preset"),
                invalid("a zero window", s -> s.setMetrics(window("0s")), "spec.metrics.window: must be longer than 0"),
                invalid("custom without the TTFT query", s -> s.setMetrics(custom(Map.of("tpotP99Ms", "b", "utilizationPercent", "c"))),
                        "spec.metrics.queries.ttftP99Ms: is required with preset custom"),
                invalid("custom with a queue but no queue query", s -> {
                    s.setQueue(queue(2.0));
                    s.setMetrics(custom(Map.of("ttftP99Ms", "a", "tpotP99Ms", "b", "utilizationPercent", "c")));
                }, "spec.metrics.queries.queueDepth: is required with preset custom when spec.queue is set"),
                invalid("a custom query that tries to read another namespace",
                        s -> s.setMetrics(custom(Map.of("ttftP99Ms", "a", "tpotP99Ms", "b", "utilizationPercent", "sum(x{namespace=~\".+\"})"))),
                        "spec.metrics.queries.utilizationPercent: cannot read the query at character 7: a selector with its own namespace matcher"),
                invalid("a query for an unknown signal", s -> s.setMetrics(custom(Map.of("latency", "x"))),
                        "spec.metrics.queries.latency: is not a signal"),
                invalid("queries without the custom preset", s -> s.setMetrics(metrics(m -> m.setQueries(Map.of("ttftP99Ms", "a")))), "spec.metrics.queries: is only used with spec.metrics.preset custom"),
                invalid("a selector label Prometheus cannot have", s -> s.setMetrics(metrics(m -> m.setSelector(Map.of("model-name", "x")))), "spec.metrics.selector.model-name: is not a Prometheus label name"),
                invalid("a Prometheus URL that is not http", s -> s.setMetrics(prometheusUrl("ftp://prom")), "spec.metrics.prometheus.url: 'ftp://prom' is not an http or https URL"),
                invalid("basic auth without a password", s -> s.setMetrics(prometheus(p -> {
                    p.setBasicAuth(new BasicAuthSpec());
                    p.getBasicAuth().setUsername(new SecretKeySelector("prom", "user"));
                })), "spec.metrics.prometheus.basicAuth.password: is required"),
                invalid("a bearer token and basic auth together", s -> s.setMetrics(prometheus(p -> {
                    p.setBearerTokenSecret(new SecretKeySelector("prom", "token"));
                    p.setBasicAuth(new BasicAuthSpec());
                    p.getBasicAuth().setUsername(new SecretKeySelector("prom", "user"));
                    p.getBasicAuth().setPassword(new SecretKeySelector("prom", "password"));
                })), "spec.metrics.prometheus.bearerTokenSecret: cannot be combined with basicAuth"),
                invalid("a Secret reference without a key", s -> s.setMetrics(prometheus(
                        p -> p.setBearerTokenSecret(new SecretKeySelector("prom", null)))),
                        "spec.metrics.prometheus.bearerTokenSecret.key: is required"),
                invalid("a Secret name that is a path", s -> s.setMetrics(prometheus(p -> {
                    p.setTls(new PrometheusTlsSpec());
                    p.getTls().setCa(new SecretKeySelector("../../var/run/secrets/kubernetes.io/serviceaccount", "ca.crt"));
                })), "spec.metrics.prometheus.tls.ca.name: '../../var/run/secrets/kubernetes.io/serviceaccount' is not a Secret name"),
                invalid("a Prometheus URL with user and password", s -> s.setMetrics(prometheusUrl("http://scaler:hunter22@prom:9090")),
                        "spec.metrics.prometheus.url: 'http://***@prom:9090' carries credentials in the URL"));
    }

    @Test
    void secretReferencesAreReadThroughTheGivenSourceAndBecomeCredentials() {
        InferencePoolSpec spec = Specs.minimal();
        spec.setMetrics(prometheus(p -> {
            p.setUrl("https://prom:9090");
            p.setBasicAuth(new BasicAuthSpec());
            p.getBasicAuth().setUsername(new SecretKeySelector("prom-auth", "user"));
            p.getBasicAuth().setPassword(new SecretKeySelector("prom-auth", "password"));
            p.setTls(new PrometheusTlsSpec());
            p.getTls().setCa(new SecretKeySelector("prom-ca", "ca.crt"));
        }));
        Map<String, String> secrets = Map.of("prom-auth/user", "scaler\n", "prom-auth/password", "pa ss\n", "prom-ca/ca.crt", "PEM");

        PrometheusConnection connection = PoolSettingsMapping.map(spec).metrics().prometheus()
                .connection(null, ref -> secrets.get(ref.name() + "/" + ref.key()));

        assertThat(connection.auth()).isEqualTo(PrometheusAuth.basic("scaler", "pa ss"));
        assertThat(connection.caPem()).isEqualTo("PEM");
        assertThat(connection.toString()).doesNotContain("pa ss").contains("Basic ***");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSpecs")
    void rejectsAnInvalidSpecNamingTheField(String scenario, Consumer<InferencePoolSpec> breakIt, String message) {
        InferencePoolSpec spec = Specs.minimal();
        breakIt.accept(spec);

        assertThatThrownBy(() -> PoolSettingsMapping.map(spec))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void rejectsAMissingSpec() {
        assertThatThrownBy(() -> PoolSettingsMapping.map(null)).hasMessage("spec: is required");
    }

    private static Arguments invalid(String scenario, Consumer<InferencePoolSpec> breakIt, String message) {
        return arguments(scenario, breakIt, message);
    }

    private static SloSpec slo(String ttft, String tpot) {
        SloSpec slo = new SloSpec();
        slo.setTtftP99(ttft);
        slo.setTpotP99(tpot);
        return slo;
    }

    private static UtilizationSpec utilization(Double up, Double down, Double target) {
        UtilizationSpec utilization = new UtilizationSpec();
        utilization.setScaleUpAbovePercent(up);
        utilization.setScaleDownBelowPercent(down);
        utilization.setTargetPercent(target);
        return utilization;
    }

    private static QueueSpec queue(Double perReplica) {
        QueueSpec queue = new QueueSpec();
        queue.setScaleUpAbovePerReplica(perReplica);
        return queue;
    }

    private static CooldownSpec cooldown(String up, String down) {
        CooldownSpec cooldown = new CooldownSpec();
        cooldown.setScaleUp(up);
        cooldown.setScaleDown(down);
        return cooldown;
    }

    private static ScalingSpec coldStart(String hint) {
        ScalingSpec scaling = scaling(ScalingPolicyType.ADAPTIVE, null, null);
        scaling.setColdStartHint(hint);
        return scaling;
    }

    private static ScalingSpec forecastOn(ScalingPolicyType policy, Consumer<ForecastSpec> fill) {
        ScalingSpec scaling = scaling(policy, null, null);
        scaling.setForecast(forecast(fill));
        return scaling;
    }

    private static ForecastSpec forecast(Consumer<ForecastSpec> fill) {
        ForecastSpec forecast = new ForecastSpec();
        fill.accept(forecast);
        return forecast;
    }

    private static ScalingSpec scaling(ScalingPolicyType policy, Integer up, Integer down) {
        ScalingSpec scaling = new ScalingSpec();
        scaling.setPolicy(policy);
        scaling.setMaxStepUp(up);
        scaling.setMaxStepDown(down);
        return scaling;
    }

    private static MetricsSpec custom(Map<String, String> queries) {
        return metrics(metrics -> {
            metrics.setPreset("custom");
            metrics.setQueries(queries);
        });
    }

    private static MetricsSpec window(String window) {
        return metrics(metrics -> metrics.setWindow(window));
    }

    private static MetricsSpec prometheusUrl(String url) {
        PrometheusSpec prometheus = new PrometheusSpec();
        prometheus.setUrl(url);
        return metrics(metrics -> metrics.setPrometheus(prometheus));
    }

    private static MetricsSpec prometheus(Consumer<PrometheusSpec> fill) {
        PrometheusSpec prometheus = new PrometheusSpec();
        fill.accept(prometheus);
        return metrics(metrics -> metrics.setPrometheus(prometheus));
    }

    private static MetricsSpec metrics(Consumer<MetricsSpec> fill) {
        MetricsSpec metrics = new MetricsSpec();
        fill.accept(metrics);
        return metrics;
    }
}
