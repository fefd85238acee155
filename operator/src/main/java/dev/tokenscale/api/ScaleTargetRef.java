package dev.tokenscale.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** The workload to scale. Any kind with a {@code /scale} subresource works. */
public class ScaleTargetRef {

    /** API version of the workload, e.g. {@code apps/v1} or {@code leaderworkerset.x-k8s.io/v1}. */
    @Required
    @JsonPropertyDescription("API version of the workload, e.g. apps/v1 or leaderworkerset.x-k8s.io/v1.")
    private String apiVersion;

    /** Kind of the workload, e.g. Deployment, StatefulSet or LeaderWorkerSet. */
    @Required
    @JsonPropertyDescription("Kind of the workload, e.g. Deployment, StatefulSet or LeaderWorkerSet. It must have a /scale subresource.")
    private String kind;

    /** Name of the workload, in the pool's namespace. */
    @Required
    @JsonPropertyDescription("Name of the workload, in the pool's namespace.")
    private String name;

    public String getApiVersion() {
        return apiVersion;
    }

    public void setApiVersion(String apiVersion) {
        this.apiVersion = apiVersion;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
