#!/usr/bin/env bash
# Keyword prefilter throughput per core: every keyword of the built-in catalogue over the text files of
# DIR (default: a checkout of apache/commons-lang), loaded in memory, one thread, with the launcher's
# C1-only JIT unless BENCH_JAVA_OPTS says otherwise. Prints MiB per CPU-second, best of ROUNDS.
# Usage: bench/prefilter.sh [DIR] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-/tmp/commons-lang}
mvn -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
java ${BENCH_JAVA_OPTS:--XX:TieredStopAtLevel=1} -Xmx2g -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" \
  dev.sprawl.detect.PrefilterBench "$dir" "${2:-20}"
