package dev.tokenscale.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads a traffic CSV. Two headers are accepted:
 * <ul>
 *   <li>{@code seconds,rps}: seconds since the start; each rate holds until the next row, and the
 *       last row marks the end of the run (its rate is checked but not replayed);</li>
 *   <li>{@code hour,rps}: the seed's 24-point shape; each row holds for one hour, so 24 rows make a
 *       day.</li>
 * </ul>
 * Blank lines are skipped. Every fault is a {@link TrafficFormatException} naming the file and line.
 */
public final class TrafficCsv {

    private static final String SECONDS_HEADER = "seconds,rps";
    private static final String HOUR_HEADER = "hour,rps";
    private static final double SECONDS_PER_HOUR = 3600;
    /** Plain decimals only: Java also parses "10d", "0x1p3" and "NaN", which no spreadsheet means. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    /** A day at one row per 10ms is 8.6 million rows; more is not a traffic shape but a mistake. */
    public static final int MAX_ROWS = 10_000_000;
    /** Far past any replay a step cap allows, yet small enough that milliseconds never overflow a long. */
    static final double MAX_SECONDS = 1e9;
    /** A billion requests per second is no inference pool; a larger figure is a unit mistake. */
    static final double MAX_RPS = 1e9;
    /** "seconds,rps" with two long decimals is under 60 characters. */
    static final int MAX_LINE_CHARS = 1000;

    private TrafficCsv() {}

    public static TrafficProfile read(Path file) {
        String name = file.toString();
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (Reader reader = new InputStreamReader(Files.newInputStream(file), utf8)) {
            return parse(name, reader);
        } catch (CharacterCodingException e) {
            throw new TrafficFormatException(name + ": is not UTF-8 text (binary, or saved in another encoding); save it as UTF-8 CSV");
        } catch (NoSuchFileException e) {
            throw new TrafficFormatException(name + ": cannot read the file (no such file)");
        } catch (AccessDeniedException e) {
            throw new TrafficFormatException(name + ": cannot read the file (permission denied)");
        } catch (IOException e) {
            throw new TrafficFormatException(name + ": cannot read the file (" + (e.getMessage() != null ? e.getMessage() : "read failed") + ")");
        }
    }

    /** Reads a CSV bundled in the jar, such as a built-in traffic day. */
    static TrafficProfile readResource(String name, String resource) {
        InputStream stream = TrafficCsv.class.getResourceAsStream(resource);
        if (stream == null) {
            throw new IllegalStateException("the jar lacks its built-in traffic " + resource);
        }
        try (Reader reader = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
            return parse(name, reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Streams the rows: one bounded line at a time, each checked as it arrives and kept as two
     * primitive doubles, so the file is never held whole and a file past {@link #MAX_ROWS} rows or
     * with a line past {@link #MAX_LINE_CHARS} characters stops at that row.
     */
    public static TrafficProfile parse(String name, Reader source) throws IOException {
        return parse(name, source, MAX_ROWS);
    }

    /** @param maxRows the row cap; below {@link #MAX_ROWS} only so a test can reach it without 10 million lines */
    static TrafficProfile parse(String name, Reader source, int maxRows) throws IOException {
        BoundedLines lines = new BoundedLines(source, MAX_LINE_CHARS);
        String header = null;
        int headerLine = 0;
        long lineNumber = 0;
        Rows rows = new Rows();
        for (String line = lines.next(); line != null; line = lines.next()) {
            lineNumber++;
            if (lines.truncated()) {
                throw fault(name, lineNumber, "the line is longer than " + MAX_LINE_CHARS + " characters; a row is 'seconds,rps'");
            }
            if (line.indexOf('\0') >= 0) {
                throw new TrafficFormatException(name + ": is binary (a NUL character on line " + lineNumber + "), not a CSV text file");
            }
            if (lineNumber == 1) {
                line = stripBom(line);
            }
            String trimmed = line.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (header == null) {
                header = trimmed.replace(" ", "").toLowerCase(Locale.ROOT);
                headerLine = (int) lineNumber;
                if (!header.equals(SECONDS_HEADER) && !header.equals(HOUR_HEADER)) {
                    throw fault(name, lineNumber, "expected the header '" + SECONDS_HEADER + "' or '"
                            + HOUR_HEADER + "', got '" + printable(trimmed) + "'");
                }
                continue;
            }
            if (rows.size() == maxRows) {
                throw fault(name, lineNumber, String.format(Locale.ROOT,
                        "more than %,d rows; the most a traffic file may have is %,d (resample it to a coarser interval)",
                        maxRows, maxRows));
            }
            double[] row = parseRow(name, lineNumber, trimmed, header);
            String unit = header.equals(HOUR_HEADER) ? "hour" : "seconds";
            if (rows.size() == 0) {
                if (row[0] != 0) {
                    throw fault(name, lineNumber, "the first row must be at " + unit + " 0, got " + format(row[0]));
                }
            } else if (!(row[0] > rows.lastTime())) {
                throw fault(name, lineNumber, unit + " must increase from row to row, but "
                        + format(row[0]) + " follows " + format(rows.lastTime()));
            }
            rows.add(row[0], row[1]);
        }
        if (header == null) {
            throw new TrafficFormatException(name + ": the file is empty; expected the header '"
                    + SECONDS_HEADER + "' or '" + HOUR_HEADER + "' and rows of numbers");
        }
        boolean hourly = header.equals(HOUR_HEADER);
        int needed = hourly ? 1 : 2;
        if (rows.size() < needed) {
            throw fault(name, headerLine, hourly
                    ? "no rows after the header; expected at least one 'hour,rps' row"
                    : "needs at least two rows after the header: the last row marks the end of the run");
        }
        return toProfile(name, rows, hourly);
    }

    private static double[] parseRow(String name, long lineNumber, String line, String header) {
        String[] fields = line.split(",", -1);
        String[] columns = header.split(",");
        if (fields.length != 2) {
            throw fault(name, lineNumber, "expected 2 values (" + header + "), got " + fields.length + ": '" + printable(line) + "'");
        }
        double time = number(name, lineNumber, columns[0], fields[0]);
        double rps = number(name, lineNumber, columns[1], fields[1]);
        if (time < 0) {
            throw fault(name, lineNumber, columns[0] + " must be >= 0, got " + fields[0].trim());
        }
        if (rps < 0) {
            throw fault(name, lineNumber, "rps must be >= 0, got " + fields[1].trim());
        }
        double seconds = header.equals(HOUR_HEADER) ? time * SECONDS_PER_HOUR : time;
        if (seconds > MAX_SECONDS) {
            throw fault(name, lineNumber, columns[0] + " " + fields[0].trim() + " is too large; a traffic file spans at most "
                    + (long) MAX_SECONDS + " seconds (about 31 years)");
        }
        if (rps > MAX_RPS) {
            throw fault(name, lineNumber, "rps " + fields[1].trim() + " is too large; the most is " + (long) MAX_RPS);
        }
        return new double[] {time, rps};
    }

    private static double number(String name, long lineNumber, String column, String text) {
        String value = text.trim();
        if (DECIMAL.matcher(value).matches()) {
            double parsed = Double.parseDouble(value);
            if (Double.isFinite(parsed)) {
                return parsed;
            }
        }
        throw fault(name, lineNumber, column + " '" + printable(value) + "' is not a number");
    }

    private static TrafficProfile toProfile(String name, Rows rows, boolean hourly) {
        double scale = hourly ? SECONDS_PER_HOUR : 1;
        int replayed = hourly ? rows.size() : rows.size() - 1;
        double[] starts = new double[replayed];
        double[] rates = new double[replayed];
        for (int i = 0; i < replayed; i++) {
            starts[i] = rows.time(i) * scale;
            rates[i] = rows.rps(i);
        }
        double last = rows.lastTime() * scale;
        double length = hourly ? last + SECONDS_PER_HOUR : last;
        return new TrafficProfile(name, starts, rates, length);
    }

    /** A header quoted back in an error stays one readable line even when the file is garbage. */
    private static String printable(String text) {
        String shown = text.length() > 60 ? text.substring(0, 60) + "..." : text;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }

    private static String stripBom(String line) {
        return !line.isEmpty() && line.charAt(0) == '\uFEFF' ? line.substring(1) : line;
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static TrafficFormatException fault(String name, long lineNumber, String message) {
        return new TrafficFormatException(name + " line " + lineNumber + ": " + message);
    }

    /** The rows so far as two growing primitive arrays: 16 bytes a row, not a boxed object each. */
    private static final class Rows {
        private double[] times = new double[64];
        private double[] rates = new double[64];
        private int size;

        void add(double time, double rps) {
            if (size == times.length) {
                int grown = (int) Math.min((long) size * 2, MAX_ROWS);
                times = Arrays.copyOf(times, grown);
                rates = Arrays.copyOf(rates, grown);
            }
            times[size] = time;
            rates[size] = rps;
            size++;
        }

        int size() {
            return size;
        }

        double time(int i) {
            return times[i];
        }

        double rps(int i) {
            return rates[i];
        }

        double lastTime() {
            return times[size - 1];
        }
    }
}
