"""The sentence and token layer: computed once per Article, read by every stage.

:func:`segment` splits the cleaned text into sentences (:func:`split_sentences`) and each
sentence into tokens (:func:`tokenize`) whose ``norm`` is filled, so no stage splits,
tokenizes or normalizes a word again. Tokens never cross a sentence boundary.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .sentences import Sentence, split_sentences
from .tokens import Token, normalized, tokenize

if TYPE_CHECKING:
    from ..model import Article

BASE_LAYERS = ("text", "sentences", "tokens")


def sentences_with_tokens(text: str) -> tuple[tuple[Sentence, ...], tuple[Token, ...]]:
    """(sentences, tokens) of ``text``; each sentence's tokens lie inside it."""
    sents: list[Sentence] = []
    toks: list[Token] = []
    for s in split_sentences(text):
        first = len(toks)
        toks.extend(normalized(tokenize(text, s.start, s.end)))
        sents.append(Sentence(s.start, s.end, s.text, first, len(toks)))
    return tuple(sents), tuple(toks)


def segment(article: "Article") -> "Article":
    """``article`` with its sentence and token layers (unchanged when already there)."""
    if article.sentences or not article.text:
        return article
    sents, toks = sentences_with_tokens(article.text)
    return article.with_text_layer(sents, toks)


def sentences_of(article: "Article") -> tuple[Sentence, ...]:
    """The article's sentences, split now for an Article read back from a store."""
    return article.sentences or tuple(split_sentences(article.text))
