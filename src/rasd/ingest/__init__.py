"""Ingest: inputs in the contract's forms to cleaned Articles or per-item errors."""
from .clean import clean_text
from .decode import InputError, decode
from .readers import DEFAULT_MAX_BYTES, IngestOptions, read_inputs, read_one

__all__ = ["clean_text", "InputError", "decode", "DEFAULT_MAX_BYTES", "IngestOptions",
           "read_inputs", "read_one"]
