package dev.tokenscale.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LoadModelTest {

    private static final LoadModel.Params SEED = LoadModel.Params.seedDefaults();

    @Test
    void aDrainedQueueLeavesNoBacklogAtAllSoLatencyReturnsToItsBase() {
        // 25 rps on one 20 rps replica for five minutes, then 2.9 rps: before the fix the drain left
        // 1.8e-15 requests behind, which read as ρ = 1 and a 3,000 ms TTFT for the rest of the run.
        LoadModel model = new LoadModel(SEED);
        for (int i = 0; i < 20; i++) {
            model.step(25, 1, 15);
        }
        assertThat(model.backlog()).isEqualTo(1_500);

        LoadModel.Observation quiet = null;
        for (int i = 0; i < 240; i++) {
            quiet = model.step(2.9, 1, 15);
        }

        assertThat(model.backlog()).isZero();
        assertThat(quiet.utilization()).isCloseTo(2.9 / 20, within(1e-12));
        assertThat(quiet.ttftP99Ms()).isCloseTo(150 / (1 - 2.9 / 20), within(1e-9));
    }

    @Test
    void everyRandomOverloadFollowedByAQuietHourDrainsToExactlyZero() {
        SplittableRandom random = new SplittableRandom(10);
        for (int trial = 0; trial < 2_000; trial++) {
            LoadModel model = new LoadModel(SEED);
            int replicas = 1 + random.nextInt(4);
            double overload = replicas * 20 * (1 + random.nextDouble() * 2);
            double quiet = random.nextDouble() * replicas * 10;
            for (int i = 0; i < 1 + random.nextInt(40); i++) {
                model.step(overload, replicas, 15);
            }
            for (int i = 0; i < 240; i++) {
                model.step(quiet, replicas, 15);
            }
            assertThat(model.backlog()).as("trial %d: %s rps on %d replicas, then %s rps", trial, overload, replicas, quiet)
                    .isZero();
        }
    }

    @Test
    void aStepOfNoDurationNeitherGrowsNorDrainsTheQueue() {
        LoadModel model = new LoadModel(SEED);
        model.step(30, 1, 10);

        LoadModel.Observation still = model.step(0, 1, 0);

        assertThat(model.backlog()).isEqualTo(100);
        assertThat(still.queueDepth()).isEqualTo(100);
    }
}
