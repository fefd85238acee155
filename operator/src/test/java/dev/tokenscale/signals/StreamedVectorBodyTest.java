package dev.tokenscale.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

class StreamedVectorBodyTest {

    private static final long CAP = 1024 * 1024;

    @Test
    void aVectorStreamedInChunksIsParsedAsItArrives() {
        String body = vector(2_000);

        QueryResult result = stream(200, Map.of(), body, 1500, CAP).join();

        assertThat(body.length()).isGreaterThan(StreamedVectorBody.KEPT_FOR_WORDING);
        assertThat(result).isInstanceOfSatisfying(QueryResult.Vector.class, vector -> {
            assertThat(vector.series()).hasSize(2_000);
            assertThat(vector.series().get(1999)).isEqualTo(new QueryResult.LabeledSample(Map.of("namespace", "a", "pod", "p-1999"), 1999));
        });
    }

    @Test
    void anAnswerPastTheCapIsAbandonedAndItsConnectionClosed() {
        FakeSubscription subscription = new FakeSubscription();

        CompletableFuture<QueryResult> result = stream(200, Map.of(), vector(200), 100, 4096, subscription);

        assertThat(subscription.cancelled).isTrue();
        assertThat(subscription.requested).as("chunks asked for before the cap").isLessThanOrEqualTo(4096 / 100 + 1);
        assertThat(result).failsWithin(java.time.Duration.ZERO).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(CappedBody.TooLarge.class);
    }

    @Test
    void aDeclaredLengthOverTheCapIsRefusedBeforeAnyByteIsRead() {
        FakeSubscription subscription = new FakeSubscription();

        CompletableFuture<QueryResult> result = stream(200, Map.of("Content-Length", List.of("5000")), "", 100, 4096, subscription);

        assertThat(subscription.cancelled).isTrue();
        assertThat(subscription.requested).isZero();
        assertThat(result).isCompletedExceptionally();
    }

    @Test
    void aShortAnswerThatIsNotAVectorIsWordedFromItsText() {
        String error = "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error at char 5\"}";
        String matrix = "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}";
        String badSample = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1,\"5d\"]}]}}";

        assertThat(stream(400, Map.of(), error, 10, CAP).join()).isEqualTo(PrometheusResponse.parseVector(400, error))
                .isEqualTo(new QueryResult.Failed(QueryFailure.BAD_QUERY, "HTTP 400: bad_data: parse error at char 5"));
        assertThat(stream(200, Map.of(), matrix, 10, CAP).join()).isEqualTo(PrometheusResponse.parseVector(200, matrix));
        assertThat(stream(200, Map.of(), badSample, 10, CAP).join())
                .isEqualTo(new QueryResult.Failed(QueryFailure.MALFORMED_ANSWER, "sample value '5d' is not a number"));
    }

    @Test
    void aLongAnswerThatIsNotAVectorIsReportedByItsSizeAndResultType() {
        StringBuilder matrix = new StringBuilder("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[");
        for (int i = 0; i < 2_000; i++) {
            matrix.append(i == 0 ? "" : ",").append("{\"metric\":{\"pod\":\"p-").append(i).append("\"},\"values\":[[1,\"1\"],[2,\"2\"]]}");
        }
        String body = matrix.append("]}}").toString();

        QueryResult result = stream(200, Map.of(), body, 1500, CAP).join();

        assertThat(result).isEqualTo(new QueryResult.Failed(QueryFailure.BAD_QUERY,
                "an answer of " + body.length() + " bytes is not a readable instant vector (result type matrix)"));
    }

    private static String vector(int series) {
        StringBuilder body = new StringBuilder("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[");
        for (int i = 0; i < series; i++) {
            body.append(i == 0 ? "" : ",").append("{\"metric\":{\"namespace\":\"a\",\"pod\":\"p-").append(i)
                    .append("\"},\"value\":[1733000000.5,\"").append(i).append("\"]}");
        }
        return body.append("]}}").toString();
    }

    private static CompletableFuture<QueryResult> stream(int status, Map<String, List<String>> headers, String body, int chunk, long cap) {
        return stream(status, headers, body, chunk, cap, new FakeSubscription());
    }

    /** Delivers {@code body} in chunks of {@code chunk} bytes while the subscriber asks for more, as the HTTP client does. */
    private static CompletableFuture<QueryResult> stream(int status, Map<String, List<String>> headers, String body, int chunk, long cap,
            FakeSubscription subscription) {
        HttpResponse.BodySubscriber<QueryResult> subscriber = StreamedVectorBody.handler(cap).apply(new Info(status, headers));
        subscriber.onSubscribe(subscription);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        int at = 0;
        while (at < bytes.length && !subscription.cancelled) {
            int end = Math.min(bytes.length, at + chunk);
            subscriber.onNext(List.of(ByteBuffer.wrap(bytes, at, end - at)));
            at = end;
        }
        if (!subscription.cancelled) {
            subscriber.onComplete();
        }
        return subscriber.getBody().toCompletableFuture();
    }

    private static final class FakeSubscription implements Flow.Subscription {
        long requested;
        boolean cancelled;

        @Override
        public void request(long n) {
            requested += n;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    private record Info(int statusCode, Map<String, List<String>> headerMap) implements HttpResponse.ResponseInfo {
        @Override
        public HttpHeaders headers() {
            return HttpHeaders.of(headerMap, (name, value) -> true);
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
