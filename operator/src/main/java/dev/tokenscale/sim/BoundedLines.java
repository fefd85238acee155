package dev.tokenscale.sim;

import java.io.IOException;
import java.io.Reader;

/**
 * Lines of a text stream, each cut at a maximum length: a file without line breaks (a binary, a
 * minified dump) cannot make one line the size of the file, as {@code BufferedReader.readLine} would.
 * It keeps its own buffer, since a synchronized read() per character costs more than the parsing.
 */
final class BoundedLines {

    private final Reader reader;
    private final int maxChars;
    private final char[] buffer = new char[64 * 1024];
    private int position;
    private int limit;
    private boolean truncated;

    BoundedLines(Reader reader, int maxChars) {
        this.reader = reader;
        this.maxChars = maxChars;
    }

    /** The next line without its terminator, at most maxChars long; null at the end. */
    String next() throws IOException {
        StringBuilder line = new StringBuilder();
        truncated = false;
        boolean any = false;
        while (true) {
            if (position == limit && !fill()) {
                return any ? line.toString() : null;
            }
            any = true;
            char c = buffer[position++];
            if (c == '\n') {
                return line.toString();
            }
            if (c == '\r') {
                continue;
            }
            if (line.length() == maxChars) {
                truncated = true;
                return line.toString();
            }
            line.append(c);
        }
    }

    /** Whether the last line returned was cut; its rest is not read. */
    boolean truncated() {
        return truncated;
    }

    private boolean fill() throws IOException {
        int read;
        do {
            read = reader.read(buffer, 0, buffer.length);
        } while (read == 0);
        if (read < 0) {
            return false;
        }
        position = 0;
        limit = read;
        return true;
    }
}
