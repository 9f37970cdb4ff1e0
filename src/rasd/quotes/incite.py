"""The incitement flag: is a quote a call to violence against people?

True when the quote itself commands violence (an imperative or jussive of attack, revenge,
killing, bombing: اثأروا، أغيروا عليهم، اقتلوا، فليقتلوا), or when a call cue (دعا، حضّ، ناشد)
takes violence as its object (دعا إلى "الثأر"). Reports about violence are not calls.
"""
from __future__ import annotations

from typing import Optional

from ..text import normalize
from . import lexicon as L

# Imperatives spelled unlike any past tense (اقتلوا vs قتلوا): a command wherever they stand.
_STRONG = {"اثاروا", "اغيروا", "اقتلوا", "اضربوا", "اذبحوا", "اطعنوا", "ادهسوا", "اخطفوا", "ارموا",
           "اقتلوهم", "اضربوهم", "اذبحوهم", "اثاروا", "انتقموا", "فجروهم", "اغيروا"}
# Imperatives spelled like the past tense (فجّروا "blow up!" / "they blew up"): a command only
# when addressed (second person, a vocative) or opening the quote.
_AMBIGUOUS = {"فجروا", "هاجموا", "قاتلوا", "اغتالوا", "احرقوا", "اقتحموا", "جاهدوا", "دمروا"}
_WEAK = L.VIOLENT_IMPERATIVES - _STRONG - _AMBIGUOUS
_ADDRESSEES = {"جنود", "انصار", "المجاهدين", "المجاهدون", "مجاهدي", "اسود"}


def _forms(word: str) -> set[str]:
    """A word and its readings without the conjunctions و/ف."""
    out = {word}
    if len(word) > 4 and word[0] in "وف":
        out.add(word[1:])
    return out


def is_incitement(quote: str, cue_lemma: Optional[str]) -> bool:
    """Whether ``quote`` (introduced by ``cue_lemma``) is a call to violence."""
    words = [w.strip(".,،:؛!؟?\"'«»()") for w in normalize(quote).text.split()]
    forms = [f for w in words for f in _forms(w)]
    if any(f in _STRONG for f in forms):
        return True
    addressed = any(w == "يا" or w.endswith("كم") for w in words)
    if words and (_forms(words[0]) & _AMBIGUOUS or (addressed and any(f in _AMBIGUOUS for f in forms))):
        return True
    for w in words:
        for p in L.JUSSIVE_PREFIXES:
            if w.startswith(p) and ("ي" + w[len(p):] in L.JUSSIVE_VERBS or w[len(p) - 1:] in L.JUSSIVE_VERBS):
                return True
    violent_noun = any(f in L.VIOLENT_NOUNS for f in forms)
    if any(f in _WEAK for f in forms) and (violent_noun or any(f in _ADDRESSEES for f in forms)):
        return True
    if cue_lemma in L.CALL_CUES and violent_noun:
        return True
    return False
