#!/usr/bin/env bash
# Install what tests/test_browser.py needs: Debian's Chromium and the Python playwright
# package into .venv. Playwright's own browser download is never used (the tests launch
# /usr/bin/chromium), so nothing is fetched at test time.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
# Chromium, plus Noto fonts so Arabic renders properly in screenshots.
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
dpkg -s fonts-noto-core >/dev/null 2>&1 || missing+=(fonts-noto-core)
if [ ${#missing[@]} -gt 0 ]; then
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if ! "$VENV/bin/python" -c "import playwright" 2>/dev/null; then
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 "$VENV/bin/pip" install -q "playwright>=1.40"
fi
echo "chromium: $(command -v chromium)"
"$VENV/bin/python" -c "import playwright, importlib.metadata as m; print('playwright', m.version('playwright'))"
