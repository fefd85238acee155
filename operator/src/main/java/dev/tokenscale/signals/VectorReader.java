package dev.tokenscale.signals;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteBufferFeeder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a successful instant-vector answer ({@code {"status":"success","data":{"resultType":"vector",
 * "result":[{"metric":{...},"value":[t,"v"]},...]}}}) as its bytes arrive, keeping only the series.
 * A batch answer over thousands of pods is tens of megabytes; read this way it never exists whole, as
 * bytes, as a string or as a JSON tree, beside the series parsed from it.
 *
 * <p>Anything else (an error envelope, another result type, a sample that is not a number, bytes that
 * are not JSON) makes the reader {@link #unreadable() unreadable}: the caller words the fault from the
 * answer's text, as it does for every other answer.
 */
final class VectorReader {

    private static final JsonFactory JSON = new JsonFactory();

    private enum Place { BEFORE, ROOT, DATA, RESULT, SERIES, METRIC, TIME, VALUE, VALUE_END, AFTER }

    private final JsonParser parser;
    private final ByteBufferFeeder feeder;
    // Label names and values recur in thousands of series (every bucket of every pod); one copy of each.
    private final Map<String, String> shared = new HashMap<>();
    private final Map<String, String> labels = new HashMap<>();
    private final List<QueryResult.LabeledSample> series = new ArrayList<>();
    private Place place = Place.BEFORE;
    private int skipping;
    private String field;
    private String labelName;
    private String status;
    private String resultType;
    private boolean resultRead;
    private boolean hasLabels;
    private Double value;
    private boolean unreadable;

    VectorReader() {
        try {
            parser = JSON.createNonBlockingByteBufferParser();
        } catch (IOException e) {
            throw new IllegalStateException("Jackson has no non-blocking parser", e);
        }
        feeder = (ByteBufferFeeder) parser.getNonBlockingInputFeeder();
    }

    /** The whole answer at once. */
    static VectorReader of(byte[] body) {
        VectorReader reader = new VectorReader();
        reader.feed(ByteBuffer.wrap(body));
        reader.finish();
        return reader;
    }

    /**
     * The next bytes of the answer. Every byte is parsed before this returns (a token cut at the end is
     * copied), so the sender may reuse the buffer.
     */
    void feed(ByteBuffer bytes) {
        if (unreadable || !bytes.hasRemaining()) {
            return;
        }
        try {
            feeder.feedInput(bytes);
            drain();
        } catch (IOException e) {
            unreadable = true;
        }
    }

    /** The answer has ended. */
    void finish() {
        if (unreadable) {
            return;
        }
        feeder.endOfInput();
        try {
            drain();
        } catch (IOException e) {
            unreadable = true;
        }
        if (place != Place.AFTER) {
            unreadable = true;
        }
    }

    /** Whether the bytes so far are not (the start of) a successful vector answer. */
    boolean unreadable() {
        return unreadable || place == Place.AFTER && (!"success".equals(status) || !"vector".equals(resultType) || !resultRead);
    }

    /** The result type the answer named, null if none was read. */
    String resultType() {
        return resultType;
    }

    /** The series, once {@link #finish() finished} and readable. */
    QueryResult result() {
        if (place != Place.AFTER || unreadable()) {
            throw new IllegalStateException("not a finished vector answer");
        }
        return series.isEmpty() ? new QueryResult.NoSeries() : new QueryResult.Vector(series);
    }

    private void drain() throws IOException {
        JsonToken token;
        while (!unreadable && (token = parser.nextToken()) != null && token != JsonToken.NOT_AVAILABLE) {
            accept(token);
        }
    }

    private void accept(JsonToken token) throws IOException {
        if (skipping > 0) {
            if (token.isStructStart()) {
                skipping++;
            } else if (token.isStructEnd()) {
                skipping--;
            }
            return;
        }
        switch (place) {
            case BEFORE -> expect(token == JsonToken.START_OBJECT, Place.ROOT);
            case ROOT -> {
                if (token == JsonToken.FIELD_NAME) {
                    field = parser.currentName();
                } else if (token == JsonToken.VALUE_STRING && "status".equals(field)) {
                    status = parser.getText();
                } else if (token == JsonToken.START_OBJECT && "data".equals(field)) {
                    place = Place.DATA;
                } else if (token == JsonToken.END_OBJECT) {
                    place = Place.AFTER;
                } else {
                    skip(token);
                }
            }
            case DATA -> {
                if (token == JsonToken.FIELD_NAME) {
                    field = parser.currentName();
                } else if (token == JsonToken.VALUE_STRING && "resultType".equals(field)) {
                    resultType = parser.getText();
                } else if (token == JsonToken.START_ARRAY && "result".equals(field) && !resultRead) {
                    place = Place.RESULT;
                } else if (token == JsonToken.END_OBJECT) {
                    place = Place.ROOT;
                    field = null;
                } else {
                    skip(token);
                }
            }
            case RESULT -> {
                if (token == JsonToken.END_ARRAY) {
                    resultRead = true;
                    place = Place.DATA;
                    field = null;
                } else {
                    expect(token == JsonToken.START_OBJECT, Place.SERIES);
                    hasLabels = false;
                    value = null;
                    labels.clear();
                }
            }
            case SERIES -> {
                if (token == JsonToken.FIELD_NAME) {
                    field = parser.currentName();
                } else if (token == JsonToken.START_OBJECT && "metric".equals(field) && !hasLabels) {
                    hasLabels = true;
                    place = Place.METRIC;
                } else if (token == JsonToken.START_ARRAY && "value".equals(field) && value == null) {
                    place = Place.TIME;
                } else if (token == JsonToken.END_OBJECT) {
                    if (!hasLabels || value == null) {
                        unreadable = true;
                        return;
                    }
                    series.add(new QueryResult.LabeledSample(labels, value));
                    place = Place.RESULT;
                } else {
                    skip(token);
                }
            }
            case METRIC -> {
                if (token == JsonToken.FIELD_NAME) {
                    labelName = shared.computeIfAbsent(parser.currentName(), name -> name);
                } else if (token == JsonToken.VALUE_STRING) {
                    labels.put(labelName, shared.computeIfAbsent(parser.getText(), text -> text));
                } else {
                    expect(token == JsonToken.END_OBJECT, Place.SERIES);
                }
            }
            case TIME -> expect(token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT, Place.VALUE);
            case VALUE -> {
                if (token == JsonToken.VALUE_STRING && PrometheusResponse.number(parser.getText()) instanceof QueryResult.Sample sample) {
                    value = sample.value();
                    place = Place.VALUE_END;
                } else {
                    unreadable = true;
                }
            }
            case VALUE_END -> expect(token == JsonToken.END_ARRAY, Place.SERIES);
            case AFTER -> unreadable = true;
        }
    }

    private void expect(boolean expected, Place next) {
        if (expected) {
            place = next;
        } else {
            unreadable = true;
        }
    }

    /** A value this reader has no use for: a scalar passes, an object or array is skipped whole. */
    private void skip(JsonToken token) {
        if (token.isStructStart()) {
            skipping = 1;
        } else if (token.isStructEnd() || token == JsonToken.FIELD_NAME) {
            // An end here is one this reader did not open; a name here has no value yet.
            unreadable = true;
        }
    }
}
