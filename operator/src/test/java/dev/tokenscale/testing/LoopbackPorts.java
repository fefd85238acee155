package dev.tokenscale.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Loopback ports for tests that must not hard-code one. */
public final class LoopbackPorts {

    private LoopbackPorts() {}

    /** A port that was free a moment ago; nothing listens on it unless someone grabs it in between. */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
