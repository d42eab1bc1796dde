#!/usr/bin/env bash
# False positives on a clean codebase: every blob ever committed to REPO (all refs; default a checkout
# of apache/commons-lang) is written to its own file in a temporary folder, the folder is scanned,
# and the findings are counted per confidence. A clean codebase should have no high (and ideally no
# medium) finding. Works until the git source scans history itself; uses the git CLI, in this script
# only. Usage: bench/clean-history.sh [REPO]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
repo="$(cd "${1:-/tmp/commons-lang}" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/blobs"
git -C "$repo" rev-list --objects --all | awk 'NF >= 2 { print $1 }' \
  | git -C "$repo" cat-file --batch-check='%(objectname) %(objecttype)' | awk '$2 == "blob" { print $1 }' \
  > "$work/blobs.txt"
while read -r oid; do
  git -C "$repo" cat-file blob "$oid" > "$work/blobs/$oid"
done < "$work/blobs.txt"
echo "$(wc -l < "$work/blobs.txt") blobs from every ref of $repo"
SPRAWL_NO_CDS=1 "$here/sprawl" scan "$work/blobs" -f json -o "$work/report.json" --fail-on never >/dev/null
for c in high medium low; do
  printf '%-6s %s\n' "$c" "$(grep -c "\"confidence\": \"$c\"" "$work/report.json" || true)"
done
