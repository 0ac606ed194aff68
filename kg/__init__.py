"""kg: a knowledge-graph constructor for news text.

``import kg`` is instant; the stages load spaCy, rdflib and NetworkX when first used. No
module of the package shares a name with a function exported here (``kg.query`` is the
function; SPARQL lives in :mod:`kg.sparql`), so importing a stage never hides the API.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

__version__ = "0.1.0"

__all__ = [
    "extract",
    "extract_open",
    "build",
    "build_file",
    "build_store",
    "query",
    "centrality",
    "rank",
    "windows",
    "trends",
    "structure",
    "ego",
    "report",
    "named_query",
    "validate",
    "export",
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
    "build_file": "kg.api",
    "build_store": "kg.api",
    "query": "kg.api",
    "centrality": "kg.api",
    "rank": "kg.api",
    "windows": "kg.api",
    "trends": "kg.api",
    "structure": "kg.api",
    "ego": "kg.api",
    "report": "kg.api",
    "named_query": "kg.api",
    "validate": "kg.api",
    "export": "kg.api",
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
    from kg.api import (
        build,
        build_file,
        build_store,
        centrality,
        ego,
        export,
        extract,
        extract_open,
        named_query,
        query,
        rank,
        report,
        structure,
        trends,
        triple_record,
        validate,
        windows,
    )
    from kg.documents import read_articles
    from kg.errors import KGError
    from kg.types import Article, Entity, Mention, Relation, Triple


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
