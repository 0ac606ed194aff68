"""Everything the explorer shows, read from the graph once when the server starts.

The pages answer from memory: facts (:func:`kg.analysis.read_facts`) with their evidence
and roles (:mod:`kg.serve.queries`), indexed by entity and by article, a search index
over labels and aliases, and the projections and summaries each set of filters gives
(computed on first use and kept).
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.analysis import Fact, FactBase, Filters, read_facts, select, to_projection
from kg.serve.queries import Evidence, Role, evidence, roles

if TYPE_CHECKING:
    import networkx as nx
    from rdflib import Graph

    from kg.summary import Summary

__all__ = ["Hit", "Catalog", "load_catalog"]

_CACHED = 64  # filter combinations whose projection and summary are kept


@dataclass(frozen=True)
class Hit:
    """A search result: the entity, its type, how many facts it takes part in, the name that matched."""

    id: str
    label: str
    type: str
    facts: int
    matched: str


class Catalog:
    """The facts of one graph, indexed for the pages.

    Attributes:
        base: every fact, negated ones included, with entity, property and article descriptions.
        evidence: each statement's :class:`~kg.serve.queries.Evidence`, by statement IRI.
        roles: the roles the graph records (:func:`kg.serve.queries.roles`).
    """

    def __init__(self, base: FactBase, evidence: Mapping[str, Evidence], roles: list[Role]):
        self.base = base
        self.evidence = evidence
        self.roles = roles
        self._by_entity: dict[str, list[Fact]] = defaultdict(list)
        self._by_article: dict[str, list[Fact]] = defaultdict(list)
        for fact in base.facts:
            for node in {fact.subject, fact.object, self.speaker(fact)} - {None}:
                self._by_entity[node].append(fact)
            if fact.article:
                self._by_article[fact.article].append(fact)
        self._names = [
            (name.casefold(), name, node)
            for node, info in base.entities.items()
            for name in (info.label, *info.aliases)
        ]
        self._by_label: dict[str, list[str]] = defaultdict(list)
        for node, info in base.entities.items():
            self._by_label[info.label.casefold()].append(node)
        self._cache: dict[tuple[str, Filters], object] = {}
        self._lock = threading.Lock()

    def speaker(self, fact: Fact) -> str | None:
        """Who the sentence attributes ``fact`` to (``kgo:attributedTo``), if anyone."""
        found = self.evidence.get(fact.id)
        return found.speaker if found else None

    def facts_of(self, entity: str) -> list[Fact]:
        """The facts ``entity`` takes part in: as subject, object or speaker."""
        return self._by_entity.get(entity, [])

    def facts_in(self, article: str) -> list[Fact]:
        """The facts read from ``article``, in sentence order."""
        return self._by_article.get(article, [])

    def entity_id(self, label: str) -> str | None:
        """The entity whose label is ``label`` (any case), if exactly one has it."""
        found = self._by_label.get(label.casefold(), [])
        return found[0] if len(found) == 1 else None

    def roles_of(self, entity: str) -> list[Role]:
        """The roles ``entity`` holds, and those held in it (the holder or the organisation is its label)."""
        label = self.base.entity_info(entity).label.casefold()
        return [r for r in self.roles if label in (r.holder.casefold(), r.organization.casefold())]

    def search(self, text: str, *, limit: int = 20) -> list[Hit]:
        """Entities whose label or an alias contains ``text`` (any case): names that start with it first.

        Example:
            >>> catalog = Catalog(FactBase((), {}, {}, {}), {}, [])
            >>> catalog.search("putin")
            []
        """
        wanted = " ".join(text.split()).casefold()
        if not wanted:
            return []
        best: dict[str, tuple[int, str]] = {}
        for folded, name, node in self._names:
            place = folded.find(wanted)
            if place < 0:
                continue
            rank = 0 if place == 0 else 1 if folded[place - 1] == " " else 2
            if node not in best or rank < best[node][0]:
                best[node] = (rank, name)
        hits = [
            Hit(node, self.base.entity_info(node).label, self.base.entity_info(node).type, self.count(node), name)
            for node, (_, name) in best.items()
        ]
        hits.sort(key=lambda h: (best[h.id][0], -h.facts, h.label.casefold()))
        return hits[:limit]

    def count(self, entity: str) -> int:
        """How many facts ``entity`` is the subject or object of (negated ones included)."""
        return sum(1 for f in self.facts_of(entity) if entity in (f.subject, f.object))

    def families(self) -> list[tuple[str, str]]:
        """The relation families of the facts: (property IRI, label), by label."""
        found = {self.base.property_info(f.property).family for f in self.base.facts}
        return sorted(((iri, self.base.property_info(iri).label) for iri in found), key=lambda p: p[1].casefold())

    def family_of(self, fact: Fact) -> str:
        """The label of ``fact``'s relation family."""
        return self.base.property_info(self.base.property_info(fact.property).family).label

    def projection(self, filters: Filters) -> nx.DiGraph:
        """The entity graph of the asserted facts that pass ``filters`` (see :func:`kg.analysis.to_projection`).

        Raises:
            UsageError: a filter names a type or relation the graph does not have.
        """
        return self._cached("projection", filters, lambda: to_projection(select(self.base, filters)))

    def summary(self, filters: Filters) -> Summary:
        """The report's analyses of the facts that pass ``filters`` (see :func:`kg.summary.summarize_facts`)."""
        from kg.summary import summarize_facts

        return self._cached("summary", filters, lambda: summarize_facts(self.base, filters=filters))

    def _cached(self, kind: str, filters: Filters, compute):
        key = (kind, filters)
        with self._lock:
            if key in self._cache:
                return self._cache[key]
        value = compute()
        with self._lock:
            if len(self._cache) >= _CACHED:
                self._cache.pop(next(iter(self._cache)))
            self._cache[key] = value
        return value


def load_catalog(graph: Graph) -> Catalog:
    """Read ``graph`` for the explorer.

    Raises:
        QueryError: the graph's store cannot answer the queries.
    """
    base = read_facts(graph)
    sentences = {f.id: f.sentence for f in base.facts}
    return Catalog(base, evidence(graph, sentences), roles(graph))
