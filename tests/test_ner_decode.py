"""The numpy CRF decoder gives python-crfsuite's tags (rasd.ner.decode, rasd.ner.crf)."""
from __future__ import annotations

import itertools

import numpy as np
import pytest

from rasd.ner.crf import CrfTagger
from rasd.ner.decode import CrfModel, RowTable, Stack, viterbi

# Sentences written for these tests: names, clitics, digits, Latin script, quotes.
SENTENCES = [
    "قال الرئيس اللبناني ميشال عون إن الجيش انتشر في طرابلس .".split(),
    "وأعلنت وزارة الدفاع التركية مقتل ثلاثة جنود قرب الحسكة يوم ٣ آذار .".split(),
    "نقلت وكالة Reuters عن مصدر في « حزب الله » أن الاجتماع تأجل".split(),
    "وبالرقة".split(),
    [],
]


@pytest.fixture(scope="module")
def engines():
    return CrfTagger(engine="numpy"), CrfTagger(engine="crfsuite")


@pytest.mark.parametrize("sentence", SENTENCES, ids=range(len(SENTENCES)))
def test_numpy_engine_tags_like_crfsuite(engines, sentence):
    fast, reference = engines
    assert fast.tag([sentence]) == reference.tag([sentence])


def test_a_whole_document_is_tagged_like_crfsuite(engines):
    fast, reference = engines
    doc = SENTENCES * 3  # repeats feed the memory pass
    assert fast.tag(doc) == reference.tag(doc)


def _brute_force(e: np.ndarray, trans: np.ndarray) -> list[int]:
    """The best path by enumerating every one (tiny label sets only)."""
    paths = itertools.product(range(trans.shape[0]), repeat=len(e))
    return list(max(paths, key=lambda y: sum(e[t, y[t]] for t in range(len(y)))
                    + sum(trans[a, b] for a, b in zip(y, y[1:]))))


@pytest.mark.parametrize("lengths", [[4], [1, 3], [3, 0, 2, 4]])
def test_batched_viterbi_finds_each_sentence_best_path(lengths):
    rng = np.random.default_rng(len(lengths))
    e, trans = rng.normal(size=(sum(lengths), 3)), rng.normal(size=(3, 3))
    got = viterbi(e, lengths, trans)
    starts = np.cumsum([0] + lengths[:-1])
    assert got == [_brute_force(e[s:s + n], trans) if n else [] for s, n in zip(starts, lengths)]


def test_row_table_keeps_rows_when_it_grows():
    model = CrfModel(("A", "B"), {"x": 0, "1y": 1}, np.array([[1.0, 0.0], [0.0, 2.0]]), np.zeros((2, 2)))
    table = RowTable(Stack([model]), offsets=(1,), capacity=1)
    table.add([(["x"], {1: []}), (["x", "x", "unknown"], {1: ["1y"]})])
    assert table.rows[0, :2].tolist() == [[1.0, 0.0], [2.0, 0.0]]
    assert table.rows[1, 1].tolist() == [0.0, 2.0]


def test_a_file_that_is_not_a_crfsuite_model_is_refused(tmp_path):
    bad = tmp_path / "model.crfsuite"
    bad.write_bytes(b"not a model at all, just forty-odd bytes of text")
    with pytest.raises(ValueError, match="not a first-order crfsuite model"):
        CrfModel.load(bad)


def test_tags_hold_when_the_row_cache_starts_again(engines, monkeypatch):
    import rasd.ner.crf as crf

    fast, reference = engines
    monkeypatch.setattr(crf, "_MAX_ROWS", 5)
    for sentence in SENTENCES[:3]:
        assert fast.tag([sentence]) == reference.tag([sentence])
    assert len(fast._rows) <= 5 + max(len(s) for s in SENTENCES)
