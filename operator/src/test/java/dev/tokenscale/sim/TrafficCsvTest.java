package dev.tokenscale.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrafficCsvTest {

    @TempDir
    Path dir;

    private static TrafficProfile parse(String csv) throws IOException {
        return TrafficCsv.parse("traffic.csv", new StringReader(csv));
    }

    @Test
    void secondsRowsHoldTheirRateUntilTheNextRowAndTheLastRowEndsTheRun() throws IOException {
        TrafficProfile traffic = parse("seconds,rps\n0,10\n60,40\n90,5\n");

        assertThat(traffic.lengthSeconds()).isEqualTo(90);
        assertThat(traffic.rpsAt(0)).isEqualTo(10);
        assertThat(traffic.rpsAt(59.9)).isEqualTo(10);
        assertThat(traffic.rpsAt(60)).isEqualTo(40);
        assertThat(traffic.rpsAt(90)).isZero();
        assertThat(traffic.peakRps()).as("the end row's rate is not replayed").isEqualTo(40);
        assertThat(traffic.meanRps()).isCloseTo((60 * 10 + 30 * 40) / 90.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void hourRowsEachHoldForAnHourSoTwentyFourRowsMakeADay() throws IOException {
        StringBuilder csv = new StringBuilder("hour,rps\n");
        for (int hour = 0; hour < 24; hour++) {
            csv.append(hour).append(',').append(hour * 10).append('\n');
        }

        TrafficProfile traffic = parse(csv.toString());

        assertThat(traffic.lengthSeconds()).isEqualTo(86_400);
        assertThat(traffic.rpsAt(23 * 3600 + 1)).isEqualTo(230);
        assertThat(traffic.peakRps()).isEqualTo(230);
    }

    @Test
    void headerIsCaseAndSpaceInsensitiveAndBlankLinesAreSkipped() throws IOException {
        TrafficProfile traffic = parse("\uFEFF Seconds, RPS \r\n\r\n0, 1.5\r\n\r\n30 ,2e1\r\n60,0\r\n");

        assertThat(traffic.rpsAt(45)).isEqualTo(20);
    }

    @Test
    void aStepThatStraddlesABreakpointCarriesTheMeanLoad() throws IOException {
        TrafficProfile traffic = parse("seconds,rps\n0,10\n10,30\n100,0\n");

        assertThat(traffic.averageRps(5, 15)).isEqualTo(20);
        assertThat(traffic.averageRps(95, 105)).as("nothing arrives after the end").isEqualTo(15);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "missing header | 0,10\\n60,20 | traffic.csv line 1: expected the header 'seconds,rps' or 'hour,rps', got '0,10'",
        "negative rps | seconds,rps\\n0,10\\n30,-5\\n60,0 | traffic.csv line 3: rps must be >= 0, got -5",
        "non-numeric rps | seconds,rps\\n0,ten\\n60,0 | traffic.csv line 2: rps 'ten' is not a number",
        "non-numeric time | hour,rps\\n0,1\\nnoon,5 | traffic.csv line 3: hour 'noon' is not a number",
        "java-only number | seconds,rps\\n0,10d\\n60,0 | traffic.csv line 2: rps '10d' is not a number",
        "NaN | seconds,rps\\n0,NaN\\n60,0 | traffic.csv line 2: rps 'NaN' is not a number",
        "three columns | seconds,rps\\n0,10,3\\n60,0 | traffic.csv line 2: expected 2 values (seconds,rps), got 3: '0,10,3'",
        "time going back | seconds,rps\\n0,10\\n60,20\\n30,5 | traffic.csv line 4: seconds must increase from row to row, but 30 follows 60",
        "time repeated | hour,rps\\n0,10\\n1,20\\n1,30 | traffic.csv line 4: hour must increase from row to row, but 1 follows 1",
        "late start | seconds,rps\\n10,10\\n60,0 | traffic.csv line 2: the first row must be at seconds 0, got 10",
        "no end row | seconds,rps\\n0,10 | traffic.csv line 1: needs at least two rows after the header: the last row marks the end of the run",
        "header only | hour,rps | traffic.csv line 1: no rows after the header; expected at least one 'hour,rps' row",
        "negative time | seconds,rps\\n-1,10\\n60,0 | traffic.csv line 2: seconds must be >= 0, got -1",
    })
    void badInputFailsWithOneLineNamingTheFileAndLine(String name, String csv, String message) {
        assertThatThrownBy(() -> parse(csv.replace("\\n", "\n")))
                .isInstanceOf(TrafficFormatException.class)
                .hasMessage(message);
    }

    @Test
    void theRowCapStopsReadingAtTheFirstRowPastIt() {
        // An endless source: were the cap not enforced while streaming, this read would never end.
        Reader endless = new Reader() {
            private long row = -1;
            private String pending = "";

            @Override
            public int read(char[] buffer, int offset, int length) {
                if (pending.isEmpty()) {
                    pending = row < 0 ? "seconds,rps\n" : row + ",1\n";
                    row++;
                }
                int n = Math.min(length, pending.length());
                pending.getChars(0, n, buffer, offset);
                pending = pending.substring(n);
                return n;
            }

            @Override
            public void close() {}
        };

        assertThatThrownBy(() -> TrafficCsv.parse("endless.csv", endless, 1000))
                .isInstanceOf(TrafficFormatException.class)
                .hasMessage("endless.csv line 1002: more than 1,000 rows; the most a traffic file may have is 1,000"
                        + " (resample it to a coarser interval)");
        assertThat(TrafficCsv.MAX_ROWS).isEqualTo(10_000_000);
    }

    @Test
    void aFileWithoutLineBreaksIsCutAtTheLineLimitInsteadOfReadWhole() {
        Reader noBreaks = new Reader() {
            @Override
            public int read(char[] buffer, int offset, int length) {
                Arrays.fill(buffer, offset, offset + length, 'x');
                return length;
            }

            @Override
            public void close() {}
        };

        assertThatThrownBy(() -> TrafficCsv.parse("blob.csv", noBreaks))
                .isInstanceOf(TrafficFormatException.class)
                .hasMessage("blob.csv line 1: the line is longer than 1000 characters; a row is 'seconds,rps'");
    }

    @Test
    void anEmptyFileIsNamedAsEmpty() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.csv"), "\n  \n");

        assertThatThrownBy(() -> TrafficCsv.read(empty))
                .isInstanceOf(TrafficFormatException.class)
                .hasMessage(empty + ": the file is empty; expected the header 'seconds,rps' or 'hour,rps' and rows of numbers");
    }

    @Test
    void aMissingFileIsReportedWithItsName() {
        Path missing = dir.resolve("nope.csv");

        assertThatThrownBy(() -> TrafficCsv.read(missing))
                .isInstanceOf(TrafficFormatException.class)
                .hasMessageStartingWith(missing + ": cannot read the file (no such file)");
    }

    @Test
    void theBuiltInDayPeaksNear190RpsWithQuietNights() {
        TrafficProfile day = BuiltInTraffic.SEED_DIURNAL.load();

        assertThat(day.lengthSeconds()).isEqualTo(86_400);
        assertThat(day.peakRps()).isEqualTo(190);
        assertThat(day.rpsAt(3 * 3600)).isLessThan(20);
        assertThat(day.source()).isEqualTo("seed-diurnal");
    }
}
