package dev.tokenscale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchCommandTest {

    private record Run(int exitCode, String out, String err) {}

    private static Run bench(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = TokenscaleCommand.newCommandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        String[] full = new String[args.length + 1];
        full[0] = "bench";
        System.arraycopy(args, 0, full, 1, args.length);
        return new Run(command.execute(full), out.toString(), err.toString());
    }

    @Test
    void helpNamesEveryOptionAndWhatIsMeasured() {
        Run run = bench("-h");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--pools=N", "--minutes=MINUTES", "--interval=DURATION", "--pods=N", "--selector-every=N",
                "--operator-jvm-flags=FLAGS", "--out=DIR", "reconcile latency p50/p99", "MaxRAMPercentage=50");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--pools 0|--pools: must be between 1 and 20000, got 0",
            "--pods 0|--pods: must be between 1 and 64, got 0",
            "--minutes 0|--minutes: must be above 0",
            "--interval 1500ms|--interval: must be whole seconds, at least 1s, got 1500ms",
            "--selector-every -1|--selector-every: must be 0 or more, got -1"})
    void badInputExitsWithTwoNamingTheOptionBeforeAnythingStarts(String args, String message) {
        Run run = bench(args.split(" "));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("tokenscale bench: " + message);
        assertThat(run.out()).isEmpty();
    }
}
