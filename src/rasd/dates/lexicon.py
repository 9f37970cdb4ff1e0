"""Month, weekday and relative-time words, in normalized spelling (rasd.text.norm)."""
from __future__ import annotations

# Levantine/Iraqi (Syriac) month names, MSA (Egyptian/Gulf) names, Maghreb variants.
MONTHS: dict[str, int] = {
    "كانون الثاني": 1, "شباط": 2, "اذار": 3, "نيسان": 4, "ايار": 5, "حزيران": 6, "تموز": 7,
    "اب": 8, "ايلول": 9, "تشرين الاول": 10, "تشرين الثاني": 11, "كانون الاول": 12,
    "يناير": 1, "فبراير": 2, "مارس": 3, "ابريل": 4, "افريل": 4, "مايو": 5, "ماي": 5, "يونيو": 6,
    "يونيه": 6, "جوان": 6, "يوليو": 7, "يوليه": 7, "يوليوز": 7, "جويليه": 7, "اغسطس": 8, "غشت": 8,
    "اوت": 8, "سبتمبر": 9, "شتنبر": 9, "اكتوبر": 10, "نوفمبر": 11, "نونبر": 11, "ديسمبر": 12,
    "دجنبر": 12, "جانفي": 1, "فيفري": 2,
}
# Names that are also ordinary words (مارس "practised", اب "father", ماي, نيسان the car):
# they count only in a date (with a day or year), after a cue word, or paired with a twin.
AMBIGUOUS_MONTHS = {"مارس", "اب", "ماي", "اوت", "نيسان", "جوان", "تموز"}

HIJRI_MONTHS: dict[str, int] = {
    "محرم": 1, "صفر": 2, "ربيع الاول": 3, "ربيع الثاني": 4, "ربيع الاخر": 4, "جمادي الاولي": 5,
    "جمادي الاول": 5, "جمادي الثانيه": 6, "جمادي الاخره": 6, "جمادي الثاني": 6, "رجب": 7,
    "شعبان": 8, "رمضان": 9, "شوال": 10, "ذو القعده": 11, "ذي القعده": 11, "ذو الحجه": 12,
    "ذي الحجه": 12,
}

# Monday = 0, as datetime.weekday().
WEEKDAYS: dict[str, int] = {
    "الاثنين": 0, "الثلاثاء": 1, "الاربعاء": 2, "الخميس": 3, "الجمعه": 4, "السبت": 5, "الاحد": 6,
    "اثنين": 0, "ثلاثاء": 1, "اربعاء": 2, "خميس": 3, "جمعه": 4, "سبت": 5, "احد": 6,
}

PAST = {"الماضي", "الماضيه", "الفائت", "الفائته", "المنصرم", "المنصرمه", "السابق", "الفارط"}
FUTURE = {"المقبل", "المقبله", "القادم", "القادمه"}
CURRENT = {"الجاري", "الحالي", "الحاليه", "الجاريه", "هذا", "هذه"}

# Relative days: normalized phrase -> offset from the publication date.
RELATIVE_DAYS = {
    "اول من امس": -2, "اول امس": -2, "امس الاول": -2, "امس": -1, "البارحه": -1, "اليوم": 0,
    "غدا": 1, "بعد غد": 2, "الليله": 0,
}

# Words before a month that make a bare month name a date (في أيار، منذ أيلول، مطلع شباط).
MONTH_CUES = {"في", "منذ", "خلال", "مطلع", "اوائل", "اواخر", "منتصف", "نهايه", "بدايه", "اواسط",
              "شهر", "حتي", "قبل", "بعد", "من", "الى", "الي", "ومنذ", "وفي", "بحلول", "غرة", "غره"}
# Parts of a month: the span keeps them, the value is the month.
MONTH_PARTS = ("الثلث الاول من", "الثلث الثاني من", "الثلث الثالث من", "الثلث الاخير من",
               "النصف الاول من", "النصف الثاني من", "الربع الاول من", "الربع الاخير من",
               "العشر الاوائل من", "العشر الاواخر من", "مطلع", "اوائل", "اواخر", "منتصف", "نهايه",
               "بدايه", "اواسط", "غره")


def _fold_keys() -> None:
    """Keep every table in rasd.text.norm spelling, whatever was typed above (الفائت → الفايت)."""
    from ..text import norm

    g = globals()
    for name in ("MONTHS", "HIJRI_MONTHS", "WEEKDAYS", "RELATIVE_DAYS"):
        g[name] = {norm(k): v for k, v in g[name].items()}
    for name in ("AMBIGUOUS_MONTHS", "PAST", "FUTURE", "CURRENT", "MONTH_CUES"):
        g[name] = {norm(k) for k in g[name]}
    g["MONTH_PARTS"] = tuple(norm(k) for k in g["MONTH_PARTS"])


_fold_keys()


def _ordinals() -> dict[str, int]:
    """Ordinal day words 1-31 (الأول، الخامس عشر، الحادي والعشرين), normalized."""
    from ..text import norm

    units = ["الحادي", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع"]
    out = {"الأول": 1, "العاشر": 10, "العشرين": 20, "الثلاثين": 30}
    for i, u in enumerate(units, start=1):
        if i > 1:
            out[u] = i
        out[u + " عشر"] = 10 + i
        out[u + " والعشرين"] = 20 + i
    out["الحادي والثلاثين"] = 31
    return {norm(k): v for k, v in out.items()}


ORDINAL_DAYS = _ordinals()
