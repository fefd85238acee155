package dev.tokenscale.sim;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for something outside the JVM (a server coming up, a first scrape) by checking it on a
 * scheduler, never by sleeping in a loop. A check that throws ends the wait with its exception.
 */
public final class PollUntil {

    private PollUntil() {}

    /**
     * @param what named in the timeout message, e.g. "Prometheus ready at http://127.0.0.1:9090"
     * @throws IllegalStateException when {@code timeout} passes first
     */
    public static void ready(String what, Duration every, Duration timeout, Callable<Boolean> check) {
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "poll-until");
            thread.setDaemon(true);
            return thread;
        });
        CompletableFuture<Void> done = new CompletableFuture<>();
        poller.scheduleWithFixedDelay(() -> {
            try {
                if (check.call()) {
                    done.complete(null);
                }
            } catch (Exception e) {
                done.completeExceptionally(e);
            }
        }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        try {
            done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("gave up after " + timeout.toSeconds() + "s waiting for " + what, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + what, e);
        } finally {
            poller.shutdownNow();
        }
    }
}
