package dev.tokenscale.signals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.BiFunction;

/**
 * An HTTP body read as it streams in and abandoned at a cap: past {@code maxBytes} the subscription is
 * cancelled (which closes the connection) and the body fails with {@link TooLarge}. A Prometheus URL
 * is tenant input, so its answer may be hostile; this bounds what one answer can hold in memory.
 * What is done with the bytes is the subclass's: kept whole ({@link #whole}), or parsed as they
 * arrive ({@link StreamedVectorBody}).
 */
abstract class CappedBody<T> implements HttpResponse.BodySubscriber<T> {

    /** The answer was longer than the cap; nothing past the cap was kept. */
    static final class TooLarge extends IOException {
        private final long maxBytes;

        TooLarge(long maxBytes) {
            super("the answer exceeded the cap of " + maxBytes + " bytes");
            this.maxBytes = maxBytes;
        }

        long maxBytes() {
            return maxBytes;
        }
    }

    private final long maxBytes;
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private long received;
    private Flow.Subscription subscription;

    /** A declared length over the cap is refused before a byte of the body is read. */
    CappedBody(long maxBytes, HttpResponse.ResponseInfo info) {
        this.maxBytes = maxBytes;
        if (info.headers().firstValueAsLong("Content-Length").orElse(-1) > maxBytes) {
            result.completeExceptionally(new TooLarge(maxBytes));
        }
    }

    /** The answer read whole, within {@code maxBytes}. */
    static HttpResponse.BodyHandler<byte[]> whole(long maxBytes) {
        return info -> new Whole(maxBytes, info);
    }

    /** An answer read whole, within {@code maxBytes}, then parsed from its text with its status. */
    static HttpResponse.BodyHandler<QueryResult> parsed(BiFunction<Integer, String, QueryResult> parser, long maxBytes) {
        return info -> HttpResponse.BodySubscribers.mapping(whole(maxBytes).apply(info),
                bytes -> parser.apply(info.statusCode(), new String(bytes, StandardCharsets.UTF_8)));
    }

    /** The next bytes, all within the cap; the buffer is the sender's again once this returns. */
    abstract void accept(ByteBuffer bytes);

    /** The body once all of it has arrived. */
    abstract T finish();

    /** The body will not be finished (over the cap, or an error): let go of what was kept. */
    void abandon() {
    }

    /** Bytes received so far. */
    final long received() {
        return received;
    }

    @Override
    public final void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (result.isDone()) {
            subscription.cancel();
        } else {
            subscription.request(1);
        }
    }

    @Override
    public final void onNext(List<ByteBuffer> buffers) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer buffer : buffers) {
            received += buffer.remaining();
            if (received > maxBytes) {
                subscription.cancel();
                abandon();
                result.completeExceptionally(new TooLarge(maxBytes));
                return;
            }
            accept(buffer);
        }
        subscription.request(1);
    }

    @Override
    public final void onError(Throwable error) {
        abandon();
        result.completeExceptionally(error);
    }

    @Override
    public final void onComplete() {
        if (!result.isDone()) {
            result.complete(finish());
        }
    }

    @Override
    public final CompletionStage<T> getBody() {
        return result;
    }

    /** The bytes kept as they come. */
    private static final class Whole extends CappedBody<byte[]> {
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        Whole(long maxBytes, HttpResponse.ResponseInfo info) {
            super(maxBytes, info);
        }

        @Override
        void accept(ByteBuffer bytes) {
            byte[] chunk = new byte[bytes.remaining()];
            bytes.get(chunk);
            body.write(chunk, 0, chunk.length);
        }

        @Override
        byte[] finish() {
            return body.toByteArray();
        }
    }
}
