"""Site boilerplate removal that leaves article sentences untouched.

Works line by line: news sites wrap the article in whole lines of furniture (comment
counters, "read also" links, subscription prompts, reply boxes, the headline printed
twice, pull quotes that repeat a sentence). A line is dropped only when it matches one
of those shapes as a whole; no line is ever edited.
"""
from __future__ import annotations

import re

from ..text.normalize import norm

# Whole-line prompts, in normalized spelling (see rasd.text.normalize).
_PROMPTS = [
    r"لم تشترك بعد",
    r"انشي? حسابا خاصا بك.*",
    r"اترك (?:ردا?|تعليقا)",
    r"(?:اضف|أضف) تعليقا?",
    r"شارك(?: هذا)? (?:المقال|الخبر)(?: على .{0,30})?",
    r"(?:تابعونا|تابعنا) على .{0,40}",
    r"(?:اشترك|اشتركي) (?:في|ب)(?: النشره| نشرتنا)[^.]{0,60}",
    r"\d{1,4} ?(?:تعليق|تعليقات|مشاهده|مشاهدات)?",
    r"(?:الكلمات المفتاحيه|كلمات مفتاحيه|وسوم)\s*:.{0,200}",
    r"(?:اقرا|اقرا/ي|اقري|اقرا ايضا|اقرا/ي ايضا|اقرا ايضا|اقرا المزيد)\s*:?",
]
_PROMPT = re.compile(r"^\s*(?:" + "|".join(_PROMPTS) + r")\s*[:.!]?\s*$")
# "اقرأ/ي أيضًا: <linked headline>" — the link line itself.
_READ_ALSO = re.compile(r"^\s*اقرا(?:/ي)?\s+(?:ايضا|المزيد)\s*:?(.*)$")


def _is_heading_like(line: str) -> bool:
    """Short line without final sentence punctuation: how a linked headline looks."""
    s = line.strip()
    return 0 < len(s) <= 160 and not s.endswith((".", "؟", "?", "!", ":"))


def clean_lines(lines: list[str]) -> list[str]:
    """The kept lines, in order; blank lines are kept as paragraph breaks."""
    kept: list[str] = []
    seen_norm: list[str] = []
    drop_next_heading = False
    for raw in lines:
        line = raw.rstrip()
        n = norm(line).strip()
        if not n:
            kept.append("")
            continue
        if drop_next_heading:
            drop_next_heading = False
            if _is_heading_like(line):
                continue
        m = _READ_ALSO.match(n)
        if m:
            drop_next_heading = not m.group(1).strip()
            continue
        if _PROMPT.match(n):
            continue
        # Repeated headline or pull quote: a line already printed, or wholly inside one.
        if len(n) >= 20 and any(n == s or (len(n) < len(s) and n.strip('"\' ') in s) for s in seen_norm):
            continue
        seen_norm.append(n)
        kept.append(line.strip())
    return kept


# C0 controls other than tab and newlines, and DEL: never text, and PostgreSQL refuses NUL.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# A lone surrogate (from a JSON "\ud800" escape) cannot be encoded as UTF-8 by any store.
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def clean_field(value: str) -> str:
    """A metadata value (title, outlet, url, id) without the characters no store can keep."""
    return _SURROGATE.sub("\ufffd", _CONTROLS.sub("", value))


def clean_text(text: str) -> str:
    """Cleaned article text: boilerplate lines out, one blank line between paragraphs.

    Bidi controls (U+202A-U+202E, U+2066-U+2069) are kept: the texts of ../shared carry them
    and labelled offsets index the text with them; matching ignores them (rasd.text)."""
    text = clean_field(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    out: list[str] = []
    for line in clean_lines(text.split("\n")):
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


def title_of(text: str) -> str | None:
    """First non-empty line."""
    for line in text.split("\n"):
        if line.strip():
            return line.strip()
    return None
