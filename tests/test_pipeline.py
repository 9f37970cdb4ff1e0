from dataclasses import dataclass

import pytest

from rasd.model import Article, Entity, ItemError
from rasd.pipeline import Pipeline, Stage, StageError
from rasd.settings import Settings


@dataclass
class FirstWord:
    """A test stage: the first word is an ORG; fails on articles containing 'خطأ'."""
    name: str = "first_word"
    requires: tuple = ("text",)
    assigns: str = "entities"

    def __call__(self, art: Article) -> Article:
        if "خطأ" in art.text:
            raise RuntimeError("boom")
        word = art.text.split()[0]
        return art.with_layer("entities", [Entity(0, len(word), word, "ORG")])


@dataclass
class NeedsPlaces:
    """A test stage that reads a layer nobody assigned before it."""
    name: str = "needs_places"
    requires: tuple = ("text", "places")
    assigns: str = "events"

    def __call__(self, art: Article) -> Article:
        return art


def _pipeline(stage=FirstWord()) -> Pipeline:
    return Pipeline(stages=[stage])


def test_stage_protocol_is_recognised():
    assert isinstance(FirstWord(), Stage)


def test_pipe_keeps_input_order_across_batches():
    arts = [Article.create(f"قسد {i} هاجمت") for i in range(7)]
    out = list(_pipeline().pipe(arts, batch_size=3))
    assert [a.id for a in out] == [a.id for a in arts] and all(a.entities for a in out)


def test_a_failing_article_becomes_an_error_record_and_the_batch_goes_on():
    arts = [Article.create("قسد هاجمت"), Article.create("خطأ هنا"), Article.create("داعش انسحب")]
    out = list(_pipeline().pipe(arts))
    assert [type(x).__name__ for x in out] == ["Article", "ItemError", "Article"]
    assert "first_word" in out[1].message and out[1].error == "stage_failed"


def test_calling_the_pipeline_directly_raises_with_the_stage_name():
    with pytest.raises(StageError, match="first_word"):
        _pipeline()(Article.create("خطأ هنا"))


def test_input_errors_pass_through_untouched():
    err = ItemError("x.txt", "empty", "the file is empty")
    assert list(_pipeline().pipe([err])) == [err]


def test_pipe_is_lazy():
    def endless():
        i = 0
        while True:
            i += 1
            yield Article.create(f"خبر رقم {i}")
    it = _pipeline().pipe(endless(), batch_size=2)
    assert next(it).text == "خبر رقم 1"


def test_a_stage_reading_a_layer_no_earlier_stage_assigns_is_refused():
    with pytest.raises(ValueError, match="needs_places requires 'places'"):
        Pipeline(stages=[FirstWord(), NeedsPlaces()])


def test_an_unknown_stage_name_is_an_error_not_a_skip():
    with pytest.raises(KeyError, match="no stage named 'sentiment'"):
        Pipeline(stages=["entities", "sentiment"])


def test_names_and_stage_objects_mix_in_one_pipeline():
    p = Pipeline(stages=["dates", FirstWord()])
    assert [row["name"] for row in p.analysis()] == ["dates", "first_word"]


def test_the_default_pipeline_reads_only_what_earlier_stages_assign():
    rows = Pipeline().analysis()
    assert [r["assigns"] for r in rows] == ["entities", "places", "dates", "quotes", "events"]
    assert all(not r["problems"] for r in rows) and "places" in rows[-1]["requires"]


def test_the_text_layer_is_computed_once_before_the_stages():
    seen = []

    class Spy(FirstWord):
        def __call__(self, art):
            seen.append((len(art.sentences), len(art.tokens)))
            return super().__call__(art)
    Pipeline(stages=[Spy()])(Article.create("هاجمت قسد البلدة. ثم انسحبت"))
    assert seen == [(2, 6)]


def test_unknown_profile_is_refused():
    with pytest.raises(ValueError):
        Pipeline(profile="turbo")


def test_parallel_workers_give_the_same_articles_in_order():
    from rasd.parallel import pipe_parallel
    arts = [Article.create(f"قال ناشطون إن القصف استهدف البلدة رقم {i}.") for i in range(5)]
    serial = list(Pipeline().pipe(arts))
    assert list(pipe_parallel(arts, Settings(), workers=2, chunk_size=2)) == serial


def test_ray_maps_the_same_partition_function_as_local_workers():
    pytest.importorskip("ray", reason="Ray is an optional extra: pip install 'rasd[ray]'")
    from rasd.parallel import ray_map
    arts = [Article.create(f"أفاد مصدر أن الطريق رقم {i} أغلق.") for i in range(4)]
    assert list(ray_map(arts, partition_size=3)) == list(Pipeline().pipe(arts))
