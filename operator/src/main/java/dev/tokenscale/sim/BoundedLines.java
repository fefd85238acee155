package dev.tokenscale.sim;

import java.io.BufferedReader;
import java.io.IOException;

/**
 * Lines of a text stream, each cut at a maximum length: a file without line breaks (a binary, a
 * minified dump) cannot make one line the size of the file, as {@link BufferedReader#readLine} would.
 */
final class BoundedLines {

    private final BufferedReader reader;
    private final int maxChars;
    private boolean truncated;

    BoundedLines(BufferedReader reader, int maxChars) {
        this.reader = reader;
        this.maxChars = maxChars;
    }

    /** The next line without its terminator, at most maxChars long; null at the end. */
    String next() throws IOException {
        StringBuilder line = new StringBuilder();
        truncated = false;
        int c = reader.read();
        if (c < 0) {
            return null;
        }
        while (c >= 0 && c != '\n') {
            if (c != '\r') {
                if (line.length() < maxChars) {
                    line.append((char) c);
                } else {
                    truncated = true;
                    return line.toString();
                }
            }
            c = reader.read();
        }
        return line.toString();
    }

    /** Whether the last line returned was cut; its rest is not read. */
    boolean truncated() {
        return truncated;
    }
}
