package dev.tokenscale.cli.demo;

import dev.tokenscale.api.DecisionStatus;
import dev.tokenscale.api.InferencePool;
import dev.tokenscale.api.InferencePoolStatus;
import dev.tokenscale.operator.ConditionSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Prints one line per evaluation of the pool, read back from the pool's status as the operator
 * wrote it: simulated time, load, replicas, ready replicas, P99 TTFT (marked when over the SLO),
 * the decision with its reason, and what the pool costs an hour.
 */
final class EvaluationPrinter {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final String LINE = "%6s %7s %9s %6s %11s  %-36s %9s%n";

    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private final double sloTtftMs;
    private final DoubleSupplier rpsNow;
    private final PrintWriter out;
    private String lastEvaluation;

    EvaluationPrinter(KubernetesClient client, String namespace, String name, double sloTtftMs, DoubleSupplier rpsNow,
            PrintWriter out) {
        this.client = client;
        this.namespace = namespace;
        this.name = name;
        this.sloTtftMs = sloTtftMs;
        this.rpsNow = rpsNow;
        this.out = out;
    }

    void printHeader() {
        out.printf(Locale.ROOT, LINE, "time", "rps", "replicas", "ready", "P99 TTFT", "decision (reason)", "$/h");
        out.flush();
    }

    /** Prints the latest evaluation if it is new. */
    void poll() {
        InferencePool pool;
        try {
            pool = client.resources(InferencePool.class).inNamespace(namespace).withName(name).get();
        } catch (KubernetesClientException e) {
            return;
        }
        InferencePoolStatus status = pool == null ? null : pool.getStatus();
        DecisionStatus decision = status == null ? null : status.getLastDecision();
        if (decision == null || decision.getTime() == null) {
            return;
        }
        String evaluation = decision.getTime() + "|" + (status.getSignals() == null ? "" : status.getSignals().getObservedAt());
        if (Objects.equals(evaluation, lastEvaluation)) {
            return;
        }
        lastEvaluation = evaluation;
        out.printf(Locale.ROOT, LINE,
                CLOCK.format(Instant.parse(decision.getTime())),
                String.format(Locale.ROOT, "%.1f", rpsNow.getAsDouble()),
                value(status.getReplicas()),
                value(status.getReadyReplicas()),
                ttft(status),
                decision(decision),
                status.getCost() == null || status.getCost().getHourly() == null ? "-"
                        : String.format(Locale.US, "%,.2f", status.getCost().getHourly()));
        out.flush();
    }

    private String ttft(InferencePoolStatus status) {
        Double ttft = status.getSignals() == null ? null : status.getSignals().getTtftP99Ms();
        if (ttft == null) {
            String health = status.getSignals() == null || status.getSignals().getHealth() == null ? null
                    : status.getSignals().getHealth().get("ttftP99Ms");
            return health == null ? "-" : health.startsWith("missing") ? "missing" : health;
        }
        return String.format(Locale.ROOT, "%.0f ms%s", ttft, ttft > sloTtftMs || ttftViolated(status) ? "!" : " ");
    }

    /**
     * The status rounds TTFT to 0.1 ms, so 500.04 ms reads 500.0 against a 500 ms SLO; the operator's
     * SLOMet condition judged the unrounded value, and the mark follows it.
     */
    private static boolean ttftViolated(InferencePoolStatus status) {
        return status.getConditions() != null && status.getConditions().stream()
                .anyMatch(c -> ConditionSet.SLO_MET.equals(c.getType()) && "False".equals(c.getStatus())
                        && c.getMessage() != null && c.getMessage().contains("ttftP99Ms"));
    }

    private static String decision(DecisionStatus decision) {
        String move = Objects.equals(decision.getFrom(), decision.getTo()) ? ""
                : " " + decision.getFrom() + "->" + decision.getTo();
        return decision.getAction() + move + " (" + decision.getReason() + ")";
    }

    private static String value(Integer number) {
        return number == null ? "-" : number.toString();
    }
}
