#!/usr/bin/env bash
# Directory (working tree) scan: sprawl vs gitleaks, wall time from the same run on the same input
# (sprawl --no-history vs gitleaks --no-git: files on disk only, no git history),
# JVM start included. gitleaks comes from ../shared/tools/install-gitleaks.sh (or $GITLEAKS).
# Usage: bench/dir-vs-gitleaks.sh DIR [RUNS]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
dir=${1:?usage: bench/dir-vs-gitleaks.sh DIR [RUNS]}
runs=${2:-5}
gitleaks=${GITLEAKS:-$(bash "$here/../shared/tools/install-gitleaks.sh" 2>/dev/null)}
"$here/sprawl" --version >/dev/null   # build the jar (and its CDS archive) outside the timing
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

best() { sort -n | head -1; }
time_cmd() { # prints wall seconds and peak RSS KiB of one run
  /usr/bin/time -f "%e %M" -o "$out/t" "$@" >/dev/null 2>&1 || true
  cat "$out/t"
}

sprawl_times=(); gitleaks_times=(); sprawl_rss=0
for i in $(seq "$runs"); do
  read -r t m < <(time_cmd "$here/sprawl" scan "$dir" --no-history -f json --timings -o "$out/sprawl-$i.json")
  sprawl_times+=("$t"); [ "$m" -gt "$sprawl_rss" ] && sprawl_rss=$m
  read -r t _ < <(time_cmd "$gitleaks" detect --no-git --source "$dir" --report-path "$out/gitleaks-$i.json" --exit-code 0)
  gitleaks_times+=("$t")
done
s=$(printf '%s\n' "${sprawl_times[@]}" | best)
g=$(printf '%s\n' "${gitleaks_times[@]}" | best)
files=$(find "$dir" -type f -not -path '*/.git/*' | wc -l)
bytes=$(du -sb --exclude=.git "$dir" | cut -f1)
echo "input: $dir ($files files, $((bytes / 1048576)) MiB without .git)"
echo "sprawl:   best of $runs ${s}s  (runs: ${sprawl_times[*]}), peak RSS $((sprawl_rss / 1024)) MiB"
echo "gitleaks: best of $runs ${g}s  (runs: ${gitleaks_times[*]})"
echo "ratio: sprawl is $(echo "scale=2; $g / $s" | bc)x faster"
echo "secrets: sprawl $(grep -c '"fingerprint"' "$out/sprawl-1.json"), gitleaks findings $(grep -c '"RuleID"' "$out/gitleaks-1.json" || true)"
echo "sprawl phase timings (run 1, --timings; wall and CPU summed over threads):"
python3 - "$out/sprawl-1.json" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))["scan"].get("timings", {})
print("  %-16s %10s %10s %10s" % ("phase", "wall ms", "cpu ms", "MiB"))
for phase, f in t.items():
    print("  %-16s %10d %10d %10d" % (phase, f["wallMs"], f["cpuMs"], f["bytes"] // 1048576))
PY
echo "load: $(uptime | sed 's/.*load average/load average/')"
