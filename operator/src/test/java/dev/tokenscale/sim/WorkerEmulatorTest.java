package dev.tokenscale.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tokenscale.policy.Signal;
import dev.tokenscale.testing.MutableClock;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkerEmulatorTest {

    private static final LoadModel.Params MODEL = new LoadModel.Params(20, 150, 20, 200);

    private final MutableClock clock = MutableClock.at("2025-01-01T00:00:00Z");
    private WorkerEmulator emulator;

    @AfterEach
    void stopEmulator() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void servesVllmNamesWithModelNameAndVllmsRealBucketsOnOnePortPerReplica() throws Exception {
        emulator = start(EmulatedEngine.VLLM, 3, 40);

        List<WorkerEndpoint> workers = emulator.workers();
        assertThat(workers).extracting(WorkerEndpoint::name).containsExactly("worker-0", "worker-1", "worker-2");
        assertThat(workers).extracting(w -> w.metricsUrl().getPort()).doesNotHaveDuplicates();
        assertThat(workers).allSatisfy(w -> assertThat(w.metricsUrl().getHost()).isEqualTo("127.0.0.1"));
        Scrape scrape = Scrape.of(workers.get(0).metricsUrl());
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.bucketBounds("vllm:time_to_first_token_seconds")).containsExactly("0.001", "0.005", "0.01",
                "0.02", "0.04", "0.06", "0.08", "0.1", "0.25", "0.5", "0.75", "1.0", "2.5", "5.0", "7.5", "10.0", "20.0",
                "40.0", "80.0", "160.0", "640.0", "2560.0", "+Inf");
        assertThat(scrape.bucketBounds("vllm:inter_token_latency_seconds")).hasSize(20).endsWith("80.0", "+Inf");
        assertThat(scrape.samples()).allSatisfy(sample -> {
            assertThat(sample.labels()).containsEntry("model_name", "test/model").containsEntry("engine", "0");
        });
        assertThat(scrape.samples()).extracting(Scrape.Sample::name)
                .contains("vllm:kv_cache_usage_perc", "vllm:num_requests_waiting", "vllm:generation_tokens_total",
                        "vllm:time_to_first_token_seconds_count", "vllm:time_to_first_token_seconds_sum");
        assertThat(scrape.body()).contains("# TYPE vllm:generation_tokens counter");
    }

    @Test
    void countersGrowWithTheClockAsTheLoadModelServes() throws Exception {
        emulator = start(EmulatedEngine.VLLM, 3, 40);

        clock.advance(Duration.ofSeconds(10));

        double requests = 0;
        double tokens = 0;
        for (WorkerEndpoint worker : emulator.workers()) {
            Scrape scrape = Scrape.of(worker.metricsUrl());
            requests += scrape.value("vllm:time_to_first_token_seconds_count");
            tokens += scrape.value("vllm:generation_tokens_total");
            assertThat(scrape.value("vllm:kv_cache_usage_perc")).isCloseTo(40.0 / 60, within(1e-9));
            assertThat(scrape.value("vllm:inter_token_latency_seconds_count")).isCloseTo(40.0 / 3 * 10 * 200, within(1e-6));
        }
        assertThat(requests).isCloseTo(400, within(1e-6));
        assertThat(tokens).isCloseTo(80_000, within(1e-6));
        assertThat(emulator.trueSignals().get(Signal.TOKENS_PER_SECOND)).isCloseTo(8000, within(1e-9));
    }

    @Test
    void theHistogramsP99IsTheLoadModelsP99() throws Exception {
        emulator = start(EmulatedEngine.SGLANG, 2, 30);
        clock.advance(Duration.ofSeconds(5));
        Scrape scrape = Scrape.of(emulator.workers().get(0).metricsUrl());

        double truthTtft = emulator.truth().ttftP99Ms();
        double total = scrape.bucket("sglang:time_to_first_token_seconds", "+Inf");
        double rank = 0.99 * total;
        List<Double> bounds = EmulatedEngine.SGLANG.ttftBuckets();
        double estimate = Double.NaN;
        double previousBound = 0;
        double previousCount = 0;
        for (double bound : bounds) {
            double count = scrape.bucket("sglang:time_to_first_token_seconds", java.math.BigDecimal.valueOf(bound).toPlainString());
            if (count >= rank) {
                estimate = previousBound + (bound - previousBound) * (rank - previousCount) / (count - previousCount);
                break;
            }
            previousBound = bound;
            previousCount = count;
        }
        assertThat(truthTtft).isCloseTo(150 / (1 - 0.75), within(1e-9));
        assertThat(estimate * 1000).isCloseTo(truthTtft, within(truthTtft * 1e-6));
    }

    @Test
    void overloadBuildsABacklogSplitEvenlyAcrossWorkers() throws Exception {
        emulator = start(EmulatedEngine.VLLM, 2, 50);

        clock.advance(Duration.ofSeconds(10));

        assertThat(emulator.truth().queueDepth()).isCloseTo(100, within(1e-6));
        for (WorkerEndpoint worker : emulator.workers()) {
            Scrape scrape = Scrape.of(worker.metricsUrl());
            assertThat(scrape.value("vllm:num_requests_waiting")).isCloseTo(50, within(1e-6));
            assertThat(scrape.value("vllm:kv_cache_usage_perc")).isEqualTo(1.0);
        }
    }

    @Test
    void anAddedWorkerAnswers503UntilItsColdStartHasPassed() throws Exception {
        emulator = start(EmulatedEngine.VLLM, 1, 10);

        emulator.setReplicas(2);
        URI added = emulator.workers().get(1).metricsUrl();

        assertThat(emulator.workers().get(1).serving()).isFalse();
        assertThat(Scrape.of(added).status()).isEqualTo(503);
        clock.advance(Duration.ofSeconds(29));
        assertThat(Scrape.of(added).status()).isEqualTo(503);
        clock.advance(Duration.ofSeconds(2));
        Scrape ready = Scrape.of(added);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.value("vllm:time_to_first_token_seconds_count")).as("served for the last second")
                .isCloseTo(10.0 / 2 * 1, within(1e-6));
        assertThat(emulator.truth().servingReplicas()).isEqualTo(2);
    }

    @Test
    void aRemovedWorkerClosesItsPort() throws Exception {
        emulator = start(EmulatedEngine.VLLM, 3, 10);
        URI last = emulator.workers().get(2).metricsUrl();

        emulator.setReplicas(2);

        assertThat(emulator.workers()).hasSize(2);
        assertThatThrownBy(() -> Scrape.of(last)).isInstanceOf(ConnectException.class);
    }

    @Test
    void zeroTrafficLeavesTheHistogramsUntouched() throws Exception {
        emulator = start(EmulatedEngine.VLLM, 2, 0);

        clock.advance(Duration.ofMinutes(1));

        Scrape scrape = Scrape.of(emulator.workers().get(0).metricsUrl());
        assertThat(scrape.value("vllm:time_to_first_token_seconds_count")).isZero();
        assertThat(scrape.value("vllm:generation_tokens_total")).isZero();
        assertThat(emulator.trueSignals().get(Signal.UTILIZATION_PERCENT)).isZero();
    }

    @Test
    void legacyVllmAndSglangUseTheirOwnNames() throws Exception {
        emulator = start(EmulatedEngine.VLLM_LEGACY, 1, 5);
        assertThat(Scrape.of(emulator.workers().get(0).metricsUrl()).samples()).extracting(Scrape.Sample::name)
                .contains("vllm:gpu_cache_usage_perc", "vllm:time_per_output_token_seconds_bucket")
                .doesNotContain("vllm:kv_cache_usage_perc", "vllm:inter_token_latency_seconds_bucket");
        emulator.close();

        emulator = start(EmulatedEngine.SGLANG, 1, 5);
        assertThat(Scrape.of(emulator.workers().get(0).metricsUrl()).samples()).extracting(Scrape.Sample::name)
                .contains("sglang:token_usage", "sglang:num_queue_reqs", "sglang:num_running_reqs", "sglang:generation_tokens_total",
                        "sglang:inter_token_latency_seconds_bucket", "sglang:time_to_first_token_seconds_bucket");
    }

    @Test
    void eachWorkerReportsItsShareOfRequestsInFlightUnlessOneIsSetByHand() throws Exception {
        emulator = start(EmulatedEngine.VLLM, 3, 30);
        clock.advance(Duration.ofSeconds(10));
        LoadModel.Observation truth = emulator.truth();
        double share = truth.servedRps() / 3 * (truth.ttftP99Ms() + 200 * truth.tpotP99Ms()) / 1000;

        emulator.setRunning(0, 0.0);

        List<WorkerEndpoint> workers = emulator.workers();
        assertThat(Scrape.of(workers.get(0).metricsUrl()).value("vllm:num_requests_running")).isZero();
        assertThat(Scrape.of(workers.get(1).metricsUrl()).value("vllm:num_requests_running")).isPositive().isCloseTo(share, within(1e-6));
        emulator.setRunning(0, null);
        assertThat(Scrape.of(workers.get(0).metricsUrl()).value("vllm:num_requests_running")).isCloseTo(share, within(1e-6));
        assertThatThrownBy(() -> emulator.setRunning(1, -2.0)).hasMessageContaining("running requests must be a number >= 0");
    }

    @Test
    void refusesNegativeLoadAndReplicas() {
        emulator = start(EmulatedEngine.VLLM, 1, 5);

        assertThatThrownBy(() -> emulator.setArrivalRps(-1)).hasMessageContaining("rps must be a number >= 0");
        assertThatThrownBy(() -> emulator.setReplicas(-1)).hasMessageContaining("replicas must be >= 0");
    }

    @Test
    void closingFreesEveryPort() throws IOException {
        emulator = start(EmulatedEngine.VLLM, 2, 5);
        List<WorkerEndpoint> workers = emulator.workers();

        emulator.close();

        for (WorkerEndpoint worker : workers) {
            assertThatThrownBy(() -> Scrape.of(worker.metricsUrl())).isInstanceOf(ConnectException.class);
        }
    }

    private WorkerEmulator start(EmulatedEngine engine, int replicas, double rps) {
        return WorkerEmulator.start(EmulatorSettings.defaults().withEngine(engine).withReplicas(replicas)
                .withArrivalRps(rps).withModel(MODEL).withModelName("test/model"), clock);
    }
}
