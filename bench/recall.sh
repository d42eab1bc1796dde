#!/usr/bin/env bash
# Recall and precision of the built-in rules on a labelled JSONL corpus (one {"id","name","kind",
# "expect","text"} a line, e.g. ../shared/corpus/rule-examples.jsonl): each text is written to its own
# file in a temporary folder, the folder is scanned by sprawl, and a case counts as found when its file
# has at least one finding. Prints recall on `kind: secret, expect: match` and the number of
# `expect: no-match` cases hit (also for `kind: identifier`, for information).
# Usage: bench/recall.sh JSONL [--misses]     (--misses lists missed and wrongly hit case ids)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
jsonl="$(cd "$(dirname "${1:?usage: bench/recall.sh JSONL [--misses]}")" && pwd)/$(basename "$1")"
cd "$here"
SPRAWL_NO_CDS=1 ./sprawl --version >/dev/null
mvn -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
cp="target/classes:target/test-classes:$(cat target/bench-classpath.txt)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
java -cp "$cp" dev.sprawl.bench.RecallBench split "$jsonl" "$work/cases"
SPRAWL_NO_CDS=1 ./sprawl scan "$work/cases" -f json -o "$work/report.json" --fail-on never >/dev/null
java -cp "$cp" dev.sprawl.bench.RecallBench score "$jsonl" "$work/report.json" ${2:-}
