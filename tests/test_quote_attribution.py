"""Speakers that are not the cue's subject: relays, owned speech, plural cues, nested quotes."""
from __future__ import annotations

import pytest

from rasd.model import Article
from rasd.pipeline import Pipeline


@pytest.fixture(scope="module")
def quotes():
    pipe = Pipeline("fast", stages=["entities", "quotes"])
    return lambda text: pipe(Article.create(text)).quotes


@pytest.mark.parametrize("text, speaker, via", [
    ("وقال المرصد الذي نقل أيضا عن مصادر محلية إن «القصف استمر حتى الصباح».", "مصادر محلية", "المرصد"),
    ("ونقلت وكالة رويترز عن مسؤولين أمنيين قولهم إن الهجوم أوقع قتلى.", "مسؤولين أمنيين", "وكالة رويترز"),
])
def test_relay_gives_the_source_as_speaker_and_the_relayer_as_via(quotes, text, speaker, via):
    (q,) = quotes(text)
    assert q.speaker.text == speaker and q.via == via


def test_owned_speech_noun_names_its_owner(quotes):
    text = ("وتحدثت مصادر أهلية عن قيام تنظيم داعش بتركيز خطبه في مساجد المدينة على "
            "«وجوب القتال حتى آخر رجل في المدينة».")
    (q,) = quotes(text)
    assert q.speaker.kb_id == "org:islamic-state"


@pytest.mark.parametrize("text, speaker", [
    ("قال المسؤول إن الوضع هادئ، وذهب بعض السكان أبعد من ذلك واصفين الحصار بـ«عقاب جماعي للمدينة كلها».",
     "بعض السكان"),
    ("وعلى الأهالي دفع الثمن كل يوم، حتى باتوا يرددون بقولهم: «لا نريد إلا الخبز والماء».", "الأهالي"),
])
def test_plural_cue_takes_the_group_of_its_own_clause(quotes, text, speaker):
    q = quotes(text)[-1]
    assert q.speaker.text == speaker


def test_plural_participle_right_after_a_cue_keeps_that_cue_speaker(quotes):
    text = "قال ناشطون إن القوات قصفت المدنيين، مؤكدين أن «القصف طال سوقا شعبية مزدحمة»."
    assert {q.speaker.text for q in quotes(text)} == {"ناشطون"}


def test_quote_nested_in_indirect_speech_belongs_to_the_inner_speaker(quotes):
    text = "وقال ناشطون إن «داعش» أعلن «الاستنفار العام في كل المدن الخاضعة له»."
    inner = [q for q in quotes(text) if q.text.startswith("الاستنفار")]
    assert len(inner) == 1 and inner[0].speaker.kb_id == "org:islamic-state"


def test_describing_participle_takes_only_quoted_words(quotes):
    text = "وقال الجيش إن مسلحين هاجموا الحاجز، واصفا الهجوم بأنه عمل جبان."
    (q,) = quotes(text)
    assert q.cue == "وقال" and q.text.endswith("واصفا الهجوم بأنه عمل جبان")


@pytest.mark.parametrize("text, speaker", [
    ("وقال الأمين العام للحلف ينس ستولتنبرغ إن الخطوة ستعزز أمن الدول الأعضاء.", "ستولتنبرغ"),
    ("وقالت الاستخبارات العسكرية البريطانية إن القوات تكبدت خسائر كبيرة في الهجوم.", "الاستخبارات العسكرية البريطانية"),
])
def test_title_and_agency_speakers_keep_the_name_or_whole_phrase(quotes, text, speaker):
    (q,) = quotes(text)
    assert q.speaker.text.endswith(speaker) and "الأمين" not in q.speaker.text


def test_a_pronoun_object_after_a_cue_is_not_the_speaker(quotes):
    text = ("كما رحب بالقرار الرئيس الأميركي جو بايدن واصفا إياه بالتاريخي وأكد دعمه بشدة. "
            "وأضاف أن القرار سيعزز التعاون الدفاعي بين البلدين.")
    assert quotes(text)[-1].speaker.text == "جو بايدن"


def test_a_person_introduced_by_another_verb_speaks_the_next_subjectless_cue(quotes):
    text = ("وقال الوزير أحمد سالم إن المحادثات مستمرة. في المقابل، جدد الرئيس خالد عمر رفضه للاتفاق. "
            "وأضاف أنه لن يقبل أي تسوية على حساب بلاده.")
    assert quotes(text)[-1].speaker.text == "خالد عمر"


def test_the_noun_transfer_is_not_a_relay_cue(quotes):
    text = "واتهم المحافظ الحكومة بتأخير نقل المساعدات إلى المدينة، وقال إن «السكان يعانون منذ أسابيع»."
    sp = quotes(text)[-1].speaker
    assert sp is None or "المساعدات" not in sp.text


def test_the_subject_after_fihi_speaks(quotes):
    text = "ويتواصل القصف على المجمع، في وقت قال فيه الجانب الأوكراني إن نصف الجنود داخله جرحى."
    assert quotes(text)[-1].speaker.text == "الجانب الأوكراني"


def test_impersonal_yudhkar_is_not_a_quote(quotes):
    assert not quotes("يذكر أن المدينة شهدت معارك عنيفة العام الماضي.")


def test_the_subject_between_a_complementizer_and_the_cue_speaks(quotes):
    text = "وقال الوزير إن الوضع صعب. يذكر أن مجموعة الدول السبع أكدت أنها لن تعترف بالحدود الجديدة."
    assert quotes(text)[-1].speaker.text == "مجموعة الدول السبع"
