package dev.tokenscale.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shaded jar ITs start as a user would; failsafe runs after package, so it is there. */
final class TokenscaleJar {

    private TokenscaleJar() {}

    /** The CLI's jar, every command included. */
    static Path path() {
        return existing("tokenscale.jar");
    }

    /** The image's jar: the operator without the demo and its embedded API server. */
    static Path runtimePath() {
        return existing("tokenscale-runtime.jar");
    }

    private static Path existing(String name) {
        Path jar = Path.of("target", name).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run `mvn -B verify` (the ITs need the packaged jar)");
        }
        return jar;
    }
}
