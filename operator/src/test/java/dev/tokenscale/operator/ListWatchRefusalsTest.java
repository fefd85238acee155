package dev.tokenscale.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Telling a refused informer from a slow one by the API server's answers to its list and watch. */
class ListWatchRefusalsTest {

    private static final String PODS = "/api/v1/namespaces/llm/pods";

    private final ListWatchRefusals refusals = new ListWatchRefusals();
    private final Object informer = new Object();

    @Test
    void aRefusedWatchIsReportedWithItsVerbUntilAWatchIsAnswered() {
        refusals.follow(PODS, informer);

        answer("GET", PODS + "?resourceVersion=0", 200);
        answer("GET", PODS + "?allowWatchBookmarks=true&watch=true", 403);

        assertThat(refusals.refusal(PODS)).contains(new ListWatchRefusals.Refusal("watch", 403));
        assertThat(refusals.refusal(PODS).orElseThrow().lasting()).isTrue();

        answer("GET", PODS + "?allowWatchBookmarks=true&watch=true", 101);
        assertThat(refusals.refusal(PODS)).isEmpty();
    }

    @Test
    void aServerErrorIsReportedButIsNoLastingRefusal() {
        refusals.follow(PODS, informer);

        answer("GET", PODS, 503);

        assertThat(refusals.refusal(PODS)).hasValueSatisfying(r -> {
            assertThat(r.verb()).isEqualTo("list");
            assertThat(r.lasting()).as("the informer retries it itself").isFalse();
        });
    }

    @Test
    void answersForCollectionsNoInformerFollowsAreNotKept() {
        answer("GET", PODS, 403);
        answer("GET", "/api/v1/namespaces/other/pods", 403);
        refusals.follow(PODS, informer);

        assertThat(refusals.refusal(PODS)).as("from before it was followed").isEmpty();
        assertThat(refusals.refusal("/api/v1/namespaces/other/pods")).isEmpty();
    }

    @Test
    void aReleasedInformerLeavesItsSuccessorsCollectionFollowed() {
        Object successor = new Object();
        refusals.follow(PODS, informer);
        refusals.follow(PODS, successor);

        refusals.forget(PODS, informer);
        answer("GET", PODS, 403);

        assertThat(refusals.refusal(PODS)).contains(new ListWatchRefusals.Refusal("list", 403));
        refusals.forget(PODS, successor);
        assertThat(refusals.refusal(PODS)).isEmpty();
    }

    private void answer(String method, String pathAndQuery, int code) {
        HttpRequest request = new HttpRequest() {
            @Override
            public UUID id() {
                return UUID.randomUUID();
            }

            @Override
            public URI uri() {
                return URI.create("https://127.0.0.1:6443" + pathAndQuery);
            }

            @Override
            public String method() {
                return method;
            }

            @Override
            public String bodyString() {
                return null;
            }

            @Override
            public List<String> headers(String key) {
                return List.of();
            }

            @Override
            public Map<String, List<String>> headers() {
                return Map.of();
            }
        };
        HttpResponse<Void> response = new HttpResponse<>() {
            @Override
            public int code() {
                return code;
            }

            @Override
            public Void body() {
                return null;
            }

            @Override
            public HttpRequest request() {
                return request;
            }

            @Override
            public Optional<HttpResponse<?>> previousResponse() {
                return Optional.empty();
            }

            @Override
            public List<String> headers(String key) {
                return List.of();
            }

            @Override
            public Map<String, List<String>> headers() {
                return Map.of();
            }
        };
        refusals.after(request, response, null);
    }
}
