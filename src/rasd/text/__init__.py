"""The Arabic text layer: normalization with offset maps, tokens, clitics, sentences."""
from .layer import BASE_LAYERS, segment, sentences_of, sentences_with_tokens
from .normalize import Normalized, norm, normalize
from .sentences import Sentence, sentence_at, split_sentences
from .tokens import PROCLITICS, Token, proclitics, stems, strip_article, tokenize, word_norm

__all__ = ["BASE_LAYERS", "segment", "sentences_of", "sentences_with_tokens",
           "Normalized", "norm", "normalize", "Sentence", "sentence_at", "split_sentences",
           "PROCLITICS", "Token", "proclitics", "stems", "strip_article", "tokenize", "word_norm"]
