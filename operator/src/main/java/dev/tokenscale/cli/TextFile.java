package dev.tokenscale.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a small hand-written file (a pool, signals or state file) as UTF-8 text, refusing it before
 * any parsing when it is larger than a limit, binary, or not UTF-8. At most limit + 1 bytes are ever
 * read, so neither a huge file nor an endless one such as /dev/zero can fill the heap.
 */
final class TextFile {

    /** The pool, signals and state files: a real one is a few kilobytes. */
    static final int MAX_BYTES = 1024 * 1024;

    private TextFile() {}

    /** @param what what the file holds, for the error line ("pool file") */
    static String read(Path file, String what) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException | SecurityException e) {
            throw new BadInputException(file + ": cannot read the " + what + " (" + FileProblem.of(e) + ")", e);
        }
        if (bytes.length > MAX_BYTES) {
            throw new BadInputException(file + ": the " + what + " is larger than 1 MB, the most it may be; refused before parsing");
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new BadInputException(file + ": the " + what + " is binary (a NUL byte at offset " + i + "), not text");
            }
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return utf8.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new BadInputException(file + ": the " + what + " is not UTF-8 text; save it as UTF-8", e);
        }
    }
}
