package dev.tokenscale.cli.demo;

/** Where the demo's operator reads its signals from. */
public enum MetricsSource {
    /** A real Prometheus when {@code prometheus} is on the PATH, else {@link #DIRECT}. */
    AUTO,
    /** A real Prometheus scraping the emulated workers; fails when the binary is missing. */
    PROMETHEUS,
    /** The emulated workers' own figures through a SignalReader, with no Prometheus in between. */
    DIRECT
}
