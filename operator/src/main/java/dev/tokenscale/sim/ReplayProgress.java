package dev.tokenscale.sim;

/** Hears how far a replay has got, for a progress bar. Called at most about a hundred times a run. */
@FunctionalInterface
public interface ReplayProgress {

    ReplayProgress NONE = (done, total) -> {};

    void advanced(long stepsDone, long stepsTotal);
}
