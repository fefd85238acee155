package dev.tokenscale.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenscale.operator.RfcTime;
import dev.tokenscale.policy.ScalingState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The workload's replicas and the pool's last scaling times, from a JSON file: {@code replicas}
 * (required), {@code readyReplicas} (defaults to replicas), {@code lastScaleUpTime} and
 * {@code lastScaleDownTime} (RFC 3339, or null for never).
 */
final class StateFile {

    private StateFile() {}

    static ScalingState read(Path file) {
        JsonFile json = JsonFile.read(file, "state file",
                new LinkedHashSet<>(List.of("replicas", "readyReplicas", "lastScaleUpTime", "lastScaleDownTime")));
        JsonNode replicasNode = json.get("replicas");
        if (replicasNode == null) {
            throw json.problem("replicas", "is required");
        }
        int replicas = count(json, "replicas", replicasNode);
        JsonNode readyNode = json.get("readyReplicas");
        int ready = readyNode == null ? replicas : count(json, "readyReplicas", readyNode);
        if (ready > replicas) {
            throw json.problem("readyReplicas", ready + " is more than replicas " + replicas);
        }
        return new ScalingState(replicas, ready, time(json, "lastScaleUpTime"), time(json, "lastScaleDownTime"));
    }

    private static int count(JsonFile json, String key, JsonNode value) {
        if (value.isIntegralNumber() && !value.canConvertToInt()) {
            throw json.problem(key, "is too large, got " + value + "; the most is " + Integer.MAX_VALUE);
        }
        if (!value.isIntegralNumber()) {
            throw json.problem(key, "expected a whole number, got " + value);
        }
        if (value.intValue() < 0) {
            throw json.problem(key, "must not be negative, got " + value.intValue());
        }
        return value.intValue();
    }

    private static Instant time(JsonFile json, String key) {
        JsonNode value = json.get(key);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw json.problem(key, "expected an RFC 3339 time such as 2026-01-01T00:00:00Z or null, got " + value);
        }
        try {
            return RfcTime.parse(value.asText());
        } catch (IllegalArgumentException e) {
            throw json.problem(key, e.getMessage());
        }
    }
}
