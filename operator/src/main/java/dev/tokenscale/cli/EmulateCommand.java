package dev.tokenscale.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "emulate", description = "Not built yet.")
final class EmulateCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("tokenscale emulate: not built yet");
        return 1;
    }
}
