import pytest

from rasd.text import split_sentences, stems, tokenize


@pytest.mark.parametrize("word,stem", [("وقسد", "قسد"), ("لقوات", "قوات"), ("بالرقه", "الرقه"),
                                        ("بالرقه", "رقه"), ("للتنظيم", "التنظيم"), ("وبالمدينه", "المدينه"),
                                        ("فالجيش", "الجيش"), ("كالسابق", "السابق")])
def test_stems_include_the_word_without_its_clitics(word, stem):
    assert stem in [s for _, s in stems(word)]


@pytest.mark.parametrize("word", ["و", "ال", "بل"])
def test_stems_never_leave_less_than_two_letters(word):
    assert all(len(s) >= 2 or p == 0 for p, s in stems(word))


def test_tokens_carry_offsets_into_the_text():
    text = "قالت «قسد»، أمس: هاجمنا"
    for t in tokenize(text):
        assert text[t.start:t.end] == t.text


def test_sentences_never_split_at_the_arabic_comma():
    text = "قال المصدر، الذي طلب عدم ذكر اسمه، إن الهجوم فشل. ثم انسحبوا."
    assert [s.text for s in split_sentences(text)] == ["قال المصدر، الذي طلب عدم ذكر اسمه، إن الهجوم فشل.", "ثم انسحبوا."]


def test_sentences_do_not_cross_line_breaks():
    assert len(split_sentences("عنوان بلا نقطة\nجملة أولى في الخبر.")) == 2


def test_abbreviation_does_not_end_a_sentence():
    text = "وقال د. أحمد الخطيب إن الوضع صعب. وأضاف أن المساعدات تأخرت."
    assert split_sentences(text)[0].text == "وقال د. أحمد الخطيب إن الوضع صعب."


def test_sentence_offsets_index_the_text():
    text = "جملة أولى. جملة ثانية؟\n\nجملة ثالثة!"
    assert all(text[s.start:s.end] == s.text for s in split_sentences(text))
