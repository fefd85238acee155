package dev.tokenscale.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenscale.api.InferenceBudget;
import dev.tokenscale.api.InferencePool;
import dev.tokenscale.operator.BudgetSpecMapping;
import dev.tokenscale.operator.InvalidSpecException;
import dev.tokenscale.policy.BudgetLimit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads an InferenceBudget manifest from a file, as strictly as {@link PoolFile} reads a pool, and
 * maps its limits with the operator's own rules; every error names the file and the field.
 */
final class BudgetFile {

    static final String KIND = "InferenceBudget";
    private static final ObjectMapper YAML = PoolFile.strictYaml();

    /** The budget's name and what it allows. */
    record Loaded(String name, BudgetLimit limit) {}

    private BudgetFile() {}

    static Loaded load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException | SecurityException e) {
            throw new BadInputException(file + ": cannot read the budget file (" + FileProblem.of(e) + ")", e);
        }
        JsonNode tree;
        try {
            tree = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadInputException(file + ": " + JacksonProblems.describe(e), e);
        }
        if (tree == null || !tree.isObject() || !KIND.equals(tree.path("kind").asText(""))) {
            throw new BadInputException(file + ": kind: expected " + KIND + ", got '"
                    + (tree == null || !tree.isObject() ? "" : tree.path("kind").asText("")) + "'");
        }
        String apiVersion = tree.path("apiVersion").asText("");
        if (!(InferencePool.GROUP + "/" + InferencePool.VERSION).equals(apiVersion)) {
            throw new BadInputException(file + ": apiVersion: expected " + InferencePool.GROUP + "/" + InferencePool.VERSION
                    + ", got '" + apiVersion + "'");
        }
        InferenceBudget budget;
        try {
            budget = YAML.treeToValue(tree, InferenceBudget.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String problem = e instanceof JsonProcessingException json ? JacksonProblems.describe(json, tree) : e.getMessage();
            throw new BadInputException(file + ": " + problem, e);
        }
        try {
            String name = budget.getMetadata() == null || budget.getMetadata().getName() == null ? "budget"
                    : budget.getMetadata().getName();
            return new Loaded(name, BudgetSpecMapping.limit(budget.getSpec()));
        } catch (InvalidSpecException e) {
            throw new BadInputException(file + ": " + e.getMessage(), e);
        }
    }
}
