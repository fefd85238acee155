package dev.tokenscale.signals;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A successful vector answer parsed while it streams in ({@link VectorReader}), within the cap of
 * {@link CappedBody}: past {@code maxBytes} the connection is closed and the body fails with
 * {@link CappedBody.TooLarge}. What stays in memory is the parsed series, not the answer's bytes.
 *
 * <p>The first {@value #KEPT_FOR_WORDING} bytes are kept as well, until the answer is known to be a
 * readable vector that long, so that an answer that is not one (an error, a matrix, a bad sample) is
 * worded from its text as {@link PrometheusResponse#parseVector} words it. Past that, an unreadable
 * answer is reported by its size and result type.
 */
final class StreamedVectorBody extends CappedBody<QueryResult> {

    static final int KEPT_FOR_WORDING = 64 * 1024;

    private final VectorReader reader = new VectorReader();
    private ByteArrayOutputStream start = new ByteArrayOutputStream();

    private StreamedVectorBody(long maxBytes, HttpResponse.ResponseInfo info) {
        super(maxBytes, info);
    }

    /** Streams a 200 answer; any other status is read whole (within the cap) and worded by {@code PrometheusResponse}. */
    static HttpResponse.BodyHandler<QueryResult> handler(long maxBytes) {
        return info -> info.statusCode() == 200
                ? new StreamedVectorBody(maxBytes, info)
                : CappedBody.parsed(PrometheusResponse::parseVector, maxBytes).apply(info);
    }

    @Override
    void accept(ByteBuffer bytes) {
        keepStart(bytes.duplicate());
        reader.feed(bytes);
        if (start != null && received() > KEPT_FOR_WORDING && !reader.unreadable()) {
            start = null;
        }
    }

    private void keepStart(ByteBuffer bytes) {
        if (start == null) {
            return;
        }
        int room = KEPT_FOR_WORDING - start.size();
        if (room <= 0) {
            return;
        }
        byte[] chunk = new byte[Math.min(room, bytes.remaining())];
        bytes.get(chunk);
        start.write(chunk, 0, chunk.length);
    }

    @Override
    void abandon() {
        start = null;
    }

    @Override
    QueryResult finish() {
        reader.finish();
        QueryResult result;
        if (!reader.unreadable()) {
            result = reader.result();
        } else if (start != null && received() <= KEPT_FOR_WORDING) {
            result = PrometheusResponse.parseVector(200, start.toString(StandardCharsets.UTF_8));
        } else {
            result = new QueryResult.Failed(reader.resultType() == null || "vector".equals(reader.resultType())
                    ? QueryFailure.MALFORMED_ANSWER : QueryFailure.BAD_QUERY,
                    "an answer of " + received() + " bytes is not a readable instant vector"
                            + (reader.resultType() == null ? "" : " (result type " + reader.resultType() + ")"));
        }
        start = null;
        return result;
    }
}
