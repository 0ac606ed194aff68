"""Turtle, N-Triples and N-Quads written as the mapping makes the terms, without an rdflib graph.

The graph of a build is never held whole: the default graph's part (entities, ontology
terms, articles, the extraction activity) is grouped by subject, then each article's facts
and statements are written as they are made, one article at a time. The output is a
function of the mapping's order, so the same inputs give the same bytes, and it parses
into the graph :func:`kg.rdf.triples_to_graph` (or, for N-Quads, the dataset of
:func:`kg.rdf.triples_to_dataset`) builds. Turtle keeps the prefixes and groups each
subject's triples with ``;`` and ``,``. TriG and JSON-LD are written by rdflib (:func:`write_file`
builds the graph for them).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import IO

from kg.ontology import KGO, Lexicon
from kg.rdf import (
    DEFAULT_BASE,
    ExtractionRun,
    Namespaces,
    atomic_output,
    serialize,
    triples_to_dataset,
    triples_to_graph,
    triples_to_terms,
    write_graph,
)
from kg.types import Article, Triple

__all__ = ["STREAM_FORMATS", "TermWriter", "prefixes", "write_file", "write_stream"]

# kg's format names written here; the others go through rdflib.
STREAM_FORMATS = ("turtle", "nt", "nquads")

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_FIXED_PREFIXES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": _XSD,
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "dcterms": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "kgo": KGO,
}
# Characters a quoted string must escape (Turtle's ECHAR where there is one), and IRI characters
# an IRIREF may not hold as they are: all as \uXXXX escapes, which every parser decodes.
_STRING_ESCAPES = {code: f"\\u{code:04X}" for code in (*range(0x20), 0x7F)}
_STRING_ESCAPES.update({ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"})
_IRI_ESCAPES = {code: f"\\u{code:04X}" for code in (*range(0x21), *map(ord, '<>"{}|^`\\'))}
# A local name that needs no escape in a prefixed name (a subset of Turtle's PN_LOCAL).
_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")
# Lexical forms Turtle writes bare, by datatype.
_BARE = {
    _XSD + "integer": re.compile(r"[+-]?[0-9]+"),
    _XSD + "decimal": re.compile(r"[+-]?[0-9]*\.[0-9]+"),
    _XSD + "boolean": re.compile(r"true|false"),
}


def prefixes(ns: Namespaces) -> dict[str, str]:
    """The prefixes a kg graph is written with: its own namespaces and the vocabularies it uses."""
    own = {"ent": ns.entity, "doc": ns.doc, "stmt": ns.statement, "rel": ns.relation, "run": ns.run}
    return {**_FIXED_PREFIXES, **{name: str(namespace) for name, namespace in own.items()}}


class TermWriter:
    """Writes subjects with their predicate–object pairs in one of :data:`STREAM_FORMATS`.

    Terms are plain: an IRI is a ``str``, a literal a ``(value, language, datatype)`` tuple.
    Counts the triples it writes in :attr:`count`.
    """

    def __init__(self, stream: IO[bytes], fmt: str, namespaces: dict[str, str]):
        if fmt not in STREAM_FORMATS:
            raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(STREAM_FORMATS)})")
        self._stream = stream
        self._turtle = fmt == "turtle"
        self._quads = fmt == "nquads"
        self._prefix = {iri: name for name, iri in namespaces.items()}
        self.count = 0
        self.term = lru_cache(maxsize=1 << 16)(self._term)
        if self._turtle:
            header = "".join(f"@prefix {name}: <{iri}> .\n" for name, iri in sorted(namespaces.items()))
            stream.write((header + "\n").encode())

    def write(self, subject: str, pairs: Iterable[tuple], graph: str | None = None) -> None:
        """Write ``subject``'s ``(predicate, object)`` pairs; ``graph`` names the graph (N-Quads only)."""
        term = self.term
        if self._turtle:
            lines: list[str] = []
            previous = None
            for predicate, obj in pairs:
                if predicate == previous:
                    lines[-1] += ", " + term(obj)
                else:
                    lines.append(("a" if predicate == _RDF_TYPE else term(predicate)) + " " + term(obj))
                    previous = predicate
                self.count += 1
            if lines:
                self._stream.write((term(subject) + " " + " ;\n    ".join(lines) + " .\n\n").encode())
            return
        start = term(subject) + " "
        end = " " + self._iri(graph) + " .\n" if self._quads and graph is not None else " .\n"
        text = "".join(start + term(predicate) + " " + term(obj) + end for predicate, obj in pairs)
        self.count += text.count("\n")
        self._stream.write(text.encode())

    def _term(self, term) -> str:
        if isinstance(term, str):
            return self._iri(term) if not self._turtle else self._name(term)
        value, lang, datatype = term
        if self._turtle and datatype is not None and datatype in _BARE and _BARE[datatype].fullmatch(value):
            return value
        quoted = '"' + value.translate(_STRING_ESCAPES) + '"'
        if lang is not None:
            return f"{quoted}@{lang}"
        if datatype is not None:
            return f"{quoted}^^{self._name(datatype) if self._turtle else self._iri(datatype)}"
        return quoted

    def _name(self, iri: str) -> str:
        """A prefixed name where a prefix covers the IRI and the rest is a plain local name."""
        cut = max(iri.rfind("/"), iri.rfind("#")) + 1
        prefix = self._prefix.get(iri[:cut])
        if prefix is not None and _LOCAL.fullmatch(iri, cut):
            return f"{prefix}:{iri[cut:]}"
        return self._iri(iri)

    @staticmethod
    def _iri(iri: str) -> str:
        return "<" + iri.translate(_IRI_ESCAPES) + ">"


def write_stream(
    stream: IO[bytes],
    triples: Sequence[Triple],
    lexicon: Lexicon,
    *,
    fmt: str,
    base: str = DEFAULT_BASE,
    articles: Iterable[Article] = (),
    run: ExtractionRun | None = None,
) -> int:
    """Write the graph of ``triples`` (see :func:`kg.rdf.triples_to_graph`) to ``stream`` in ``fmt``.

    N-Quads puts each article's facts in its named graph, as :func:`kg.rdf.triples_to_dataset` does.

    Returns:
        The number of triples (quads) written, each once.
    """
    writer = TermWriter(stream, fmt, prefixes(Namespaces(base)))
    shared, graphs = triples_to_terms(
        triples, lexicon, base=base, articles=articles, run=run, one_graph=fmt != "nquads"
    )
    for subject, pairs in _grouped(shared).items():
        writer.write(subject, pairs)
    for name, facts in graphs:
        for subject, pairs in _grouped(facts).items():
            writer.write(subject, pairs, name)
    return writer.count


def write_file(
    path: str | Path,
    triples: Sequence[Triple],
    lexicon: Lexicon,
    *,
    fmt: str,
    base: str = DEFAULT_BASE,
    articles: Iterable[Article] = (),
    run: ExtractionRun | None = None,
) -> int:
    """Write the graph of ``triples`` to ``path`` in kg format ``fmt``, atomically (see :func:`kg.rdf.atomic_output`).

    Turtle, N-Triples and N-Quads stream (:func:`write_stream`); TriG and JSON-LD are
    serialised by rdflib from the whole graph.

    Returns:
        The number of triples (quads) written.

    Raises:
        GraphError: the file cannot be written.
    """
    options = {"base": base, "articles": articles, "run": run}
    if fmt in STREAM_FORMATS:
        with atomic_output(path) as stream:
            return write_stream(stream, triples, lexicon, fmt=fmt, **options)
    make = triples_to_dataset if fmt == "trig" else triples_to_graph
    graph = make(triples, lexicon, **options)
    write_graph(serialize(graph, fmt), path)
    return len(graph)


def _grouped(triples: Iterable[tuple]) -> dict[str, dict[tuple, None]]:
    """Each subject's distinct ``(predicate, object)`` pairs, subjects and pairs in the order made."""
    groups: dict[str, dict[tuple, None]] = {}
    for subject, predicate, obj in triples:
        groups.setdefault(subject, {})[(predicate, obj)] = None
    return groups
