"""Check a graph: SHACL shapes (pySHACL) and, on request, OWL 2 RL consistency (owlrl).

The shapes in ``ontology/shapes.ttl`` say what a kg graph must hold (every entity labelled
and typed, every statement with its source, sentence, offsets and confidence, ...). The
reasoner adds what the ontology entails (domains, ranges, disjoint classes) and reports a
contradiction, such as a node that would have to be both a person and an organisation.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import OntologyError
from kg.ontology import ontology_dir

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = ["Violation", "ValidationReport", "shapes_file", "validate", "inconsistencies", "describe"]

_SH = "http://www.w3.org/ns/shacl#"
_OWLRL_ERROR = "http://www.daml.org/2002/03/agents/agent-ont#"


def shapes_file() -> Path:
    """The bundled SHACL shapes, ``ontology/shapes.ttl``."""
    return ontology_dir() / "shapes.ttl"


@dataclass(frozen=True)
class Violation:
    """One SHACL result: the node it is about, the property path, what is wrong, how bad.

    Terms are written as in Turtle with the graph's prefixes (``ent:valery-gerasimov``).
    """

    focus: str
    path: str | None
    message: str
    severity: str = "Violation"
    value: str | None = None

    def __str__(self) -> str:
        value = f" (value {self.value})" if self.value is not None and self.value != self.focus else ""
        level = "" if self.severity == "Violation" else f"{self.severity}: "
        return f"{level}{self.focus} {self.path or '-'}: {self.message}{value}"


@dataclass(frozen=True)
class ValidationReport:
    """Whether the graph conforms to the shapes, and every result, sorted."""

    conforms: bool
    violations: tuple[Violation, ...]


def validate(
    graph: Graph, *, ontology: Iterable[str | Path] = (), shapes: Sequence[str | Path] = ()
) -> ValidationReport:
    """Validate ``graph`` (a Graph or Dataset) against the bundled shapes plus ``shapes``.

    The ontology (``kg.ttl`` plus the ``ontology`` extensions) is read alongside the data,
    so that ``sh:class kgo:Entity`` accepts a ``kgo:Country``. A dataset is validated as the
    union of its graphs: a statement in an article's named graph refers to entities and
    the article in the default graph.

    Raises:
        OntologyError: a shapes or ontology file is missing or is not valid Turtle.

    Example:
        >>> from rdflib import Graph
        >>> validate(Graph()).conforms
        True
    """
    from pyshacl import validate as shacl

    data = _union(graph, _parsing_once())
    shapes_graph = _parse((shapes_file(), *shapes))
    ontology_graph = _parse((ontology_dir() / "kg.ttl", *ontology))
    conforms, results, _ = shacl(
        data,
        shacl_graph=shapes_graph,
        ont_graph=ontology_graph,
        inference="none",
        inplace=True,  # ``data`` is this call's own copy
        abort_on_first=False,
        allow_infos=True,
        allow_warnings=True,
        meta_shacl=False,
        advanced=False,
        debug=False,
    )
    return ValidationReport(bool(conforms), _violations(results, data))


def inconsistencies(graph: Graph, *, ontology: Iterable[str | Path] = ()) -> list[str]:
    """What an OWL 2 RL reasoner finds contradictory in ``graph`` together with the ontology.

    Runs owlrl (pure Python, no Java) over a copy of the graph, ``kg.ttl`` and the
    ``ontology`` extensions; an empty list means consistent under OWL 2 RL.

    Raises:
        OntologyError: an ontology file is missing or is not valid Turtle.

    Example:
        >>> from rdflib import Graph
        >>> inconsistencies(Graph())
        []
    """
    import owlrl
    from rdflib import OWL, RDF, Namespace

    closure = _union(graph)
    closure += _parse((ontology_dir() / "kg.ttl", *ontology))
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(closure)
    errors = Namespace(_OWLRL_ERROR)
    found = {str(message) for message in closure.objects(None, errors.error)}
    found |= {f"{_term(node, graph)} is a member of owl:Nothing" for node in closure.subjects(RDF.type, OWL.Nothing)}
    return sorted(" ".join(message.split()) for message in found)


def describe(report: ValidationReport) -> list[str]:
    """One line per result, for people: ``<focus> <path>: <message>``."""
    return [str(violation) for violation in report.violations]


def _union(graph: Graph, kind: type[Graph] | None = None) -> Graph:
    """A plain graph (or one of ``kind``) holding every triple of ``graph``, whichever of its
    graphs it is in."""
    from rdflib import Graph

    union = (kind or Graph)()
    for prefix, namespace in graph.namespaces():
        union.bind(prefix, namespace, override=True)
    quads = getattr(graph, "quads", None)
    triples = (quad[:3] for quad in quads((None, None, None, None))) if callable(quads) else graph
    for triple in triples:
        union.add(triple)
    return union


@cache
def _parsing_once() -> type[Graph]:
    """A Graph that parses each SPARQL text once: pySHACL runs a SPARQL constraint once per
    focus node with the node bound, and rdflib would parse the same text every time (nine
    tenths of validating a built graph)."""
    from rdflib import Graph
    from rdflib.plugins.sparql import prepareQuery

    class ParsingOnce(Graph):
        def query(self, query_object, *args, **kwargs):
            if isinstance(query_object, str):
                prepared = self.__dict__.setdefault("_prepared", {})
                if query_object not in prepared:
                    prepared[query_object] = prepareQuery(query_object, initNs=dict(self.namespaces()))
                query_object = prepared[query_object]
            return super().query(query_object, *args, **kwargs)

    return ParsingOnce


def _parse(paths: Iterable[str | Path]) -> Graph:
    from rdflib import Graph

    graph = Graph()
    for path in paths:
        try:
            graph.parse(path, format="turtle")
        except FileNotFoundError:
            raise OntologyError(f"{path}: file not found") from None
        except Exception as error:  # rdflib raises many parser types; all mean "bad Turtle"
            message = str(error).splitlines()[0] if str(error) else type(error).__name__
            raise OntologyError(f"{path}: not valid Turtle ({message})") from None
    return graph


def _violations(results: Graph, data: Graph) -> tuple[Violation, ...]:
    from rdflib import RDF, Namespace

    sh = Namespace(_SH)
    found = set()
    for result in results.subjects(RDF.type, sh.ValidationResult):
        focus = results.value(result, sh.focusNode)
        path = results.value(result, sh.resultPath)
        value = results.value(result, sh["value"])
        messages = sorted(str(m) for m in results.objects(result, sh.resultMessage)) or ["does not conform"]
        severity = results.value(result, sh.resultSeverity)
        found.add(
            Violation(
                focus=_term(focus, data),
                path=_term(path, data) if path is not None else None,
                message=" ".join(messages[0].split()),
                severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
                value=_term(value, data) if value is not None else None,
            )
        )
    return tuple(sorted(found, key=lambda v: (v.focus, v.path or "", v.message, v.value or "")))


def _term(term, graph: Graph) -> str:
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, URIRef):
        try:
            return graph.namespace_manager.normalizeUri(term)
        except Exception:  # an IRI rdflib cannot split into prefix and name
            return f"<{term}>"
    if isinstance(term, Literal):
        return term.n3(graph.namespace_manager)
    if isinstance(term, BNode):
        return "[]"
    return str(term)
