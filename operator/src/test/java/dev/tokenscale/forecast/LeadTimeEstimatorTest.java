package dev.tokenscale.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LeadTimeEstimatorTest {

    @Test
    void untilThreeColdStartsAreMeasuredItIsTwoMinutesOrTheHint() {
        LeadTimeEstimator none = new LeadTimeEstimator(null);
        LeadTimeEstimator hinted = new LeadTimeEstimator(Duration.ofMinutes(5));
        none.record(Duration.ofSeconds(30));
        none.record(Duration.ofSeconds(30));
        hinted.record(Duration.ofSeconds(30));

        assertThat(none.estimate()).isEqualTo(Duration.ofSeconds(120));
        assertThat(hinted.estimate()).isEqualTo(Duration.ofMinutes(5));
        none.record(Duration.ofSeconds(40));
        assertThat(none.estimate()).as("p90 of 30, 30, 40 by nearest rank").isEqualTo(Duration.ofSeconds(40));
        assertThat(none.samples()).isEqualTo(3);
    }

    @Test
    void itIsTheNinetiethPercentileOfTheLastTwentySoOneSlowPullDoesNotSetIt() {
        LeadTimeEstimator estimator = new LeadTimeEstimator(null);
        for (int second = 1; second <= 19; second++) {
            estimator.record(Duration.ofSeconds(100 + second));
        }
        estimator.record(Duration.ofMinutes(30));

        // 20 samples: the 18th smallest of 101..119 and 1,800 s is 118 s.
        assertThat(estimator.estimate()).isEqualTo(Duration.ofSeconds(118));
    }

    @Test
    void onlyTheLastTwentyCount() {
        LeadTimeEstimator estimator = new LeadTimeEstimator(null);
        for (int i = 0; i < 20; i++) {
            estimator.record(Duration.ofMinutes(8));
        }
        for (int i = 0; i < 20; i++) {
            estimator.record(Duration.ofSeconds(90));
        }

        assertThat(estimator.estimate()).isEqualTo(Duration.ofSeconds(90));
        assertThat(estimator.samples()).isEqualTo(20);
    }

    @Test
    void aNegativeDurationIsRefused() {
        assertThatThrownBy(() -> new LeadTimeEstimator(Duration.ofSeconds(-1))).hasMessageContaining("hint");
        assertThatThrownBy(() -> new LeadTimeEstimator(null).record(Duration.ofSeconds(-1))).hasMessageContaining("cold start");
    }
}
