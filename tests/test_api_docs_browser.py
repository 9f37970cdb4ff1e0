"""/docs in a real browser: Swagger UI renders every operation from the vendored assets while
the app's CSP (scripts from 'self' only) is in force, with no blocked script or console error."""
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

import fixtures_store as fx

CHROMIUM = os.environ.get("RASD_CHROMIUM", "/usr/bin/chromium")
if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
    pytest.skip(f"browser tests need Chromium at {CHROMIUM} (run scripts/install_browser.sh)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need python playwright")


@contextlib.contextmanager
def serving(db: str):
    """The app over ``db`` on a free loopback port, in a thread."""
    import uvicorn

    from rasd.api.app import create_app

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    th = threading.Thread(target=srv.run, daemon=True)
    th.start()
    while not srv.started and th.is_alive():
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        th.join(timeout=10)


def test_swagger_ui_renders_under_the_csp(tmp_path):
    from rasd.store import open_store

    db = str(tmp_path / "docs.db")
    with open_store(db) as s:
        fx.fill(s)
    with serving(db) as url, sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page, problems = browser.new_page(), []
        page.on("console", lambda m: m.type in ("error", "warning") and problems.append(m.text))
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.goto(url + "/docs")
        page.wait_for_selector(".opblock", timeout=30_000)
        count = page.locator(".opblock").count()
        browser.close()
    assert count >= 13 and problems == []
