"""Dates: absolute forms, month names, relative days and weekdays, periods, Hijri, no-pub rules."""
from __future__ import annotations

import pytest

from rasd.dates import find_dates
from rasd.model import Article
from rasd.stages import DatesStage

PUB = "2019-03-19"  # a Tuesday


def _values(text, published=PUB):
    return [(d.value, d.precision) for d in find_dates(text, published)]


@pytest.mark.parametrize("text, value", [
    ("وقع الهجوم في 18 آذار/مارس 2019 فجرا.", "2019-03-18"),
    ("صدر البيان بتاريخ 18/3/2019.", "2019-03-18"),
    ("نشر التقرير في ١٨-٣-٢٠١٩.", "2019-03-18"),
    ("عقدت الجلسة في 2019-03-18.", "2019-03-18"),
    ("وصلت الدفعة في 3 غشت 2016.", "2016-08-03"),
    ("انطلقت العملية في 20 يناير/كانون الثاني 2018.", "2018-01-20"),
    ("أطلق سراحهم في الأول من آذار/مارس.", "2019-03-01"),
])
def test_absolute_dates_in_all_forms(text, value):
    assert _values(text) == [(value, "day")]


@pytest.mark.parametrize("text, value", [
    ("انسحبوا في شباط 2017.", "2017-02"),
    ("انسحبوا في فبراير 2017.", "2017-02"),
    ("انسحبوا في أيار / مايو 2017.", "2017-05"),
    ("انسحبوا في تشرين الأول (أكتوبر) 2016.", "2016-10"),
])
def test_levantine_msa_and_dual_month_names(text, value):
    assert _values(text) == [(value, "month")]


@pytest.mark.parametrize("text, value", [
    ("وصل الوفد أمس.", "2019-03-18"),
    ("بدأ القصف أمس الأول.", "2019-03-17"),
    ("بدأ القصف أول أمس.", "2019-03-17"),
    ("تصاعد القصف اليوم.", "2019-03-19"),
    ("تبدأ المحادثات غداً.", "2019-03-20"),
    ("قتل شخصان ليل أمس.", "2019-03-18"),
])
def test_relative_days_count_from_publication(text, value):
    assert _values(text) == [(value, "day")]


@pytest.mark.parametrize("text, value", [
    ("دعا التنظيم الإثنين أنصاره.", "2019-03-18"),
    ("بثت الكلمة أمس الإثنين.", "2019-03-18"),
    ("وقع الهجوم الجمعة الماضية.", "2019-03-15"),
    ("عقد الاجتماع الثلاثاء الماضي.", "2019-03-12"),
    ("تنعقد الجلسة الأربعاء المقبل.", "2019-03-20"),
    ("بثت الكلمة أمس الإثنين 18 آذار/مارس.", "2019-03-18"),
])
def test_weekdays_resolve_against_publication(text, value):
    assert _values(text) == [(value, "day")]


@pytest.mark.parametrize("text, value, precision", [
    ("تراجعت الهجمات خلال الشهر المنصرم.", "2019-02", "month"),
    ("تراجعت الهجمات خلال الشهر الفائت.", "2019-02", "month"),
    ("تتواصل الهجمات الشهر الجاري.", "2019-03", "month"),
    ("تراجعت الهجمات العام الماضي.", "2018", "year"),
    ("ارتفعت الحصيلة العام الجاري.", "2019", "year"),
    ("تسلمت القوات المواقع الأسبوع الماضي.", "2019-03-11", "week"),
    ("بدأت الحملة في الثلث الأول من شهر أيار 2017.", "2017-05", "month"),
    ("تصاعدت في النصف الثاني من شهر شباط / فبراير الفائت من العام الجاري 2017.", "2017-02", "month"),
    ("تخوض القوات هجوما منذ أيلول/سبتمبر.", "2018-09", "month"),
    ("عادوا في آذار الماضي.", "2018-03", "month"),
    ("سيطر التنظيم على المدينة في العام 2014.", "2014", "year"),
])
def test_month_and_year_phrases(text, value, precision):
    assert _values(text) == [(value, precision)]


@pytest.mark.parametrize("text, value, precision", [
    ("بدأ الحصار في 15 رمضان 1440 هـ.", "2019-05-20", "day"),
    ("أعلن ذلك في رمضان 1435 هـ.", "2014-06", "month"),
])
def test_hijri_dates_convert(text, value, precision):
    assert _values(text) == [(value, precision)]


@pytest.mark.parametrize("text", [
    "أنهت المعركة ساعاتها الـ 72 الأولى.",
    "خلال 72 ساعة فقط تغير كل شيء.",
    "يحاصرون البلدة منذ أسابيع.",
    "صدرت الوصية قبل نحو عامين.",
    "مارس التنظيم ضغوطا كبيرة.",
    "وهو أب لثلاثة أطفال.",
    "تحدث الخطباء في خطبة الجمعة عن النفير.",
    "تقدموا نحو مقر الفرقة 17.",
])
def test_durations_and_lookalikes_are_not_dates(text):
    assert _values(text) == []


@pytest.mark.parametrize("text, expected", [
    ("وقع الهجوم في 18/3/2019.", [("2019-03-18", "day")]),
    ("وصل الوفد أمس.", []),
    ("تخوض القوات هجوما منذ أيلول/سبتمبر.", []),
    ("بدأ الهجوم في 14 شباط.", []),  # never invent a year, let alone a day
    ("اندلعت المعركة عام 2017 وبلغت ذروتها الإثنين 26 حزيران.", [("2017", "year"), ("2017-06-26", "day")]),
    ("وقع الاتفاق عام 2019، ثم خرق الإثنين 18 آذار.", [("2019", "year")]),  # 2019 and 2024 both fit
])
def test_without_publication_date_only_what_is_known(text, expected):
    assert _values(text, None) == expected


@pytest.mark.parametrize("text, published", [
    ("أغلقت الحدود في 29/2/2021.", PUB),
    ("أغلقت الحدود في 45/13/2021 أمس.", "not-a-date"),
    ("﴿ في 18/3/2019 ﴾", PUB),
    ("", PUB),
])
def test_malformed_dates_never_fail_the_article(text, published):
    art = DatesStage()(Article.create(text, published=published))
    assert all(text[d.start:d.end] == d.text for d in art.dates)


def test_stage_fills_dates_with_offsets_into_the_text():
    text = "قال المتحدث في كلمة بثها أمس الإثنين 18 آذار/مارس إن المعركة مستمرة."
    art = DatesStage()(Article.create(text, published=PUB))
    assert [(d.text, d.value) for d in art.dates] == [("أمس الإثنين 18 آذار/مارس", "2019-03-18")]
    assert (DatesStage().requires, DatesStage().assigns) == (("text",), "dates")


def test_date_in_gives_the_first_date_of_a_sentence():
    from rasd.dates import date_in
    text = "قصفت الطائرات البلدة أمس. وتعقد الجلسة الأربعاء المقبل."
    art = DatesStage()(Article.create(text, published=PUB))
    assert date_in(art, 0, text.index(".") + 1).value == "2019-03-18"
    assert date_in(art, text.index(".") + 1, len(text)).value == "2019-03-20"


@pytest.mark.parametrize("text, expected", [
    ("هي في أمس الحاجة إلى الدعم.", []),
    ("تتوافر الخدمة طيلة اليوم الانتخابي.", []),
    ("وصل الوفد اليوم إلى دمشق.", [("2019-03-19", "day")]),
    ("بلغ التضخم 7% شباط/فبراير الماضي.", [("2019-02", "month")]),
])
def test_idioms_are_not_dates_and_spans_are_trimmed(text, expected):
    assert _values(text) == expected
    assert all(d.text == d.text.strip() for d in find_dates(text, PUB))
