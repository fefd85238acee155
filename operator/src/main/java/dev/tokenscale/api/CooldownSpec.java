package dev.tokenscale.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

/** Minimum times between scaling actions, so the pool does not flap while new GPU pods start. */
public class CooldownSpec {

    /** Minimum time since the last scale-up before another scale-up. */
    @Default("60s")
    @Pattern(Durations.PATTERN)
    @JsonPropertyDescription("Minimum time since the last scale-up before another scale-up, as a duration. Default 60s.")
    private String scaleUp;

    /** Minimum time since the last scale-up and since the last scale-down before a scale-down. */
    @Default("300s")
    @Pattern(Durations.PATTERN)
    @JsonPropertyDescription("Minimum time since the last scale-up and since the last scale-down before a scale-down, as a duration. Default 300s.")
    private String scaleDown;

    public String getScaleUp() {
        return scaleUp;
    }

    public void setScaleUp(String scaleUp) {
        this.scaleUp = scaleUp;
    }

    public String getScaleDown() {
        return scaleDown;
    }

    public void setScaleDown(String scaleDown) {
        this.scaleDown = scaleDown;
    }
}
