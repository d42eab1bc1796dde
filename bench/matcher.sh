#!/usr/bin/env bash
# Matcher throughput per core: the detection engine with the full built-in catalogue over the text
# files of DIR (default: a checkout of apache/commons-lang), loaded in memory, one thread.
# Usage: bench/matcher.sh [DIR] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-/tmp/commons-lang}
mvn -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
java ${BENCH_JAVA_OPTS:-} -Xmx4g -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" \
  dev.sprawl.bench.MatcherBench "$dir" "${2:-30}"
