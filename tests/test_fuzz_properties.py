"""Property tests (hypothesis, bounded): the readers never raise, whatever the bytes; the
normalization offset map always points back into the original text
(the long run, 10^5 inputs a parser, is ``python benchmarks/fuzz.py``)."""
from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rasd.ingest import IngestOptions, read_inputs
from rasd.ingest.limits import json_depth
from rasd.ingest.readers import _records
from rasd.model import Article, ItemError
from rasd.text import normalize

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Characters that exercise the folding: letters, harakat, tatweel, hamza forms, ligatures,
# Arabic-Indic digits, quotes and dashes, zero-width and bidi controls, NUL, a surrogate.
TRICKY = list("ابتةىيأإآؤئءكلامـًٌٍَُِّْٰ٠١٩۴«»“”–—\u200b\u200c\u200f\u202a\u202e\u2066\ufeff\u00ad"
              "\ufefb\ufdf2\ufb50\u0000\n\r\t <>&\"'{}[]") + ["\ud800"]
TEXT = st.text(alphabet=st.sampled_from(TRICKY) | st.characters(codec="utf-8"), max_size=200)
OPTS = IngestOptions(max_bytes=4_000, min_arabic=0.0)


@FAST
@given(data=st.binary(max_size=3_000), suffix=st.sampled_from([".txt", ".html", ".jsonl", ".json"]))
def test_any_bytes_in_any_format_give_articles_or_error_records_never_an_exception(data, suffix):
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / f"x{suffix}"
        p.write_bytes(data)
        items = list(read_inputs([str(p)], OPTS))
    assert items and all(isinstance(i, (Article, ItemError)) for i in items)
    assert suffix in (".jsonl", ".json") or len(items) == 1


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
                    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(TEXT, kids, max_size=4),
                    max_leaves=20)
RECORD = st.fixed_dictionaries({}, optional={k: JSON | TEXT for k in
                                             ("text", "html", "id", "title", "outlet", "url", "published")})


@FAST
@given(records=st.lists(RECORD | JSON, min_size=1, max_size=5))
def test_each_jsonl_line_is_exactly_one_item(records):
    lines = "\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n"
    items = list(_records(io.StringIO(lines), OPTS, "<fuzz>"))
    assert len(items) == len(records) and all(isinstance(i, (Article, ItemError)) for i in items)


def _depth(v) -> int:
    if isinstance(v, dict):
        return 1 + max(map(_depth, v.values()), default=0)
    if isinstance(v, list):
        return 1 + max(map(_depth, v), default=0)
    return 0


@FAST
@given(value=JSON)
def test_json_depth_is_the_true_nesting_depth(value):
    assert json_depth(json.dumps(value)) == _depth(value)


@FAST
@given(text=TEXT)
def test_normalization_maps_every_folded_character_back_into_the_text(text):
    n = normalize(text)
    assert len(n.origin) == len(n.text) + 1 and n.origin[-1] == len(text)
    assert all(0 <= a <= b <= len(text) for a, b in zip(n.origin, n.origin[1:]))


@FAST
@given(text=TEXT, data=st.data())
def test_a_folded_span_maps_to_an_original_span_that_folds_to_cover_it(text, data):
    n = normalize(text)
    s = data.draw(st.integers(0, len(n.text)))
    e = data.draw(st.integers(s, len(n.text)))
    a, b = n.span(s, e)
    assert 0 <= a <= b <= len(text)
    assert n.text[s:e] in normalize(text[a:b]).text


@pytest.mark.parametrize("lower", [True, False])
def test_normalization_is_stable_on_the_tricky_alphabet(lower):
    text = "".join(TRICKY)
    assert normalize(text, lower=lower).text == normalize(text, lower=lower).text
