"""An event's status from the words around its trigger: occurred, called, threatened,
planned, denied or hypothetical.

Arabic marks these before the verb: negation (لم، لن، ما، لا، عدم، نفى), the future
(سـ on the verb, سوف، يعتزم), conditionals (إذا، لو، في حال), threats (هدد، توعد) and calls
(دعا، ناشد، حضّ، imperatives). A trigger inside a quote flagged as incitement is a call.
"""
from __future__ import annotations

from ..text import norm

_NEG = {norm(w) for w in "لم لن لا ما ليس ليست عدم دون بدون نفى نفت نفوا ينفي تنفي نفي ولم ولن ولا".split()}
_FUTURE = {norm(w) for w in ("سوف يعتزم تعتزم يخطط تخطط تستعد يستعد ينوي تنوي سيتم ستتم المقرر "
                             "المتوقع مخطط خطه يعد تعد تهيئ").split()}
_THREAT = {norm(w) for w in "هدد هددت يهدد تهدد هددوا توعد توعدت يتوعد متوعدا متوعده تهديد وعيد".split()}
_CALL = {norm(w) for w in ("دعا دعت يدعو تدعو دعوا ناشد ناشدت حض حضت يحض حث حثت يحث طالب طالبت "
                           "يطالب دعوه نداء يدعوهم داعيا تحريض يحرض تحرض تنادي ينادي نادي نادت لشن "
                           "مطالبه للمطالبه بالمطالبه مطالبين مطالبا مطالبات يريد تريد نريد يريدون").split()}
# "ما أدى إلى مقتل": ما is the relative "which" before a verb of result, not a negation.
_RESULT = {norm(w) for w in "ادي اسفر اسفرت نجم تسبب تسببت خلف اوقع اوقعت يودي ادت".split()}
_PREFIX = ("و", "ف")


# "سيتم الاتفاق على الحزمة المقبلة من العقوبات": an auxiliary of the future governs a longer
# phrase, and "next" right before the trigger makes it a plan.
_FUTURE_FAR = {norm(w) for w in "سيتم ستتم سوف سيجري ستجري".split()}
_NEXT = {norm(w) for w in "مقبله قادمه مقبل قادم".split()}  # after _base drops ال
_CLAIM = {norm(w) for w in "تتبن يتبن تتبنى يتبنى تبنت تبنى تعلن يعلن".split()}
_SHORT_CUES = {w for w in _CALL | _THREAT if len(w) == 2}
# What follows these already happened: "عقب الهجوم", "احتجاجا على القصف", "ردا على مقتل".
_BACKGROUND = {norm(w) for w in "بعد عقب اثر إثر جراء بسبب منذ احتجاجا ردا تنديدا استنكارا".split()}


def _base(w: str) -> str:
    """Without a conjunction and the article: "والنداء" -> "نداء"."""
    if w[:1] in _PREFIX and (len(w) > 3 or w[1:] in _SHORT_CUES):  # "وحض" is و + حض
        w = w[1:]
    if w.startswith("ال") and len(w) > 4:
        w = w[2:]
    return w


# Particles before "ما" that make it "what / whether", not "not": "إذا ما", "بحسب ما", "ما إن".
_MA_OPENERS = {norm(w) for w in "اذا إن ان كل بعد مثل حسب بحسب وفق عند طالما كلما بين على الى عن من في "
               "اكثر اقل قلما ربما".split()}
# "لا يزال / ما زالت": "still", a continuation, not a negation.
_STILL = {norm(w) for w in "يزال تزال يزالون زال زالت زالوا تزل يزل برح".split()}
# Verbs that carry an event noun as object: "لم يشن الجيش أي هجوم", "عدم وقوع اشتباكات".
_LIGHT = {norm(w) for w in ("يشن تشن شن شنت ينفذ تنفذ نفذ نفذت يقع تقع وقع وقعت تسجل يسجل سجل سجلت "
                            "يحدث تحدث حدث حدثت يرتكب ترتكب ارتكب يقم تقم وجود وقوع حدوث تسجيل").split()}
_DENY = {norm(w) for w in "نفى نفت نفوا ينفي تنفي ينفون نفي".split()}


def _negated(before: list[str], near: list[str]) -> bool:
    """Whether a negation governs the trigger right after ``near`` (its last five words).

    A denial verb within eight words counts ("نفت روسيا أي تورط لها بالهجوم"); a negation
    particle counts when it stands next to the trigger ("لم تقصف", "لم يقع هجوم") or negates
    a verb that carries it ("لم يشن الجيش أي هجوم", "لم تسجل أي مواجهات"). "لم يفت الوقت
    لفتح تحقيق في اغتيال" negates another verb, and "لا تزال تتعرض لهجوم" says "still"."""
    if any(w in _DENY for w in before[-8:]):
        return True
    offset = len(before) - len(near)
    for k in range(len(near) - 1, -1, -1):
        w = near[k]
        if w not in _NEG:
            continue
        nxt = near[k + 1] if k + 1 < len(near) else ""
        prev = before[offset + k - 1] if offset + k >= 1 else ""
        if nxt in _STILL or nxt in _CLAIM:
            continue  # "لا تزال", and "لم تتبن أي جهة التفجير" negates the claim, not the bombing
        if w == "ما" and (nxt in _RESULT or prev in _MA_OPENERS or nxt in ("ان", "اذا")):
            continue
        dist = len(near) - k
        if dist <= 2 or nxt in _LIGHT or "اي" in near[k + 1:]:
            return True
    return False


def status_of(words: list[str], i: int, in_call_quote: bool = False, verb_future: bool = False) -> str:
    """The status of the trigger at ``words[i]`` in a sentence of normalized words."""
    if in_call_quote:
        return "called"
    # A call governs a long object: "تدعو رجالات الدولة في شمال وشرق سوريا الى الانتقام من
    # قوات سوريا الديمقراطية بالمفخخات" puts 14 words between the call and the weapon.
    before = [_base(w) for w in words[max(0, i - 24):i]]
    # "هدد ... بعد الهجوم الذي ...": the attack after بعد/عقب is the background, it happened.
    for k in range(len(before) - 1, -1, -1):
        if before[k] in _BACKGROUND:
            before = before[k + 1:]
            break
    near = before[-5:]  # "لم يشن الجيش أي هجوم": the negated verb governs its object
    if _negated(before, near):
        return "denied"
    if verb_future:
        return "planned"
    if any(w in _CALL for w in before):
        return "called"
    if any(w in _THREAT for w in before):
        return "threatened"
    if any(w in ("اذا", "لو", "لولا") for w in before) or "حال" in before[-6:] and "في" in before[-7:]:
        return "hypothetical"
    if any(w in _FUTURE for w in before[-5:]) or any(w in _FUTURE_FAR for w in before[-8:]) \
            or any(w in _NEXT for w in before[-3:]):
        return "planned"
    return "occurred"
