package dev.tokenscale.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenscale.api.InferencePool;
import dev.tokenscale.operator.BudgetSpecMapping;
import dev.tokenscale.operator.PoolSettings;
import dev.tokenscale.policy.BudgetAllocator;
import dev.tokenscale.policy.BudgetClaim;
import dev.tokenscale.policy.BudgetClaims;
import dev.tokenscale.policy.BudgetRound;
import dev.tokenscale.policy.CostAwarePolicy;
import dev.tokenscale.policy.Decision;
import dev.tokenscale.policy.PoolGrant;
import dev.tokenscale.policy.ScalingState;
import dev.tokenscale.policy.SignalSnapshot;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code explain --budget BUDGET.yaml --pools DIR}: each pool's own decision, as {@code explain}
 * makes it, then the budget's round over all of them with the operator's allocator: what each pool
 * wants, what it is granted, who is preempted and for whom.
 */
final class BudgetExplanation {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path budgetFile;
    private final Path dir;
    private final Clock clock;

    BudgetExplanation(Path budgetFile, Path dir, Clock clock) {
        if (budgetFile == null || dir == null) {
            throw new BadInputException("--budget BUDGET.yaml and --pools DIR go together");
        }
        this.budgetFile = budgetFile;
        this.dir = dir;
        this.clock = clock;
    }

    private record Member(String name, String file, Decision decision, BudgetClaim claim) {}

    int print(PrintWriter out, boolean text) {
        BudgetFile.Loaded budget = BudgetFile.load(budgetFile);
        List<Member> members = new ArrayList<>();
        CostAwarePolicy policy = new CostAwarePolicy();
        for (Path file : poolFiles()) {
            InferencePool pool = PoolFile.load(file);
            PoolSettings settings = PoolFile.settingsOf(file, pool);
            String stem = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
            Path metrics = file.resolveSibling(stem + ".metrics.json");
            if (!Files.isRegularFile(metrics)) {
                throw new BadInputException(metrics + ": missing; every pool in --pools needs its signals beside it");
            }
            Path stateFile = file.resolveSibling(stem + ".state.json");
            ScalingState state = Files.isRegularFile(stateFile) ? StateFile.read(stateFile)
                    : ScalingState.steady(settings.policy().minReplicas());
            SignalSnapshot signals = new SignalsFile(metrics).read(pool, settings, clock.instant()).snapshot();
            Decision decision = policy.decide(settings.policy(), signals, state, clock);
            String name = pool.getMetadata() != null && pool.getMetadata().getName() != null ? pool.getMetadata().getName() : stem;
            if (members.stream().anyMatch(m -> m.name().equals(name))) {
                throw new BadInputException(file + ": metadata.name: '" + name + "' is already the name of another pool in " + dir);
            }
            BudgetClaim claim = BudgetClaims.of(name, BudgetSpecMapping.priority(pool.getSpec()), settings.policy(),
                    settings.cost().hourly(1), state, signals, decision);
            members.add(new Member(name, file.toString(), decision, claim));
        }
        BudgetRound round = new BudgetAllocator().allocate(budget.limit(), members.stream().map(Member::claim).toList());
        out.print(text ? text(budget, members, round) : json(budget, members, round).toPrettyString() + "\n");
        out.flush();
        return 0;
    }

    private List<Path> poolFiles() {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException("--pools: " + dir + " is not a directory");
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> yaml = files.filter(f -> f.getFileName().toString().matches(".*\\.ya?ml$")).sorted().toList();
            if (yaml.isEmpty()) {
                throw new BadInputException("--pools: " + dir + " holds no *.yaml pool manifest");
            }
            return yaml;
        } catch (IOException e) {
            throw new BadInputException("--pools: cannot list " + dir + " (" + FileProblem.of(e) + ")", e);
        }
    }

    private static ObjectNode json(BudgetFile.Loaded budget, List<Member> members, BudgetRound round) {
        ObjectNode root = JSON.createObjectNode();
        root.put("budget", budget.name());
        if (budget.limit().maxHourlyCost() != null) {
            root.put("maxHourlyCost", budget.limit().maxHourlyCost());
        }
        if (budget.limit().maxGpus() != null) {
            root.put("maxGPUs", budget.limit().maxGpus());
        }
        root.put("spentPerHour", Math.round(round.spentPerHour() * 100) / 100.0);
        root.put("gpus", round.gpus());
        root.put("overCommitted", round.overCommitted());
        root.put("belowMinReplicas", round.belowMinimums());
        root.put("message", round.message());
        ArrayNode pools = root.putArray("pools");
        for (Member m : members) {
            PoolGrant g = round.grantOf(m.name());
            ObjectNode pool = pools.addObject();
            pool.put("name", m.name());
            pool.put("file", m.file());
            pool.put("priority", g.priority().key());
            pool.put("replicas", g.replicas());
            pool.put("wanted", g.wanted());
            pool.put("granted", g.granted());
            pool.put("reason", m.decision().reason().key());
            pool.put("sloBreached", m.claim().sloBreached());
            pool.put("signalsMissing", m.claim().signalsMissing());
            pool.put("why", g.why());
            pool.putArray("preemptedFor").addAll(g.preemptedFor().stream().map(JSON::valueToTree)
                    .map(com.fasterxml.jackson.databind.JsonNode.class::cast).toList());
        }
        ArrayNode preemptions = root.putArray("preemptions");
        for (BudgetRound.Preemption p : round.preemptions()) {
            ObjectNode node = preemptions.addObject();
            node.put("victim", p.victim());
            if (p.beneficiary() == null) {
                node.putNull("beneficiary");
            } else {
                node.put("beneficiary", p.beneficiary());
            }
            node.put("replicas", p.replicas());
        }
        ArrayNode shortfall = root.putArray("shortfall");
        for (BudgetRound.Shortfall s : round.shortfall()) {
            shortfall.addObject().put("pool", s.pool()).put("replicas", s.replicas()).put("hourlyCost", s.hourlyCost());
        }
        return root;
    }

    private static String text(BudgetFile.Loaded budget, List<Member> members, BudgetRound round) {
        StringBuilder text = new StringBuilder();
        text.append("Budget ").append(budget.name()).append(": ").append(budget.limit().describe()).append('\n');
        text.append(String.format(Locale.ROOT, "%n%-24s %-12s %8s %7s %8s  %s%n", "Pool", "Priority", "Replicas", "Wanted",
                "Granted", "Why"));
        for (Member m : members) {
            PoolGrant g = round.grantOf(m.name());
            text.append(String.format(Locale.ROOT, "%-24s %-12s %8d %7d %8d  (%s) %s%n", m.name(), g.priority().key(),
                    g.replicas(), g.wanted(), g.granted(), m.decision().reason().key(), g.why()));
        }
        text.append('\n');
        for (BudgetRound.Preemption p : round.preemptions()) {
            text.append(String.format(Locale.ROOT, "Preempted: %s gives %d replica%s to %s.%n", p.victim(), p.replicas(),
                    p.replicas() == 1 ? "" : "s", p.beneficiary() == null ? "bring the budget under its limit" : p.beneficiary()));
        }
        text.append(round.message()).append('\n');
        return text.toString();
    }
}
