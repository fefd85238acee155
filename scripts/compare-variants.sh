#!/usr/bin/env bash
# Step (reactive) against adaptive on every CSV in DIR: daily cost and SLO-violation minutes.
# Usage: scripts/compare-variants.sh DIR [path/to/tokenscale.jar] [repo-dir]
DIR=$1; JAR=${2:-operator/target/tokenscale.jar}; REPO=${3:-.}
printf "%-24s %24s %24s %8s %9s\n" trace "step (cost, min)" "adaptive (cost, min)" "oracle" "adaptive/oracle"
for f in "$DIR"/*.csv; do
  java -jar "$JAR" simulate --pool "$REPO/deploy/examples/inferencepool.yaml" --traffic "$f" "${@:4}" 2>&1 | awk -v T="$(basename "$f" .csv)" '
    /^(reactive|adaptive|oracle) / { gsub(/[$,]/,"",$2); c[$1]=$2; m[$1]=$(NF-1) }
    END { printf "%-24s %14.0f %6.2fm %s %14.0f %6.2fm %s %8.0f %8.3fx\n", T, c["reactive"], m["reactive"], " ", c["adaptive"], m["adaptive"], (c["adaptive"]<c["reactive"] && m["adaptive"]<=m["reactive"]) ? "ok" : "--", c["oracle"], c["adaptive"]/c["oracle"] }'
done
