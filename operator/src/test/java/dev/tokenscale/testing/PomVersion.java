package dev.tokenscale.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The project's version as the parent pom writes it: the one source the jars, the image tag and the docs follow. */
public final class PomVersion {

    private PomVersion() {}

    public static String read() {
        try {
            String pom = Files.readString(Path.of("..", "pom.xml"));
            Matcher m = Pattern.compile("<artifactId>tokenscale-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
            if (!m.find()) {
                throw new IllegalStateException("../pom.xml has no tokenscale-parent version");
            }
            return m.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
