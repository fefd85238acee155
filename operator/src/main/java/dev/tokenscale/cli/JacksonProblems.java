package dev.tokenscale.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns a Jackson failure into "field: problem" in the user's terms (the field path as written in
 * the file, the accepted enum values, the expected type) instead of Jackson's class names.
 */
final class JacksonProblems {

    private JacksonProblems() {}

    static String describe(JsonProcessingException e) {
        return describe(e, null);
    }

    /** @param document the parsed document, so a type mismatch can quote the value found; may be null */
    static String describe(JsonProcessingException e, JsonNode document) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return path(mapping) + ": " + problem(mapping) + found(mapping, document);
        }
        JsonLocation location = e.getLocation();
        String where = location != null && location.getLineNr() > 0
                ? " at line " + location.getLineNr() + ", column " + location.getColumnNr()
                : "";
        String original = firstLine(e.getOriginalMessage());
        if (original.startsWith("Duplicate field ")) {
            // A later key silently replacing an earlier one is the kind of typo that scales the wrong way.
            return "duplicate key " + original.substring("Duplicate field ".length()) + where;
        }
        if (original.startsWith("Trailing token")) {
            return "a second value follows the first" + where + "; give exactly one JSON object";
        }
        if (e instanceof InputCoercionException) {
            return "a number is too large" + where + ": " + original;
        }
        String syntax = original.isEmpty() ? "" : ": " + original;
        return "not valid syntax" + where + syntax;
    }

    private static String problem(JsonMappingException e) {
        if (e.getCause() instanceof InputCoercionException || firstLine(e.getOriginalMessage()).contains(" out of range of ")) {
            return "too large for " + typeName(targetOf(e)) + " (at most " + Integer.MAX_VALUE + ")";
        }
        if (e instanceof UnrecognizedPropertyException) {
            return "unknown field";
        }
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null && invalid.getTargetType().isEnum()) {
            return "unknown value '" + invalid.getValue() + "'; expected one of " + enumValues(invalid.getTargetType());
        }
        if (e instanceof InvalidFormatException invalid) {
            return "expected " + typeName(invalid.getTargetType()) + ", got '" + invalid.getValue() + "'";
        }
        if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            return "expected " + typeName(mismatched.getTargetType());
        }
        return firstLine(e.getOriginalMessage());
    }

    private static Class<?> targetOf(JsonMappingException e) {
        return e instanceof MismatchedInputException mismatched ? mismatched.getTargetType() : Integer.class;
    }

    /** ", got 'three'" for a mismatch Jackson reports without the value. */
    private static String found(JsonMappingException e, JsonNode document) {
        if (document == null || e instanceof InvalidFormatException || e instanceof UnrecognizedPropertyException) {
            return "";
        }
        JsonNode node = document;
        for (JsonMappingException.Reference reference : e.getPath()) {
            node = reference.getFieldName() != null ? node.path(reference.getFieldName()) : node.path(reference.getIndex());
        }
        return node.isValueNode() ? ", got '" + node.asText() + "'" : "";
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String enumValues(Class<?> type) {
        return Arrays.stream(type.getFields())
                .filter(java.lang.reflect.Field::isEnumConstant)
                .map(field -> {
                    JsonProperty property = field.getAnnotation(JsonProperty.class);
                    return property != null ? property.value() : field.getName();
                })
                .collect(Collectors.joining(", "));
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "a mapping of names to values";
        }
        return "a mapping of fields";
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).strip();
    }
}
