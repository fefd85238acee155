package dev.tokenscale.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The single entry point of tokenscale.jar. */
@Command(
        name = "tokenscale",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Cost- and SLO-aware autoscaler for LLM inference pools.",
        subcommands = {
            RunCommand.class,
            ExplainCommand.class,
            EmulateCommand.class,
            SimulateCommand.class,
            DemoCommand.class,
        })
public final class TokenscaleCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** Shared by main and the tests, so both see the same exit codes and error handling. */
    public static CommandLine newCommandLine() {
        OneLineErrors errors = new OneLineErrors();
        return new CommandLine(new TokenscaleCommand())
                .setParameterExceptionHandler(errors)
                .setExecutionExceptionHandler(errors);
    }
}
