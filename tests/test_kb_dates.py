"""Validity dates in the KB: date-bound titles, names at any date, validation, unknown date."""
import pytest

from rasd.kb import KB, link_text
from rasd.kb.store import _entry

_ROWS = [
    {"id": "gpe:egypt", "type": "GPE", "name_en": "Egypt", "names_ar": ["مصر"]},
    {"id": "per:a", "type": "PER", "name_en": "A", "names_ar": ["نبيل فهمي"],
     "roles": [{"names": ["وزير الخارجية المصري"], "valid_from": "2013-07-16", "valid_to": "2014-06-17"}]},
    {"id": "per:b", "type": "PER", "name_en": "B", "names_ar": ["سامح شكري"],
     "roles": [{"names": ["وزير الخارجية المصري"], "valid_from": "2014-06-17", "valid_to": "2024-07-03"}]},
    {"id": "org:old", "type": "ORG", "name_en": "Old body", "names_ar": ["المجلس الوطني"], "valid_to": "2011"},
    {"id": "org:new", "type": "ORG", "name_en": "New body", "names_ar": ["المجلس الوطني"], "valid_from": "2012"},
]
KB_ = KB([_entry(r, f"row {n}") for n, r in enumerate(_ROWS)])


def _ids(text, when):
    return [m.kb_id for m in link_text(text, KB_, when=when)]


@pytest.mark.parametrize("when, expected", [
    ("2014-01-05", ["per:a"]), ("2020-03-01T10:00:00Z", ["per:b"]), ("2010-05-01", []), ("2025", []),
])
def test_title_names_whoever_held_the_office_at_the_date(when, expected):
    assert _ids("قال وزير الخارجية المصري إن", when) == expected


@pytest.mark.parametrize("when", ["2005-01-01", "2016-06-01", "2030-01-01", None])
def test_person_name_links_at_any_date(when):
    assert _ids("التقى سامح شكري", when) == ["per:b"]


@pytest.mark.parametrize("text, when, expected", [
    ("وزير الخارجية المصري سامح شكري", "2012-01-01", ["per:b", "per:b"]),  # apposition wins
    ("وزير الخارجية المصري السابق نبيل فهمي", "2020-01-01", ["per:a", "per:a"]),
    ("وزير الخارجية المصري السابق قال", "2020-01-01", []),  # a former holder the text does not name
])
def test_title_next_to_a_holder_name(text, when, expected):
    assert _ids(text, when) == expected


@pytest.mark.parametrize("text, expected", [
    ("قال وزير الخارجية المصري إن", []),  # no date, no holder named: left unlinked
    ("التقى سامح شكري نظيره، وقال وزير الخارجية المصري", ["per:b", "per:b"]),
])
def test_unknown_date_links_a_title_only_to_a_holder_the_text_names(text, expected):
    assert _ids(text, None) == expected


def test_unlinked_title_leaves_the_names_inside_it():
    assert _ids("قال وزير خارجية مصر إن", "2010-01-01") == ["gpe:egypt"]


@pytest.mark.parametrize("when, expected", [("2010-06-01", "org:old"), ("2013-01-01", "org:new"),
                                            (None, "org:old")])
def test_shared_name_prefers_the_body_that_existed_at_the_date(when, expected):
    assert _ids("أعلن المجلس الوطني", when) == [expected]


@pytest.mark.parametrize("dates", [
    {"valid_from": "2014-13-01"}, {"valid_from": "14/06/2014"}, {"valid_to": 2014},
    {"valid_from": "2015", "valid_to": "2014-12-30"},
])
def test_loader_rejects_bad_validity_dates(dates):
    with pytest.raises(ValueError):
        _entry({"id": "org:x", "type": "ORG", "name_en": "X", "names_ar": ["س"], **dates}, "t")
    with pytest.raises(ValueError):
        _entry({"id": "per:x", "type": "PER", "name_en": "X", "names_ar": ["س"],
                "roles": [{"names": ["رئيس"], **dates}]}, "t")


def test_only_people_hold_offices():
    with pytest.raises(ValueError):
        _entry({"id": "org:x", "type": "ORG", "name_en": "X", "names_ar": ["س"],
                "roles": [{"names": ["رئيس"], "valid_from": "2014"}]}, "t")
