package dev.tokenscale.cli;

import dev.tokenscale.sim.LoadModel;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The serving model's options, the same for {@code simulate} and {@code demo}. */
final class ModelOptions {

    @Option(names = "--capacity-rps-per-replica", paramLabel = "RPS", defaultValue = "20",
            description = "Requests per second one replica serves at full utilization. Default: ${DEFAULT-VALUE}.")
    double capacityRpsPerReplica;

    @Option(names = "--cold-start", paramLabel = "DURATION", defaultValue = "120s",
            description = "How long a new replica loads its model before it serves, e.g. 120s or 3m. Default: ${DEFAULT-VALUE}.")
    String coldStart;

    /** The shared load model's defaults with this capacity. */
    LoadModel.Params params() {
        if (!(capacityRpsPerReplica > 0) || Double.isInfinite(capacityRpsPerReplica)) {
            throw new BadInputException("--capacity-rps-per-replica: must be a number above 0, got " + capacityRpsPerReplica);
        }
        LoadModel.Params defaults = LoadModel.Params.seedDefaults();
        return new LoadModel.Params(capacityRpsPerReplica, defaults.baseTtftMs(), defaults.baseTpotMs(),
                defaults.outputTokensPerRequest());
    }

    Duration coldStart() {
        return DurationArgument.parse(coldStart, "--cold-start");
    }
}
