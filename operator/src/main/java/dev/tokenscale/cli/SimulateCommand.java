package dev.tokenscale.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "simulate", description = "Not built yet.")
final class SimulateCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("tokenscale simulate: not built yet");
        return 1;
    }
}
