package dev.tokenscale.cli;

/**
 * Input a command cannot use: an unreadable or malformed file, or a value out of range. The message
 * is the one line the user sees, naming the file and the field; commands print it and exit 2.
 */
public final class BadInputException extends RuntimeException {

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
