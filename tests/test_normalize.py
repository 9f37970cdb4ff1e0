import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from rasd.text import norm, normalize

ARABIC_ISH = st.text(alphabet=st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئىةـًٌٍَُِّْٰ«»“”\"'–—٠١٢٣٤٥٦٧٨٩۰۱۲ \n\u200f\u200c\ufefbﻻ،.؟abcXYZ019")), max_size=80)


@pytest.mark.parametrize("raw,folded", [
    ("أحمد", "احمد"), ("إسلام", "اسلام"), ("آذار", "اذار"), ("مصطفى", "مصطفي"),
    ("الرقة", "الرقه"), ("المفخّخات", "المفخخات"), ("بـ«داعش»", 'ب"داعش"'),
    ("١٨-٣-٢٠١٩", "18-3-2019"), ("۲۰۱۹", "2019"), ("قال–إن", "قال-إن".replace("إ", "ا")),
    ("سوريا\u200f", "سوريا"), ("\ufefb", "لا"), ("﴿قل﴾", "﴿قل﴾"), ("“نعم”", '"نعم"'),
])
def test_folding_maps_variants_to_one_spelling(raw, folded):
    assert norm(raw) == folded


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(ARABIC_ISH)
def test_every_folded_character_points_into_the_original(text):
    n = normalize(text)
    assert len(n.origin) == len(n.text) + 1
    for i, ch in enumerate(n.text):
        assert 0 <= n.origin[i] < len(text)
        assert ch in norm(text[n.origin[i]]) or ch in normalize(text[n.origin[i]]).text


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(ARABIC_ISH, st.data())
def test_folded_spans_map_to_original_spans_that_fold_back(text, data):
    n = normalize(text)
    s = data.draw(st.integers(0, len(n.text)))
    e = data.draw(st.integers(s, len(n.text)))
    a, b = n.span(s, e)
    assert 0 <= a <= b <= len(text)
    assert n.text[s:e] in norm(text[a:b]) or s == e


def test_span_takes_in_trailing_diacritics():
    text = "بالمفخّخاتُ غدا"
    n = normalize(text)
    i = n.text.index("المفخخات")
    a, b = n.span(i, i + len("المفخخات"))
    assert text[a:b] == "المفخّخاتُ"


def _char_by_char(text: str, lower: bool) -> tuple[str, tuple[int, ...]]:
    """The definition: fold each character on its own, and record where each output came from."""
    from rasd.text.normalize import fold_char

    out, origin = [], []
    for i, ch in enumerate(text):
        f = fold_char(ch)
        f = f.lower() if lower and f.isascii() else f
        out.extend(f)
        origin.extend([i] * len(f))
    return "".join(out), tuple(origin) + (len(text),)


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.one_of(ARABIC_ISH, st.text(max_size=200)), st.booleans())
def test_the_table_driven_fold_equals_folding_each_character(text, lower):
    n = normalize(text, lower=lower)
    assert (n.text, n.origin) == _char_by_char(text, lower)
