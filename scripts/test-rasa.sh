#!/usr/bin/env bash
# The Rasa check (make test-rasa): Rasa Open Source 3.6.21 in its own venv (scripts/rasa-env.sh) validates
# and trains training_data/, then serves it on 127.0.0.1 with Tsunagu's action server (`tsunagu actions`,
# from the service's venv) behind it; scripts/rasa_check.py asks questions in six languages and handoff
# cases over Rasa's REST channel and drives the LINE channel against a fake LINE API. Everything started
# here is stopped on exit; any failure exits non-zero. Heavy (a 2.7 GB venv, minutes of training): not
# part of `make test`.
#
# Env: SERVICE_PYTHON (default .venv/bin/python), RASA_PORT (5005), ACTIONS_PORT (5055),
#      FAKE_LINE_PORT (5095), READY_TIMEOUT seconds (600), KEEP_WORK=1 keeps the model and logs,
#      BENCH=1 also runs bench/rasa_compare.py (Tsunagu's /api/chat against Rasa + actions; caches off),
#      RASA_MODEL=<model .tar.gz> serves that model instead of validating and training (a model trained from
#      the same training_data, e.g. one kept by KEEP_WORK=1: saves ~7 minutes), RASA_VENV as scripts/rasa-env.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=${SERVICE_PYTHON:-$ROOT/.venv/bin/python}
RASA_PORT=${RASA_PORT:-5005}
ACTIONS_PORT=${ACTIONS_PORT:-5055}
LINE_PORT=${FAKE_LINE_PORT:-5095}
READY_TIMEOUT=${READY_TIMEOUT:-600}
export RASA_TELEMETRY_ENABLED=false PYTHONPATH=$ROOT${PYTHONPATH:+:$PYTHONPATH}
WORK=$(mktemp -d /tmp/tsunagu-rasa.XXXXXX)
PIDS=()

say() { echo "[test-rasa] $*" >&2; }
cleanup() {
  local rc=$?
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  local waited=0   # 20 s to stop, then killed: what was started is always stopped
  while [ "$waited" -lt 20 ]; do
    local alive=0
    for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 1; waited=$((waited + 1))
  done
  for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "$rc" != 0 ]; then
    for log in "$WORK"/*.log; do [ -f "$log" ] && { say "--- tail of $log"; tail -n 30 "$log" >&2; }; done
  fi
  if [ "${KEEP_WORK:-0}" = 1 ]; then say "kept $WORK"; else rm -rf "$WORK"; fi
  exit "$rc"
}
trap cleanup EXIT INT TERM

wait_for() {  # wait_for NAME URL PID
  local waited=0
  until "$PY" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=5)' "$2" 2>/dev/null; do
    kill -0 "$3" 2>/dev/null || { say "$1 exited before it was ready"; return 1; }
    [ "$waited" -ge "$READY_TIMEOUT" ] && { say "$1 not ready after ${READY_TIMEOUT}s"; return 1; }
    sleep 2; waited=$((waited + 2))
  done
  say "$1 ready after ${waited}s"
}

[ -x "$PY" ] || { say "no service Python at $PY (run make install-test, or set SERVICE_PYTHON)"; exit 1; }
"$PY" -c 'import rasa_sdk' 2>/dev/null || { say "rasa-sdk missing in $PY: pip install -e '.[actions]'"; exit 1; }
VENV=$(scripts/rasa-env.sh)
RASA="$VENV/bin/rasa"
started=$(date +%s)

MODEL="$WORK/models/tsunagu.tar.gz"
if [ -n "${RASA_MODEL:-}" ]; then
  [ -f "$RASA_MODEL" ] || { say "no model at $RASA_MODEL"; exit 1; }
  MODEL=$(cd "$(dirname "$RASA_MODEL")" && pwd)/$(basename "$RASA_MODEL")
  say "serving $MODEL (not validated or trained here: it must come from this training_data)"
else
  say "rasa data validate"
  (cd training_data && "$RASA" data validate) > "$WORK/validate.log" 2>&1
  say "rasa train (minutes)"
  t0=$(date +%s)
  (cd training_data && "$RASA" train --out "$WORK/models" --fixed-model-name tsunagu) > "$WORK/train.log" 2>&1
  say "trained in $(( $(date +%s) - t0 ))s"
fi

sed "s#http://127.0.0.1:5055/webhook#http://127.0.0.1:$ACTIONS_PORT/webhook#" training_data/endpoints.yml \
  > "$WORK/endpoints.yml"

say "starting the action server on 127.0.0.1:$ACTIONS_PORT"
[ "${BENCH:-0}" = 1 ] && export TSUNAGU_CACHE_SIZE=0  # the benchmark compares uncached work
TSUNAGU_DATA_DIR="$WORK/data" "$PY" -m connectors.cli actions --host 127.0.0.1 --port "$ACTIONS_PORT" --quiet \
  > "$WORK/actions.log" 2>&1 &
PIDS+=($!)
ACTIONS_PID=$!
say "starting Rasa on 127.0.0.1:$RASA_PORT"
(cd training_data && LINE_CHANNEL_SECRET=test-channel-secret LINE_CHANNEL_ACCESS_TOKEN=test-access-token \
  LINE_API_BASE="http://127.0.0.1:$LINE_PORT" exec "$RASA" run --enable-api -i 127.0.0.1 -p "$RASA_PORT" \
  -m "$MODEL" --credentials credentials.yml --endpoints "$WORK/endpoints.yml") \
  > "$WORK/rasa.log" 2>&1 &
PIDS+=($!)
RASA_PID=$!

wait_for "action server" "http://127.0.0.1:$ACTIONS_PORT/health" "$ACTIONS_PID"
wait_for "Rasa server" "http://127.0.0.1:$RASA_PORT/status" "$RASA_PID"
rss=$(ps -o rss= -p "$RASA_PID" | tr -d ' ')
say "Rasa server resident memory: $((rss / 1024)) MB"

checked=0
"$PY" scripts/rasa_check.py --rasa "http://127.0.0.1:$RASA_PORT" --line-port "$LINE_PORT" \
  --line-secret test-channel-secret --line-token test-access-token || checked=$?
if [ "$checked" = 0 ]; then say "passed in $(( $(date +%s) - started ))s"; else say "the check FAILED"; fi
if [ "${BENCH:-0}" = 1 ]; then  # measured even when the check failed (the speed does not depend on it)
  say "benchmark: Tsunagu /api/chat against Rasa REST + action server"
  "$PY" bench/rasa_compare.py --rasa "http://127.0.0.1:$RASA_PORT"
fi
exit "$checked"
