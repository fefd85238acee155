package dev.tokenscale.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Loopback ports for tests that must not hard-code one. */
public final class LoopbackPorts {

    private LoopbackPorts() {}

    /**
     * The first of {@code count} consecutive ports that were all free a moment ago, for workers that
     * listen on firstPort + i and a Prometheus configured for all of them up front.
     */
    public static int freeRange(int count) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int first = free();
            if (first + count > 65535) {
                continue;
            }
            boolean allFree = true;
            for (int port = first + 1; port < first + count && allFree; port++) {
                try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                    allFree = socket.getLocalPort() == port;
                } catch (IOException taken) {
                    allFree = false;
                }
            }
            if (allFree) {
                return first;
            }
        }
        throw new IllegalStateException("no " + count + " consecutive free loopback ports found");
    }

    /** A port that was free a moment ago; nothing listens on it unless someone grabs it in between. */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
