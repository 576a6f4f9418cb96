#!/usr/bin/env bash
# Run a command with a throw-away PostgreSQL for the store tests: `make test` uses it, so the PostgreSQL
# tests run on a fresh machine too. When TSUNAGU_TEST_DATABASE_URL is already set (.ci/run starts its own
# server), the command just runs; otherwise scripts/test-postgres.sh starts one (installing Debian's
# postgresql if needed) and stops it afterwards, whatever the command's result.
# Usage: scripts/with-postgres.sh COMMAND [ARGS...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ -n "${TSUNAGU_TEST_DATABASE_URL:-}" ]; then
  exec "$@"
fi
export PGPORT=${PGPORT:-55434} PGTESTDIR=${PGTESTDIR:-/tmp/tsunagu-make-test-pg}
eval "$("$here/test-postgres.sh" start)"
trap '"$here/test-postgres.sh" stop || true' EXIT
echo "PostgreSQL for the tests: $TSUNAGU_TEST_DATABASE_URL" >&2
"$@"
