package dev.tokenscale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs the whole demo in this JVM on a very short day: embedded API server, emulated workers, the real operator. */
class DemoCommandIT {

    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {
        List<String> lines(String containing) {
            return out.lines().filter(line -> line.contains(containing)).toList();
        }
    }

    private static Run demo(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = TokenscaleCommand.newCommandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        String[] full = new String[args.length + 1];
        full[0] = "demo";
        System.arraycopy(args, 0, full, 1, args.length);
        int exitCode = command.execute(full);
        return new Run(exitCode, out.toString(), err.toString());
    }

    @Test
    void aShortDayReadDirectlyFromTheWorkersEndsWithExitZeroAfterScalingUpAndDown() throws Exception {
        Run run = demo("--minutes", "0.5", "--metrics", "direct", "--out", dir.toString());

        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        assertThat(run.out()).contains("Metrics: the emulated workers directly");
        assertThat(run.lines(" scale_up ")).as(run.out()).isNotEmpty();
        assertThat(run.lines(" scale_down ")).as(run.out()).isNotEmpty();
        assertThat(run.out().lines().filter(line -> line.matches("^(fixed-peak|fixed-average|reactive|oracle|operator) .*"))
                .map(line -> line.split(" ")[0]).toList())
                .containsExactly("fixed-peak", "fixed-average", "reactive", "oracle", "operator");
        java.util.regex.Matcher counts = java.util.regex.Pattern
                .compile("scaled up (\\d+) times and down (\\d+) times \\((\\d+) scale events\\)").matcher(run.out());
        assertThat(counts.find()).as(run.out()).isTrue();
        String operatorRow = run.out().lines().filter(line -> line.startsWith("operator ")).findFirst().orElseThrow();
        String[] cells = operatorRow.trim().split("\\s+");
        assertThat(Integer.parseInt(counts.group(1)) + Integer.parseInt(counts.group(2)))
                .isEqualTo(Integer.parseInt(counts.group(3)))
                .as("the table's Scale events for the operator").isEqualTo(Integer.parseInt(cells[cells.length - 1]));
        BufferedImage chart = ImageIO.read(dir.resolve("chart.png").toFile());
        assertThat(chart.getWidth()).isEqualTo(1200);
        assertThat(dir.resolve("report.json")).isNotEmptyFile();
    }

    @Test
    void withPrometheusTheOperatorReadsTheWorkersThroughItAndScales() {
        Run run = demo("--minutes", "0.75", "--metrics", "prometheus", "--out", dir.toString());

        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        assertThat(run.out()).contains("Metrics: a real Prometheus");
        assertThat(run.lines(" scale_up ")).as(run.out()).isNotEmpty();
        assertThat(run.lines("operator ")).isNotEmpty();
    }

    @Test
    void badOptionsExitWithCodeTwoBeforeAnythingStarts() {
        Run run = demo("--minutes", "0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("tokenscale demo: --minutes: must be a number above 0, got 0.0" + System.lineSeparator());
    }
}
