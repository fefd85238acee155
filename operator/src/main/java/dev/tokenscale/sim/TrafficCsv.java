package dev.tokenscale.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    private TrafficCsv() {}

    public static TrafficProfile read(Path file) {
        String name = file.toString();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(name, reader);
        } catch (IOException e) {
            throw new TrafficFormatException(name + ": cannot read the file (" + e.getClass().getSimpleName()
                    + (e.getMessage() != null ? ": " + e.getMessage() : "") + ")");
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

    public static TrafficProfile parse(String name, Reader source) throws IOException {
        BufferedReader reader = new BufferedReader(source);
        String header = null;
        int headerLine = 0;
        int lineNumber = 0;
        List<double[]> rows = new ArrayList<>();
        List<Integer> rowLines = new ArrayList<>();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNumber++;
            String trimmed = stripBom(line).trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (header == null) {
                header = trimmed.replace(" ", "").toLowerCase(Locale.ROOT);
                headerLine = lineNumber;
                if (!header.equals(SECONDS_HEADER) && !header.equals(HOUR_HEADER)) {
                    throw fault(name, lineNumber, "expected the header '" + SECONDS_HEADER + "' or '"
                            + HOUR_HEADER + "', got '" + trimmed + "'");
                }
                continue;
            }
            rows.add(parseRow(name, lineNumber, trimmed, header));
            rowLines.add(lineNumber);
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
        return toProfile(name, rows, rowLines, hourly);
    }

    private static double[] parseRow(String name, int lineNumber, String line, String header) {
        String[] fields = line.split(",", -1);
        String[] columns = header.split(",");
        if (fields.length != 2) {
            throw fault(name, lineNumber, "expected 2 values (" + header + "), got " + fields.length + ": '" + line + "'");
        }
        double time = number(name, lineNumber, columns[0], fields[0]);
        double rps = number(name, lineNumber, columns[1], fields[1]);
        if (time < 0) {
            throw fault(name, lineNumber, columns[0] + " must be >= 0, got " + fields[0].trim());
        }
        if (rps < 0) {
            throw fault(name, lineNumber, "rps must be >= 0, got " + fields[1].trim());
        }
        return new double[] {time, rps};
    }

    private static double number(String name, int lineNumber, String column, String text) {
        String value = text.trim();
        if (DECIMAL.matcher(value).matches()) {
            double parsed = Double.parseDouble(value);
            if (Double.isFinite(parsed)) {
                return parsed;
            }
        }
        throw fault(name, lineNumber, column + " '" + value + "' is not a number");
    }

    private static TrafficProfile toProfile(String name, List<double[]> rows, List<Integer> rowLines, boolean hourly) {
        double scale = hourly ? SECONDS_PER_HOUR : 1;
        String unit = hourly ? "hour" : "seconds";
        if (rows.get(0)[0] != 0) {
            throw fault(name, rowLines.get(0), "the first row must be at " + unit + " 0, got " + format(rows.get(0)[0]));
        }
        for (int i = 1; i < rows.size(); i++) {
            if (!(rows.get(i)[0] > rows.get(i - 1)[0])) {
                throw fault(name, rowLines.get(i), unit + " must increase from row to row, but "
                        + format(rows.get(i)[0]) + " follows " + format(rows.get(i - 1)[0]));
            }
        }
        int replayed = hourly ? rows.size() : rows.size() - 1;
        double[] starts = new double[replayed];
        double[] rates = new double[replayed];
        for (int i = 0; i < replayed; i++) {
            starts[i] = rows.get(i)[0] * scale;
            rates[i] = rows.get(i)[1];
        }
        double last = rows.get(rows.size() - 1)[0] * scale;
        double length = hourly ? last + SECONDS_PER_HOUR : last;
        return new TrafficProfile(name, starts, rates, length);
    }

    private static String stripBom(String line) {
        return !line.isEmpty() && line.charAt(0) == '\uFEFF' ? line.substring(1) : line;
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static TrafficFormatException fault(String name, int lineNumber, String message) {
        return new TrafficFormatException(name + " line " + lineNumber + ": " + message);
    }
}
