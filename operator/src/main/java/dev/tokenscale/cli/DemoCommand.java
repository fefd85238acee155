package dev.tokenscale.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "demo", description = "Not built yet.")
final class DemoCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("tokenscale demo: not built yet");
        return 1;
    }
}
