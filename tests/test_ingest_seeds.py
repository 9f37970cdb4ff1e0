"""The seeds' site furniture goes; every article sentence stays (reads ../shared/seeds)."""
import re

import pytest

from conftest import shared_path
from rasd.ingest import read_inputs
from rasd.text import norm

FURNITURE = re.compile(r"^(\d{1,4}|اقرأ/ي أيضًا.*|لم تشترك بعد|اترك رد|انشئ حساباً خاصاً بك.*)$")
SEEDS = ["000_141a6f80f6be6476", "001_f8a55f972cacf096", "002_8a825199df394cb4",
         "003_100c345eab92095f", "004_13e14b1b79b6834b"]


def _seed(name):
    path = shared_path("seeds", name + ".txt")
    raw = [l.strip() for l in path.read_text(encoding="utf-8").splitlines()]
    return raw, next(read_inputs([str(path)]))


@pytest.mark.parametrize("name", SEEDS)
def test_seed_furniture_lines_are_gone(name):
    raw, art = _seed(name)
    kept = art.text.split("\n")
    assert not [l for l in kept if FURNITURE.match(l)]


@pytest.mark.parametrize("name", SEEDS)
def test_every_seed_sentence_line_is_kept(name):
    raw, art = _seed(name)
    follows_read_also = {i + 1 for i, l in enumerate(raw) if l.startswith("اقرأ/ي أيضًا") and l.rstrip(":").endswith("أيضًا")}
    for i, line in enumerate(raw):
        if line and not FURNITURE.match(line) and i not in follows_read_also:
            assert norm(line) in norm(art.text), f"line {i + 1} of {name} was lost"


def test_the_read_also_link_headline_of_seed_004_is_dropped():
    raw, art = _seed("004_13e14b1b79b6834b")
    i = next(i for i, l in enumerate(raw) if l == "اقرأ/ي أيضًا:")
    assert raw[i + 1] not in art.text


@pytest.mark.parametrize("name", ["001_f8a55f972cacf096"])
def test_repeated_headline_is_kept_once(name):
    raw, art = _seed(name)
    repeated = [l for l in raw if l and raw.count(l) > 1]
    assert repeated and all(art.text.count(l) == 1 for l in repeated)
