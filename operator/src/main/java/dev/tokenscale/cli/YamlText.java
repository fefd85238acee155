package dev.tokenscale.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The YAML rules a hand-written manifest is held to before Jackson maps it: no tab in indentation
 * (SnakeYAML's own words for it do not say "tab"), and exactly one document, because a second one
 * would otherwise be ignored without a word.
 */
final class YamlText {

    private YamlText() {}

    static void refuseTabIndentation(Path file, String text) {
        int line = 1;
        boolean indentation = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                indentation = true;
            } else if (c == '\t' && indentation) {
                throw new BadInputException(file + " line " + line + ": tabs are not allowed for indentation in YAML; use spaces");
            } else if (c != ' ' && c != '-') {
                indentation = false;
            }
        }
    }

    /** The one non-empty document of the text; an empty trailing "---" is tolerated, as kubectl does. */
    static JsonNode singleDocument(Path file, ObjectMapper yaml, String text) {
        JsonNode first = null;
        int documents = 0;
        // One readTree per document: readValues would unwrap a top-level list into "documents".
        try (JsonParser parser = yaml.getFactory().createParser(text)) {
            for (JsonNode document = yaml.readTree(parser); document != null; document = yaml.readTree(parser)) {
                if (document.isNull() || document.isMissingNode()) {
                    continue;
                }
                documents++;
                if (first == null) {
                    first = document;
                }
            }
        } catch (JsonProcessingException e) {
            throw new BadInputException(file + ": " + JacksonProblems.describe(e), e);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read the YAML (" + FileProblem.of(e) + ")", e);
        }
        if (documents > 1) {
            throw new BadInputException(file + ": holds " + documents + " YAML documents; give exactly one InferencePool per file");
        }
        return first;
    }
}
