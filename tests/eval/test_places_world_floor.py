"""Evaluation gate: geocoding across the Arab world (benchmarks/labels/places_world.tsv) stays above
its floors, and no labelled place is read more than 500 km away (a homograph in the wrong country)."""
from __future__ import annotations

import pytest

from conftest import benchmark, floors, shared_path

FLOORS = floors("places_world")


@pytest.fixture(scope="module")
def mod():
    shared_path("data", "raw_news", "articles.jsonl.gz")
    return benchmark("places_world_eval")


@pytest.fixture(scope="module")
def results(mod):
    docs = mod.load_labels()
    articles = mod.load_articles(docs)
    return {split: mod.evaluate(split, docs, articles) for split in ("dev", "test")}


@pytest.mark.parametrize("split", ["dev", "test"])
def test_world_place_accuracy_stays_above_floor(results, split):
    res = results[split]
    assert res["accuracy_25km"] >= FLOORS[split]["accuracy_25km"], res["errors"] if split == "dev" else res["accuracy_25km"]


@pytest.mark.parametrize("split", ["dev", "test"])
def test_no_labelled_place_is_read_in_the_wrong_part_of_the_world(results, split):
    assert results[split]["off_500km"] <= FLOORS[split]["max_off_500km"]


@pytest.mark.parametrize("split", ["dev", "test"])
def test_words_and_names_that_spell_towns_stay_unplaced(results, split):
    res = results[split]
    assert res["none_geocoded"] <= FLOORS[split]["max_none_geocoded"]
    assert res["unlabelled_system_places"] <= FLOORS[split]["max_unlabelled"]
