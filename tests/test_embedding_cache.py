"""The stories layer's embedding cache: stored articles are not embedded again."""
from __future__ import annotations

import pytest

import fixtures_store as fx
from rasd.stories import similarity
from rasd.store import open_store


@pytest.fixture
def store(tmp_path):
    with open_store(str(tmp_path / "c.db")) as s:
        fx.fill(s)
        yield s


def test_a_second_embedding_pass_reads_the_cache_and_embeds_nothing(store, monkeypatch):
    arts = list(store.articles())
    first = similarity.embed_articles(arts, cache=store)
    monkeypatch.setattr(similarity, "embed", lambda texts: pytest.fail(f"embedded again: {len(texts)}"))
    again = similarity.embed_articles(arts, cache=store)
    assert (first == again).all()


def test_a_changed_text_is_embedded_again(store):
    from dataclasses import replace

    arts = list(store.articles())
    similarity.embed_articles(arts, cache=store)
    changed = replace(arts[0], title="عنوان آخر تماماً")
    before = store.embeddings([changed.id], "e5-fast")[changed.id][0]
    similarity.embed_articles([changed], cache=store)
    assert store.embeddings([changed.id], "e5-fast")[changed.id][0] != before
