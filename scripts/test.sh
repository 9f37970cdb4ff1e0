#!/usr/bin/env bash
# Install everything the tests need on a fresh machine and run the whole suite (CI runs this).
# PostgreSQL and Chromium come from Debian's packages, started on loopback and stopped after.
set -euo pipefail
cd "$(dirname "$0")/.."
RASD_EXTRAS="${RASD_EXTRAS:-dev,postgres,accurate,browser,ray}" scripts/setup.sh
if [ -x scripts/install_browser.sh ] && [ "${RASD_SKIP_BROWSER:-0}" != 1 ]; then
  scripts/install_browser.sh
fi
if [ -x scripts/postgres.sh ] && [ -z "${RASD_TEST_PG_URL:-}" ] && [ "${RASD_SKIP_POSTGRES:-0}" != 1 ]; then
  eval "$(scripts/postgres.sh start)"
  trap 'scripts/postgres.sh stop >/dev/null 2>&1 || true' EXIT
fi
.venv/bin/python -m pytest "$@"
