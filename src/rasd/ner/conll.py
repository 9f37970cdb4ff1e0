"""CoNLL-style `token TAG` reading and the fixed train/dev split of ANERcorp."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

Sentence = tuple[list[str], list[str]]


def read_conll(lines: Iterable[str], tag_col: int = 1) -> Iterator[Sentence]:
    """(tokens, tags) per sentence; a blank line ends a sentence, a missing tag reads as O."""
    toks: list[str] = []
    tags: list[str] = []
    for line in lines:
        parts = line.split()
        if not parts:
            if toks:
                yield toks, tags
                toks, tags = [], []
            continue
        toks.append(parts[0])
        tags.append(parts[tag_col] if len(parts) > tag_col else "O")
    if toks:
        yield toks, tags


def tokens_and_tags(path: str | Path, tag_col: int = 1) -> list[Sentence]:
    """All sentences of a `token TAG` file."""
    with open(path, encoding="utf-8") as f:
        return list(read_conll(f, tag_col))


def train_dev_split(sentences: list[Sentence], dev_fraction: float = 0.1) -> tuple[list[Sentence], list[Sentence]]:
    """The fixed split: the last ``dev_fraction`` of sentences is dev, never trained on."""
    cut = len(sentences) - int(round(len(sentences) * dev_fraction))
    return sentences[:cut], sentences[cut:]


def anercorp_dev(path: str | Path) -> list[Sentence]:
    """The dev split (last 10% of sentences) of ANERcorp train.txt."""
    return train_dev_split(tokens_and_tags(path))[1]
