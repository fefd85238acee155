package dev.tokenscale.signals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/** Turns one answer of Prometheus' {@code /api/v1/query} into a {@link QueryResult}. */
final class PrometheusResponse {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_QUOTED_BODY = 300;

    private PrometheusResponse() {}

    private static final Pattern PROMETHEUS_NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

    static QueryResult parse(int status, String body) {
        return parse(status, body, PrometheusResponse::oneNumber);
    }

    /**
     * An answer of any number of series, each kept with its labels; used for per-pod and batch queries.
     * A successful vector is read by {@link VectorReader}, as the client reads it while it streams;
     * anything else goes through the tree, which words every fault.
     */
    static QueryResult parseVector(int status, String body) {
        if (status == 200) {
            VectorReader reader = VectorReader.of(body.getBytes(StandardCharsets.UTF_8));
            if (!reader.unreadable()) {
                return reader.result();
            }
        }
        return parse(status, body, PrometheusResponse::labeledSeries);
    }

    /** A range query's answer: one series (a matrix of one), its samples kept in order. */
    static QueryResult parseRange(int status, String body) {
        return parse(status, body, PrometheusResponse::oneSeriesOverTime);
    }

    private static QueryResult oneSeriesOverTime(String resultType, JsonNode result) {
        if (!"matrix".equals(resultType)) {
            return new QueryResult.Failed(QueryFailure.BAD_QUERY, "a range query returned a " + resultType + ", not a matrix");
        }
        QueryResult notOne = notOneSeries(result);
        if (notOne != null) {
            return notOne;
        }
        JsonNode values = result.get(0).path("values");
        if (!values.isArray()) {
            return malformed("a range series has no values array");
        }
        List<QueryResult.TimedValue> samples = new ArrayList<>(values.size());
        for (JsonNode pair : values) {
            QueryResult value = sample(pair);
            if (value instanceof QueryResult.Sample sample) {
                samples.add(new QueryResult.TimedValue(pair.get(0).asDouble(), sample.value()));
            } else {
                return value;
            }
        }
        return new QueryResult.Range(samples);
    }

    /** Why {@code result} is not exactly one series (malformed, none, several); null when it is one. */
    private static QueryResult notOneSeries(JsonNode result) {
        if (!result.isArray()) {
            return malformed("data.result is not an array");
        }
        if (result.isEmpty()) {
            return new QueryResult.NoSeries();
        }
        if (result.size() > 1) {
            return new QueryResult.Failed(QueryFailure.BAD_QUERY, "the query returned " + result.size()
                    + " series, a signal needs one: aggregate it (sum, avg, max)");
        }
        return null;
    }

    /** Checks status and envelope, then hands {@code data.resultType} and {@code data.result} to {@code shape}. */
    private static QueryResult parse(int status, String body, BiFunction<String, JsonNode, QueryResult> shape) {
        JsonNode root = readJson(body);
        QueryResult failure = failure(status, root, body);
        if (failure != null) {
            return failure;
        }
        JsonNode data = root.path("data");
        return shape.apply(data.path("resultType").asText(""), data.path("result"));
    }

    private static QueryResult oneNumber(String resultType, JsonNode result) {
        switch (resultType) {
            case "vector":
                QueryResult notOne = notOneSeries(result);
                return notOne != null ? notOne : sample(result.get(0).path("value"));
            case "scalar":
                return sample(result);
            case "matrix":
            case "string":
                return new QueryResult.Failed(QueryFailure.BAD_QUERY,
                        "the query returned a " + resultType + ", a signal needs an instant vector or a scalar");
            default:
                return malformed("unknown data.resultType '" + resultType + "'");
        }
    }

    private static QueryResult labeledSeries(String resultType, JsonNode result) {
        if (!"vector".equals(resultType)) {
            return new QueryResult.Failed(QueryFailure.BAD_QUERY,
                    "the query returned a " + (resultType.isEmpty() ? "result without a type" : resultType)
                            + ", a per-pod query needs an instant vector");
        }
        if (!result.isArray()) {
            return malformed("data.result is not an array");
        }
        if (result.isEmpty()) {
            return new QueryResult.NoSeries();
        }
        List<QueryResult.LabeledSample> series = new ArrayList<>(result.size());
        for (JsonNode one : result) {
            QueryResult value = sample(one.path("value"));
            if (!(value instanceof QueryResult.Sample sample)) {
                return value;
            }
            Map<String, String> labels = new TreeMap<>();
            one.path("metric").fields().forEachRemaining(label -> labels.put(label.getKey(), label.getValue().asText()));
            series.add(new QueryResult.LabeledSample(labels, sample.value()));
        }
        return new QueryResult.Vector(series);
    }

    /** The failure an answer is, or null for a successful one whose data can be read. */
    private static QueryResult failure(int status, JsonNode root, String body) {
        if (status == 401 || status == 403) {
            return new QueryResult.Failed(QueryFailure.UNAUTHORIZED, "HTTP " + status + ": " + errorText(root, body)
                    + " (check bearerTokenSecret or basicAuth)");
        }
        if (status >= 400 && status < 500) {
            return new QueryResult.Failed(QueryFailure.BAD_QUERY, "HTTP " + status + ": " + errorText(root, body));
        }
        if (status >= 500) {
            return new QueryResult.Failed(QueryFailure.SERVER_ERROR, "HTTP " + status + ": " + errorText(root, body));
        }
        if (status != 200) {
            return new QueryResult.Failed(QueryFailure.MALFORMED_ANSWER, "unexpected HTTP " + status + ": " + abbreviate(body));
        }
        if (root == null || !root.isObject()) {
            return malformed("not JSON: " + abbreviate(body));
        }
        if (!"success".equals(root.path("status").asText())) {
            return new QueryResult.Failed(QueryFailure.BAD_QUERY, errorText(root, body));
        }
        return null;
    }

    /** {@code [<unix time>, "<value>"]}, the value a string so that NaN and ±Inf survive JSON. */
    private static QueryResult sample(JsonNode pair) {
        if (!pair.isArray() || pair.size() != 2 || !pair.get(1).isTextual()) {
            return malformed("a sample is not [time, \"value\"]: " + pair);
        }
        return number(pair.get(1).asText());
    }

    /** A sample's value as Prometheus writes it; malformed for anything it never writes. */
    static QueryResult number(String text) {
        switch (text) {
            case "NaN":
                return new QueryResult.Sample(Double.NaN);
            case "+Inf":
                return new QueryResult.Sample(Double.POSITIVE_INFINITY);
            case "-Inf":
                return new QueryResult.Sample(Double.NEGATIVE_INFINITY);
            default:
                // Double.parseDouble also takes "5d", "0x1p3", " 5" and "Infinity"; Prometheus writes none of them.
                if (!PROMETHEUS_NUMBER.matcher(text).matches()) {
                    return malformed("sample value '" + text + "' is not a number");
                }
                return new QueryResult.Sample(Double.parseDouble(text));
        }
    }

    private static JsonNode readJson(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** Prometheus' own words when it gave them, so a typo in custom PromQL is explained by the parser. */
    private static String errorText(JsonNode root, String body) {
        if (root != null && root.hasNonNull("error")) {
            String type = root.path("errorType").asText("");
            return (type.isEmpty() ? "" : type + ": ") + root.get("error").asText();
        }
        return body.isBlank() ? "(empty body)" : abbreviate(body);
    }

    private static QueryResult malformed(String detail) {
        return new QueryResult.Failed(QueryFailure.MALFORMED_ANSWER, detail);
    }

    private static String abbreviate(String body) {
        String oneLine = body.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= MAX_QUOTED_BODY ? oneLine : oneLine.substring(0, MAX_QUOTED_BODY) + "...";
    }
}
