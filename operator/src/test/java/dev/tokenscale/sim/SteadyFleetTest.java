package dev.tokenscale.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tokenscale.testing.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SteadyFleetTest {

    private static final Pattern SAMPLE = Pattern.compile("^(\\S+)\\{(.*)\\} (\\S+) (\\d+)$", Pattern.MULTILINE);

    @Test
    void everyPodsSeriesCarryItsNamespaceAndPodAndGrowExactlyWithTheirOwnTimestamps() throws Exception {
        MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
        List<SteadyFleet.Pool> pools = List.of(
                new SteadyFleet.Pool("bench-0", List.of("a-0", "a-1"), "m", 20),
                new SteadyFleet.Pool("bench-0", List.of("b-0"), "m-b", 10),
                new SteadyFleet.Pool("bench-1", List.of("c-0"), "m", 5));
        try (SteadyFleet fleet = SteadyFleet.start(pools, EmulatedEngine.VLLM, LoadModel.Params.seedDefaults(), clock)) {
            List<URI> urls = fleet.metricsUrls();
            assertThat(urls).extracting(URI::getPath).containsExactly("/metrics/bench-0", "/metrics/bench-1");

            clock.advance(Duration.ofMillis(5_400));
            Scrape first = Scrape.of(urls.get(0));
            clock.advance(Duration.ofSeconds(5));
            Scrape second = Scrape.of(urls.get(0));

            assertThat(first.status()).isEqualTo(200);
            assertThat(first.body()).contains("# TYPE vllm:time_to_first_token_seconds histogram")
                    .doesNotContain("pod=\"c-0\"");
            assertThat(count(first.body(), "# TYPE vllm:kv_cache_usage_perc gauge")).as("one family header for all pods").isEqualTo(1);
            double tokensAt5 = value(first.body(), "vllm:generation_tokens_total", "a-0", 5_000);
            double tokensAt10 = value(second.body(), "vllm:generation_tokens_total", "a-0", 10_000);
            assertThat(tokensAt5).isPositive();
            assertThat(tokensAt10).as("a counter proportional to its whole-second timestamp").isCloseTo(2 * tokensAt5, within(1e-6));
            // 20 rps over two pods of the seed's 20 rps each: half the KV cache in use, on both pods.
            assertThat(value(second.body(), "vllm:kv_cache_usage_perc", "a-1", 10_000)).isCloseTo(0.5, within(1e-9));
            assertThat(value(second.body(), "vllm:kv_cache_usage_perc", "b-0", 10_000)).isCloseTo(0.5, within(1e-9));
            assertThat(second.body()).contains("model_name=\"m-b\",namespace=\"bench-0\",pod=\"b-0\"");
            assertThat(Scrape.of(URI.create(urls.get(0).toString().replace("bench-0", "elsewhere"))).status()).isEqualTo(404);
        }
    }

    private static double value(String body, String name, String pod, long secondsMillis) {
        Matcher m = SAMPLE.matcher(body);
        while (m.find()) {
            if (m.group(1).equals(name) && m.group(2).contains("pod=\"" + pod + "\"")) {
                assertThat(Long.parseLong(m.group(4))).isEqualTo(1767225600_000L + secondsMillis);
                return Double.parseDouble(m.group(3));
            }
        }
        throw new AssertionError(name + " of " + pod + " not in:\n" + body);
    }

    private static long count(String body, String line) {
        return body.lines().filter(line::equals).count();
    }
}
