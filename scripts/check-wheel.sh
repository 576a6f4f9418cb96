#!/usr/bin/env bash
# The package as a new user gets it: build the wheel, install it (at the locked versions) into a fresh venv,
# and from a folder outside the checkout ask one question in three languages. Fails loudly on a wrong
# answer: wrong topic, wrong language, or no answer at all.
#   scripts/check-wheel.sh            (make wheel-check; .ci/run)
# PYTHON: the interpreter for the fresh venv (python3); BUILD_PIP: the pip that builds the wheel.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
python=${PYTHON:-python3}
build_pip=${BUILD_PIP:-.venv/bin/pip}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

quietly() {  # run a step with its output in a log, shown only when it fails
    "$@" >"$work/step.log" 2>&1 || { cat "$work/step.log" >&2; echo "failed: $*" >&2; exit 1; }
}
quietly "$build_pip" wheel -q --no-deps -w "$work/dist" .
wheel=$(ls "$work"/dist/tsunagu-*.whl)
echo "built $(basename "$wheel") ($(du -h "$wheel" | cut -f1)); installing it into a fresh venv"
quietly "$python" -m venv "$work/venv"
quietly "$work/venv/bin/pip" install -q -c "$repo/requirements/run.txt" "$wheel"

mkdir "$work/elsewhere"
cd "$work/elsewhere"   # nothing importable from the checkout here
export TSUNAGU_DATA_DIR="$work/data" HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
failed=0
ask() {  # ask LANG TOPIC QUESTION: the first source must be TOPIC and the answer in LANG
    local lang=$1 topic=$2 question=$3 answer
    answer=$("$work/venv/bin/tsunagu" ask "$question" --json) || { echo "FAIL ($lang): tsunagu ask exited $?"; failed=1; return; }
    if ANSWER="$answer" "$work/venv/bin/python" - "$lang" "$topic" <<'PY'
import json, os, sys
lang, topic = sys.argv[1:]
reply = json.loads(os.environ["ANSWER"])
sources = [s["id"] for s in reply.get("sources", [])]
problems = [p for p, bad in ((f"language {reply.get('lang')!r}", reply.get("lang") != lang),
                             (f"sources {sources}", sources[:1] != [topic])) if bad]
print(("FAIL: " + ", ".join(problems) if problems else "ok") + f" ({lang}): {reply.get('text', '')[:70]!r}")
sys.exit(1 if problems else 0)
PY
    then :; else failed=1; fi
}
ask en residence-card-address "How do I report my new address?"
ask ja residence-card-address "引っ越したので住所を届け出たいです。どこに行けばいいですか？"
ask vi residence-card-address "Mới chuyển nhà, phải báo địa chỉ mới ở đâu?"
if [ "$failed" -ne 0 ]; then
    echo "the installed wheel answered wrongly (above)" >&2
    exit 1
fi
echo "the installed wheel answers in three languages"
