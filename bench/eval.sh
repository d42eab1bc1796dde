#!/usr/bin/env bash
# Generalization of detection, measured on the project's own evaluation corpus (docs/detection-eval.md):
# realistic generated files of everyday credential formats, labelled with the lines that hold secrets
# and identities, plus negative files (placeholders, templating, empty values, ordinary config). The
# corpus is generated into a temporary folder (never committed), scanned by sprawl, and scored per
# format, syntax, value shape and naming style: recall, false-positive lines (low vs medium/high) and
# identity binding. Detectors and rules must never be tuned to this corpus.
# Usage: bench/eval.sh [--seed N] [--misses] [--rules PATH]
#   --seed N      corpus seed (default 15); the same seed gives the same corpus
#   --misses      list missed secrets (file, lines, expected category; never the value) and false-positive lines
#   --rules PATH  extra rule file or folder, as for `sprawl scan --rules`
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
seed=()
misses=""
rules=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seed) seed=(--seed "${2:?--seed needs a number}"); shift ;;
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
java -cp "$cp" dev.sprawl.eval.EvalCorpus generate ${seed[@]+"${seed[@]}"} "$work"
SPRAWL_NO_CDS=1 ./sprawl scan "$work/corpus" -f json -o "$work/report.json" --fail-on never \
  ${rules[@]+"${rules[@]}"} >/dev/null
java -cp "$cp" dev.sprawl.eval.EvalCorpus score "$work/labels.json" "$work/report.json" $misses
