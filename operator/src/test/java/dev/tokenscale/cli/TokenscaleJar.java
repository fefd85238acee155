package dev.tokenscale.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shaded jar ITs start as a user would; failsafe runs after package, so it is there. */
final class TokenscaleJar {

    private TokenscaleJar() {}

    static Path path() {
        Path jar = Path.of("target", "tokenscale.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run `mvn -B verify` (the ITs need the packaged jar)");
        }
        return jar;
    }
}
