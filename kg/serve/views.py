"""What the pages show, as plain dicts and lists for the templates: facts with their evidence, sentences with marks.

Nothing here escapes text: the templates do (Jinja2 autoescape), so every value stays
the graph's own string until it is written into HTML.
"""

from __future__ import annotations

from collections import defaultdict
from urllib.parse import urlencode

from kg.analysis import Fact
from kg.serve.catalog import Catalog

__all__ = ["entity_url", "article_url", "link", "marked", "fact_view", "grouped", "sentences_of", "ego_elements"]


def entity_url(iri: str) -> str:
    """The explorer's page of entity ``iri``."""
    return "/entity?" + urlencode({"id": iri})


def article_url(iri: str) -> str:
    """The explorer's page of article ``iri``."""
    return "/article?" + urlencode({"id": iri})


def link(catalog: Catalog, iri: str | None) -> dict[str, str] | None:
    """An entity as a link: ``label``, ``type`` and ``url``."""
    if iri is None:
        return None
    info = catalog.base.entity_info(iri)
    return {"id": iri, "label": info.label, "type": info.type, "url": entity_url(iri)}


def marked(sentence: str, spans: list[tuple[int, int, str, str]]) -> list[dict[str, str | None]]:
    """``sentence`` cut into pieces, each plain or a mention: ``text``, ``role`` and ``url`` (of its entity).

    ``spans`` are (start, end, role, url); an overlapping later span is dropped.

    Example:
        >>> [(p["text"], p["role"]) for p in marked("Ann met Bob.", [(8, 11, "object", "/b"), (0, 3, "subject", "/a")])]
        [('Ann', 'subject'), (' met ', None), ('Bob', 'object'), ('.', None)]
    """
    pieces, at = [], 0
    for start, end, role, url in sorted(set(spans)):
        if start < at:
            continue
        if start > at:
            pieces.append({"text": sentence[at:start], "role": None, "url": None})
        pieces.append({"text": sentence[start:end], "role": role, "url": url})
        at = end
    if at < len(sentence):
        pieces.append({"text": sentence[at:], "role": None, "url": None})
    return pieces


def _spans(catalog: Catalog, fact: Fact) -> list[tuple[int, int, str, str]]:
    found = catalog.evidence.get(fact.id)
    spans = []
    if found and found.subject_span:
        spans.append((*found.subject_span, "subject", entity_url(fact.subject)))
    if found and found.object_span:
        spans.append((*found.object_span, "object", entity_url(fact.object)))
    return spans


def fact_view(catalog: Catalog, fact: Fact) -> dict[str, object]:
    """One fact for a page: its ends, relation, family, date, confidence, marks, speaker and marked sentence."""
    base = catalog.base
    found = catalog.evidence.get(fact.id)
    article = base.article_info(fact.article)
    return {
        "id": fact.id,
        "subject": link(catalog, fact.subject),
        "relation": base.property_info(fact.property).label,
        "object": link(catalog, fact.object),
        "family": catalog.family_of(fact),
        "date": (found.fact_date if found and found.fact_date else fact.date),
        "date_text": found.date_text if found else "",
        "confidence": fact.confidence,
        "negated": fact.negated,
        "hedged": fact.hedged,
        "speaker": link(catalog, found.speaker if found else None),
        "sentence": marked(fact.sentence, _spans(catalog, fact)),
        "article": {"title": article.title or fact.article, "url": article_url(fact.article)} if fact.article else None,
    }


def grouped(catalog: Catalog, facts: list[Fact]) -> list[tuple[str, list[dict[str, object]]]]:
    """``facts`` as views grouped by relation family, families by name."""
    groups: dict[str, list[dict[str, object]]] = defaultdict(list)
    for fact in facts:
        groups[catalog.family_of(fact)].append(fact_view(catalog, fact))
    return sorted(groups.items(), key=lambda item: item[0].casefold())


def sentences_of(catalog: Catalog, article: str) -> list[dict[str, object]]:
    """The article's sentences that facts were read from, in order, with every mention marked."""
    by_index: dict[int, tuple[str, list[tuple[int, int, str, str]]]] = {}
    for fact in catalog.facts_in(article):
        index = fact.sentence_index if fact.sentence_index is not None else -1
        sentence, spans = by_index.setdefault(index, (fact.sentence, []))
        spans.extend(_spans(catalog, fact))
    return [
        {"index": index, "pieces": marked(sentence, spans)} for index, (sentence, spans) in sorted(by_index.items())
    ]


def ego_elements(catalog: Catalog, network, center: str) -> list[dict[str, object]]:
    """An ego network (:func:`kg.communities.ego`) as Cytoscape.js elements."""
    elements: list[dict[str, object]] = [
        {
            "data": {
                "id": node,
                "label": data["label"],
                "type": data["type"],
                "distance": data.get("distance", 0),
                "url": entity_url(node),
                "center": node == center,
            }
        }
        for node, data in network.nodes(data=True)
    ]
    elements += [
        {
            "data": {
                "id": f"{s} {o}",
                "source": s,
                "target": o,
                "label": ", ".join(data["relations"]),
                "weight": data["weight"],
            }
        }
        for s, o, data in network.edges(data=True)
    ]
    return elements
