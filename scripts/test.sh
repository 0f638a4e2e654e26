#!/usr/bin/env bash
# The whole test suite, exactly as CI runs it: lint, types, layers, then pytest against
# real parts (a SQLCipher file, relay processes, and PostgreSQL when available).
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}

# shellcheck source=scripts/postgres.sh
source scripts/postgres.sh
if ! ensure_postgres && [ "${CI:-}" = "true" ]; then
    echo "CI must run the PostgreSQL tests, but no PostgreSQL could be started." >&2
    exit 1
fi

"$VENV/bin/ruff" check peerhaven tests bench
"$VENV/bin/ruff" format --check peerhaven tests bench
"$VENV/bin/mypy"
"$VENV/bin/lint-imports" --no-cache
# across every core (pytest-xdist); PEERHAVEN_TEST_WORKERS=0 runs in one process
"$VENV/bin/python" -m pytest -q -n "${PEERHAVEN_TEST_WORKERS:-auto}" "$@"
