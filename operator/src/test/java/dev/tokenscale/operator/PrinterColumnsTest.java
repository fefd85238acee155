package dev.tokenscale.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenscale.api.GeneratedCrd;
import dev.tokenscale.api.InferencePool;
import dev.tokenscale.api.PoolMode;
import dev.tokenscale.policy.CostAwarePolicy;
import dev.tokenscale.policy.Decision;
import dev.tokenscale.policy.ScalingState;
import dev.tokenscale.policy.Signal;
import dev.tokenscale.policy.SignalSnapshot;
import dev.tokenscale.testing.TestPools;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code kubectl get ipool} as the generated CRD's printer columns show a status the operator
 * wrote: figures rounded for people, Mode and Ready present, and the table within 160 characters.
 * The table is laid out the way kubectl's printer does (headers upper-cased, Go's tabwriter with a
 * minimum cell width of 10 and 3 spaces of padding, numbers in Go's shortest form).
 */
class PrinterColumnsTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Pattern SEGMENT = Pattern.compile("\\.([A-Za-z0-9_]+)(\\[\\?\\(@\\.([A-Za-z]+)==\"([^\"]*)\"\\)\\])?");

    @Test
    void theStatusRoundsLatenciesPercentagesDollarsAndThePricePerMillionTokens() {
        JsonNode status = poolWithStatus(PoolMode.AUTO, 3, 900.000000000001, 35.04999, 83.33333333, 2399.99999).path("status");

        assertThat(status.path("signals").path("ttftP99Ms").asDouble()).isEqualTo(900.0);
        assertThat(status.path("signals").path("tpotP99Ms").asDouble()).isEqualTo(35.0);
        assertThat(status.path("signals").path("utilizationPercent").asDouble()).isEqualTo(83.3);
        assertThat(status.path("signals").path("tokensPerSecond").asDouble()).isEqualTo(2400.0);
        // 3 x 8 x $2.00 x 1.05 = $50.40 per hour.
        assertThat(status.path("cost").path("hourly").asDouble()).isEqualTo(50.4);
        // $50.40 / 3600 s / 2399.99999 tokens/s x 1e6 = 5.8333334...: four significant figures.
        assertThat(status.path("cost").path("perMillionTokens").asDouble()).isEqualTo(5.833);
    }

    @Test
    void theTableShowsRoundedFiguresModeAndReady() {
        JsonNode pool = poolWithStatus(PoolMode.RECOMMEND, 3, 900.000000000001, 35.04999, 83.33333333, 2399.99999);

        List<String> headers = headers();
        List<String> row = row(pool);

        assertThat(headers).containsSubsequence("NAME", "TARGET", "MODE", "REPLICAS", "TTFT-P99", "UTIL", "$/H", "READY", "AGE")
                .doesNotContain("MIN", "MAX");
        assertThat(cell(headers, row, "MODE")).isEqualTo("Recommend");
        assertThat(cell(headers, row, "READY")).isEqualTo("True");
        assertThat(cell(headers, row, "TTFT-P99")).isEqualTo("900");
        assertThat(cell(headers, row, "TPOT-P99")).isEqualTo("35");
        assertThat(cell(headers, row, "UTIL")).isEqualTo("83.3");
        assertThat(cell(headers, row, "$/H")).isEqualTo("50.4");
    }

    @Test
    void theTableStaysWithin160CharactersWithWideFiguresAndTheNamespaceColumn() {
        // Wide figures: names 8 characters longer than the example's, Recommend mode, a 12 s TTFT,
        // 16 replicas of 8 GPUs at $20.
        InferencePool wide = TestPools.deploymentPool("inference-prod", "llama-3-1-70b-prod",
                "llama-3-1-70b-vllm-prod", 2, 16);
        wide.getSpec().getCost().setGpuHourlyCost(20.0);
        JsonNode pool = withStatus(wide, PoolMode.RECOMMEND, 16, 12345.67, 123.45, 100.0, 123456.7);

        List<String> table = table(List.of(headers(), row(pool)), true);

        assertThat(table).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(160));
        assertThat(table.get(1)).contains("2688", "12345.7", "Recommend", "True");
    }

    private static JsonNode poolWithStatus(PoolMode mode, int replicas, double ttft, double tpot, double utilization,
            double tokensPerSecond) {
        return withStatus(TestPools.deploymentPool("inference", "llama-3-1-70b", "llama-3-1-70b-vllm", 2, 16), mode, replicas,
                ttft, tpot, utilization, tokensPerSecond);
    }

    private static JsonNode withStatus(InferencePool pool, PoolMode mode, int replicas, double ttft, double tpot,
            double utilization, double tokensPerSecond) {
        pool.getSpec().setMode(mode);
        pool.getMetadata().setCreationTimestamp("2025-12-31T23:55:00Z");
        PoolSettings settings = PoolSettingsMapping.map(pool.getSpec());
        SignalSnapshot snapshot = SignalSnapshot.builder().observedAt(NOW)
                .present(Signal.TTFT_P99_MS, ttft)
                .present(Signal.TPOT_P99_MS, tpot)
                .present(Signal.UTILIZATION_PERCENT, utilization)
                .present(Signal.QUEUE_DEPTH, 0)
                .present(Signal.TOKENS_PER_SECOND, tokensPerSecond)
                .build();
        Decision decision = new CostAwarePolicy().decide(settings.policy(), snapshot, ScalingState.steady(replicas),
                Clock.fixed(NOW, ZoneOffset.UTC));
        pool.setStatus(StatusComposer.evaluated(pool, settings,
                new Evaluation(replicas, replicas, replicas, snapshot, decision, false, null, null, null, NOW)));
        try {
            return new ObjectMapper().readTree(new KubernetesSerialization().asJson(pool));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The columns plain {@code kubectl get} shows; priority 1 and up appear only with {@code -o wide}. */
    private static List<JsonNode> columns() {
        List<JsonNode> columns = new ArrayList<>();
        GeneratedCrd.generated().path("spec").path("versions").path(0).path("additionalPrinterColumns").forEach(c -> {
            if (c.path("priority").asInt() == 0) {
                columns.add(c);
            }
        });
        assertThat(columns).isNotEmpty();
        return columns;
    }

    private static List<String> headers() {
        List<String> headers = new ArrayList<>(List.of("NAME"));
        columns().forEach(c -> headers.add(c.path("name").asText().toUpperCase(Locale.ROOT)));
        return headers;
    }

    private static List<String> row(JsonNode pool) {
        List<String> row = new ArrayList<>(List.of(pool.path("metadata").path("name").asText()));
        for (JsonNode column : columns()) {
            JsonNode value = select(pool, column.path("jsonPath").asText());
            row.add(switch (column.path("type").asText()) {
                case "date" -> "5m";
                case "number" -> value == null ? "" : goShortest(value.decimalValue());
                default -> value == null ? "" : value.asText();
            });
        }
        return row;
    }

    /** The subset of kubectl's JSONPath the columns use: fields and one equality filter on a list. */
    private static JsonNode select(JsonNode root, String path) {
        Matcher m = SEGMENT.matcher(path);
        JsonNode node = root;
        int end = 0;
        while (m.find() && m.start() == end) {
            end = m.end();
            node = node.path(m.group(1));
            if (m.group(2) != null) {
                JsonNode match = null;
                for (JsonNode item : node) {
                    if (item.path(m.group(3)).asText().equals(m.group(4))) {
                        match = item;
                    }
                }
                node = match == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : match;
            }
        }
        assertThat(end).as("the test understands the column's path " + path).isEqualTo(path.length());
        return node.isMissingNode() || node.isNull() ? null : node;
    }

    private static String goShortest(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    private static String cell(List<String> headers, List<String> row, String header) {
        return row.get(headers.indexOf(header));
    }

    /** kubectl's tabwriter: every cell but the last padded to max(10, widest + 3). */
    private static List<String> table(List<List<String>> rows, boolean withNamespace) {
        List<List<String>> all = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            List<String> cells = new ArrayList<>(rows.get(r));
            if (withNamespace) {
                cells.add(0, r == 0 ? "NAMESPACE" : "inference-prod");
            }
            all.add(cells);
        }
        int columns = all.get(0).size();
        int[] widths = new int[columns];
        for (List<String> cells : all) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], Math.max(10, cells.get(c).length() + 3));
            }
        }
        List<String> lines = new ArrayList<>();
        for (List<String> cells : all) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                line.append(c == columns - 1 ? cells.get(c) : String.format(Locale.ROOT, "%-" + widths[c] + "s", cells.get(c)));
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }
}
