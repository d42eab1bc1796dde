#!/usr/bin/env bash
# Starts (or stops) a throwaway OCI registry on loopback for the registry pull tests:
# Debian's docker-registry, plain HTTP, storage in a temporary folder.
#   .ci/registry.sh start    install docker-registry and skopeo if missing, start, wait until it answers
#   .ci/registry.sh stop     stop the registry started by 'start' and remove its storage
# Address: $SPRAWL_TEST_REGISTRY (default 127.0.0.1:5000), the same variable the tests read.
set -euo pipefail
ADDR="${SPRAWL_TEST_REGISTRY:-127.0.0.1:5000}"
STATE="${TMPDIR:-/tmp}/sprawl-test-registry-${ADDR//[:.]/-}"

install() {
  command -v docker-registry >/dev/null && command -v skopeo >/dev/null && return 0
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq docker-registry skopeo >/dev/null
}

answers() {
  curl -sf -o /dev/null --max-time 2 "http://$ADDR/v2/"
}

start() {
  install
  if answers; then
    echo "registry: already answering on $ADDR"
    return 0
  fi
  rm -rf "$STATE"
  mkdir -p "$STATE/data"
  cat > "$STATE/config.yml" <<YAML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $STATE/data
  delete:
    enabled: true
http:
  addr: $ADDR
YAML
  nohup docker-registry serve "$STATE/config.yml" > "$STATE/log" 2>&1 &
  echo $! > "$STATE/pid"
  for _ in $(seq 1 50); do
    if answers; then
      echo "registry: started on $ADDR (pid $(cat "$STATE/pid"))"
      return 0
    fi
    sleep 0.2
  done
  echo "registry: did not start on $ADDR" >&2
  cat "$STATE/log" >&2 || true
  return 1
}

stop() {
  if [ -f "$STATE/pid" ]; then
    kill "$(cat "$STATE/pid")" 2>/dev/null || true
  fi
  rm -rf "$STATE"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
