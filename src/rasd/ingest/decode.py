"""Bytes to text: encoding detection for the encodings Arabic news arrives in."""
from __future__ import annotations

import codecs
import re


class InputError(ValueError):
    """An input that cannot become an Article; ``kind`` names the reason for error records."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


def letter_count(text: str) -> int:
    return len(_LETTER.findall(text))


def arabic_ratio(text: str) -> float:
    """Share of letters that are Arabic script."""
    letters = len(_LETTER.findall(text))
    return len(_ARABIC.findall(text)) / letters if letters else 0.0


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls > len(sample) * 0.05


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 byte order when the high bytes look like Arabic or ASCII text (0x06 or 0x00)."""
    if len(head) < 8 or len(head) % 2:
        return None
    high_le, high_be = head[1::2], head[0::2]
    share = lambda hs: sum(1 for b in hs if b in (0x00, 0x06)) / len(hs)  # noqa: E731
    if share(high_le) > 0.9 and share(high_be) < 0.5:
        return "utf-16-le"
    if share(high_be) > 0.9 and share(high_le) < 0.5:
        return "utf-16-be"
    return None


def decode(data: bytes) -> tuple[str, str]:
    """Decode ``data``; returns (text, encoding name). Raises InputError for binary data.

    Order: a BOM decides; then UTF-16 without BOM (NULs in every other byte); then strict
    UTF-8; then windows-1256, the usual legacy Arabic code page, when it yields Arabic;
    then charset-normalizer's best guess.
    """
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(enc, errors="replace"), enc
    enc = _utf16_without_bom(data[:4096])
    if enc:
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            pass
    if _looks_binary(data):
        raise InputError("binary", "looks like a binary file (NUL or control bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1256")
        if arabic_ratio(text) > 0.5:
            return text, "cp1256"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError("encoding", "could not detect the text encoding")
    return str(best), best.encoding
