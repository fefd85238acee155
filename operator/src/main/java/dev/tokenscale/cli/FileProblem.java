package dev.tokenscale.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** Why a file could not be read, in words rather than exception class names. */
final class FileProblem {

    private FileProblem() {}

    static String of(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? "read failed" : message;
    }
}
