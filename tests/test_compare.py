"""rasd compare: similarity, same_story, relation, pairs streaming with per-pair errors."""
from __future__ import annotations

import io
import json

from rasd.model import Article
from rasd.stories import compare as cmp

STRIKE = ("قصفت طائرات حربية سوقا شعبيا في بلدة كفرنبل بريف إدلب صباح اليوم ما أدى إلى مقتل "
          "عشرة مدنيين وإصابة آخرين بجروح، وفق ما أفاد مسعفون في البلدة.")
FARM = ("أعلنت وزارة الزراعة عن خطة جديدة لدعم مزارعي القمح بعد موسم جفاف طويل أضر بالمحاصيل "
        "في المحافظات الجنوبية، وتشمل الخطة قروضا ميسرة وبذورا محسنة.")


def test_copies_are_the_same_story():
    out = cmp.compare_articles(Article.create(STRIKE, id="a", published="2020-01-01"),
                               Article.create(STRIKE + " ", id="b", published="2020-01-02"))
    assert out["similarity"] > 0.8 and out["same_story"] and out["relation"] == "agree"


def test_unrelated_articles_are_unrelated():
    out = cmp.compare_articles(Article.create(STRIKE, id="a"), Article.create(FARM, id="b"))
    assert out["similarity"] < 0.5 and not out["same_story"] and out["relation"] == "unrelated"
    assert set(out["shared"]) == {"entities", "places", "events"}


def test_opposite_headlines_disagree():
    assert cmp.relation_of_texts([("ارتفاع أسعار النفط عالميا", "انخفاض أسعار النفط عالميا")]) == ["disagree"]


def test_pairs_stream_one_result_per_pair_and_bad_pairs_do_not_stop(monkeypatch):
    import rasd.pipeline

    monkeypatch.setattr(rasd.pipeline, "_SHARED", {})
    built = []
    real = rasd.pipeline.Pipeline
    monkeypatch.setattr(rasd.pipeline, "Pipeline", lambda s: built.append(s) or real(s, stages=[]))
    good = {"id": "p1", "a": {"text": STRIKE}, "b": {"text": FARM}}
    lines = [json.dumps(good, ensure_ascii=False), "{not json", json.dumps({"id": "p3", "a": {"text": ""}, "b": {}}),
             json.dumps({**good, "id": "p4"}, ensure_ascii=False)]
    rows = list(cmp.compare_pairs(io.StringIO("\n".join(lines)), None))
    assert [r["id"] for r in rows] == ["p1", 2, "p3", "p4"]
    assert ["error" in r for r in rows] == [False, True, True, False] and len(built) == 1  # one shared pipeline for every pair
