#!/usr/bin/env bash
# Image scanning throughput: builds a multi-layer OCI image of real-looking files copied from this
# machine (/usr/share, /usr/lib/python3*, /usr/include: text, docs, scripts, some binaries and
# gzip'd man pages), plus a layer with a planted key and one that deletes it, then times
# `sprawl scan` on it and prints MiB/s of uncompressed layer content.
#
#   bench/image-throughput.sh               gzip layers (what registries serve)
#   COMPRESSION=none bench/image-throughput.sh   plain tar layers (what docker save writes)
#   BENCH_DIR=/path MIN_MB=500 THREADS=2 ...     where to build, minimum size, worker threads
#
# Not part of the test suite. Needs GNU tar, gzip, sha256sum, Java 17 and Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
BENCH_DIR="${BENCH_DIR:-${TMPDIR:-/tmp}/sprawl-image-bench}"
COMPRESSION="${COMPRESSION:-gzip}"
MIN_MB="${MIN_MB:-500}"
THREADS="${THREADS:-$(nproc)}"
IMAGE="$BENCH_DIR/oci-$COMPRESSION"

"$ROOT/sprawl" --version >/dev/null   # build the jar (and its CDS archive) outside the timing

build_image() {
  rm -rf "$IMAGE" "$BENCH_DIR/layers"
  mkdir -p "$IMAGE/blobs/sha256" "$BENCH_DIR/layers"
  local groups=()
  for d in /usr/lib/python3 /usr/lib/python3.* /usr/include /usr/share/*; do
    [ -d "$d" ] && [ ! -L "$d" ] && groups+=("$d")
  done
  # planted secret in a low layer, deleted by a whiteout in the top layer
  local secret_dir="$BENCH_DIR/layers/secret-root"
  mkdir -p "$secret_dir/etc/app"
  printf 'GITHUB_TOKEN=ghp_%s\n' "$(head -c 200 /dev/urandom | tr -dc 'A-Za-z0-9' | head -c 36)" > "$secret_dir/etc/app/.env"
  local n=0 total=0 diff_ids=() layers_json=() history=()
  add_layer() { # $1: tar file, $2: created_by
    local tar="$1" diff_id blob digest size
    diff_id="sha256:$(sha256sum "$tar" | cut -d' ' -f1)"
    if [ "$COMPRESSION" = gzip ]; then
      gzip -6 -c "$tar" > "$tar.gz"
      blob="$tar.gz"; mt="application/vnd.oci.image.layer.v1.tar+gzip"
    else
      blob="$tar"; mt="application/vnd.oci.image.layer.v1.tar"
    fi
    digest="sha256:$(sha256sum "$blob" | cut -d' ' -f1)"
    size=$(stat -c %s "$blob")
    cp "$blob" "$IMAGE/blobs/sha256/${digest#sha256:}"
    diff_ids+=("\"$diff_id\"")
    layers_json+=("{\"mediaType\":\"$mt\",\"digest\":\"$digest\",\"size\":$size}")
    history+=("{\"created_by\":\"$2\"}")
    total=$((total + $(stat -c %s "$tar")))
    rm -f "$tar" "$tar.gz"
  }
  tar -C "$secret_dir" -cf "$BENCH_DIR/layers/secret.tar" etc
  add_layer "$BENCH_DIR/layers/secret.tar" "COPY .env /etc/app/"
  for g in "${groups[@]}"; do
    n=$((n + 1))
    tar -C / --warning=no-file-changed -cf "$BENCH_DIR/layers/l$n.tar" "${g#/}" 2>/dev/null || true
    add_layer "$BENCH_DIR/layers/l$n.tar" "COPY $g $g"
    [ $((total / 1048576)) -ge $((MIN_MB + 100)) ] && break
  done
  mkdir -p "$BENCH_DIR/layers/wh/etc/app" && : > "$BENCH_DIR/layers/wh/etc/app/.wh..env"
  tar -C "$BENCH_DIR/layers/wh" -cf "$BENCH_DIR/layers/wh.tar" etc
  add_layer "$BENCH_DIR/layers/wh.tar" "RUN rm /etc/app/.env"
  if [ $((total / 1048576)) -lt "$MIN_MB" ]; then
    echo "only $((total / 1048576)) MiB of files found; need $MIN_MB" >&2
    exit 1
  fi
  local IFS=,
  local config="{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Env\":[\"PATH=/usr/bin\"]},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[${diff_ids[*]}]},\"history\":[${history[*]}]}"
  local config_digest="sha256:$(printf '%s' "$config" | sha256sum | cut -d' ' -f1)"
  printf '%s' "$config" > "$IMAGE/blobs/sha256/${config_digest#sha256:}"
  local manifest="{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"$config_digest\",\"size\":${#config}},\"layers\":[${layers_json[*]}]}"
  local manifest_digest="sha256:$(printf '%s' "$manifest" | sha256sum | cut -d' ' -f1)"
  printf '%s' "$manifest" > "$IMAGE/blobs/sha256/${manifest_digest#sha256:}"
  printf '{"imageLayoutVersion":"1.0.0"}' > "$IMAGE/oci-layout"
  printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%s","size":%d}]}' \
    "$manifest_digest" "${#manifest}" > "$IMAGE/index.json"
  printf '%s\n' "${groups[@]:0:$n}" > "$IMAGE.dirs"
  echo "$total" > "$IMAGE.bytes"
  echo "$((${#layers_json[@]}))" > "$IMAGE.layers"
}

[ -f "$IMAGE.bytes" ] && [ -f "$IMAGE/index.json" ] || build_image
BYTES=$(cat "$IMAGE.bytes")
LAYERS=$(cat "$IMAGE.layers")
ON_DISK=$(du -sb "$IMAGE" | cut -f1)

# wall and CPU seconds of one scan through the launcher (its JVM options, as users run it): the
# machine may be shared, so CPU time is reported too
timed() { # $1: report file, rest: targets
  local out="$1"; shift
  local TIMEFORMAT='%R %U %S'
  { time "$ROOT/sprawl" scan -f json -o "$out" --fail-on never --threads "$THREADS" "$@" \
      >/dev/null 2>&1 || true; } 2>&1
}
IMAGE_TIMES=$(timed "$BENCH_DIR/report.json" "$IMAGE")
DIR_TIMES=""
if [ "${COMPARE_DIR:-1}" = 1 ]; then
  mapfile -t DIRS < "$IMAGE.dirs"
  DIR_TIMES=$(timed "$BENCH_DIR/report-dirs.json" "${DIRS[@]}")
fi

python3 - "$BENCH_DIR/report.json" "$BYTES" "$ON_DISK" "$LAYERS" "$COMPRESSION" "$THREADS" "$IMAGE_TIMES" "$DIR_TIMES" <<'PY'
import json, sys
report, size, disk, layers, comp, threads, image_times, dir_times = sys.argv[1:]
r = json.load(open(report))
wall, user, sys_ = (float(x) for x in image_times.split())
cpu = user + sys_
mib = int(size) / 1048576
hidden = sum(1 for s in r["secrets"] for l in s["locations"] if l.get("hidden"))
print(f"image: {layers} layers ({comp}), {mib:.0f} MiB uncompressed, {int(disk)/1048576:.0f} MiB on disk, {threads} threads")
print(f"image scan: {wall:.1f} s wall, {cpu:.1f} s CPU -> {mib/wall:.1f} MiB/s wall, {mib/cpu:.1f} MiB per CPU-second; "
      f"{r['scan']['stats']['blobs']} blobs, {r['scan']['stats'].get('binarySkipped', 0)} binary skipped")
print(f"found: {len(r['secrets'])} secrets, {hidden} hidden location(s); complete={r['scan']['complete']}, "
      f"{len(r['scan']['warnings'])} warning(s)")
if dir_times:
    dw, du, ds = (float(x) for x in dir_times.split())
    print(f"same files as folders: {dw:.1f} s wall, {du + ds:.1f} s CPU -> {mib/dw:.1f} MiB/s wall; "
          f"image/folder CPU ratio {cpu/(du + ds):.2f}")
PY
