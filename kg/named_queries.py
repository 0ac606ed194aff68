"""Named SPARQL queries: the ``ontology/queries/*.rq`` files, their parameters, and running them.

A named query is a plain ``.rq`` file that runs in any SPARQL 1.1 store. Its header says
what it answers and which variables the caller may bind::

    # Timeline of an entity: the facts it takes part in, in date order.
    #
    # @param entity required the entity's label (any case), e.g. "Andriy Yermak"

Values are bound with ``initBindings`` (:func:`kg.sparql.run_query`), never pasted into the
query text. They are bound as plain string literals, and the queries compare labels with
``STR()`` (and ``LCASE()``), so ``"Valery Gerasimov"`` finds the label
``"Valery Gerasimov"@en`` whatever its language tag or case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import QueryError, UsageError
from kg.ontology import ontology_dir
from kg.sparql import QueryResult, run_query

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = [
    "Parameter",
    "NamedQuery",
    "queries_dir",
    "named_queries",
    "named_query",
    "parse_bindings",
    "run_named_query",
]

_PARAM = re.compile(r"^#\s*@param\s+(\w+)\s+(required|optional)\s+(.*)$")


@dataclass(frozen=True)
class Parameter:
    """A variable of a named query that the caller may (or must) bind."""

    name: str
    required: bool
    description: str


@dataclass(frozen=True)
class NamedQuery:
    """One ``.rq`` file: its name (the file's stem), one-line description, parameters and text."""

    name: str
    description: str
    parameters: tuple[Parameter, ...]
    text: str
    path: Path

    def bindings(self, values: Mapping[str, str]) -> dict[str, object]:
        """The ``initBindings`` for ``values``: each a plain string literal.

        Raises:
            UsageError: a value names no parameter, or a required parameter has none.
        """
        from rdflib import Literal

        known = {p.name for p in self.parameters}
        unknown = sorted(set(values) - known)
        if unknown:
            allowed = ", ".join(sorted(known)) or "none"
            raise UsageError(f"query {self.name!r} has no parameter {unknown[0]!r} (parameters: {allowed})")
        missing = [p.name for p in self.parameters if p.required and p.name not in values]
        if missing:
            raise UsageError(f"query {self.name!r} needs --bind {missing[0]}=VALUE")
        return {name: Literal(value) for name, value in values.items()}


def queries_dir() -> Path:
    """The folder of the bundled named queries, ``ontology/queries``."""
    return ontology_dir() / "queries"


def named_queries(folder: Path | None = None) -> dict[str, NamedQuery]:
    """Every named query in ``folder`` (default: the bundled ones), by name, sorted.

    Example:
        >>> "timeline" in named_queries()
        True
    """
    folder = folder or queries_dir()
    return {path.stem: _load(path) for path in sorted(folder.glob("*.rq"))}


def named_query(name: str, folder: Path | None = None) -> NamedQuery:
    """The named query ``name``.

    Raises:
        UsageError: there is no query of that name (the message lists the ones there are).
    """
    queries = named_queries(folder)
    if name not in queries:
        raise UsageError(f"no named query {name!r} (choose from {', '.join(queries)})")
    return queries[name]


def parse_bindings(items: Iterable[str]) -> dict[str, str]:
    """``["entity=Valery Gerasimov"]`` → ``{"entity": "Valery Gerasimov"}``.

    Raises:
        UsageError: an item is not ``NAME=VALUE`` or names a variable twice.

    Example:
        >>> parse_bindings(["entity=Valery Gerasimov", "family=SANCTION"])
        {'entity': 'Valery Gerasimov', 'family': 'SANCTION'}
    """
    values: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not re.fullmatch(r"\w+", name):
            raise UsageError(f'--bind {item!r}: write NAME=VALUE, e.g. --bind entity="Valery Gerasimov"')
        if name in values:
            raise UsageError(f"--bind {name} is given twice")
        values[name] = value
    return values


def run_named_query(graph: Graph, name: str, values: Mapping[str, str] | None = None, **options: object) -> QueryResult:
    """Run the named query ``name`` over ``graph`` with ``values`` bound; ``options`` go to ``run_query``.

    Raises:
        UsageError: unknown query or parameter, or a required parameter without a value.
        QueryError: the query fails.
    """
    query = named_query(name)
    return run_query(graph, query.text, bindings=query.bindings(values or {}), **options)


def _load(path: Path) -> NamedQuery:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise QueryError(f"{path}: cannot read named query ({getattr(error, 'strerror', None) or error})") from None
    description = ""
    parameters = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        found = _PARAM.match(line)
        if found:
            parameters.append(Parameter(found[1], found[2] == "required", found[3].strip()))
        elif not description and line.strip("# "):
            description = line.strip("# ")
    return NamedQuery(path.stem, description, tuple(parameters), text, path)
