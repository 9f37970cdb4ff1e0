#!/usr/bin/env bash
# Create .venv if absent and install rasd with the extras named in $RASD_EXTRAS (default: dev).
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${RASD_EXTRAS:-dev}"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/pip install --quiet --disable-pip-version-check -e ".[${extras}]"
