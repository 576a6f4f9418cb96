#!/usr/bin/env bash
# Debian packages the test suite needs beyond Python: Chromium for the browser tests (Playwright drives
# Debian's build; never `playwright install`) and fonts for every script the chat shows (fonts-noto-core:
# Latin, Devanagari, Thai, Myanmar, Khmer, Cyrillic; fonts-noto-cjk: Chinese, Japanese, Korean), and npm,
# which the accessibility tests use to fetch axe-core from the npm registry into a cache outside the repo.
# Installs what is missing when run as root; otherwise says what to install and exits 1.
# Usage: scripts/system-deps.sh [extra-package ...]
set -euo pipefail
need=("$@")
command -v chromium >/dev/null || need+=(chromium)
command -v npm >/dev/null || need+=(npm)   # fetches axe-core for the accessibility tests (tests/e2e/axe.py)
fonts="$(fc-list 2>/dev/null || true)"
grep -q "Noto Sans Myanmar" <<<"$fonts" || need+=(fonts-noto-core)
grep -q "Noto Sans CJK" <<<"$fonts" || need+=(fonts-noto-cjk)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "Missing Debian packages for the tests: ${need[*]}" >&2
  echo "Install them with: sudo apt-get install ${need[*]}" >&2
  exit 1
fi
echo "Installing Debian packages for the tests: ${need[*]}" >&2
apt-get update -q >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >&2
