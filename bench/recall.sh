#!/usr/bin/env bash
# Recall and precision of the rules on a labelled JSONL corpus (one {"id","name","kind","expect",
# "text"} a line, e.g. ../shared/corpus/rule-examples.jsonl): each text is written to its own file in
# a temporary folder, the folder is scanned by sprawl, and a case counts as found when its file has at
# least one finding. Prints recall on `expect: match` and the number of `expect: no-match` cases hit,
# for `kind: secret` (the target) and `kind: identifier` (for information).
# Usage: bench/recall.sh JSONL [--misses] [--rules PATH]
#   --misses      list missed and wrongly hit case ids and names (never their text)
#   --rules PATH  extra rule file or folder, as for `sprawl scan --rules`
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
jsonl="$(cd "$(dirname "${1:?usage: bench/recall.sh JSONL [--misses] [--rules PATH]}")" && pwd)/$(basename "$1")"
shift
misses=""
rules=()
while [ $# -gt 0 ]; do
  case "$1" in
    --misses) misses="--misses" ;;
    --rules) rules+=(--rules "$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"); shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
cd "$here"
SPRAWL_NO_CDS=1 ./sprawl --version >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if ! mvn -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt \
    >"$work/build.log" 2>&1; then
  tail -n 40 "$work/build.log" >&2
  exit 2
fi
cp="target/classes:target/test-classes:$(cat target/bench-classpath.txt)"
java -cp "$cp" dev.sprawl.bench.RecallBench split "$jsonl" "$work/cases"
SPRAWL_NO_CDS=1 ./sprawl scan "$work/cases" -f json -o "$work/report.json" --fail-on never ${rules[@]+"${rules[@]}"} >/dev/null
java -cp "$cp" dev.sprawl.bench.RecallBench score "$jsonl" "$work/report.json" $misses
