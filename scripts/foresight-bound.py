#!/usr/bin/env python3
"""What meeting the SLO costs when the future is known but replicas still take the cold start to serve.

Reads `tokenscale simulate --output json` (stdin or a file) and prints, per strategy, its cost against
the oracle (which knows each step's load and ignores cold start) and against this bound. The bound
holds at each step the most replicas the oracle needs within the next cold start: a replica that must
serve at step s is ordered, and paid for, a cold start before s, and is kept through a gap shorter
than a cold start rather than stopped and started again. No policy that meets the SLO at every step
pays less, whatever it knows; a causal one pays more.

    java -jar operator/target/tokenscale.jar simulate --pool P --traffic T --output json | python3 scripts/foresight-bound.py
"""
import json
import math
import sys

report = json.load(open(sys.argv[1]) if len(sys.argv) > 1 else sys.stdin)
scenario = report["scenario"]
cold_steps = math.ceil(scenario["coldStartSeconds"] / scenario["stepSeconds"])
oracle = report["series"]["strategies"]["oracle"]["replicas"]
bound = [max(oracle[t:t + cold_steps + 1]) for t in range(len(oracle))]
oracle_average = sum(oracle) / len(oracle)
bound_average = sum(bound) / len(bound)
print(f"{scenario['traffic']}: oracle {oracle_average:.2f} replicas on average; paying cold starts {bound_average:.2f}"
      f" ({bound_average / oracle_average:.3f}x the oracle)")
oracle_cost = next(s["dailyCost"] for s in report["strategies"] if s["name"] == "oracle")
for s in report["strategies"]:
    ratio = s["dailyCost"] / oracle_cost
    print(f"  {s['name']:<14} {ratio:6.3f}x oracle  {ratio * oracle_average / bound_average:6.3f}x bound"
          f"  {s['sloViolationMinutes']:6.1f} SLO min")
