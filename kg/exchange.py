"""The entity projection of a graph as GraphML or GEXF, for Gephi, Cytoscape, yEd and NetworkX.

Nodes are entities (IRI as id, with label and type), edges the relations between them with
their weight (supporting statements) and relation labels: the projection of
:func:`kg.analysis.project`. GraphML and GEXF hold only strings, numbers and booleans, so
list values ("relations", "aliases") are written as one string joined with ``"; "``.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import UsageError

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["EXPORT_FORMATS", "export_format", "simple_attributes", "projection_bytes", "export_projection"]

EXPORT_FORMATS = {"graphml": ".graphml", "gexf": ".gexf"}
_SEPARATOR = "; "


def export_format(path: str | Path, requested: str | None = None) -> str:
    """The export format: the one requested, else the output file's suffix.

    Raises:
        UsageError: the format is unknown, or none was given and the suffix names none.

    Example:
        >>> export_format("out/graph.gexf")
        'gexf'
    """
    if requested is not None:
        if requested not in EXPORT_FORMATS:
            raise UsageError(f"unknown format {requested!r} (choose from {', '.join(EXPORT_FORMATS)})")
        return requested
    suffix = Path(path).suffix.lower()
    for name, known in EXPORT_FORMATS.items():
        if suffix == known:
            return name
    choices = " or ".join(EXPORT_FORMATS.values())
    raise UsageError(f"{path}: cannot tell the format from the suffix {suffix or '(none)'!r} (use {choices})")


def simple_attributes(projection: nx.DiGraph) -> nx.DiGraph:
    """A copy of ``projection`` in a stable order with only str, int, float and bool attribute values.

    Lists, tuples and sets become one string joined with ``"; "``; ``None`` values are dropped.

    Example:
        >>> import networkx as nx
        >>> g = nx.DiGraph()
        >>> g.add_edge("a", "b", relations=["attacked", "hit"], weight=2)
        >>> simple_attributes(g).edges["a", "b"]
        {'relations': 'attacked; hit', 'weight': 2}
    """
    import networkx as nx

    simple = nx.DiGraph()
    simple.graph.update(_simple(projection.graph))
    for node in sorted(projection.nodes):
        simple.add_node(node, **_simple(projection.nodes[node]))
    for subject, obj in sorted(projection.edges):
        simple.add_edge(subject, obj, **_simple(projection.edges[subject, obj]))
    return simple


def _simple(attributes: dict) -> dict:
    out = {}
    for key, value in sorted(attributes.items()):
        if value is None:
            continue
        if isinstance(value, (list, tuple, set, frozenset)):
            items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
            value = _SEPARATOR.join(str(item) for item in items)
        elif not isinstance(value, (str, int, float, bool)):
            value = str(value)
        out[str(key)] = value
    return out


def projection_bytes(projection: nx.DiGraph, fmt: str) -> bytes:
    """Serialise ``projection`` as ``fmt`` (``"graphml"`` or ``"gexf"``), UTF-8.

    Raises:
        UsageError: ``fmt`` is not one of :data:`EXPORT_FORMATS`.
    """
    import networkx as nx

    export_format("", fmt)
    simple = simple_attributes(projection)
    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(simple, buffer, encoding="utf-8", prettyprint=True)
    else:
        nx.write_gexf(simple, buffer, encoding="utf-8", prettyprint=True, version="1.2draft")
        # The writer stamps today's date (an optional attribute): without it the same graph
        # always exports to the same bytes.
        return re.sub(rb' lastmodifieddate="[^"]*"', b"", buffer.getvalue(), count=1)
    return buffer.getvalue()


def export_projection(projection: nx.DiGraph, output: str | Path, *, format: str | None = None) -> str:
    """Write ``projection`` to ``output`` atomically; return the format used.

    Raises:
        UsageError: the format is unknown or cannot be told from the suffix.
        GraphError: the output cannot be written.
    """
    from kg.rdf import write_graph

    fmt = export_format(output, format)
    write_graph(projection_bytes(projection, fmt), output)
    return fmt
