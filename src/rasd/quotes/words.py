"""Word-level helpers and word lists of the quote extractor: tokens with normalized spelling,
coreference keys, and the small closed sets that steer speaker and clause boundaries."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from ..model import Speaker
from ..text import normalize, tokenize

_CLAUSE_BREAKERS = {"فيما", "بينما", "حيث", "كما", "وسط", "وذهب", "ووفق", "وفق", "وكان", "وكانت"}
_FUNCTION = {"فيما", "وفيما", "كما", "ثم", "وقد", "قد", "لقد", "بينما", "حيث", "اذ", "وهو", "وهي",
             "فقد", "وكان", "كان", "والتي", "التي", "الذي", "والذي"}
_SUBJECT_OPENERS = {"وكان", "كان", "وكانت", "كانت", "لكن", "ولكن", "بينما", "فيما"}
_OBJECT_WORDS = {"انصاره", "عناصره", "مقاتليه", "اتباعه", "جنوده", "انصارها", "عناصرها", "مقاتليها",
                 "اتباعها", "جنودها", "اعضاءه", "المسلمين", "انصار", "عناصر"}
_BLOCKERS = {"الا", "لكن", "رغم", "لان", "كي", "لكي", "ولكن"}
_NAME_HEADS = {"تنظيم", "حمله", "اسم", "معركه", "عمليه", "كتيبه", "ولايه", "ولايات", "جماعه",
               "مجموعه", "قوات", "حركه", "جبهه", "لواء", "فصيل", "غرفه", "صحيفه", "وكاله",
               "قناه", "موقع", "مدينه", "بلده", "حي", "منظمه", "مرصد"}


@dataclass
class W:
    """A token with its normalized spelling and the spelling without a و/ف conjunction."""

    start: int
    end: int
    text: str
    norm: str
    bare: str

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()


@dataclass
class Named:
    """A speaker met in the document, for later coreference."""

    speaker: Speaker
    tokens: tuple[str, ...]          # normalized name tokens (without ال-less variants)
    title: Optional[str] = None      # normalized title head ("المتحدث")
    anonymous: bool = False


def _bare(n: str) -> str:
    """Drop a leading conjunction و/ف when what is left is still a word."""
    if len(n) >= 3 and n[0] in "وف":
        return n[1:]
    return n


def _words(text: str, start: int, end: int) -> list[W]:
    out = []
    for t in tokenize(text, start, end):
        n = normalize(t.text).text
        if not n:
            continue
        out.append(W(t.start, t.end, t.text, n, _bare(n)))
    return out


def words_of(tokens) -> list[W]:
    """The words of text-layer tokens (their ``norm`` already computed)."""
    return [W(t.start, t.end, t.text, t.norm, _bare(t.norm)) for t in tokens if t.norm]


def _key(n: str) -> str:
    """Article-insensitive key for coreference ("المهاجر" ~ "مهاجر")."""
    return n[2:] if n.startswith("ال") and len(n) > 4 else n


@dataclass
class _State:
    named: list[Named] = field(default_factory=list)
    last: Optional[Speaker] = None
    last_anon: Optional[Speaker] = None
