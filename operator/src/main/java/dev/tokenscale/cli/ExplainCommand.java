package dev.tokenscale.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "explain", description = "Not built yet.")
final class ExplainCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("tokenscale explain: not built yet");
        return 1;
    }
}
