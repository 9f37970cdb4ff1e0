"""Find knowledge-base names in a text: clitic-aware longest match plus in-document coreference.

Matching works on normalized tokens (:func:`rasd.text.normalize` folds spelling; one token
is one word or one punctuation mark). The first word of a name may carry proclitics
(وقسد، بالرقة، للمرصد): :func:`rasd.text.stems` lists its readings, and the reported span
starts after the clitic, so ``text[start:end]`` is the bare name ("قسد" in "وقسد").

Three kinds of names (see ``rasd/data/kb/SCHEMA.md``):
- ``names_ar`` match anywhere;
- ``quoted`` names match only between quote marks («الشرق الأوسط» is the newspaper, the
  bare phrase is the region);
- ``short`` names are back-references: "البغدادي", "زعيم التنظيم", "التنظيم", "المرصد"
  resolve to the entry with that short name that the document names in full nearest
  before them (else nearest after them, for headlines); unresolved ones are dropped.

Role names (``roles`` in the KB: "وزير الخارجية المصري", "الرئيس التركي") are titles bound
to a term of office, resolved by :func:`_resolve_role` against the article's date ``when``:
the holder named right after the title ("وزير الخارجية المصري سامح شكري") wins at any date;
after "السابق/الأسبق/الراحل ..." the title is a former holder, which the document must
name; otherwise the holder in office at ``when`` (the one the document names, if several).
With no date, a title links only to a holder the document names (as a back-reference);
an unresolved title is left unlinked and the names inside it ("المصري") compete as usual.
A person's own names link at any date. Among entries sharing a name, the ones that
existed at ``when`` (``valid_from``/``valid_to``) come first.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

from ..text import normalize, stems
from ..text.tokens import tokenize
from .store import KB, load_kb

_OPEN_QUOTES = {'"', "'", "("}
_CLOSE_QUOTES = {'"', "'", ")"}


# One-word names that are also common nouns: followed by one of these words they are the noun
# ("القاعدة العسكرية" is a military base, "شبه الجزيرة العربية" the peninsula). Normalized.
_NOUN_READING = {
    "القاعده": {"العسكريه", "الجويه", "البحريه", "الامريكيه", "الاميركيه", "الروسيه", "التركيه",
                "الايرانيه", "الفرنسيه", "البريطانيه", "الاسرائيليه", "الشعبيه", "الذهبيه"},
    "الجزيره": {"العربيه", "الفراتيه", "السوريه"},
}


@dataclass(frozen=True, slots=True)
class Mention:
    """One linked span: ``text == source[start:end]``; ``how`` is name / quoted / coref /
    role (a title resolved to its holder)."""

    start: int
    end: int
    text: str
    kb_id: str
    label: str
    name_en: str
    how: str = "name"


@dataclass(frozen=True, slots=True)
class _Tok:
    start: int      # original offsets of the whole token
    end: int
    norm: str       # normalized spelling
    origin: tuple[int, ...]  # normalized char index -> offset inside the token


@dataclass(slots=True)
class _Cand:
    i: int          # first token
    j: int          # one past the last token
    plen: int       # normalized clitic length cut from token i
    entry_ids: list[str]
    how: str
    items: tuple = ()   # the role index items (their terms), for how == "role"


def _tokens(text: str, tokens: Sequence = ()) -> list[_Tok]:
    """Tokens with their normalized spelling; tokens that normalize to nothing are dropped.

    Folding is per character, so a token's folded form and offset map are those of its own
    text; :func:`normalize` caches short strings, and words repeat.
    """
    out = []
    for t in tokens or tokenize(text):
        nt = normalize(text[t.start:t.end])
        if nt.text:
            out.append(_Tok(t.start, t.end, nt.text, nt.origin))
    return out


def _is_quoted(toks: list[_Tok], i: int, j: int) -> bool:
    return i > 0 and j < len(toks) and toks[i - 1].norm in _OPEN_QUOTES and toks[j].norm in _CLOSE_QUOTES


def _candidates(kb: KB, toks: list[_Tok]) -> list[_Cand]:
    """Every (span, entries, kind) where a KB name matches, before any choice."""
    norms = [t.norm for t in toks]
    out: list[_Cand] = []
    for i, tok in enumerate(toks):
        by_span: dict[tuple[int, int, str], _Cand] = {}
        for plen, stem in stems(tok.norm):
            if plen and stem.startswith("ال") and tok.norm[plen:plen + 2] != "ال":
                plen += 1  # للمرصد: the article's alef is elided, so the span starts after لل
            for item in kb.index.get(stem, ()):
                j = i + 1 + len(item.rest)
                if tuple(norms[i + 1:j]) != item.rest:
                    continue
                if item.how == "quoted" and not _is_quoted(toks, i, j):
                    continue
                if plen >= len(tok.norm):
                    continue
                if not item.rest and j < len(toks) and toks[j].norm in _NOUN_READING.get(stem, ()):
                    continue
                key = (j, plen, item.how)
                c = by_span.get(key)
                if c is None:
                    c = by_span[key] = _Cand(i, j, plen, [item.entry_id], item.how)
                elif item.entry_id not in c.entry_ids:
                    c.entry_ids.append(item.entry_id)
                if item.how == "role":
                    c.items += (item,)
        out.extend(by_span.values())
    return out


def _prefer_valid(kb: KB, cands: list[_Cand], when: Optional[str]) -> None:
    """On a shared name, entries that existed at ``when`` go first (stable otherwise)."""
    if when is None:
        return
    for c in cands:
        if len(c.entry_ids) > 1:
            c.entry_ids.sort(key=lambda eid: not kb.entries[eid].valid(when))


def _province_lists(kb: KB, toks: list[_Tok]) -> list[_Cand]:
    """"ولايات الرقة والخير والفرات": each conjunct is the IS province "ولاية <name>"."""
    provinces = {item.rest: item.entry_id for item in kb.index.get("ولايه", ()) if len(item.rest) == 1}
    out = []
    for i, tok in enumerate(toks):
        if tok.norm != "ولايات":
            continue
        j = i + 1
        while j < len(toks):
            word = toks[j].norm
            plen = 1 if j > i + 1 and word.startswith("و") else 0
            if j > i + 1 and not plen:
                break
            eid = provinces.get((word[plen:],))
            if eid is None:
                break
            out.append(_Cand(j, j + 1, plen, [eid], "name"))
            j += 1
    return out


def _pick(cands: list[_Cand]) -> list[_Cand]:
    """Non-overlapping choice: longer first, then quoted over plain, shorter clitic, leftmost."""
    rank = {"quoted": 0, "name": 1, "short": 1, "role": 1}
    chosen: list[_Cand] = []
    used: set[int] = set()
    for c in sorted(cands, key=lambda c: (-(c.j - c.i), rank[c.how], c.plen, c.i)):
        span = set(range(c.i, c.j))
        if span & used:
            continue
        used |= span
        chosen.append(c)
    return sorted(chosen, key=lambda c: c.i)


def _resolve_short(short: _Cand, fulls: list[_Cand]) -> Optional[str]:
    """The entry a back-reference points to: nearest full mention before it, else after it."""
    before, after = None, None
    for f in fulls:
        for eid in f.entry_ids[:1]:
            if eid not in short.entry_ids:
                continue
            if f.i < short.i:
                before = eid  # fulls are in order, so the last one seen is the nearest
            elif after is None:
                after = eid
    return before or after


# After a title these make it a former holder's ("الرئيس المصري الأسبق", "الراحل").
_FORMER = {"السابق", "الاسبق", "الراحل", "المخلوع", "المعزول", "الراحل،", "السابقه", "الاسبقه",
           "الراحله", "المقال", "المستقيل"}


def _resolve_role(role: _Cand, fulls: list[_Cand], toks: list[_Tok], when: Optional[str]) -> Optional[str]:
    """The person a title names: see the module docstring for the order of the rules."""
    holders = role.entry_ids
    nxt = next((f for f in fulls if f.i == role.j), None)
    if nxt is not None and nxt.entry_ids[0] in holders:
        return nxt.entry_ids[0]  # apposition: "وزير الخارجية المصري سامح شكري"
    named = [f.entry_ids[0] for f in fulls if f.entry_ids[0] in holders]
    former = role.j < len(toks) and toks[role.j].norm in _FORMER
    in_office = [it.entry_id for it in role.items if when is not None and it.valid(when)]
    if former:
        if when is not None:
            named = [e for e in named if e not in in_office] or named
        return _nearest(role, fulls, named)
    if when is None:
        return _nearest(role, fulls, named)
    if not in_office:
        return None
    return _nearest(role, fulls, [e for e in named if e in in_office]) or in_office[0]


def _nearest(c: _Cand, fulls: list[_Cand], ids: list[str]) -> Optional[str]:
    """Of the full mentions whose entry is in ``ids``: nearest before ``c``, else after."""
    if not ids:
        return None
    before, after = None, None
    for f in fulls:
        eid = f.entry_ids[0]
        if eid not in ids:
            continue
        if f.i < c.i:
            before = eid
        elif after is None and f.i >= c.j:
            after = eid
    return before or after


def _adjectival_syria(kb: KB, toks: list[_Tok], chosen: list[_Cand]) -> list[_Cand]:
    """"سورية" is also the feminine adjective: after غير, a plural in -ات or another
    nationality adjective ("مناطق عراقية وسورية") it is the NORP, not the country."""
    if "gpe:syria" not in kb or "norp:syrians" not in kb:
        return chosen
    out = []
    for n, c in enumerate(chosen):
        if (c.entry_ids[0] == "gpe:syria" and c.j - c.i == 1 and toks[c.i].norm[c.plen:] == "سوريه"
                and c.i > 0):
            prev = toks[c.i - 1].norm
            after_norp = n > 0 and chosen[n - 1].j == c.i and kb.entries[chosen[n - 1].entry_ids[0]].type == "NORP"
            if prev == "غير" or (prev.endswith("ات") and len(prev) > 3) or after_norp:
                c = _Cand(c.i, c.j, c.plen, ["norp:syrians"], c.how)
        out.append(c)
    return out


def link_text(text: str, kb: Optional[KB] = None, tokens: Sequence = (),
              when: Optional[str] = None) -> list[Mention]:
    """All KB mentions in ``text``, in order, non-overlapping, with original offsets.

    ``tokens``: the Article's token layer (tokenized here when not given). ``when``: the
    article's date ("YYYY-MM-DD" or an ISO timestamp), which titles and validity honour;
    None when unknown."""
    kb = kb or load_kb()
    when = when[:10] if when else None
    toks = _tokens(text, tokens)
    # Province conjuncts go first so that, on equal spans, they beat the bare place name.
    cands = _province_lists(kb, toks) + _candidates(kb, toks)
    _prefer_valid(kb, cands, when)
    fulls = _pick([c for c in cands if c.how not in ("short", "role")])
    # Back-references and titles resolve against the chosen full mentions; then they all
    # compete for the text, longest first ("زعيم تنظيم داعش" as the leader beats "تنظيم داعش").
    resolved: list[_Cand] = []
    for c in cands:
        if c.how == "short":
            eid = _resolve_short(c, fulls)
        elif c.how == "role":
            eid = _resolve_role(c, fulls, toks, when)
        else:
            continue
        if eid:
            resolved.append(_Cand(c.i, c.j, c.plen, [eid], c.how))
    chosen = _adjectival_syria(kb, toks, _pick(fulls + resolved))
    out = []
    for c in chosen:
        first, last = toks[c.i], toks[c.j - 1]
        start = first.start + first.origin[c.plen] if c.plen else first.start
        end = last.end
        eid = c.entry_ids[0]
        e = kb.entries[eid]
        how = "coref" if c.how == "short" else c.how
        out.append(Mention(start, end, text[start:end], eid, e.type, e.name_en, how))
    return out
