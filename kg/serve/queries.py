"""The SPARQL the explorer needs beyond :func:`kg.analysis.read_facts`: where each mention is, who said it.

Each query runs once, when the server starts, over the whole graph; the pages then read
the results from memory (:mod:`kg.serve.catalog`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.named_queries import run_named_query
from kg.sparql import run_query

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = ["Evidence", "Role", "evidence", "roles"]

_EVIDENCE = """
SELECT ?statement ?sentenceStart ?subjectStart ?subjectEnd ?objectStart ?objectEnd ?speaker ?factDate ?dateText
WHERE {
  ?statement a kgo:Statement .
  OPTIONAL { ?statement kgo:sentenceStart ?sentenceStart }
  OPTIONAL { ?statement kgo:subjectStart ?subjectStart ; kgo:subjectEnd ?subjectEnd }
  OPTIONAL { ?statement kgo:objectStart ?objectStart ; kgo:objectEnd ?objectEnd }
  OPTIONAL { ?statement kgo:attributedTo ?speaker }
  OPTIONAL { ?statement kgo:factDate ?factDate }
  OPTIONAL { ?statement kgo:dateText ?dateText }
}
"""


@dataclass(frozen=True)
class Evidence:
    """Where a statement's mentions are in its sentence, who said it and when it happened.

    ``subject_span`` and ``object_span`` are (start, end) offsets in the sentence, ``None``
    when the graph does not say where the sentence starts (graphs built before
    ``kgo:sentenceStart``) or the offsets fall outside it.
    """

    subject_span: tuple[int, int] | None = None
    object_span: tuple[int, int] | None = None
    speaker: str | None = None
    fact_date: dt.date | None = None
    date_text: str = ""


@dataclass(frozen=True)
class Role:
    """A position, employer or membership (``ontology/queries/roles.rq``): holder, role, organisation."""

    holder: str
    role: str
    organization: str
    title: str
    statements: int


def evidence(graph: Graph, sentences: Mapping[str, str]) -> dict[str, Evidence]:
    """The :class:`Evidence` of every statement of ``graph``, by statement IRI.

    Args:
        graph: the graph.
        sentences: each statement's sentence, to check that the spans fall inside it.
    """
    found = {}
    for statement, start, s_start, s_end, o_start, o_end, speaker, day, text in run_query(graph, _EVIDENCE).rows:
        sentence = sentences.get(statement, "")
        found[statement] = Evidence(
            subject_span=_span(start, s_start, s_end, len(sentence)),
            object_span=_span(start, o_start, o_end, len(sentence)),
            speaker=speaker,
            fact_date=dt.date.fromisoformat(day) if day else None,
            date_text=text or "",
        )
    return found


def _span(offset: str | None, start: str | None, end: str | None, length: int) -> tuple[int, int] | None:
    if offset is None or start is None or end is None:
        return None
    first, last = int(start) - int(offset), int(end) - int(offset)
    return (first, last) if 0 <= first < last <= length else None


def roles(graph: Graph) -> list[Role]:
    """Every role the graph records, from the named query ``roles`` (holders and organisations as labels)."""
    rows = run_named_query(graph, "roles").rows
    return [Role(h or "", r or "", o or "", t or "", int(n or 0)) for h, r, o, t, n in rows]
