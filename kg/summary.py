"""What a report says about a graph, as plain rows: counts, rankings, structure, time and every fact.

:func:`summarize` runs the analyses (:mod:`kg.analysis`, :mod:`kg.communities`,
:mod:`kg.timeline`) once and keeps their results as lists of dicts, so that rendering
(:mod:`kg.render`) and drawing (:mod:`kg.drawing`) only format them.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.analysis import (
    EXACT_LIMIT,
    MEASURES,
    SAMPLE_SIZE,
    SEED,
    FactBase,
    Filters,
    Ranking,
    rank,
    read_facts,
    select,
    to_projection,
)
from kg.communities import communities, components, core_numbers
from kg.errors import UsageError
from kg.timeline import changes, rank_windows

if TYPE_CHECKING:
    import networkx as nx
    from rdflib import Graph

__all__ = ["COLOUR_BY", "ACTOR_TYPES", "Summary", "summarize", "summarize_facts", "key_actors"]

COLOUR_BY = ("community", "type")
# The classes whose members act in the news; the rest (kgo:Concept, Event, Product, ...)
# are what they act on or with, and stay out of the key actors.
ACTOR_TYPES = ("Person", "Organization", "Group", "Location")


@dataclass(frozen=True)
class Summary:
    """Everything a report shows, computed once.

    Attributes:
        title: the report's title.
        filters: the filters applied, in words (``""`` when none).
        counts: ``articles``, ``entities``, ``facts`` (asserted), ``negated``, ``links`` (edges).
        date_span: the first and last fact dates, or ``None`` when no fact has a date.
        articles: ``id``, ``title``, ``date``, ``source``, ``facts`` per article.
        entity_types: ``type``, ``entities`` per entity type, most common first.
        families: ``family``, ``facts``, ``relations`` (labels) per relation family.
        ranking: every entity scored by every measure.
        key_actors: the ``top`` actors (:data:`ACTOR_TYPES`) by median rank over the measures.
        top_by_measure: for each measure, its ``top`` rows.
        communities: ``community``, ``size``, ``members`` (labels, most central first).
        structure: ``components``, ``largest_component``, ``max_core``, ``core_members``.
        window: ``"week"`` or ``"month"``.
        windows: ``window``, ``start``, ``end``, ``facts``, ``entities``, ``leaders`` per window.
        changes: who rises and falls between windows (:func:`kg.timeline.changes`).
        facts: every fact (negated ones flagged) with its sentence and article.
        timeline: (date, relation family) for each dated asserted fact.
        projection: the entity graph.
        groups: the colour group of each entity (community or type).
        top: how many entities the top lists hold.
        possible_aliases: ``entity``, ``other``, ``evidence``, ``sentence``, ``article`` per pair of
            entities that may be one (``kgo:possibleSameAs``), flagged, never merged.
    """

    title: str
    filters: str
    counts: Mapping[str, int]
    date_span: tuple[dt.date, dt.date] | None
    articles: list[dict[str, object]]
    entity_types: list[dict[str, object]]
    families: list[dict[str, object]]
    ranking: Ranking
    key_actors: list[dict[str, object]]
    top_by_measure: Mapping[str, list[dict[str, object]]]
    communities: list[dict[str, object]]
    structure: Mapping[str, object]
    window: str
    windows: list[dict[str, object]]
    changes: list[dict[str, object]]
    facts: list[dict[str, object]]
    timeline: list[tuple[dt.date, str]]
    projection: nx.DiGraph
    groups: Mapping[str, str]
    top: int
    possible_aliases: list[dict[str, object]] = field(default_factory=list)


def summarize(
    graph: Graph,
    *,
    filters: Filters | None = None,
    top: int = 10,
    window: str = "week",
    colour_by: str = "community",
    title: str | None = None,
    exact_limit: int = EXACT_LIMIT,
    sample_size: int = SAMPLE_SIZE,
    seed: int = SEED,
) -> Summary:
    """Analyse ``graph`` for a report (see :func:`summarize_facts` for the options).

    Raises:
        UsageError: a bad option, or a filter naming a type or relation the graph lacks.
    """
    options = {"exact_limit": exact_limit, "sample_size": sample_size, "seed": seed}
    return summarize_facts(
        read_facts(graph), filters=filters, top=top, window=window, colour_by=colour_by, title=title, **options
    )


def summarize_facts(
    everything: FactBase,
    *,
    filters: Filters | None = None,
    top: int = 10,
    window: str = "week",
    colour_by: str = "community",
    title: str | None = None,
    exact_limit: int = EXACT_LIMIT,
    sample_size: int = SAMPLE_SIZE,
    seed: int = SEED,
) -> Summary:
    """Analyse the facts of a graph (:func:`kg.analysis.read_facts`) for a report.

    Args:
        everything: every fact of the graph, negated ones included.
        filters: which facts to analyse and list (default: all).
        top: length of the top lists.
        window: ``"week"`` or ``"month"``, the time windows of the timeline tables.
        colour_by: ``"community"`` or ``"type"``, the groups of the drawing.
        title: the report's title (default: names the date span).
        exact_limit, sample_size, seed: see :func:`kg.analysis.rank`; ``seed`` also seeds Louvain.

    Raises:
        UsageError: a bad option, or a filter naming a type or relation the graph lacks.
    """
    if colour_by not in COLOUR_BY:
        raise UsageError(f"unknown --colour-by {colour_by!r} (choose from {', '.join(COLOUR_BY)})")
    if top < 1:
        raise UsageError(f"--top must be at least 1, not {top}")
    options = {"exact_limit": exact_limit, "sample_size": sample_size, "seed": seed}
    listed = select(everything, filters, negated=True)
    kept = select(everything, filters)
    projection = to_projection(kept)
    ranking = rank(projection, measures=MEASURES, **options)
    pagerank = {str(row["id"]): float(row["pagerank"]) for row in ranking.rows}
    found = communities(projection, seed=seed)
    community_of = {node: f"community {number}" for number, group in enumerate(found, start=1) for node in group}
    parts = components(projection)
    cores = core_numbers(projection)
    max_core = max(cores.values(), default=0)
    ranked_windows = rank_windows(kept, window=window, **options)
    dates = [f.date for f in kept.facts if f.date is not None]
    span = (min(dates), max(dates)) if dates else None

    def label(node: str) -> str:
        return kept.entity_info(node).label

    def by_pagerank(nodes) -> list[str]:
        return [label(n) for n in sorted(nodes, key=lambda n: (-pagerank.get(n, 0.0), label(n)))]

    return Summary(
        title=title or _title(span),
        filters=(filters or Filters()).describe(),
        counts={
            "articles": len(everything.articles),
            "entities": projection.number_of_nodes(),
            "facts": len(kept.facts),
            "negated": len(listed.facts) - len(kept.facts),
            "links": projection.number_of_edges(),
        },
        date_span=span,
        articles=_articles(everything, listed),
        entity_types=[
            {"type": kind, "entities": count}
            for kind, count in sorted(
                Counter(data.get("type", "") for _, data in projection.nodes(data=True)).items(),
                key=lambda item: (-item[1], item[0]),
            )
        ],
        families=_families(kept),
        ranking=ranking,
        key_actors=key_actors(
            ranking, top=top, among={n for n in projection if kept.entity_info(n).types & set(ACTOR_TYPES)}
        ),
        top_by_measure={
            measure: sorted(ranking.rows, key=lambda r: (-float(r[measure]), str(r["label"])))[:top]
            for measure in ranking.measures
        },
        communities=[
            {"community": number, "size": len(group), "members": by_pagerank(group)}
            for number, group in enumerate(found, start=1)
        ],
        structure={
            "components": len(parts),
            "largest_component": len(parts[0]) if parts else 0,
            "max_core": max_core,
            "core_members": by_pagerank(n for n, c in cores.items() if c == max_core) if cores else [],
        },
        window=window,
        windows=[
            {
                "window": current.key,
                "start": current.start.isoformat(),
                "end": current.end.isoformat(),
                "facts": sum(1 for f in kept.facts if f.date and current.start <= f.date <= current.end),
                "entities": ranked.nodes,
                "leaders": [str(row["label"]) for row in ranked.rows[:5]],
            }
            for current, ranked in ranked_windows
        ],
        changes=changes(ranked_windows, measure="pagerank", top=5),
        facts=_fact_rows(listed),
        timeline=[
            (f.date, kept.property_info(kept.property_info(f.property).family).label)
            for f in kept.facts
            if f.date is not None
        ],
        projection=projection,
        groups=(
            community_of
            if colour_by == "community"
            else {node: str(data.get("type", "")) for node, data in projection.nodes(data=True)}
        ),
        top=top,
        possible_aliases=[
            {
                "entity": everything.entity_info(f.subject).label,
                "other": everything.entity_info(f.object).label,
                "evidence": f.relation_text,
                "sentence": f.sentence,
                "article": everything.article_info(f.article).title,
            }
            for f in everything.possible_aliases
        ],
    )


def key_actors(
    ranking: Ranking, *, top: int | None = None, among: Collection[str] | None = None
) -> list[dict[str, object]]:
    """Entities by their median rank over the ranking's measures, then their mean rank.

    Each measure favours one kind of importance (PageRank and in-degree: being acted on;
    out-degree: acting; betweenness: brokering), so an actor who only acts ranks last by
    some. The median is robust to that: an entity with median rank 4 is in the top 4 by
    half of the measures. Tied scores share the better rank. Ranks are over all entities;
    ``among`` keeps only those entities (e.g. the actors) in the result.

    Example:
        >>> import networkx as nx
        >>> from kg.analysis import rank
        >>> chain = nx.DiGraph([("a", "hub"), ("b", "hub"), ("hub", "c"), ("c", "d")])
        >>> ranking = rank(chain, measures=["degree", "betweenness", "in_degree"])
        >>> [(row["id"], row["median_rank"]) for row in key_actors(ranking, top=2)]
        [('hub', 1), ('c', 2)]
    """
    places: dict[str, list[int]] = defaultdict(list)
    for measure in ranking.measures:
        first_place: dict[float, int] = {}
        for place, score in enumerate(sorted((float(row[measure]) for row in ranking.rows), reverse=True), start=1):
            first_place.setdefault(score, place)
        for row in ranking.rows:
            places[str(row["id"])].append(first_place[float(row[measure])])
    rows = [
        {
            "median_rank": statistics.median(places[str(row["id"])]),
            "mean_rank": round(statistics.fmean(places[str(row["id"])]), 2),
            **row,
        }
        for row in ranking.rows
        if among is None or row["id"] in among
    ]
    rows.sort(key=lambda r: (r["median_rank"], r["mean_rank"], str(r["label"])))
    return rows[:top] if top else rows


def _title(span: tuple[dt.date, dt.date] | None) -> str:
    if span is None:
        return "Knowledge graph report"
    first, last = span
    return f"Knowledge graph report, {first}" + (f" to {last}" if last != first else "")


def _articles(everything: FactBase, listed: FactBase) -> list[dict[str, object]]:
    counts = Counter(f.article for f in listed.facts if not f.negated)
    rows = [
        {
            "id": iri,
            "title": info.title or iri.rsplit("/", 1)[-1],
            "date": info.date.isoformat() if info.date else "",
            "source": info.source,
            "facts": counts.get(iri, 0),
        }
        for iri, info in everything.articles.items()
    ]
    rows.sort(key=lambda r: (str(r["date"]), str(r["title"])))
    return rows


def _families(base: FactBase) -> list[dict[str, object]]:
    facts: Counter[str] = Counter()
    relations: dict[str, Counter[str]] = defaultdict(Counter)
    for fact in base.facts:
        info = base.property_info(fact.property)
        facts[info.family] += 1
        relations[info.family][info.label] += 1
    rows = [
        {
            "family": base.property_info(family).label,
            "facts": count,
            "relations": [name for name, _ in sorted(relations[family].items(), key=lambda i: (-i[1], i[0]))],
        }
        for family, count in facts.items()
    ]
    rows.sort(key=lambda r: (-int(r["facts"]), str(r["family"])))
    return rows


def _fact_rows(base: FactBase) -> list[dict[str, object]]:
    rows = []
    for fact in base.facts:
        article = base.article_info(fact.article)
        rows.append(
            {
                "article": fact.article or "",
                "article_title": article.title or (fact.article or "").rsplit("/", 1)[-1],
                "date": fact.date.isoformat() if fact.date else "",
                "sentence_index": fact.sentence_index,
                "sentence": fact.sentence,
                "subject": base.entity_info(fact.subject).label,
                "relation": base.property_info(fact.property).label,
                "relation_text": fact.relation_text,
                "object": base.entity_info(fact.object).label,
                "confidence": fact.confidence,
                "negated": fact.negated,
                "hedged": fact.hedged,
            }
        )
    return rows
