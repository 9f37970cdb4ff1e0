#!/usr/bin/env bash
# The demo: install, analyze the bundled sample reports into an embedded SQLite file, show it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
db="${1:-rasd-demo.db}"
rm -f "$db" "$db-wal" "$db-shm"
echo "== rasd ingest samples/reports.jsonl --db $db" >&2
.venv/bin/rasd ingest samples/reports.jsonl --db "$db"
echo "== rasd summary --db $db" >&2
.venv/bin/rasd summary --db "$db"
