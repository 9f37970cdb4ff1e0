"""Word lists the resolver reads: hand-kept stoplists and the cues around a place name.

The measured list of gazetteer names that are everyday words (``not_places.tsv``, built by
``training/build_place_words.py``) lives with the gazetteer; these are the hand-kept ones.
"""
from __future__ import annotations

from ..text import norm

# Countries whose GeoNames Arabic names are native spellings, not transliterations.
ARAB = {"SY", "IQ", "LB", "JO", "PS", "IL", "SA", "YE", "EG", "LY", "TN", "DZ", "MA", "SD", "KW",
        "QA", "AE", "OM", "BH", "MR", "SO", "DJ", "KM", "TR", "IR", "AF", "EH"}
MIN_POP_ARAB = 1000
MIN_POP_ABROAD = 1_000_000
# Below these, a bare GeoNames name also needs its country named in the article.
MIN_POP_ARAB_ALONE = 50_000
MIN_POP_ABROAD_KNOWN = 100_000
# Common words that are also GeoNames names; they only count after a kind word.
_STOP = set("""
المدينه مدينه المدن السد التحالف الان امل سوري بشري عمد سلامه الحريه الوحده الثوره النصر السلام
الخير الدوله العالم الصور الدوره الكرامه بلد سلوك القصور التضامن الصناعه الامل الفجر العاصمه
الشمال الجنوب الشرق الغرب الوسط المركز الجزيره الجانب الايمن السلطان الامير الملك الشيخ النور
الاسلام الحرم العين الحصن القلعه السوق المزرعه البيت البلد الوطن القريه الحي الساحل الجبل الوادي
الرياض الفيصليه الشهداء الامام الحسين الحسن علي عمر محمد احمد حسن خالد ابراهيم يوسف سالم ناصر
الزهراء الرحمه الصحه النهضه التقدم الاستقلال البعث العروبه الاتحاد الجمهوريه القدس صباح
الخليج الحمراء البحر النخيل الزيتون الفردوس الربيع الصفا المروه الصالحيه المنصور الرشيد كركوك
السبت الاحد الاثنين الثلاثاء الاربعاء الخميس الجمعه الاشاره معسكر مشهد صور الصف الجيب حصار الشيوخ
الخارجه جديده جديد حديثه كلمه مسجدين مسجد كرد دوله بلد الكرامه سلوك الراعي نبل الجزره القاع
قنديل الضمير الدبس الجانب الايسر الخضر ليل شبه وان سنه الجديد الجديده بانه الي سلطات ميدان
هويه الزعيم يهود ريم جمال جامعه اطار بحري الابيض عاليه خالص بركه الخمس الدور قبلي المطريه الحراك قاره
كسب ثوره الهنديه رشيد فلاديمير اوستن انه لانه بان ان السفيره سفيره الحكومه الفصائل خبر كورونا
قنوات لوم ابا امان الشقيق موصول الحاضر حربيه القاسم نقده واها رياض مساكن السلمان البلده بلده المنطقه القريه المخيم الجماليه العماره روم الروم سلاله لاد بشار الام اشرف عثمانيه اباده الجميل سعيده
البيض افران كانو رقه خفي سويس البلاد الاناضول بورصه
""".split()) - {"كركوك", "الرياض", "القدس", "الخليج", "الصالحيه"}
STOPWORDS = frozenset(norm(w) for w in _STOP)
# Kind words strong enough to make a common word a place name (حي الثورة، قرية الجديدة).
STRONG_KINDS = {"neighbourhood", "village", "town", "city", "admin1", "camp", "countryside", "district"}
# A capital abroad is a place on its own only when it is this big (نوك "banks" is no Nuuk).
MIN_POP_CAPITAL_ABROAD = 1_000_000
# Plural kind words: "محافظات البلاد" is the country's provinces, not a province called البلاد.
PLURAL_KINDS = {norm(w) for w in "مدن بلدات قرى أحياء محافظات ولايات أرياف مخيمات مديريات أقاليم".split()}
# Place names that are everyday words but missing from common_words.txt (حجة "pretext",
# الجوف "the hollow"): like frequent words, they need their country named elsewhere.
AMBIGUOUS_WORDS = {norm(w) for w in "حجة الجوف البيضاء الضباب الرقو المخا العمارة الحمدانية بركان عقبة "
                   "بورصة عمران".split()}
# Country names that are also everyday words (مالي "financial"): only after a preposition,
# in a list of places, or when the article names the country otherwise.
AMBIGUOUS_COUNTRIES = {"مالي", "تشاد"}
PLACE_PREPS = {"في", "الى", "الي", "شمال", "جنوب", "شرق", "غرب", "وسط", "دوله", "جمهوريه", "حكومه",
               "من", "عن", "مع", "داخل", "خارج", "حول", "نحو", "شمالي", "جنوبي", "شرقي", "غربي", "سفير",
               "رئيس", "حدود", "اراضي", "زار", "زياره", "دخل", "دخول", "مغادره", "غادر"}
# Separate words after which a listed everyday word may still be a place ("في الميادين").
CONTEXT_PREPS = {"في", "الى", "الي", "من", "نحو", "داخل", "قرب", "شمال", "جنوب", "شرق", "غرب",
                 "شمالي", "جنوبي", "شرقي", "غربي", "مدينتي"}
# Country names that are also the feminine adjective (سورية "Syrian").
ADJECTIVE_COUNTRIES = {"سوريه"}
KIND_TYPES = {
    "neighbourhood": {"neighbourhood"}, "camp": {"camp"}, "village": {"village", "town", "city"},
    "town": {"town", "city", "village", "major"}, "city": {"city", "town", "capital", "major"},
    "admin1": {"admin1"},
    "base": {"base", "airport"}, "dam": {"dam"}, "crossing": {"crossing"}, "capital": {"capital"},
    "country": {"country"},
}
# Kinds of a place inside a city the text names next ("حي الشهداء بمدينة أم درمان").
PART_KINDS = {"neighbourhood", "district", "camp", "area"}
# Words between a part of a city and the city: "في"، "ب" (a clitic), "بمدينة"، "وسط".
PARENT_GAP = {norm(w) for w in "في ب بمدينة مدينة وسط شرق غرب شمال جنوب شرقي غربي شمالي جنوبي "
              "في مدينة بمحافظة محافظة".split()}
# Countries one press treats as one for the article's prior (Moroccan papers: Laayoune, Dakhla).
PRIOR_ALIASES = {"EH": "MA"}
