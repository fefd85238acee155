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
 */
final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

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
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    private CappedBody(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    static HttpResponse.BodyHandler<byte[]> handler(long maxBytes) {
        return info -> {
            CappedBody capped = new CappedBody(maxBytes);
            // A declared length over the cap is refused before a byte of the body is read.
            if (info.headers().firstValueAsLong("Content-Length").orElse(-1) > maxBytes) {
                capped.result.completeExceptionally(new TooLarge(maxBytes));
            }
            return capped;
        };
    }

    /** An answer read whole, within {@code maxBytes}, then parsed from its text with its status. */
    static HttpResponse.BodyHandler<QueryResult> parsed(BiFunction<Integer, String, QueryResult> parser, long maxBytes) {
        return info -> HttpResponse.BodySubscribers.mapping(handler(maxBytes).apply(info),
                bytes -> parser.apply(info.statusCode(), new String(bytes, StandardCharsets.UTF_8)));
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
            if ((long) body.size() + buffer.remaining() > maxBytes) {
                subscription.cancel();
                result.completeExceptionally(new TooLarge(maxBytes));
                return;
            }
            byte[] chunk = new byte[buffer.remaining()];
            buffer.get(chunk);
            body.write(chunk, 0, chunk.length);
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        result.complete(body.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }
}
