package dev.tokenscale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** `run`'s sharding flags refuse bad input with one line and exit 2, before any cluster is contacted. */
class RunShardFlagsTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "--shard-selector|a b|tokenscale run: --shard-selector: 'a b' is not a label requirement",
            "--shard-selector|shard in a|tokenscale run: --shard-selector: 'shard in a': write a set as key in (a,b)",
            "--shard-selector|' '|tokenscale run: --shard-selector: empty",
            "--lease-name|Shard_A|tokenscale run: --lease-name: 'Shard_A' is not a Lease name"})
    void aBadShardFlagEndsRunWithOneLineAndExitTwo(String flag, String value, String message) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = TokenscaleCommand.newCommandLine();
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));

        int exit = command.execute("run", flag, value, "--shard-selector".equals(flag) ? "--lease-name" : "--shard-selector",
                "--shard-selector".equals(flag) ? "shard-a" : "tokenscale.dev/shard=a");

        assertThat(exit).as("stderr: %s", err).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith(message).doesNotContain("\n");
        assertThat(out.toString()).isEmpty();
    }
}
