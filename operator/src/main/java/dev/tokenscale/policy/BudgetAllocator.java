package dev.tokenscale.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Grants the replicas of a budget's pools, given what each pool's own policy wants.
 *
 * <ol>
 *   <li>If every want fits the limit, every pool gets it.</li>
 *   <li>Otherwise each pool starts from its {@linkplain BudgetClaim#floor() floor} (what it holds, or
 *       less if it wants less). Preemptable pools are scaled down toward minReplicas, lowest class
 *       first, while the floors alone exceed the limit; a pool with a missing signal is not.</li>
 *   <li>Non-preemptable pools get their increments by priority (realtime first; within a class an SLO
 *       breach first, then the cheaper replica, then the name). When an increment does not fit,
 *       preemptable pools give back replicas, lowest class first, never below minReplicas, whatever
 *       their cooldown, until it fits or none is left; then the pool is capped and the next may
 *       still fit a cheaper increment. What stays unmet is the shortfall.</li>
 *   <li>Only when no non-preemptable demand is unmet do preemptable pools get increments, in the
 *       same order; a pool preempted in this round gets none back.</li>
 * </ol>
 * A limit below the sum of minReplicas leaves every pool at minReplicas or above and says so.
 */
public final class BudgetAllocator {

    private static final Comparator<Slot> GRANT_ORDER = Comparator
            .comparing((Slot s) -> s.claim.priority())
            .thenComparing(s -> !s.claim.sloBreached())
            .thenComparingDouble(s -> s.claim.replicaHourlyCost())
            .thenComparingInt(s -> s.claim.gpusPerReplica())
            .thenComparing(s -> s.claim.pool());

    /** Lowest class first; within it a pool not in breach, then the costlier replica (frees more per replica). */
    private static final Comparator<Slot> VICTIM_ORDER = Comparator
            .comparing((Slot s) -> s.claim.priority()).reversed()
            .thenComparing(s -> s.claim.sloBreached())
            .thenComparing(Comparator.comparingDouble((Slot s) -> s.claim.replicaHourlyCost()).reversed())
            .thenComparing(s -> s.claim.pool());

    public BudgetRound allocate(BudgetLimit limit, List<BudgetClaim> claims) {
        List<Slot> slots = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (BudgetClaim claim : claims) {
            if (!names.add(claim.pool())) {
                throw new IllegalArgumentException("pool " + claim.pool() + " appears twice in one budget round");
            }
            slots.add(new Slot(claim));
        }
        boolean belowMinimums = !limit.allows(sum(slots, s -> s.claim.minReplicas() * s.claim.replicaHourlyCost()),
                (long) sum(slots, s -> (double) s.claim.minReplicas() * s.claim.gpusPerReplica()));

        slots.forEach(s -> s.granted = s.claim.wanted());
        if (fits(limit, slots)) {
            return result(limit, slots, belowMinimums, List.of(), List.of(), false);
        }
        slots.forEach(s -> s.granted = s.claim.floor());
        List<BudgetRound.Preemption> preemptions = new ArrayList<>();
        trimToLimit(limit, slots, preemptions);

        List<Slot> byPriority = slots.stream().sorted(GRANT_ORDER).toList();
        for (Slot pool : byPriority) {
            if (!pool.claim.priority().preemptable()) {
                growPreempting(limit, slots, pool, preemptions);
            }
        }
        List<BudgetRound.Shortfall> shortfall = byPriority.stream()
                .filter(s -> !s.claim.priority().preemptable() && s.granted < s.claim.wanted())
                .sorted(GRANT_ORDER.reversed())
                .map(s -> new BudgetRound.Shortfall(s.claim.pool(), s.claim.wanted() - s.granted,
                        (s.claim.wanted() - s.granted) * s.claim.replicaHourlyCost()))
                .toList();
        if (shortfall.isEmpty()) {
            for (Slot pool : byPriority) {
                if (pool.claim.priority().preemptable() && pool.preemptedFor.isEmpty()) {
                    while (pool.granted < pool.claim.wanted() && fitsWithOneMore(limit, slots, pool)) {
                        pool.granted++;
                    }
                }
            }
        }
        return result(limit, slots, belowMinimums, shortfall, preemptions, true);
    }

    /** A lowered limit: preemptable pools with every signal give back replicas until the floors fit. */
    private static void trimToLimit(BudgetLimit limit, List<Slot> slots, List<BudgetRound.Preemption> preemptions) {
        while (!fits(limit, slots)) {
            Optional<Slot> victim = nextVictim(slots, false);
            if (victim.isEmpty()) {
                return;
            }
            victim.get().granted--;
            victim.get().trimmed = true;
            record(preemptions, victim.get().claim.pool(), null);
        }
    }

    private static void growPreempting(BudgetLimit limit, List<Slot> slots, Slot pool, List<BudgetRound.Preemption> preemptions) {
        while (pool.granted < pool.claim.wanted()) {
            if (fitsWithOneMore(limit, slots, pool)) {
                pool.granted++;
                continue;
            }
            Optional<Slot> victim = nextVictim(slots, true);
            if (victim.isEmpty()) {
                return;
            }
            victim.get().granted--;
            if (!victim.get().preemptedFor.contains(pool.claim.pool())) {
                victim.get().preemptedFor.add(pool.claim.pool());
            }
            record(preemptions, victim.get().claim.pool(), pool.claim.pool());
        }
    }

    /** @param evenBlind preemption may take from a pool with missing signals; trimming to a lowered limit may not */
    private static Optional<Slot> nextVictim(List<Slot> slots, boolean evenBlind) {
        return slots.stream()
                .filter(s -> s.claim.priority().preemptable() && s.granted > s.claim.minReplicas())
                .filter(s -> evenBlind || !s.claim.signalsMissing())
                .min(VICTIM_ORDER);
    }

    private static void record(List<BudgetRound.Preemption> preemptions, String victim, String beneficiary) {
        for (int i = 0; i < preemptions.size(); i++) {
            BudgetRound.Preemption p = preemptions.get(i);
            if (p.victim().equals(victim) && Objects.equals(p.beneficiary(), beneficiary)) {
                preemptions.set(i, new BudgetRound.Preemption(victim, beneficiary, p.replicas() + 1));
                return;
            }
        }
        preemptions.add(new BudgetRound.Preemption(victim, beneficiary, 1));
    }

    private static boolean fits(BudgetLimit limit, List<Slot> slots) {
        return limit.allows(spend(slots), gpus(slots));
    }

    private static boolean fitsWithOneMore(BudgetLimit limit, List<Slot> slots, Slot pool) {
        return limit.allows(spend(slots) + pool.claim.replicaHourlyCost(), gpus(slots) + pool.claim.gpusPerReplica());
    }

    private static double spend(List<Slot> slots) {
        return sum(slots, s -> s.granted * s.claim.replicaHourlyCost());
    }

    private static long gpus(List<Slot> slots) {
        return slots.stream().mapToLong(s -> (long) s.granted * s.claim.gpusPerReplica()).sum();
    }

    private static double sum(List<Slot> slots, ToDoubleFunction<Slot> f) {
        return slots.stream().mapToDouble(f).sum();
    }

    private static BudgetRound result(BudgetLimit limit, List<Slot> slots, boolean belowMinimums,
            List<BudgetRound.Shortfall> shortfall, List<BudgetRound.Preemption> preemptions, boolean squeezed) {
        double spent = spend(slots);
        long gpus = gpus(slots);
        boolean overLimit = !limit.allows(spent, gpus);
        List<PoolGrant> grants = slots.stream().map(s -> s.grant(limit, squeezed)).toList();
        return new BudgetRound(limit, grants, spent, gpus, belowMinimums, overLimit, shortfall, preemptions,
                summary(limit, grants, spent, gpus, belowMinimums, overLimit, shortfall, squeezed));
    }

    private static String summary(BudgetLimit limit, List<PoolGrant> grants, double spent, long gpus, boolean belowMinimums,
            boolean overLimit, List<BudgetRound.Shortfall> shortfall, boolean squeezed) {
        String spend = HumanText.money(spent) + "/h and " + gpus + " GPUs of " + limit.describe();
        if (belowMinimums) {
            return "The pools' minReplicas alone exceed the budget of " + limit.describe()
                    + ", so minReplicas win: " + spend + ".";
        }
        String text;
        if (!squeezed) {
            text = "Every pool got what it wants: " + spend + ".";
        } else {
            long capped = grants.stream().filter(PoolGrant::capped).count();
            text = "The pools want more than the budget; " + capped + " of " + grants.size() + " capped by priority: " + spend + ".";
        }
        if (!shortfall.isEmpty()) {
            text += " Short for non-preemptable pools: " + shortfall.stream()
                    .map(s -> s.pool() + " " + s.replicas() + " replicas (" + HumanText.money(s.hourlyCost()) + "/h)")
                    .collect(Collectors.joining(", ")) + ".";
        }
        if (overLimit) {
            text += " The pools already hold more than the limit, and only preemptable pools with every signal are scaled down for it.";
        }
        return text;
    }

    private static final class Slot {
        final BudgetClaim claim;
        int granted;
        boolean trimmed;
        final List<String> preemptedFor = new ArrayList<>();

        Slot(BudgetClaim claim) {
            this.claim = claim;
        }

        PoolGrant grant(BudgetLimit limit, boolean squeezed) {
            return new PoolGrant(claim.pool(), claim.priority(), claim.minReplicas(), claim.replicas(), claim.wanted(), granted,
                    claim.replicaHourlyCost(), claim.gpusPerReplica(), preemptedFor, trimmed, why(limit, squeezed));
        }

        private String why(BudgetLimit limit, boolean squeezed) {
            String from = claim.replicas() + " -> " + granted;
            if (!preemptedFor.isEmpty()) {
                return "Preempted (" + claim.priority().key() + ", " + from + ") to give the budget's money to "
                        + String.join(", ", preemptedFor) + ".";
            }
            if (trimmed) {
                return "Scaled down (" + claim.priority().key() + ", " + from + ") because the budget's pools hold more than "
                        + limit.describe() + ".";
            }
            if (granted >= claim.wanted()) {
                return squeezed ? "Granted all " + claim.wanted() + " wanted replicas." : "Granted all " + claim.wanted()
                        + " wanted replicas; the budget fits every pool.";
            }
            return "Capped at " + granted + " of " + claim.wanted() + " wanted replicas: the budget of " + limit.describe()
                    + " is spent by pools of equal or higher priority.";
        }
    }
}
