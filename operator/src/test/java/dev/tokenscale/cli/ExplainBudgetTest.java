package dev.tokenscale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** explain --budget --pools on the example of docs/budgets.md; every figure worked out by hand. */
class ExplainBudgetTest {

    private static final Path EXAMPLES = Path.of("..", "docs", "examples", "budget");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theRoundShowsWantedGrantedAndWhoWasPreemptedForWhom() throws IOException {
        // $294.00/h is 17.5 replicas of $16.80. Held: realtime 10 + batch 8 = 18 ($302.40), over the limit:
        // batch 8 -> 7 ($285.60). Realtime breaches and wants 11: batch 7 -> 6 ($268.80), realtime 11 ($285.60).
        Run run = explain("--budget", EXAMPLES.resolve("budget.yaml").toString(), "--pools", EXAMPLES.resolve("round").toString(),
                "--now", "2026-01-01T00:00:00Z");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode round = JSON.readTree(run.out());
        assertThat(round.path("budget").asText()).isEqualTo("team-search");
        assertThat(round.path("spentPerHour").asDouble()).isEqualTo(285.6);
        assertThat(round.path("gpus").asLong()).isEqualTo(136);
        JsonNode batch = round.path("pools").path(0);
        JsonNode realtime = round.path("pools").path(1);
        assertThat(batch.path("name").asText()).isEqualTo("batch-summaries");
        assertThat(batch.path("wanted").asInt()).isEqualTo(8);
        assertThat(batch.path("granted").asInt()).isEqualTo(6);
        assertThat(batch.path("preemptedFor").path(0).asText()).isEqualTo("chat-realtime");
        assertThat(realtime.path("wanted").asInt()).isEqualTo(11);
        assertThat(realtime.path("granted").asInt()).isEqualTo(11);
        assertThat(realtime.path("reason").asText()).isEqualTo("slo_violation");
        assertThat(realtime.path("sloBreached").asBoolean()).isTrue();
        assertThat(round.path("preemptions").toString())
                .isEqualTo("[{\"victim\":\"batch-summaries\",\"beneficiary\":null,\"replicas\":1},"
                        + "{\"victim\":\"batch-summaries\",\"beneficiary\":\"chat-realtime\",\"replicas\":1}]");

        Run text = explain("--budget", EXAMPLES.resolve("budget.yaml").toString(), "--pools", EXAMPLES.resolve("round").toString(),
                "--now", "2026-01-01T00:00:00Z", "--output", "text");
        assertThat(text.out()).contains("Preempted: batch-summaries gives 1 replica to chat-realtime.");
    }

    @Test
    void aPoolWithoutItsSignalsFileIsRefusedNamingTheFile() throws IOException {
        Files.copy(EXAMPLES.resolve("round").resolve("chat-realtime.yaml"), dir.resolve("chat.yaml"));

        Run run = explain("--budget", EXAMPLES.resolve("budget.yaml").toString(), "--pools", dir.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(dir.resolve("chat.metrics.json") + ": missing");
    }

    @Test
    void aBudgetNeedsItsPools() {
        Run run = explain("--budget", EXAMPLES.resolve("budget.yaml").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--budget BUDGET.yaml and --pools DIR go together");
    }

    private record Run(int exitCode, String out, String err) {}

    private static Run explain(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = TokenscaleCommand.newCommandLine();
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        String[] full = new String[args.length + 1];
        full[0] = "explain";
        System.arraycopy(args, 0, full, 1, args.length);
        int exitCode = command.execute(full);
        return new Run(exitCode, out.toString(), err.toString());
    }
}
