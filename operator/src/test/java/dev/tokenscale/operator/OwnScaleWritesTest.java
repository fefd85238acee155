package dev.tokenscale.operator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OwnScaleWritesTest {

    private static final String LLAMA = OwnScaleWrites.key("llm", "apps/v1", "Deployment", "llama");
    private final OwnScaleWrites writes = new OwnScaleWrites();

    @Test
    void theWritesOwnEventAndTheWorkloadCatchingUpAreNotNews() {
        writes.expect(LLAMA, 3);
        writes.wrote(LLAMA, 3, "120");

        assertThat(writes.explains(LLAMA, "120", figures(2, 2, 2), figures(3, 2, 2))).as("the spec taking the count").isTrue();
        assertThat(writes.explains(LLAMA, "121", figures(3, 2, 2), figures(3, 3, 2))).as("a pod created").isTrue();
        assertThat(writes.explains(LLAMA, "122", figures(3, 3, 2), figures(3, 3, 3))).as("the pod ready").isTrue();
    }

    @Test
    void aVersionFromBeforeTheWriteArrivingLateIsNotNews() {
        writes.expect(LLAMA, 5);
        assertThat(writes.explains(LLAMA, "90", figures(7, 0, 0), figures(7, 7, 7))).as("while the write is in flight").isTrue();
        writes.wrote(LLAMA, 5, "100");
        assertThat(writes.explains(LLAMA, "99", figures(7, 0, 0), figures(7, 7, 7))).as("older than the write").isTrue();
        assertThat(writes.pending(LLAMA)).isTrue();
    }

    @Test
    void aHandScaleAfterTheWriteIsNewsAndEndsThePendingWrite() {
        writes.expect(LLAMA, 3);
        writes.wrote(LLAMA, 3, "120");

        assertThat(writes.explains(LLAMA, "130", figures(3, 3, 3), figures(6, 3, 3))).isFalse();
        assertThat(writes.pending(LLAMA)).isFalse();
    }

    @Test
    void aPodFailingWhileTheWorkloadCatchesUpIsNews() {
        writes.expect(LLAMA, 3);
        writes.wrote(LLAMA, 3, "120");

        assertThat(writes.explains(LLAMA, "125", figures(3, 3, 2), figures(3, 3, 1))).isFalse();
        assertThat(writes.explains(LLAMA, "126", figures(3, 3, 2), figures(3, 3, 2))).isTrue();
    }

    @Test
    void anEvaluationThatSeesTheWorkloadArrivedEndsThePendingWriteAndNothingIsExplainedAfter() {
        writes.expect(LLAMA, 3);
        writes.wrote(LLAMA, 3, "120");
        writes.settle(LLAMA, 3, 3, 2);
        assertThat(writes.pending(LLAMA)).as("one pod still starting").isTrue();

        writes.settle(LLAMA, 3, 3, 3);

        assertThat(writes.pending(LLAMA)).isFalse();
        assertThat(writes.explains(LLAMA, "140", figures(3, 3, 3), figures(3, 3, 2))).isFalse();
    }

    @Test
    void aFailedWriteIsNoLongerExpected() {
        writes.expect(LLAMA, 3);
        writes.cancel(LLAMA, 3);
        assertThat(writes.pending(LLAMA)).isFalse();
    }

    private static ScalePaths.Figures figures(int spec, int status, int ready) {
        return new ScalePaths.Figures(spec, status, "app=llama", ready);
    }
}
