"""The house rules, checked on the source: sizes, import cycles, where the environment is read."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
FILES = sorted(SRC.rglob("*.py"))
EDGE = {"rasd.config", "rasd.cli"}  # the API reads it through rasd.config


def _module(p: Path) -> str:
    parts = p.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module(p): p for p in FILES}


def _imports(name: str, path: Path) -> set[str]:
    """Modules of rasd that ``name`` imports at module level (function-level imports are lazy)."""
    pkg = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    out = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom):
            base = pkg.split(".")[: len(pkg.split(".")) - (node.level - 1)] if node.level else []
            target = ".".join(base + ([node.module] if node.module else []))
            for alias in node.names:
                full = f"{target}.{alias.name}"
                out.add(full if full in MODULES else target)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
    return {m for m in out if m in MODULES and m != name}


def _cycle_from(start: str, graph: dict) -> list[str]:
    """One import cycle through ``start``, or [] (depth-first search)."""
    stack = [(start, [start])]
    seen = set()
    while stack:
        node, path = stack.pop()
        for nxt in graph[node]:
            if nxt == start:
                return path + [start]
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, path + [nxt]))
    return []


def test_no_module_imports_itself_through_others():
    graph = {m: _imports(m, p) for m, p in MODULES.items()}
    cycles = [c for c in (_cycle_from(m, graph) for m in graph) if c]
    assert not cycles, cycles[0]


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(SRC)))
def test_modules_stay_under_500_lines_and_functions_under_80(path):
    src = path.read_text(encoding="utf-8")
    assert len(src.splitlines()) <= 500
    long = [f"{n.name}: {n.end_lineno - n.lineno + 1}" for n in ast.walk(ast.parse(src))
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.end_lineno - n.lineno + 1 > 80]
    assert not long


# A read of the environment (a worker that sets a variable for a library it starts is no read).
_READS = re.compile(r"os\.environ\.get\(|getenv\(|in os\.environ|os\.environ\[[^\]]+\](?!\s*=[^=])|environ if")


def test_only_the_edge_reads_the_environment():
    readers = sorted(m for m, p in MODULES.items() if _READS.search(p.read_text(encoding="utf-8")))
    assert set(readers) <= EDGE, readers


@pytest.mark.parametrize("adapter", ["rasd.cli", "rasd.api.routes.articles", "rasd.api.routes.exports"])
def test_the_adapters_call_the_service_layer(adapter):
    assert "rasd.service" in _imports(adapter, MODULES[adapter])
