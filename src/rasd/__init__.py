"""rasd (رصد): an offline Arabic conflict-news monitor."""
from .model import Article, ItemError
from .pipeline import Pipeline, analyze

__version__ = "0.1.0"
__all__ = ["Article", "ItemError", "Pipeline", "analyze", "__version__"]
