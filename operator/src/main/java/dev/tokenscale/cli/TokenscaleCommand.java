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
        CommandLine commandLine = new CommandLine(new TokenscaleCommand());
        if (hasDemo()) {
            commandLine.addSubcommand(new DemoCommand());
            commandLine.addSubcommand(new BenchCommand());
        }
        // Set after every subcommand is added: picocli passes the handlers to the subcommands present now.
        OneLineErrors errors = new OneLineErrors();
        return commandLine.setParameterExceptionHandler(errors).setExecutionExceptionHandler(errors);
    }

    /**
     * The image's jar (tokenscale-runtime.jar) leaves the demo out, and with it the embedded API server
     * it and the benchmark need; the commands are offered only where the demo's class was packaged.
     */
    static boolean hasDemo() {
        return TokenscaleCommand.class.getResource("DemoCommand.class") != null;
    }
}
