"""Quotes: every mark style, indirect speech, cue verbs, speakers, coreference, via, incitement."""
from __future__ import annotations

import pytest

from rasd.model import Article
from rasd.quotes import extract_quotes, is_incitement, quoted_spans


def _quotes(text):
    return extract_quotes(Article.create(text))


@pytest.mark.parametrize("text, inner", [
    ("قال الوزير: «سنواصل العمل حتى النهاية».", "سنواصل العمل حتى النهاية"),
    ("قال الوزير: “سنواصل العمل حتى النهاية”.", "سنواصل العمل حتى النهاية"),
    ('قال الوزير: "سنواصل العمل حتى النهاية".', "سنواصل العمل حتى النهاية"),
    ("قال الوزير: 'سنواصل العمل حتى النهاية'.", "سنواصل العمل حتى النهاية"),
    ("قال الوزير: ”سنواصل العمل حتى النهاية”.", "سنواصل العمل حتى النهاية"),
])
def test_direct_quote_in_every_mark_style(text, inner):
    qs = _quotes(text)
    assert [(q.text, q.kind, q.cue) for q in qs] == [(inner, "direct", "قال")]


def test_nested_marks_keep_the_outer_quote():
    spans = quoted_spans("قال: «لم تتمكن (القوات) من دخول «المدينة» بعد».")
    assert [s.depth for s in spans] == [0, 1]


def test_quote_spanning_sentences_is_one_quote():
    qs = _quotes('وقال القائد: "لن نتراجع. سنبقى هنا حتى النصر".')
    assert len(qs) == 1 and "سنبقى هنا" in qs[0].text


@pytest.mark.parametrize("cue, text", [
    ("قال", "قال المحافظ إن الطريق أعيد فتحه صباح اليوم."),
    ("أكد", "أكد المحافظ أن الطريق أعيد فتحه صباح اليوم."),
    ("أوضح", "أوضح المحافظ أن الطريق أعيد فتحه صباح اليوم."),
    ("أشار", "أشار المحافظ إلى أن الطريق أعيد فتحه صباح اليوم."),
    ("لفت", "لفت المحافظ إلى أن الطريق أعيد فتحه صباح اليوم."),
    ("أفاد", "أفاد المحافظ بأن الطريق أعيد فتحه صباح اليوم."),
])
def test_indirect_speech_after_cue_and_complementizer(cue, text):
    (q,) = _quotes(text)
    assert q.kind == "indirect" and q.text == "الطريق أعيد فتحه صباح اليوم"
    assert q.speaker.text == "المحافظ"


def test_title_then_name_gives_the_name_and_coreference_follows():
    text = ("وقال المتحدث باسم الجماعة أبو خالد الشامي إن القتال مستمر. "
            "وأكد المتحدث أن التعزيزات وصلت. وقال الشامي إن الهدنة انتهت.")
    qs = _quotes(text)
    assert [q.speaker.text for q in qs] == ["أبو خالد الشامي"] * 3
    assert all(text[q.speaker.start:q.speaker.end] == "أبو خالد الشامي" for q in qs)


def test_subjectless_cue_continues_the_last_speaker():
    qs = _quotes("وقال أحمد سالم: «الوضع هادئ تماما هنا». وأضاف: «لا توجد اشتباكات اليوم».")
    assert [q.speaker.text for q in qs] == ["أحمد سالم", "أحمد سالم"]


@pytest.mark.parametrize("text, speaker", [
    ("وأكدت مصادر أهلية أن السوق أغلق بالكامل.", "مصادر أهلية"),
    ("وقال ناشطون من المدينة إن السوق أغلق بالكامل.", "ناشطون من المدينة"),
    ("قالت مصادر قيادية كردية إن السوق أغلق بالكامل.", "مصادر قيادية كردية"),
])
def test_anonymous_sources_are_kept_as_described(text, speaker):
    (q,) = _quotes(text)
    assert q.speaker.text == speaker and q.speaker.kb_id is None


@pytest.mark.parametrize("text, via", [
    ("وقال المسؤول في تصريح لـ«الشرق الأوسط» إن المعبر مغلق.", "الشرق الأوسط"),
    ("وأكدت مصادر للمرصد السوري لحقوق الإنسان أن المعبر مغلق.", "المرصد السوري لحقوق الإنسان"),
    ('وقال القائد في تسجيل نشرته حسابات موالية على تطبيق تلغرام "المعبر مغلق أمام الجميع".',
     "حسابات موالية على تطبيق تلغرام"),
    ("وأفاد المرصد السوري لحقوق الإنسان أن المعبر مغلق.", "المرصد السوري لحقوق الإنسان"),
])
def test_via_names_the_outlet_or_monitor(text, via):
    (q,) = _quotes(text)
    assert q.via == via


@pytest.mark.parametrize("quote, cue, flagged", [
    ("اقتلوهم حيث وجدتموهم", None, True),
    ("اثأروا لإخوانكم وأغيروا عليهم بالمفخخات", None, True),
    ("فليقتلوا كل من تعاون معهم", None, True),
    ("الثأر والانتقام", "دعا", True),
    ("المسلحون قتلوا ثلاثة مدنيين وأحرقوا منزلين", None, False),
    ("الهجوم أسفر عن مقتل خمسة أشخاص", "قال", False),
    ("دعوات الثأر تزيد خطر الهجمات", "قال", False),
])
def test_incitement_is_a_call_not_a_report(quote, cue, flagged):
    assert is_incitement(quote, cue) is flagged


def test_short_quoted_names_are_not_quotes():
    assert _quotes("سيطر تنظيم «الدولة الإسلامية» على البلدة.") == []
