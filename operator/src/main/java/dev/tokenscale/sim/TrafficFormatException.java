package dev.tokenscale.sim;

/** A traffic file that cannot be replayed. The message is one line naming the file and the line. */
public final class TrafficFormatException extends RuntimeException {

    public TrafficFormatException(String message) {
        super(message);
    }
}
