package dev.tokenscale.sim;

import java.time.Duration;
import java.util.Objects;

/**
 * How to start a {@link WorkerEmulator}.
 *
 * @param firstPort 0 to give every worker a free loopback port; otherwise worker i listens on firstPort + i
 * @param coldStart how long a worker added by {@link WorkerEmulator#setReplicas} loads its model
 *     before it serves; the replicas present at start serve at once
 */
public record EmulatorSettings(
        EmulatedEngine engine,
        int replicas,
        double arrivalRps,
        int firstPort,
        Duration coldStart,
        LoadModel.Params model,
        String modelName) {

    public EmulatorSettings {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(coldStart, "coldStart");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(modelName, "modelName");
        if (replicas < 0) {
            throw new IllegalArgumentException("replicas must be >= 0, got " + replicas);
        }
        if (!(arrivalRps >= 0) || Double.isInfinite(arrivalRps)) {
            throw new IllegalArgumentException("rps must be a number >= 0, got " + arrivalRps);
        }
        if (firstPort < 0 || firstPort > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + firstPort);
        }
        if (coldStart.isNegative()) {
            throw new IllegalArgumentException("coldStart must be >= 0, got " + coldStart);
        }
    }

    /** Three vLLM workers at 40 rps with the seed's 20 rps per replica, free ports, a 30 s cold start. */
    public static EmulatorSettings defaults() {
        return new EmulatorSettings(EmulatedEngine.VLLM, 3, 40, 0, Duration.ofSeconds(30),
                LoadModel.Params.seedDefaults(), "meta-llama/Llama-3.1-70B-Instruct");
    }

    public EmulatorSettings withEngine(EmulatedEngine value) {
        return new EmulatorSettings(value, replicas, arrivalRps, firstPort, coldStart, model, modelName);
    }

    public EmulatorSettings withReplicas(int value) {
        return new EmulatorSettings(engine, value, arrivalRps, firstPort, coldStart, model, modelName);
    }

    public EmulatorSettings withArrivalRps(double value) {
        return new EmulatorSettings(engine, replicas, value, firstPort, coldStart, model, modelName);
    }

    public EmulatorSettings withFirstPort(int value) {
        return new EmulatorSettings(engine, replicas, arrivalRps, value, coldStart, model, modelName);
    }

    public EmulatorSettings withColdStart(Duration value) {
        return new EmulatorSettings(engine, replicas, arrivalRps, firstPort, value, model, modelName);
    }

    public EmulatorSettings withModel(LoadModel.Params value) {
        return new EmulatorSettings(engine, replicas, arrivalRps, firstPort, coldStart, value, modelName);
    }

    public EmulatorSettings withModelName(String value) {
        return new EmulatorSettings(engine, replicas, arrivalRps, firstPort, coldStart, model, value);
    }
}
