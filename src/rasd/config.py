"""Settings from the environment: the only module below the CLI and the API that reads it
(and the one that sets it, for the worker processes rasd starts).

Variables (all optional): ``RASD_PROFILE``, ``RASD_EVENTS_GATE`` (strict | broad),
``RASD_EVENT_CLASSIFIER`` (1 | 0), ``RASD_NER_MODEL``, ``RASD_EVENTS_MODEL``,
``RASD_MAX_BYTES``, ``RASD_API_TOKEN`` (the API's write token, see :func:`api_token`),
``RASD_SQLITE_SYNCHRONOUS`` (normal | full, see :func:`sqlite_synchronous`).
Explicit values (command-line flags) win over the environment.
"""
from __future__ import annotations

import os
from typing import Mapping, Optional

from .settings import Settings

_FLAGS = {"1": True, "true": True, "yes": True, "on": True, "0": False, "false": False, "no": False, "off": False}


def settings_from_env(environ: Optional[Mapping[str, str]] = None, **explicit) -> Settings:
    """A :class:`Settings` from ``environ`` (default ``os.environ``), ``explicit`` values winning."""
    env = os.environ if environ is None else environ
    values: dict = {}
    if env.get("RASD_PROFILE"):
        values["profile"] = env["RASD_PROFILE"].strip().lower()
    if env.get("RASD_EVENTS_GATE"):
        values["events_gate"] = env["RASD_EVENTS_GATE"].strip().lower()
    if env.get("RASD_EVENT_CLASSIFIER"):
        flag = env["RASD_EVENT_CLASSIFIER"].strip().lower()
        if flag not in _FLAGS:
            raise ValueError(f"RASD_EVENT_CLASSIFIER={flag!r} is not one of {sorted(_FLAGS)}")
        values["event_classifier"] = _FLAGS[flag]
    for key, name in (("ner_model", "RASD_NER_MODEL"), ("events_model", "RASD_EVENTS_MODEL")):
        if env.get(name):
            values[key] = env[name]
    if env.get("RASD_MAX_BYTES"):
        values["max_bytes"] = int(env["RASD_MAX_BYTES"])
    values.update({k: v for k, v in explicit.items() if v is not None})
    return Settings(**values)


def api_token(explicit: Optional[str] = None, environ: Optional[Mapping[str, str]] = None) -> Optional[str]:
    """The bearer token for API writes: the explicit one, else ``RASD_API_TOKEN``."""
    env = os.environ if environ is None else environ
    return explicit or env.get("RASD_API_TOKEN") or None


def sqlite_synchronous(explicit: Optional[str] = None, environ: Optional[Mapping[str, str]] = None) -> Optional[str]:
    """SQLite's durability level for the stores the CLI opens: the flag, else
    ``RASD_SQLITE_SYNCHRONOUS``, else None (the store's default, normal)."""
    env = os.environ if environ is None else environ
    return explicit or (env.get("RASD_SQLITE_SYNCHRONOUS") or "").strip().lower() or None


def one_thread_per_worker() -> None:
    """Start of a worker process: one OpenMP thread for the e5 engine, which otherwise takes
    every core in every worker and makes N workers slower than one process (measured: 0.24x
    with two workers on two cores, 0.98x with one thread each)."""
    os.environ["OMP_NUM_THREADS"] = "1"
