package dev.tokenscale.cli;

import dev.tokenscale.sim.ReplayProgress;
import java.io.PrintWriter;

/** A one-line bar on stderr, redrawn in place, for replays long enough to watch. */
final class ProgressBar implements ReplayProgress {

    private static final int WIDTH = 40;

    private final PrintWriter err;
    private int lastPercent = -1;

    ProgressBar(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void advanced(long stepsDone, long stepsTotal) {
        int percent = (int) (stepsDone * 100 / Math.max(1, stepsTotal));
        if (percent == lastPercent) {
            return;
        }
        lastPercent = percent;
        int filled = percent * WIDTH / 100;
        err.print("\rreplaying [" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + percent + "%");
        if (stepsDone >= stepsTotal) {
            err.print("\r" + " ".repeat(WIDTH + 20) + "\r");
        }
        err.flush();
    }
}
