package dev.tokenscale.policy;

import java.util.Optional;

/**
 * The metric-coverage quorum: a scale-down needs at least {@code minCoveragePercent} of the ready pods
 * reporting. Averages over the pods that still report can look idle while the silent ones are busy, so
 * removing capacity on them is acting blind. A scale-up needs no quorum: a breach seen by a subset of
 * the pods is still a breach.
 */
final class CoverageQuorum {

    private CoverageQuorum() {}

    /** Why a scale-down must wait for more pods to report; empty when the quorum is met or not measured. */
    static Optional<String> shortfall(Evaluation evaluation) {
        PodCoverage coverage = evaluation.signals.coverage();
        double quorum = evaluation.settings.minCoveragePercent();
        if (coverage instanceof PodCoverage.Unknown unknown) {
            return Optional.of("the share of pods reporting could not be measured (" + unknown.detail() + ")");
        }
        if (coverage instanceof PodCoverage.Measured measured && measured.percent() < quorum) {
            return Optional.of("only " + measured.reportingPods() + " of " + measured.readyPods() + " ready pods report metrics ("
                    + HumanText.percent(measured.percent()) + ", below the quorum of " + HumanText.percent(quorum)
                    + "); silent: " + String.join(", ", measured.silentPods()));
        }
        return Optional.empty();
    }

    /** "coverage 75% of 4 ready pods", for the explain trail; empty when nothing was measured. */
    static String describe(PodCoverage coverage) {
        if (coverage instanceof PodCoverage.Measured measured) {
            return "coverage " + HumanText.percent(measured.percent()) + " (" + measured.reportingPods() + " of "
                    + measured.readyPods() + " ready pods report)";
        }
        if (coverage instanceof PodCoverage.Unknown unknown) {
            return "coverage unknown (" + unknown.detail() + ")";
        }
        return "coverage not measured (" + ((PodCoverage.NotMeasured) coverage).why() + ")";
    }
}
