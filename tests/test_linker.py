"""The linker: clitics, longest match, quoted names and in-document coreference."""
import pytest

from rasd.kb import link_text


def _links(text):
    return [(m.text, m.kb_id) for m in link_text(text)]


@pytest.mark.parametrize("text, expected", [
    ("هاجمت وقسد القرية", [("قسد", "org:sdf")]),
    ("دخلت القوات بالرقة أمس", [("الرقة", "gpe:raqqa")]),
    ("قالت قوات سوريا الديمقراطية إنها تقدمت", [("قوات سوريا الديمقراطية", "org:sdf")]),
    ("أعلن المرصد السوري لحقوق الإنسان", [("المرصد السوري لحقوق الإنسان", "org:sohr")]),
])
def test_clitic_trimmed_longest_match(text, expected):
    assert _links(text) == expected


def test_offsets_index_the_original_text_with_diacritics():
    text = "وَقَالَ مُديرُ المَرْصَدِ السُّورِيِّ ذلك"
    for m in link_text(text):
        assert text[m.start:m.end] == m.text


def test_quoted_outlet_name_differs_from_region():
    assert _links("قال لـ«الشرق الأوسط» إن") == [("الشرق الأوسط", "org:asharq-al-awsat")]
    assert _links("الحرب في الشرق الأوسط طويلة") == [("الشرق الأوسط", "loc:middle-east")]


def test_leader_and_surname_corefer_after_full_name():
    text = "دعا أبو بكر البغدادي أنصاره. وقال زعيم التنظيم إن البغدادي باق."
    ids = [k for _, k in _links(text)]
    assert ids == ["per:abu-bakr-al-baghdadi"] * 3


def test_back_reference_without_antecedent_is_dropped():
    assert _links("قال البغدادي إن التنظيم قوي") == []


@pytest.mark.parametrize("text, org", [
    ("أعلن تنظيم الدولة الإسلامية الهجوم. وقال التنظيم المتطرف إنه", "org:islamic-state"),
    ("أفاد المرصد السوري لحقوق الإنسان بمقتل عشرة. وذكر المرصد أن", "org:sohr"),
    ("أدان النظام السوري الهجوم. وقال ناشطون إن النظام يحشد", "org:syrian-government"),
])
def test_organisation_back_reference(text, org):
    assert {k for _, k in _links(text)} == {org}


def test_province_list_links_each_province():
    got = _links("خطب في ولايات الرقة والخير")
    assert got == [("الرقة", "org:wilayat-raqqa"), ("الخير", "org:wilayat-khayr")]


@pytest.mark.parametrize("text, kb_id", [
    ("مقاتلون من جنسيات غير سورية", "norp:syrians"),
    ("هجمات في مناطق عراقية وسورية", "norp:syrians"),
    ("عاد اللاجئون إلى سورية", "gpe:syria"),
])
def test_syria_as_adjective_or_country(text, kb_id):
    assert [k for t, k in _links(text) if t == "سورية"] == [kb_id]


@pytest.mark.parametrize("text, expected", [
    ("هاجم مسلحون القاعدة العسكرية", []),
    ("قال قيادي في تنظيم القاعدة", [("تنظيم القاعدة", "org:al-qaeda")]),
    ("تبنى القاعدة الهجوم", [("القاعدة", "org:al-qaeda")]),
])
def test_common_noun_reading_of_a_one_word_name(text, expected):
    assert _links(text) == expected


@pytest.mark.parametrize("text, kb_id", [
    ("قال وزير الخارجية ناصر بوريطة إن المحادثات مستمرة", "per:nasser-bourita"),
    ("نعت القناة مراسلتها شيرين أبو عاقلة", "per:shireen-abu-akleh"),
    ("اتصل ماكرون بنظيره أمس", "per:emmanuel-macron"),
    ("أعلنت السلطات الجزائرية إغلاق المعبر", "org:algerian-government"),
])
def test_officials_and_governments_of_the_wider_region_link(text, kb_id):
    assert kb_id in [k for _, k in _links(text)]


def test_a_common_word_that_ends_a_name_is_no_back_reference():
    # عمر هلال, then الهلال الأحمر: the crescent is not the ambassador.
    assert "per:omar-hilale" not in [k for _, k in _links("قال عمر هلال إن الهلال الأحمر وصل")][1:]
