package dev.tokenscale.operator;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tokenscale.api.InferencePool;
import dev.tokenscale.policy.Action;
import dev.tokenscale.policy.Decision;
import dev.tokenscale.policy.Reason;
import dev.tokenscale.policy.SignalSnapshot;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class DecisionLogTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final Logger logger = (Logger) LoggerFactory.getLogger(InferencePoolReconciler.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final PoolSettings settings = PoolSettingsMapping.map(Specs.minimal());
    private final PoolMemory.Entry remembered = new PoolMemory().of("uid-1");
    private final InferencePool pool = new InferencePool();
    private Level before;

    @BeforeEach
    void capture() {
        pool.setMetadata(new ObjectMetaBuilder().withNamespace("llm").withName("chat").withUid("uid-1").build());
        before = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void release() {
        logger.detachAppender(lines);
        logger.setLevel(before);
    }

    @Test
    void aPoolHoldingForTheSameReasonLogsAtInfoOnceThenAtDebugUntilSomethingChanges() {
        log(hold(Reason.WITHIN_TARGET, 3, "utilization 52%"));
        log(hold(Reason.WITHIN_TARGET, 3, "utilization 55%"));
        log(hold(Reason.WITHIN_TARGET, 3, "utilization 49%"));
        log(new Decision(Action.SCALE_UP, Reason.HIGH_UTILIZATION, 3, 4, 0, "utilization 91%", List.of()));
        log(hold(Reason.COOLDOWN, 4, "cooling down"));
        log(hold(Reason.COOLDOWN, 4, "cooling down"));
        log(hold(Reason.WITHIN_TARGET, 4, "utilization 60%"));

        assertThat(lines.list).extracting(ILoggingEvent::getLevel).containsExactly(
                Level.INFO, Level.DEBUG, Level.DEBUG, Level.INFO, Level.INFO, Level.DEBUG, Level.INFO);
        assertThat(lines.list.get(1).getFormattedMessage())
                .isEqualTo("pool llm/chat [Auto]: none 3 -> 3 (within_target): utilization 55%");
        assertThat(lines.list.get(3).getFormattedMessage()).contains("scale_up 3 -> 4 (high_utilization), applied");
    }

    @Test
    void everyScaleIsLoggedAtInfoEvenWhenTheSameScaleRepeats() {
        Decision down = new Decision(Action.SCALE_DOWN, Reason.LOW_UTILIZATION, 4, 3, 16.8, "utilization 12%", List.of());

        log(down);
        log(down);

        assertThat(lines.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.INFO, Level.INFO);
    }

    private static Decision hold(Reason reason, int replicas, String message) {
        return new Decision(Action.NONE, reason, replicas, replicas, 0, message, List.of());
    }

    private void log(Decision decision) {
        SignalSnapshot snapshot = SignalSnapshot.builder().observedAt(NOW).build();
        Evaluation evaluation = new Evaluation(decision.from(), decision.to(), decision.from(), snapshot, decision,
                decision.changesReplicas(), null, null, null, NOW);
        DecisionLog.log(pool, settings, evaluation, remembered);
    }
}
