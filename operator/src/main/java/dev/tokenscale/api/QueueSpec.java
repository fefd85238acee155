package dev.tokenscale.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;

/** Queue-depth limit. Leave it out to ignore the queue signal. */
public class QueueSpec {

    /** Scale up when waiting requests per replica exceed this. */
    @Min(0)
    @JsonPropertyDescription("Scale up when the requests waiting in the engines' queues, divided by the replicas, exceed this. Unset: the queue signal is not used.")
    private Double scaleUpAbovePerReplica;

    public Double getScaleUpAbovePerReplica() {
        return scaleUpAbovePerReplica;
    }

    public void setScaleUpAbovePerReplica(Double scaleUpAbovePerReplica) {
        this.scaleUpAbovePerReplica = scaleUpAbovePerReplica;
    }
}
