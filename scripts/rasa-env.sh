#!/usr/bin/env bash
# Build Rasa Open Source 3.6.21 in its own virtualenv (.venv-rasa/ at the repo root, gitignored), apart from
# the service's .venv: Rasa's pins (pydantic 1, numpy < 1.24, TensorFlow 2.12) would drag FastAPI and the
# embedders back by years. Idempotent: a stamp file records what was built; a rerun with the same versions
# returns at once, a half-built venv is resumed (pip skips what is installed).
#
# Rasa 3.6 declares Requires-Python < 3.11, so on Python 3.11 rasa and rasa-sdk are installed with
# --ignore-requires-python --no-deps and their requirements as evaluated for Python 3.10
# (scripts/rasa_requirements.py). matplotlib < 3.6 has no cp311 wheel; it is built from source against
# Debian's freetype and qhull (libfreetype-dev, libqhull-dev) so the build needs no download.
#
# jsonschema is held at 3.2.0, the lower end of Rasa's own range (>=3.2,<4.18): Rasa validates every action
# server response with jsonschema.validate, which first checks the schema itself against its meta-schema;
# with 4.x that is the Draft 2020-12 meta-schema, ~35 ms of Rasa's single event loop per action call
# (about half of Rasa's own CPU per message; docs/rasa.md), with 3.2 the Draft 7 one, ~1 ms.
#
# Usage: scripts/rasa-env.sh            (env: PYTHON=python3.11, RASA_VENV=.venv-rasa)
#        prints the venv path on success.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PYTHON=${PYTHON:-python3}
VENV=${RASA_VENV:-$ROOT/.venv-rasa}
RASA_VERSION=3.6.21
RASA_SDK_VERSION=3.6.2
JSONSCHEMA_VERSION=3.2.0
STAMP="$VENV/.built-rasa-$RASA_VERSION-sdk-$RASA_SDK_VERSION-jsonschema-$JSONSCHEMA_VERSION"
export RASA_TELEMETRY_ENABLED=false PIP_DISABLE_PIP_VERSION_CHECK=1

if [ -f "$STAMP" ]; then echo "$VENV"; exit 0; fi

log() { echo "[rasa-env] $*" >&2; }

apt_needs=()
for pkg in libfreetype-dev libqhull-dev pkg-config build-essential; do
  dpkg -s "$pkg" >/dev/null 2>&1 || apt_needs+=("$pkg")
done
if [ ${#apt_needs[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    log "installing ${apt_needs[*]} from Debian's packages"
    apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${apt_needs[@]}" >&2
  else
    log "missing Debian packages: ${apt_needs[*]} (run as root or install them)"; exit 1
  fi
fi

"$PYTHON" -c 'import sys; assert sys.version_info[:2] >= (3, 10), sys.version' \
  || { log "$PYTHON must be Python 3.10 or newer"; exit 1; }
[ -x "$VENV/bin/python" ] || { log "creating $VENV"; "$PYTHON" -m venv "$VENV"; }
PIP=("$VENV/bin/python" -m pip)
"${PIP[@]}" install -q "pip>=23,<25" packaging >&2

WHEELS=$(mktemp -d); trap 'rm -rf "$WHEELS"' EXIT
log "fetching rasa $RASA_VERSION and rasa-sdk $RASA_SDK_VERSION wheels"
"${PIP[@]}" download -q --no-deps --ignore-requires-python -d "$WHEELS" \
  "rasa==$RASA_VERSION" "rasa-sdk==$RASA_SDK_VERSION" >&2
"$VENV/bin/python" scripts/rasa_requirements.py "$WHEELS"/*.whl --python 3.10 > "$WHEELS/requirements.txt"
sed -i "s/^jsonschema\b.*/jsonschema==$JSONSCHEMA_VERSION/" "$WHEELS/requirements.txt"
grep -q "^jsonschema==$JSONSCHEMA_VERSION\$" "$WHEELS/requirements.txt" || { log "no jsonschema requirement to pin"; exit 1; }
log "$(wc -l < "$WHEELS/requirements.txt") requirements (as for Python 3.10; jsonschema==$JSONSCHEMA_VERSION)"

# matplotlib < 3.6 from source: use the system freetype and qhull instead of downloading them.
cat > "$WHEELS/mplsetup.cfg" <<CFG
[libs]
system_freetype = true
system_qhull = true
CFG
export MPLSETUPCFG="$WHEELS/mplsetup.cfg"

log "installing requirements (TensorFlow wheels, matplotlib from source: slow)"
"${PIP[@]}" install -r "$WHEELS/requirements.txt" >&2
"${PIP[@]}" install --no-deps --ignore-requires-python "$WHEELS"/rasa-*.whl "$WHEELS"/rasa_sdk-*.whl >&2
# No line-bot-sdk: every 3.x release needs pydantic 2 (Rasa pins pydantic 1) and 2.x is deprecated; the
# LINE channel (connectors/rasa/line.py) checks signatures with hmac and calls LINE through aiohttp.
"${PIP[@]}" check >&2 || log "pip check reports conflicts (see above)"
"$VENV/bin/python" -c 'import rasa, rasa_sdk; print("rasa", rasa.__version__, "rasa-sdk", rasa_sdk.__version__)' >&2
touch "$STAMP"
echo "$VENV"
