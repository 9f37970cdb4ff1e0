"""Settings built at the edge, provenance, and the service layer's ingest."""
from __future__ import annotations

import dataclasses
import json

import pytest

from rasd import service
from rasd.config import settings_from_env
from rasd.model import Article, Entity, Story
from rasd.pipeline import Pipeline
from rasd.settings import Settings
from rasd.store import open_store


def test_settings_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        Settings().profile = "accurate"


@pytest.mark.parametrize("field, value", [("profile", "turbo"), ("events_gate", "loose"), ("workers", 0)])
def test_bad_settings_are_refused(field, value):
    with pytest.raises(ValueError):
        Settings(**{field: value})


@pytest.mark.parametrize("env, explicit, expected", [
    ({}, {}, Settings()),
    ({"RASD_EVENTS_GATE": "broad", "RASD_EVENT_CLASSIFIER": "0"}, {}, Settings(events_gate="broad", event_classifier=False)),
    ({"RASD_EVENTS_GATE": "broad"}, {"events_gate": "strict"}, Settings()),
    ({"RASD_MAX_BYTES": "100"}, {"max_bytes": None}, Settings(max_bytes=100)),
])
def test_the_environment_is_read_at_the_edge_and_flags_win(env, explicit, expected):
    assert settings_from_env(env, **explicit) == expected


def test_provenance_names_the_build_and_changes_with_the_gate():
    a, b = Settings().provenance(), Settings(events_gate="news").provenance()
    assert a["rasd"] and a["profile"] == "fast" and len(a["models"]) == 16
    assert a != b and a["models"] == b["models"]


class Counting:
    """A stage that counts the articles it sees and tags the first word."""
    name, requires, assigns = "counting", ("text",), "entities"

    def __init__(self):
        self.seen = 0

    def __call__(self, art: Article) -> Article:
        self.seen += 1
        w = art.text.split()[0]
        return art.with_layer("entities", [Entity(0, len(w), w, "ORG")])


@pytest.fixture
def counting(monkeypatch):
    import rasd.pipeline

    stage = Counting()
    monkeypatch.setattr(rasd.pipeline, "_SHARED", {Settings().analysis_key(): Pipeline(stages=[stage])})
    return stage


def _write(tmp_path, rows):
    p = tmp_path / "in.jsonl"
    p.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    return str(p)


def test_known_inputs_are_not_analyzed_again_and_changed_ones_replace(tmp_path, counting):
    rows = [{"id": "a", "text": "قصفت الطائرات البلدة صباح اليوم"}, {"id": "b", "text": "تظاهر الطلاب أمام الجامعة"}]
    with open_store(str(tmp_path / "k.db")) as store:
        first = service.ingest([_write(tmp_path, rows)], store, Settings())
        again = service.ingest([_write(tmp_path, rows)], store, Settings())
        rows[1]["text"] = "تظاهر الطلاب أمام الوزارة"
        changed = service.ingest([_write(tmp_path, rows)], store, Settings())
        text_b = store.get("b").text
    assert (first.added, again.unchanged, changed.added, changed.unchanged) == (2, 2, 1, 1)
    assert counting.seen == 3 and text_b.endswith("الوزارة")


def test_the_ingest_report_carries_the_story_update(tmp_path, counting):
    with open_store(str(tmp_path / "r.db")) as store:
        report = service.ingest([_write(tmp_path, [{"id": "a", "text": "قصفت الطائرات البلدة"}])], store, Settings())
    assert report.to_json() == {"added": 1, "unchanged": 0, "errors": 0,
                                "stories": {"stories": 1, "new_stories": 1, "joined": 0}}


def test_the_story_update_never_reads_the_whole_database(tmp_path, counting):
    from rasd.stories import update_store

    with open_store(str(tmp_path / "w.db")) as store:
        store.put(Article.create("قصفت الطائرات البلدة", id="old", published="2001-01-01"))
        update_store(store)
        store.put(Article.create("قصفت الطائرات القرية", id="new", published="2024-01-01"))
        store.articles = lambda **f: pytest.fail("read every stored article")
        store.get = (lambda real: lambda aid: real(aid) if aid != "old" else pytest.fail("read outside the window"))(store.get)
        assert update_store(store).new_stories == 1


def test_a_story_round_trips_through_its_record():
    d = {"id": "s", "title": "t", "articles": ["a"], "outlets": ["o"], "first_published": None,
         "last_published": None, "events": [], "contradictions": [
             {"about": "x", "kind": "control", "claims": [{"article": "a", "start": 0, "end": 1, "text": "ق",
                                                          "speaker": None, "position": "held"}]}]}
    assert Story.from_json(d).to_json() == d


@pytest.mark.parametrize("files, total", [
    ({"a.jsonl": '{"text": "x"}\n\n{"text": "y"}\n'}, 2),
    ({"d/a.txt": "نص", "d/b.html": "<p>نص</p>", "d/README.md": "no"}, 2),
    ({"a.json": "[]"}, None),
])
def test_progress_total_counts_the_items_inputs_hold(tmp_path, files, total):
    from rasd.service import count_inputs

    for name, body in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(body, encoding="utf-8")
    top = sorted({n.split("/")[0] for n in files})
    assert count_inputs([str(tmp_path / t) for t in top]) == total
