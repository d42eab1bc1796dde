#!/usr/bin/env bash
# Installs Debian's Chromium and its chromedriver for the HTML report's browser tests (headless,
# loopback only). Without them those tests skip, saying why.
set -euo pipefail
command -v chromium >/dev/null && command -v chromedriver >/dev/null && exit 0
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver >/dev/null
