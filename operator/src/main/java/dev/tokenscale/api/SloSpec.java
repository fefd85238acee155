package dev.tokenscale.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

/** Latency objectives. Breaching either one scales up, whatever the utilization. */
public class SloSpec {

    /** Target P99 time to first token, as a duration ("500ms", "1.5s"). */
    @Default("500ms")
    @Pattern(Durations.PATTERN)
    @JsonPropertyDescription("Target P99 time to first token, as a duration such as 500ms, 1.5s or 1m. A P99 above it is an SLO violation and scales up. Default 500ms.")
    private String ttftP99;

    /** Target P99 time per output token, as a duration. */
    @Default("50ms")
    @Pattern(Durations.PATTERN)
    @JsonPropertyDescription("Target P99 time per output token (inter-token latency), as a duration such as 50ms. A P99 above it is an SLO violation and scales up. Default 50ms.")
    private String tpotP99;

    public String getTtftP99() {
        return ttftP99;
    }

    public void setTtftP99(String ttftP99) {
        this.ttftP99 = ttftP99;
    }

    public String getTpotP99() {
        return tpotP99;
    }

    public void setTpotP99(String tpotP99) {
        this.tpotP99 = tpotP99;
    }
}
