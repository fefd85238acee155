package dev.tokenscale.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** What Linux's /proc says about a process and the machine; empty elsewhere. */
final class ProcFigures {

    private ProcFigures() {}

    /** VmRSS of {@code /proc/<pid>/status}, in kB. */
    static OptionalLong rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return OptionalLong.of(Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").trim()));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // No /proc (macOS), or the process is gone.
        }
        return OptionalLong.empty();
    }

    /** The one-minute load average, the conditions every figure was measured under. */
    static OptionalDouble loadAverage() {
        try {
            return OptionalDouble.of(Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]));
        } catch (IOException | NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }
}
