"""HTTP hardening: security headers on every answer, bounded bodies and pages, CORS off by
default, the dashboard free of inline script."""
from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from rasd.api.app import WEB, create_app
from rasd.api.security import CSP

TOKEN = "s3cret-test-token"


@pytest.fixture
def app_for(tmp_path, monkeypatch):
    monkeypatch.delenv("RASD_API_TOKEN", raising=False)

    def make(**kw):
        return TestClient(create_app(str(tmp_path / "s.db"), token=TOKEN, pipeline=lambda art: art, **kw))
    return make


@pytest.mark.parametrize("path", ["/", "/articles", "/static/app.js", "/articles/missing", "/nope"])
def test_every_answer_carries_the_security_headers(app_for, path):
    h = app_for().get(path).headers
    assert h["content-security-policy"] == CSP and h["x-content-type-options"] == "nosniff"
    assert h["x-frame-options"] == "DENY" and h["referrer-policy"] == "no-referrer"


@pytest.mark.parametrize("directive", ["script-src 'self'", "frame-ancestors 'none'", "object-src 'none'"])
def test_the_policy_allows_only_our_own_scripts_and_no_framing(directive):
    assert directive in CSP and "unsafe-inline" not in CSP and "unsafe-eval" not in CSP


def test_the_dashboard_has_no_inline_script_handler_or_style_attribute():
    html = (WEB / "static" / "index.html").read_text(encoding="utf-8")
    assert all(re.search(r"<script\b[^>]*\bsrc=", tag) for tag in re.findall(r"<script\b[^>]*>", html))
    assert not re.search(r"\son[a-z]+\s*=|\sstyle\s*=|javascript:", html, re.I)


@pytest.mark.parametrize("chunked", [False, True])
def test_a_body_over_the_limit_is_a_413_with_a_clear_error(app_for, chunked):
    body = b'{"text": "' + b"x" * 5_000 + b'"}'
    content = iter([body[:2_000], body[2_000:]]) if chunked else body
    res = app_for(max_body=1_000).post("/articles", content=content, headers={
        "Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
    assert res.status_code == 413 and "limit of 1000 bytes" in res.json()["error"]["message"]


def test_a_body_under_the_limit_reaches_the_route(app_for):
    res = app_for(max_body=1_000).post("/articles", json={"text": ""}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert res.status_code == 422


@pytest.mark.parametrize("url", ["/articles?limit=501", "/events?limit=100000", "/search?q=x&limit=0",
                                 "/stories?offset=-1"])
def test_page_sizes_are_capped(app_for, url):
    assert app_for().get(url).status_code == 422


def test_cors_is_off_unless_origins_are_configured(app_for):
    res = app_for().get("/articles", headers={"Origin": "http://elsewhere.example"})
    assert "access-control-allow-origin" not in res.headers


@pytest.mark.parametrize("origin,allowed", [("http://ok.example", True), ("http://evil.example", False)])
def test_configured_cors_allows_only_the_listed_origins(app_for, origin, allowed):
    res = app_for(cors_origins=["http://ok.example"]).get("/articles", headers={"Origin": origin})
    assert (res.headers.get("access-control-allow-origin") == origin) is allowed


def test_the_token_is_compared_in_constant_time(monkeypatch, app_for):
    import hmac

    import rasd.api.deps as deps
    calls = []
    monkeypatch.setattr(deps.secrets, "compare_digest", lambda a, b: calls.append((a, b)) or hmac.compare_digest(a, b))
    res = app_for().post("/articles", json={"text": "x"}, headers={"Authorization": "Bearer wrong"})
    assert res.status_code == 401 and calls == [(b"wrong", TOKEN.encode())]


def test_more_concurrent_reads_than_worker_threads_all_answer(app_for):
    # One shared connection behind a lock deadlocked here: 40 threads blocked on the lock,
    # the holder waiting for a thread to run its endpoint.
    from concurrent.futures import ThreadPoolExecutor, wait
    with app_for() as c, ThreadPoolExecutor(80) as ex:
        futures = [ex.submit(c.get, "/articles?limit=5") for _ in range(160)]
        done, pending = wait(futures, timeout=120)
    assert not pending and all(f.result().status_code == 200 for f in done)
