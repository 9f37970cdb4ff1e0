"""Token features for the `fast` CRF NER profile.

Feature groups (each can be switched off for ablation; see training/ner/train_crf.py):
- word:    the raw and the normalized token, and neighbour bigrams
- affix:   first/last 1-3 letters of the normalized token
- shape:   script/digit/punctuation shape and a length bucket
- clitic:  the token's readings with proclitics removed (rasd.text.stems: وبالقدس → القدس, قدس)
- ngram:   character trigrams of the clitic-stripped stem
- gaz:     gazetteer hits (GeoNames/babel places, Wikidata given names and surnames),
           single-token on every clitic reading, and multi-token place names
- trigger: curated trigger words (organisation heads, person titles, place heads)
- lex:     the training corpus's own entity list (model.lex.tsv: names seen as an entity with
           one dominant label); during training each fold sees a list built from the other
           folds only (jackknifing), so the CRF learns how far to trust an unseen list
- cluster: distributional word clusters (clusters.tsv: PPMI + SVD + k-means over the
           training text and open-licence unlabeled news, several granularities), of the
           word or, failing that, of its first clitic reading that has one
- context: the neighbours' word/clitic/gazetteer/trigger/cluster features at -2..+2

Per-token features depend only on the token string, so they are computed once and
cached; a sentence only concatenates cached lists (fast tagging).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rasd.text import norm, stems

DATA = Path(__file__).resolve().parents[1] / "data" / "ner" / "crf"
ALL_GROUPS = frozenset({"word", "affix", "shape", "clitic", "ngram", "gaz", "trigger", "lex", "context",
                        "cluster"})

# Words that head an organisation name (normalized spelling).
ORG_HEADS = {norm(w) for w in (
    "وزارة مجلس حزب جيش قوات تنظيم حركة شركة جامعة وكالة منظمة هيئة جبهة جماعة اتحاد لجنة "
    "جمعية مؤسسة بنك مصرف صندوق محكمة برلمان حكومة كتائب كتيبة سرايا لواء فيلق ميليشيا "
    "ائتلاف تحالف رابطة نقابة مركز معهد صحيفة جريدة قناة اذاعة تلفزيون شبكة مجموعة منتدى "
    "مفوضية اكاديمية نادي فريق منتخب دائرة ادارة سلطة مديرية قيادة شرطة امن استخبارات "
    "مخابرات البنك الجامعة الوزارة الحزب المجلس الجيش القوات الحركة الشركة الوكالة").split()}
# Titles and kinship words that come before a person's name.
PERS_TITLES = {norm(w) for w in (
    "الرئيس الوزير الشيخ السيد السيدة أبو ابو أبي أم ابن بن بنت الملك الامير الأمير الأميرة "
    "الدكتور د الرئيسة الزعيم القائد العقيد اللواء العميد الجنرال المشير النقيب الرائد "
    "المستشار النائب السفير الامين الأمين المتحدث الناطق رئيس وزير الحاج الإمام الامام "
    "المطران البابا الكاردينال آية الله المرشد المبعوث المفوض المدير السناتور السيناتور "
    "المحافظ القاضي المحامي الفنان الكاتب الشاعر اللاعب المدرب الصحفي الصحافي عبد "
    "لاعب مدرب المهاجم مهاجم الحارس حارس المدافع مدافع النجم نجم زميله مواطنه الدولي "
    "السيدة الآنسة مستشار المبعوث نائب الناطق المتحدثة الرئيس السابق").split()}
# Words that head or announce a place name.
LOC_HEADS = {norm(w) for w in (
    "مدينة محافظة ولاية بلدة قرية منطقة اقليم إقليم عاصمة العاصمة مخيم حي شمال جنوب شرق غرب "
    "شمالي جنوبي شرقي غربي وسط ضواحي ريف جزيرة جزر نهر بحر خليج جبل سهل وادي مطار ميناء "
    "معبر حدود قضاء ناحية مقاطعة دولة جمهورية مملكة إمارة امارة").split()}


def _lines(name: str) -> set[str]:
    """Entries of one gazetteer list (empty when the file is absent)."""
    path = DATA / name
    if not path.exists():
        return set()
    return {line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}


class Gazetteer:
    """Place and person-name lists, all in rasd.text.norm spelling."""

    def __init__(self) -> None:
        locs = {x for x in _lines("loc.txt") if len(x) >= 3}
        self.loc1 = {x for x in locs if " " not in x}
        self.loc_multi: dict[str, set[tuple[str, ...]]] = {}
        for x in locs:
            parts = tuple(x.split())
            if 1 < len(parts) <= 4:
                self.loc_multi.setdefault(parts[0], set()).add(parts)
        self.given = {x for x in _lines("given.txt") if len(x) >= 3}
        self.surname = {x for x in _lines("surname.txt") if len(x) >= 3}


class Lexicon:
    """Names (normalized, space-joined) with the label they carried as entities."""

    def __init__(self, entries: dict[str, str]) -> None:
        self.multi: dict[str, dict[tuple[str, ...], str]] = {}
        self.word: dict[str, set[str]] = {}  # word -> labels of names it is part of
        for name, label in entries.items():
            parts = tuple(name.split())
            if 0 < len(parts) <= 6:
                self.multi.setdefault(parts[0], {})[parts] = label
            for p in parts:
                if len(p) >= 3:
                    self.word.setdefault(p, set()).add(label)

    @classmethod
    def from_sentences(cls, sentences, min_share: float = 0.6) -> "Lexicon":
        """Entity names of tagged sentences whose most frequent label has ``min_share``."""
        from collections import Counter, defaultdict

        from .metrics import entities
        seen: dict[str, Counter] = defaultdict(Counter)
        unlabelled: Counter = Counter()
        for toks, tags in sentences:
            normed = [norm(t) for t in toks]
            for lab, a, b in entities(tags):
                seen[" ".join(normed[a:b])][lab] += 1
            for t in normed:
                unlabelled[t] += 1
        out = {}
        for name, labs in seen.items():
            lab, n = labs.most_common(1)[0]
            # A one-word name seen far more often outside entities (a common word) is left out.
            total = unlabelled[name] if " " not in name else n
            if n / sum(labs.values()) >= min_share and n / max(total, n) >= 0.3 and len(name) > 1:
                out[name] = lab
        return cls(out)

    @classmethod
    def load(cls, path: Path) -> "Lexicon":
        """A lexicon saved as `name<TAB>LABEL` lines."""
        entries = {}
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if "\t" in line:
                    name, lab = line.split("\t", 1)
                    entries[name] = lab
        return cls(entries)

    def save(self, path: Path) -> None:
        rows = sorted(f"{' '.join(k)}\t{v}" for d in self.multi.values() for k, v in d.items())
        path.write_text("\n".join(rows) + "\n", encoding="utf-8")

    def marks(self, readings: list[list[str]]) -> list[str | None]:
        """B-/I-LABEL marks of the longest lexicon names (first token may carry clitics)."""
        out: list[str | None] = [None] * len(readings)
        i = 0
        while i < len(readings):
            best, lab = 0, ""
            for first in readings[i]:
                for cand, cl in self.multi.get(first, {}).items():
                    k = len(cand)
                    if k > best and i + k <= len(readings) and all(
                            cand[j] == readings[i + j][0] for j in range(1, k)):
                        best, lab = k, cl
            if best:
                out[i] = "B-" + lab
                for j in range(1, best):
                    out[i + j] = "I-" + lab
                i += best
            else:
                i += 1
        return out


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The packaged training-entity lexicon, loaded once."""
    return Lexicon.load(DATA / "model.lex.tsv")


@lru_cache(maxsize=1)
def clusters() -> dict[str, tuple[str, ...]]:
    """word -> cluster ids (coarse to fine) from the packaged clusters.tsv (empty if absent)."""
    path = DATA / "clusters.tsv"
    out: dict[str, tuple[str, ...]] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) > 1:
                out[parts[0]] = tuple(parts[1:])
    return out


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The packaged gazetteer, loaded once."""
    return Gazetteer()


def _shape(tok: str) -> str:
    """Coarse shape: script, digits, punctuation."""
    if tok.isdigit():
        return "D"
    if any(c.isdigit() for c in tok):
        return "Dx"
    if all("\u0600" <= c <= "\u06ff" for c in tok):
        return "A"
    if tok.isascii() and tok.isalpha():
        return "L"
    if not any(c.isalnum() for c in tok):
        return "P"
    return "X"


class Extractor:
    """Feature lists for sentences, with a per-token cache; ``groups`` picks feature groups."""

    def __init__(self, groups=ALL_GROUPS, window: int = 2, lex: Lexicon | None = None) -> None:
        unknown = set(groups) - ALL_GROUPS
        if unknown:
            raise ValueError(f"unknown feature groups {sorted(unknown)}; known: {sorted(ALL_GROUPS)}")
        self.groups = frozenset(groups)
        self.window = window if "context" in self.groups else 0
        self.offsets = tuple(o for o in range(-self.window, self.window + 1) if o)
        self.gaz = gazetteer()
        self.lex = (lex if lex is not None else lexicon()) if "lex" in self.groups else None
        self.clusters = clusters() if "cluster" in self.groups else {}
        self._cache: dict[str, tuple[list[str], list[str], dict[int, list[str]]]] = {}
        self._keys: dict[str, str] = {}

    def key(self, tok: str) -> str:
        """The token's shortest clitic reading (the memory pass groups occurrences by it)."""
        k = self._keys.get(tok)
        if k is None:
            k = self._keys[tok] = min(self._token(tok)[1], key=len)
        return k

    def _token(self, tok: str) -> tuple[list[str], list[str], dict[int, list[str]]]:
        """(own features, normalized readings, context features per offset) of one token."""
        hit = self._cache.get(tok)
        if hit is not None:
            return hit
        g = self.groups
        n = norm(tok)
        readings = [s for _, s in stems(n, min_len=3)] if n else [tok]
        stem = min(readings, key=len)
        own = ["b"]
        ctx: list[str] = []
        if "word" in g:
            own += ["w=" + tok, "n=" + n]
            ctx.append("n=" + n)
        if "affix" in g:
            own += ["p1=" + n[:1], "p2=" + n[:2], "p3=" + n[:3], "p4=" + stem[:4],
                    "s1=" + n[-1:], "s2=" + n[-2:], "s3=" + n[-3:], "s4=" + n[-4:]]
        if "shape" in g:
            sh = _shape(tok)
            own += ["sh=" + sh, "len=" + str(min(len(n), 8))]
            ctx.append("sh=" + sh)
        if "clitic" in g:
            for r in readings[1:]:
                own.append("st=" + r)
            own.append("ls=" + stem)
            own.append("al=" + str(any(r.startswith("ال") for r in readings)))
            ctx.append("ls=" + stem)
        if "ngram" in g and len(stem) > 3:
            padded = "<" + stem + ">"
            own += ["c3=" + padded[i:i + 3] for i in range(len(padded) - 2)]
        if "gaz" in g:
            gz = self.gaz
            for i, r in enumerate(readings):
                tag = "" if i == 0 else "~"  # "~": matched only after removing clitics
                for name, table in (("LOC", gz.loc1), ("GIV", gz.given), ("SUR", gz.surname)):
                    if r in table:
                        f = f"g{tag}={name}"
                        if f not in own:
                            own.append(f)
                            ctx.append(f)
        if "trigger" in g:
            for name, table in (("ORG", ORG_HEADS), ("PER", PERS_TITLES), ("LOC", LOC_HEADS)):
                if not table.isdisjoint(readings):
                    own.append("t=" + name)
                    ctx.append("t=" + name)
        if "cluster" in g:
            ids = self.clusters.get(n)
            mark = ""
            if ids is None:
                mark = "~"
                ids = next((self.clusters[r] for r in readings[1:] if r in self.clusters), None)
            if ids is None:
                own.append("k=none")
                ctx.append("k=none")
            else:
                own += [f"k{i}{mark}={c}" for i, c in enumerate(ids)]
                # Neighbours: the two coarser granularities only.
                ctx += [f"k{i}={c}" for i, c in enumerate(ids[:2])]
        if self.lex is not None:  # names of the training lexicon this word is part of
            labs: set[str] = set()
            for r in readings:
                labs |= self.lex.word.get(r, set())
            own += ["lxw=" + lab for lab in sorted(labs)]
        ctx_by_off = {o: [f"{o}{f}" for f in ctx] for o in self.offsets}
        if len(self._cache) > 300_000:  # bounded memory on long runs over new text
            self._cache.clear()
            self._keys.clear()
        out = (own, readings, ctx_by_off)
        self._cache[tok] = out
        return out

    def _multi_loc(self, readings: list[list[str]]) -> list[str | None]:
        """B/I marks of the longest multi-token place names (first token may carry clitics)."""
        marks: list[str | None] = [None] * len(readings)
        multi = self.gaz.loc_multi
        i = 0
        while i < len(readings):
            best = 0
            for first in readings[i]:
                for cand in multi.get(first, ()):
                    k = len(cand)
                    if k > best and i + k <= len(readings) and all(
                            cand[j] == readings[i + j][0] for j in range(1, k)):
                        best = k
            if best:
                marks[i] = "B"
                for j in range(1, best):
                    marks[i + j] = "I"
                i += best
            else:
                i += 1
        return marks

    def token(self, tok: str) -> tuple[list[str], list[str], dict[int, list[str]]]:
        """(own features, normalized readings, features lent to the neighbour at each offset)."""
        return self._token(tok)

    def extras(self, info: list[tuple]) -> list[list[str]]:
        """Per token, the features that depend on the sentence and not on the token alone:
        sentence edges, multi-token place names, training-lexicon names, word bigrams."""
        n = len(info)
        mg = self._multi_loc([x[1] for x in info]) if "gaz" in self.groups else [None] * n
        lx = self.lex.marks([x[1] for x in info]) if self.lex is not None else [None] * n
        out: list[list[str]] = []
        for i, (own, _, _) in enumerate(info):
            f = [f"{o}BOS" if i + o < 0 else f"{o}EOS" for o in self.offsets if not 0 <= i + o < n]
            if mg[i]:
                f.append("mg=" + mg[i])
                if i + 1 < n and mg[i + 1] == "I":
                    f.append("mg+1=I")
            if lx[i]:
                f.append("lx=" + lx[i])
                f.append("lxl=" + lx[i][2:])
            for o in (-1, 1):
                if 0 <= i + o < n and lx[i + o] and self.window:
                    f.append(f"{o}lx=" + lx[i + o])
            if "word" in self.groups and self.window:
                if i > 0:
                    f.append("bg-=" + info[i - 1][0][2][2:] + "|" + own[2][2:])
                if i + 1 < n:
                    f.append("bg+=" + own[2][2:] + "|" + info[i + 1][0][2][2:])
            out.append(f)
        return out

    def sentence(self, tokens: list[str]) -> list[list[str]]:
        """One feature list per token (the token's own, its neighbours', the sentence's)."""
        info = [self._token(t) for t in tokens]
        n = len(tokens)
        feats: list[list[str]] = []
        for i, ex in enumerate(self.extras(info)):
            f = list(info[i][0])
            for o in self.offsets:
                if 0 <= i + o < n:
                    f.extend(info[i + o][2][o])
            f.extend(ex)
            feats.append(f)
        return feats


def memory_features(ext: Extractor, sentences: list[list[str]], tags: list[list[str]]) -> list[list[list[str]]]:
    """Second-pass features: what a first pass tagged the same word as elsewhere in the window.

    News repeats a name many times per article, usually with the telling context only once;
    the stage-2 CRF sees, per token, the labels the first pass gave other occurrences of its
    clitic-stripped stem in the same window of sentences, plus its own first-pass tag.
    """
    keys, counts = memory_counts(ext, sentences, tags)
    done: dict[tuple[str, str], list[str]] = {}  # (key, own label) -> memory features
    out = []
    for ks, ts in zip(keys, tags):
        rows = []
        last = len(ts) - 1
        for i, (k, t) in enumerate(zip(ks, ts)):
            own = t[2:] if t != "O" else "O"
            f = ["s1=" + t]
            if i > 0:
                f.append("-1s1=" + ts[i - 1])
            if i < last:
                f.append("1s1=" + ts[i + 1])
            if len(k) >= 3:
                m = done.get((k, own))
                if m is None:
                    m = done[(k, own)] = memory_of(counts[k], own)
                f.extend(m)
            rows.append(f)
        out.append(rows)
    return out


def memory_counts(ext: Extractor, sentences: list[list[str]], tags: list[list[str]]):
    """Per token its memory key; per key the first-pass labels of its occurrences in the window."""
    keys = [[ext.key(t) for t in toks] for toks in sentences]
    counts: dict[str, dict[str, int]] = {}
    for ks, ts in zip(keys, tags):
        for k, t in zip(ks, ts):
            c = counts.setdefault(k, {})
            lab = t[2:] if t != "O" else "O"
            c[lab] = c.get(lab, 0) + 1
    return keys, counts


def memory_of(c: dict[str, int], own: str) -> list[str]:
    """Memory features of one occurrence given its key's label counts in the window."""
    total = sum(c.values()) - 1
    if total <= 0:
        return []
    ent = total - (c.get("O", 0) - (own == "O"))
    f = ["m=" + lab for lab, n in c.items() if lab != "O" and n - (lab == own) > 0]
    f.append("mf=" + str(min(3, int(4 * ent / total))))
    return f
