package dev.tokenscale.signals;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A successful vector answer parsed while it streams in ({@link VectorReader}), within the same cap as
 * {@link CappedBody}: past {@code maxBytes} the connection is closed and the body fails with
 * {@link CappedBody.TooLarge}. What stays in memory is the parsed series, not the answer's bytes.
 *
 * <p>The first {@value #KEPT_FOR_WORDING} bytes are kept as well, until the answer is known to be a
 * readable vector that long, so that an answer that is not one (an error, a matrix, a bad sample) is
 * worded from its text as {@link PrometheusResponse#parseVector} words it. Past that, an unreadable
 * answer is reported by its size and result type.
 */
final class StreamedVectorBody implements HttpResponse.BodySubscriber<QueryResult> {

    static final int KEPT_FOR_WORDING = 64 * 1024;

    private final long maxBytes;
    private final VectorReader reader = new VectorReader();
    private final CompletableFuture<QueryResult> result = new CompletableFuture<>();
    private ByteArrayOutputStream start = new ByteArrayOutputStream();
    private long received;
    private Flow.Subscription subscription;

    private StreamedVectorBody(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Streams a 200 answer; any other status is read whole (within the cap) and worded by {@code PrometheusResponse}. */
    static HttpResponse.BodyHandler<QueryResult> handler(long maxBytes) {
        return info -> {
            if (info.statusCode() != 200) {
                return CappedBody.parsed(PrometheusResponse::parseVector, maxBytes).apply(info);
            }
            StreamedVectorBody streamed = new StreamedVectorBody(maxBytes);
            // A declared length over the cap is refused before a byte of the body is read.
            if (info.headers().firstValueAsLong("Content-Length").orElse(-1) > maxBytes) {
                streamed.result.completeExceptionally(new CappedBody.TooLarge(maxBytes));
            }
            return streamed;
        };
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (result.isDone()) {
            subscription.cancel();
        } else {
            subscription.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer buffer : buffers) {
            received += buffer.remaining();
            if (received > maxBytes) {
                subscription.cancel();
                start = null;
                result.completeExceptionally(new CappedBody.TooLarge(maxBytes));
                return;
            }
            keepStart(buffer.duplicate());
            reader.feed(buffer);
        }
        if (start != null && received > KEPT_FOR_WORDING && !reader.unreadable()) {
            start = null;
        }
        subscription.request(1);
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
    public void onError(Throwable error) {
        start = null;
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        reader.finish();
        if (!reader.unreadable()) {
            result.complete(reader.result());
        } else if (start != null && received <= KEPT_FOR_WORDING) {
            result.complete(PrometheusResponse.parseVector(200, start.toString(StandardCharsets.UTF_8)));
        } else {
            result.complete(new QueryResult.Failed(reader.resultType() == null || "vector".equals(reader.resultType())
                    ? QueryFailure.MALFORMED_ANSWER : QueryFailure.BAD_QUERY,
                    "an answer of " + received + " bytes is not a readable instant vector"
                            + (reader.resultType() == null ? "" : " (result type " + reader.resultType() + ")")));
        }
        start = null;
    }

    @Override
    public CompletionStage<QueryResult> getBody() {
        return result;
    }
}
