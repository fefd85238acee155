package dev.tokenscale.cli.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A run of consecutive loopback ports that were all free a moment ago. The demo's Prometheus is
 * configured with one target per port before the workers exist, since emulated worker i listens
 * on first + i and workers come and go as the pool scales.
 */
public final class LoopbackPortRange {

    private static final int LOWEST = 20_000;
    private static final int HIGHEST = 60_000;
    private static final int ATTEMPTS = 200;

    private LoopbackPortRange() {}

    /** The first port of {@code count} consecutive free ports. */
    public static int findFree(int count) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int first = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST - count);
            if (allFree(first, count)) {
                return first;
            }
        }
        throw new IllegalStateException("found no " + count + " consecutive free ports on 127.0.0.1 between "
                + LOWEST + " and " + HIGHEST);
    }

    private static boolean allFree(int first, int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int port = first; port < first + count; port++) {
                held.add(new ServerSocket(port, 1, InetAddress.getLoopbackAddress()));
            }
            return true;
        } catch (IOException taken) {
            return false;
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // It was only held to prove the port free.
                }
            }
        }
    }
}
