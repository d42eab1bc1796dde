#!/usr/bin/env bash
# Runs every Jazzer fuzz target (@FuzzTest) in fuzzing mode, one after the other, each for MINUTES
# minutes (default 5) in its own forked JVM with -Xmx256m; one input running longer than 2 s is a
# hang. Prints per target: executions, coverage, and what it found. Findings are written by Jazzer
# as crash-*/timeout-* files into src/test/resources/<package>/<Class>Inputs/<method>/, where
# `mvn verify` replays them as regression tests; the grown corpus stays in .cifuzz-corpus/.
#
#   bench/fuzz.sh [MINUTES] [FILTER]     FILTER: only targets whose Class#method matches (grep -E)
#   FUZZ_JOBS=2 bench/fuzz.sh 5          run two targets at a time (default 1), each still MINUTES long
#
# Exit status: 0 when no target found anything, 1 otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
MINUTES=${1:-5}
FILTER=${2:-.}
OUT=bench/out/fuzz
mkdir -p "$OUT"

mvn -B -q -o test-compile >/dev/null 2>&1 || mvn -B -q test-compile

# Class#method for each @FuzzTest method: the first "void name(" after the annotation
targets=$(for f in $(grep -rl '@FuzzTest' src/test/java --include='*FuzzTest.java' | sort); do
    cls=$(echo "$f" | sed 's|src/test/java/||; s|\.java$||; s|/|.|g')
    awk -v c="$cls" '/@FuzzTest/ {want=1; next}
        want && match($0, /void [A-Za-z0-9_]+\(/) {m=substr($0, RSTART+5, RLENGTH-6); print c "#" m; want=0}' "$f"
done | grep -E "$FILTER")

JOBS=${FUZZ_JOBS:-1}
RESULTS="$OUT/results.txt"
: >"$RESULTS"

run_target() {
    local t=$1 log="$OUT/${1//#/.}.log" start secs rc last execs cov result
    start=$(date +%s)
    set +e
    JAZZER_FUZZ=1 mvn -B -o surefire:test -Dtest="$t" -Dsurefire.failIfNoSpecifiedTests=false \
        -Djazzer.max_duration="${MINUTES}m" -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1=-timeout=2 \
        -DargLine=-Xmx256m -Dsurefire.redirectTestOutputToFile=false -Dsurefire.timeout=0 \
        -Dsurefire.reportsDirectory="target/fuzz-reports/${t//#/.}" >"$log" 2>&1
    rc=$?
    set -e
    secs=$(( $(date +%s) - start ))
    last=$(grep -aE '^#[0-9]+' "$log" | tail -1 || true)
    execs=$(echo "$last" | sed -nE 's/^#([0-9]+).*/\1/p')
    cov=$(echo "$last" | sed -nE 's/.* cov: ([0-9]+).*/\1/p')
    if grep -aqE 'ALARM: working on the last Unit|timeout after|Timeout' "$log"; then
        result="HANG"
    elif grep -aqE 'OutOfMemoryError|out-of-memory' "$log"; then
        result="OOM"
    elif grep -aqE '== Java Exception|crash-|Failures: [1-9]|Errors: [1-9]' "$log" || [ $rc -ne 0 ]; then
        result="CRASH (rc $rc)"
    else
        result="ok"
    fi
    printf '%-62s %12s %8s %6s  %s\n' "$t" "${execs:-?}" "${cov:-?}" "$secs" "$result" | tee -a "$RESULTS"
}

printf '%-62s %12s %8s %6s  %s\n' TARGET EXECUTIONS COV SECS RESULT
running=0
for t in $targets; do
    if [ "$running" -ge "$JOBS" ]; then
        wait -n || true
        running=$((running - 1))
    fi
    run_target "$t" &
    running=$((running + 1))
done
wait || true
if grep -qv '  ok$' "$RESULTS"; then
    echo "findings: see $OUT/*.log and src/test/resources/**/*Inputs/"
    exit 1
fi
echo "no findings"
exit 0
