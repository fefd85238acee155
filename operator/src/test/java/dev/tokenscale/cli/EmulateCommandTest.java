package dev.tokenscale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class EmulateCommandTest {

    private final StringWriter err = new StringWriter();

    @Test
    void anUnknownEngineIsAUsageErrorThatNamesTheChoices() {
        int exit = run("emulate", "--engine", "tgi");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("unknown engine 'tgi' (use vllm, vllm-legacy or sglang)");
    }

    @Test
    void negativeLoadIsAUsageError() {
        assertThat(run("emulate", "--rps", "-5")).isEqualTo(2);
        assertThat(err.toString()).contains("rps must be a number >= 0, got -5.0");
    }

    @Test
    void moreRunningLoadsThanWorkersOrANegativeOneIsAUsageError() {
        assertThat(run("emulate", "--replicas", "2", "--running", "0,1,2")).isEqualTo(2);
        assertThat(err.toString()).contains("--running has 3 values for 2 workers");
        assertThat(run("emulate", "--replicas", "2", "--running", "0,-1")).isEqualTo(2);
        assertThat(err.toString()).contains("--running values must be numbers >= 0, got -1.0");
    }

    @Test
    void aTakenPortFailsWithTheAddressInsteadOfAStackTrace() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int exit = run("emulate", "--replicas", "1", "--port", String.valueOf(taken.getLocalPort()));

            assertThat(exit).isEqualTo(1);
            assertThat(err.toString()).startsWith("tokenscale emulate: cannot listen on 127.0.0.1:" + taken.getLocalPort()
                    + " for worker-0: ").doesNotContain("at dev.tokenscale");
        }
    }

    private int run(String... args) {
        CommandLine command = TokenscaleCommand.newCommandLine();
        command.setErr(new PrintWriter(err, true));
        command.setOut(new PrintWriter(new StringWriter(), true));
        return command.execute(args);
    }
}
