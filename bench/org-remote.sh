#!/usr/bin/env bash
# Remote repositories over git://: N generated repositories (COMMITS commits each, one secret shared
# by all) served by Debian's git daemon on loopback, scanned with --targets-from; prints the wall time,
# repositories per minute and sprawl's peak RSS. git builds and serves the repositories here; sprawl
# itself clones them with JGit.
# Usage: bench/org-remote.sh [N] [COMMITS]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
n=${1:-50}
commits=${2:-20}
"$here/sprawl" --version >/dev/null   # build the jar outside the timing
work=$(mktemp -d)
daemon_pid=""
cleanup() { [ -n "$daemon_pid" ] && kill "$daemon_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
export HOME="$work" GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.test \
  GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.test
shared="ghp_$(head -c 200 /dev/urandom | tr -dc 'A-Za-z0-9' | head -c 36)"
for i in $(seq 1 "$n"); do
  r="$work/served/repo$i"
  git init -q -b main "$r"
  for c in $(seq 1 "$commits"); do
    printf 'name: repo%s\nversion: %s\n%s\n' "$i" "$c" "$(head -c 3000 /dev/urandom | base64 -w 76)" > "$r/file$((c % 5)).txt"
    [ "$c" = 2 ] && printf 'export GITHUB_TOKEN=%s\n' "$shared" > "$r/deploy.sh"
    git -C "$r" add -A && git -C "$r" commit -q -m "c$c"
  done
  echo "git://127.0.0.1:PORT/repo$i" >> "$work/targets.tmpl"
done
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
git daemon --export-all --reuseaddr --base-path="$work/served" --listen=127.0.0.1 --port="$port" "$work/served" &
daemon_pid=$!
sleep 1
sed "s/PORT/$port/" "$work/targets.tmpl" > "$work/targets.txt"
/usr/bin/time -f "%e %M" -o "$work/t" "$here/sprawl" scan --targets-from "$work/targets.txt" -f json \
  -o "$work/out.json" || true
read -r wall rss < <(tail -n 1 "$work/t")
python3 - "$work/out.json" "$n" "$wall" "$rss" <<'PY'
import json, sys
inv = json.load(open(sys.argv[1])); n = int(sys.argv[2]); wall = float(sys.argv[3])
repos = inv.get("repos", [])
shared = [s for s in inv["secrets"] if len({l.get("repo") for l in s["locations"]}) > 1]
print(f"{n} repositories: {len(repos)} in repos[], {sum(r['commits'] for r in repos)} commits, "
      f"complete={inv['scan']['complete']}; shared secret entries: {len(shared)} "
      f"({len(shared[0]['locations']) if shared else 0} locations)")
print(f"wall {wall:.1f} s, {n / wall * 60:.0f} repositories/minute, peak RSS {int(sys.argv[4]) // 1024} MiB")
PY
