package dev.tokenscale.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The two cooldowns. An action is allowed once its cooldown has fully elapsed (elapsed ≥ cooldown).
 * A scale-down waits out {@code scaleDown} since the last scale-up and since the last scale-down, so
 * capacity just added is not taken away before it has been measured.
 */
final class Cooldowns {

    /** The cooldown that holds an action: which one, its length, how long remains, since what. */
    record Block(String which, Duration length, Duration remaining, String since) {

        String describe() {
            return "the " + which + " cooldown (" + HumanText.duration(length) + ") has "
                    + HumanText.duration(remaining) + " left since the " + since;
        }
    }

    private Cooldowns() {}

    static Optional<Block> scaleUp(Evaluation evaluation) {
        return block("scale-up", evaluation.settings.scaleUpCooldown(), evaluation.state.lastScaleUpTime(),
                "last scale-up", evaluation.now);
    }

    static Optional<Block> scaleDown(Evaluation evaluation) {
        Duration cooldown = evaluation.settings.scaleDownCooldown();
        Optional<Block> afterUp = block("scale-down", cooldown, evaluation.state.lastScaleUpTime(), "last scale-up", evaluation.now);
        Optional<Block> afterDown = block("scale-down", cooldown, evaluation.state.lastScaleDownTime(), "last scale-down", evaluation.now);
        if (afterUp.isEmpty()) {
            return afterDown;
        }
        if (afterDown.isEmpty()) {
            return afterUp;
        }
        return afterUp.get().remaining().compareTo(afterDown.get().remaining()) >= 0 ? afterUp : afterDown;
    }

    /** Adaptive's one scale-down cooldown: none within {@code cooldown.scaleUp} of the last scale-up. */
    static Optional<Block> scaleDownAfterScaleUp(Evaluation evaluation) {
        return block("scale-up", evaluation.settings.scaleUpCooldown(), evaluation.state.lastScaleUpTime(),
                "last scale-up, which a scale-down waits out", evaluation.now);
    }

    private static Optional<Block> block(String which, Duration cooldown, Instant last, String since, Instant now) {
        if (last == null) {
            return Optional.empty();
        }
        Duration elapsed = Duration.between(last, now);
        if (elapsed.compareTo(cooldown) >= 0) {
            return Optional.empty();
        }
        return Optional.of(new Block(which, cooldown, cooldown.minus(elapsed), since));
    }
}
