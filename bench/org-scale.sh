#!/usr/bin/env bash
# Org scale: N generated repositories (COMMITS commits each; secrets shared between some of them)
# served by Debian's git daemon on 127.0.0.1, scanned through --targets-from with git:// URLs:
#   1. fresh (no cache): repositories/minute and peak RSS;
#   2. with --cache twice: the second (fetch + recalled blobs) against the fresh scan, and its
#      inventory compared with the fresh one apart from the two timestamps;
#   3. 4 shards (--shard i/4) merged with `sprawl merge`, compared byte for byte (timestamps aside);
#   4. merge memory: a generated set of LOCATIONS locations in 4 shard inventories merged under -Xmx64m.
# git builds (fast-import) and serves the repositories; sprawl clones and fetches them with JGit.
# Usage: bench/org-scale.sh [N] [COMMITS] [LOCATIONS]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
n=${1:-200}
commits=${2:-30}
locations=${3:-100000}
"$here/sprawl" --version >/dev/null   # build the jar outside the timing
jar="$here/target/sprawl.jar"
work=$(mktemp -d)
daemon_pid=""
cleanup() { [ -n "$daemon_pid" ] && kill "$daemon_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
export HOME="$work" GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null

echo "generating $n repositories x $commits commits..." >&2
python3 - "$work/served" "$n" "$commits" <<'PY'
import os, random, string, subprocess, sys
root, n, commits = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rnd = random.Random(42)
alnum = string.ascii_letters + string.digits
def tok(): return "ghp_" + "".join(rnd.choice(alnum) for _ in range(36))
def pw(): return "".join(rnd.choice(alnum) for _ in range(20)) + "!9"
shared = [tok() for _ in range(20)]
words = "service region replicas timeout retries image port feature owner queue bucket cache".split()
def text(lines):
    return "".join(f"{rnd.choice(words)}_{i}: {rnd.choice(words)}-{rnd.randrange(10**6)}\n" for i in range(lines))
for r in range(n):
    path = os.path.join(root, f"team{r % 10}", f"repo{r:03d}")
    os.makedirs(path)
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", path], check=True)
    out = []
    for c in range(commits):
        changed = {}
        k = rnd.randrange(6)
        changed[f"config/settings{k}.yml"] = text(300)
        changed[f"src/module{rnd.randrange(4)}.py"] = text(200)
        if c == 1:
            changed["deploy/env.sh"] = (f"export GITHUB_TOKEN={shared[r % 20]}\n"
                                        f"export DB_PASSWORD={pw()}\n")
            changed[".github/CODEOWNERS"] = f"* @acme/team{r % 10}\n"
        if c == commits // 2:
            changed[f"deploy/token{c}.env"] = f"API_TOKEN={tok()}\nSHARED_TOKEN={shared[(r * 7) % 20]}\n"
        # whole days at 08:00 UTC: an age in days changes only at 08:00, so runs a few minutes apart agree
        when = 1700035200 + (r % 40) * 86400 + c * 86400
        out.append("commit refs/heads/main\n")
        out.append(f"committer Bench <bench@example.test> {when} +0000\n")
        msg = f"change {c}\n"
        out.append(f"data {len(msg)}\n{msg}")
        for name, body in changed.items():  # fast-import starts each commit from the branch's last tree
            data = body.encode()
            out.append(f"M 100644 inline {name}\ndata {len(data)}\n")
            out.append(body + "\n")
    stream = "".join(out).encode()
    subprocess.run(["git", "-C", path, "fast-import", "--quiet"], input=stream, check=True)
    subprocess.run(["git", "-C", path, "gc", "-q"], check=True)
PY
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
git daemon --export-all --reuseaddr --base-path="$work/served" --listen=127.0.0.1 --port="$port" "$work/served" \
  2>"$work/daemon.log" &
daemon_pid=$!
sleep 1
(cd "$work/served" && find . -name 'repo*' -type d -prune | sort | sed "s|^\./|git://127.0.0.1:$port/|") > "$work/targets.txt"
echo "$(wc -l < "$work/targets.txt") targets" >&2

timed() { # timed NAME COMMAND...: runs it, records "wall rss_kb cpu_seconds" in $work/NAME.time
  local name=$1; shift
  /usr/bin/time -f "%e %M %U %S" -o "$work/$name.time" "$@" || true
  awk '{printf "%s %s %.2f\n", $1, $2, $3 + $4}' "$work/$name.time" > "$work/$name.time.1" && mv "$work/$name.time.1" "$work/$name.time"
}
strip_times() { grep -v -E '^    "(startedAt|finishedAt)": ' "$1"; }
scan=("$here/sprawl" scan --targets-from "$work/targets.txt" -f json --fail-on never)

timed fresh "${scan[@]}" -o "$work/fresh.json"
timed cache1 "${scan[@]}" --cache "$work/cache" -o "$work/cache1.json"
timed cache2 "${scan[@]}" --cache "$work/cache" -o "$work/cache2.json"
for i in 0 1 2 3; do
  timed "shard$i" "${scan[@]}" --shard "$i/4" -o "$work/shard-$i.json"
done
timed merge java -Xmx64m -jar "$jar" merge -o "$work/merged.json" "$work"/shard-{0,1,2,3}.json

read -r fresh_wall fresh_rss fresh_cpu < "$work/fresh.time"
read -r c1_wall c1_rss c1_cpu < "$work/cache1.time"
read -r c2_wall c2_rss c2_cpu < "$work/cache2.time"
read -r m_wall m_rss m_cpu < "$work/merge.time"
python3 - "$work/fresh.json" "$n" "$fresh_wall" "$fresh_rss" "$c1_wall" "$c2_wall" "$c2_rss" "$fresh_cpu" "$c1_cpu" "$c2_cpu" <<'PY'
import json, sys
inv = json.load(open(sys.argv[1])); n = int(sys.argv[2])
fresh, rss, c1, c2, c2rss = float(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6]), int(sys.argv[7])
fcpu, c1cpu, c2cpu = float(sys.argv[8]), float(sys.argv[9]), float(sys.argv[10])
repos = inv.get("repos", [])
shared = [s for s in inv["secrets"] if len({l.get("repo") for l in s["locations"]}) > 1]
locs = sum(len(s["locations"]) for s in inv["secrets"])
st = inv["scan"]["stats"]
print(f"org: {len(repos)} repositories, {st['commits']} commits, {st['blobs']} blobs, {st['bytes'] / 1e6:.0f} MB; "
      f"{len(inv['secrets'])} secrets, {locs} locations, {len(shared)} shared across repositories; "
      f"complete={inv['scan']['complete']}")
print(f"fresh scan:          {fresh:6.1f} s  {n / fresh * 60:5.0f} repositories/minute  CPU {fcpu:5.1f} s  peak RSS {rss // 1024} MiB")
print(f"--cache, first run:  {c1:6.1f} s  (clones into the cache, stores every blob)  CPU {c1cpu:5.1f} s")
print(f"--cache, second run: {c2:6.1f} s  {fresh / c2:4.1f}x faster than the fresh scan  CPU {c2cpu:5.1f} s "
      f"({fcpu / c2cpu:4.1f}x less)  peak RSS {c2rss // 1024} MiB")
PY
if cmp -s <(strip_times "$work/fresh.json") <(strip_times "$work/cache2.json"); then
  echo "cached rescan inventory: identical to the fresh scan apart from timestamps"
else
  echo "cached rescan inventory: DIFFERS from the fresh scan:"; diff <(strip_times "$work/fresh.json") <(strip_times "$work/cache2.json") | head -20
fi
if cmp -s <(strip_times "$work/fresh.json") <(strip_times "$work/merged.json"); then
  echo "4 shards + merge: identical byte for byte to the fresh scan apart from timestamps"
else
  echo "4 shards + merge: DIFFERS from the fresh scan:"; diff <(strip_times "$work/fresh.json") <(strip_times "$work/merged.json") | head -20
fi
echo "shards: $(for i in 0 1 2 3; do printf '%s s / %s MiB  ' $(awk '{printf "%s %d", $1, $2/1024}' "$work/shard$i.time"); done)"
echo "merge of the 4 shards (-Xmx64m): $m_wall s, CPU $m_cpu s, peak RSS $((m_rss / 1024)) MiB"

# merge memory at 100,000 locations: 4 generated shard inventories, secrets shared across them
python3 - "$work/gen" "$locations" <<'PY'
import hashlib, json, os, random, sys
out, total = sys.argv[1], int(sys.argv[2])
os.makedirs(out)
rnd = random.Random(7)
per = total // 4
fps = [f"sha256:{hashlib.sha256(str(i).encode()).hexdigest()}" for i in range(total // 5)]
for s in range(4):
    secrets = {}
    for k in range(per):
        fp = rnd.choice(fps)
        e = secrets.setdefault(fp, {"fingerprint": fp, "rule": "github-pat-classic",
            "type": "GitHub personal access token (classic)", "category": "token", "provider": "github",
            "confidence": "high", "redacted": "ghp_…xyz", "attributes": {"checksum": "valid"}, "owner": None,
            "locations": [], "findings": []})
        e["locations"].append({"source": "git", "path": f"dir{k % 50}/file{k}.env", "line": 1 + k % 40,
            "column": 7, "commit": hashlib.sha1(f"{s}-{k}".encode()).hexdigest(), "ref": "refs/heads/main",
            "author": "Bench <bench@example.test>", "date": "2024-03-02T08:00:00Z", "inHead": True,
            "repo": f"git://127.0.0.1/team{s}/repo{k % 250}", "context": "config"})
    for e in secrets.values():
        e["locations"].sort(key=lambda l: (l["source"], l["path"], l["line"], l["column"]))
    inv = {"schema": "sprawl-inventory/1", "tool": {"name": "sprawl", "version": "0.1.0"},
           "scan": {"targets": [f"shard{s}"], "startedAt": "2026-12-01T00:00:00Z", "finishedAt": "2026-12-01T00:10:00Z",
                    "complete": True, "warnings": [], "stats": {"blobs": 1000, "bytes": 10**6, "commits": 100, "rules": 464}},
           "secrets": list(secrets.values()), "references": []}
    json.dump(inv, open(f"{out}/shard-{s}.json", "w"), indent=2)
PY
timed bigmerge java -Xmx64m -jar "$jar" merge -o "$work/gen/merged.json" "$work"/gen/shard-{0,1,2,3}.json
read -r b_wall b_rss b_cpu < "$work/bigmerge.time"
python3 - "$work/gen/merged.json" "$b_wall" "$b_rss" "$(du -ch "$work"/gen/shard-*.json | tail -1 | cut -f1)" <<'PY'
import json, sys
inv = json.load(open(sys.argv[1]))
locs = sum(len(s["locations"]) for s in inv["secrets"])
print(f"merge of {locs} generated locations ({len(inv['secrets'])} secrets, inputs {sys.argv[4]}) under -Xmx64m: "
      f"{float(sys.argv[2]):.1f} s, peak RSS {int(sys.argv[3]) // 1024} MiB")
PY
