#!/usr/bin/env bash
# Full-history git scan: sprawl vs gitleaks on the same clone, runs interleaved, wall time with JVM
# start included, ratio from the same runs; sprawl's peak RSS; and the practical limit: native git
# reading every reachable blob (git rev-list --objects --all | git cat-file --batch). The git CLI is
# used here for that reference only; sprawl itself reads the repository with JGit.
# gitleaks comes from ../shared/tools/install-gitleaks.sh (or $GITLEAKS).
# Usage: bench/git-vs-gitleaks.sh REPO [RUNS]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
repo=$(cd "${1:?usage: bench/git-vs-gitleaks.sh REPO [RUNS]}" && pwd)
runs=${2:-3}
gitleaks=${GITLEAKS:-$(bash "$here/../shared/tools/install-gitleaks.sh" 2>/dev/null)}
"$here/sprawl" --version >/dev/null   # build the jar (and its CDS archive) outside the timing
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

time_cmd() { # prints wall seconds, peak RSS KiB and CPU seconds of one run
  /usr/bin/time -f "%e %M %U %S" -o "$out/t" "$@" >/dev/null 2>"$out/err" || true
  read -r w m u s < <(tail -n 1 "$out/t")  # the last line: time adds one for a non-zero exit
  echo "$w $m $(echo "$u + $s" | bc)"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

# the reference: every blob reachable from any ref, read by native git in the order it lists them
git -C "$repo" rev-list --objects --all --missing=allow-any | cut -c1-40 \
  | git -C "$repo" cat-file --batch-check='%(objectname) %(objecttype) %(objectsize)' \
  | awk '$2 == "blob" {print $1; n++; b += $3} END {printf "%d %.0f\n", n, b > "/dev/stderr"}' \
  > "$out/blobs" 2> "$out/blobstats"
read -r nblobs blobbytes < "$out/blobstats"

s_t=(); g_t=(); c_t=(); ratios=(); s_cpu=(); g_cpu=(); s_rss=0
for i in $(seq "$runs"); do
  read -r t m c < <(time_cmd "$here/sprawl" scan "$repo" -f json --timings -o "$out/sprawl-$i.json")
  s_t+=("$t"); s_cpu+=("$c"); [ "$m" -gt "$s_rss" ] && s_rss=$m
  read -r tg _ cg < <(time_cmd "$gitleaks" detect --source "$repo" --report-path "$out/gitleaks-$i.json" --exit-code 0)
  g_t+=("$tg"); g_cpu+=("$cg")
  read -r tc _ _ < <(time_cmd sh -c "git -C '$repo' cat-file --batch < '$out/blobs'")
  c_t+=("$tc")
  ratios+=("$(echo "scale=2; $tg / $t" | bc)")
done
s=$(printf '%s\n' "${s_t[@]}" | median)
g=$(printf '%s\n' "${g_t[@]}" | median)
c=$(printf '%s\n' "${c_t[@]}" | median)
commits=$(git -C "$repo" rev-list --all | wc -l)
echo "input: $repo ($commits commits, $nblobs reachable blobs, $((blobbytes / 1048576)) MiB of blob content)"
echo "sprawl:   median ${s}s  (runs: ${s_t[*]}; cpu s: ${s_cpu[*]}), peak RSS $((s_rss / 1024)) MiB"
echo "gitleaks: median ${g}s  (runs: ${g_t[*]}; cpu s: ${g_cpu[*]})"
echo "ratio per run (gitleaks / sprawl): ${ratios[*]}; of the medians: $(echo "scale=2; $g / $s" | bc)x"
echo "git cat-file --batch, every reachable blob: median ${c}s  (runs: ${c_t[*]}), $(echo "scale=0; $blobbytes / 1048576 / $c" | bc) MiB/s"
echo "sprawl takes $(echo "scale=2; $s / $c" | bc)x the time native git needs just to read the blobs"
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
