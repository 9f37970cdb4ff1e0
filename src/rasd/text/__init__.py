"""The Arabic text layer: normalization with offset maps, tokens, clitics, sentences."""
from .normalize import Normalized, norm, normalize
from .sentences import Sentence, sentence_at, split_sentences
from .tokens import Token, stems, strip_article, tokenize

__all__ = ["Normalized", "norm", "normalize", "Sentence", "sentence_at", "split_sentences",
           "Token", "stems", "strip_article", "tokenize"]
