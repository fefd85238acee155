package dev.tokenscale.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "run", description = "Not built yet.")
final class RunCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("tokenscale run: not built yet");
        return 1;
    }
}
