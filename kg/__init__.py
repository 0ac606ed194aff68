"""kg: a knowledge-graph constructor for news text.

``import kg`` is instant; the stages load spaCy, rdflib and NetworkX when first used.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

__version__ = "0.1.0"

__all__ = [
    "extract",
    "extract_open",
    "build",
    "query",
    "centrality",
    "triple_record",
    "read_articles",
    "Article",
    "Entity",
    "Mention",
    "Relation",
    "Triple",
    "KGError",
    "__version__",
]

_EXPORTS = {
    "extract": "kg.api",
    "extract_open": "kg.api",
    "build": "kg.api",
    "query": "kg.api",
    "centrality": "kg.api",
    "triple_record": "kg.api",
    "read_articles": "kg.documents",
    "Article": "kg.types",
    "Entity": "kg.types",
    "Mention": "kg.types",
    "Relation": "kg.types",
    "Triple": "kg.types",
    "KGError": "kg.errors",
}

if TYPE_CHECKING:
    from kg.api import build, centrality, extract, extract_open, query, triple_record
    from kg.documents import read_articles
    from kg.errors import KGError
    from kg.types import Article, Entity, Mention, Relation, Triple


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
