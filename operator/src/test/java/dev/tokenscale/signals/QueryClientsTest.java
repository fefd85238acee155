package dev.tokenscale.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class QueryClientsTest {

    @Test
    void poolsReadingOnePrometheusAtOnceShareOneClient() throws Exception {
        QueryClients clients = new QueryClients(1 << 20);
        PrometheusConnection connection = PrometheusConnection.plain(URI.create("http://127.0.0.1:9"));
        int readers = 16;
        CountDownLatch start = new CountDownLatch(1);
        Set<PrometheusQueryClient> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(readers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < readers; i++) {
                done.add(pool.submit((Callable<Void>) () -> {
                    start.await();
                    seen.add(clients.clientFor(connection));
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(seen).hasSize(1);
    }

    @Test
    void aLaterReadOfTheSameConnectionGetsTheSameClient() throws Exception {
        QueryClients clients = new QueryClients(1 << 20);
        URI url = URI.create("http://127.0.0.1:9");

        PrometheusQueryClient first = clients.clientFor(PrometheusConnection.plain(url));

        assertThat(clients.clientFor(PrometheusConnection.plain(url))).isSameAs(first);
    }
}
