"""Killed counts: numerals, number words, duals, vague plurals, ranges; wounded never count."""
from __future__ import annotations

import pytest

from rasd.events.fatalities import count_killed


@pytest.mark.parametrize("sentence, killed", [
    ("وقتل خلاله خمسين مصلّياً في المسجد", 50),
    ("سقط 23 شهيداً ليل أمس في الضاحية", 23),
    ("قتل ٢٣ شخصاً في القصف", 23),
    ("سقط قتيلين في الهجوم", 2),
    ("أدى الانفجار إلى مقتل عشرة أشخاص على الأقل", 10),
    ("مقتل ثلاثة وعشرين مدنياً في الغارة", 23),
    ("أسفر القصف عن عشرات القتلى", 10),
    ("مقتل مئات الأشخاص في المعارك", 100),
    ("قتل ما بين 10 و15 شخصاً", 10),
    ("مقتل جندي في كمين", 1),
    ("لقي خمسة أشخاص حتفهم", 5),
    ("قتل عشرة في الهجوم على القرية", 10),
    ("أسفرت الغارة عن مقتل عنصرين من الفصيل", 2),
    ("قالت الشرطة إن جنديين من الحرس قتلا وأصيب ثالث", 2),
    ("أصيب شخصين بجروح طفيفة", None),
    ("قصفت الطائرات مواقع المقاتلين", None),
])
def test_killed_count_is_read(sentence, killed):
    assert count_killed(sentence) == killed


@pytest.mark.parametrize("sentence", [
    "أصيب 12 شخصاً بجروح في الانفجار",
    "نزح آلاف المدنيين من المدينة",
    "لا يزيد عدد المقاتلين على 150 عنصراً",
    "وصل 300 مقاتل إلى الجبهة",
])
def test_wounded_fighters_and_displaced_are_not_fatalities(sentence):
    assert count_killed(sentence) is None


def test_wounded_beside_killed_are_left_out():
    assert count_killed("سقوط 4 قتلى و10 جرحى") == 4
