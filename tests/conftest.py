"""Shared fixtures: the real spaCy pipeline, the bundled lexicon, and the shared sample data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kg.types import Article

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
SEED_ARTICLE = SHARED_DATA / "seed-article.txt"
SAMPLE_ARTICLE = ROOT / "examples" / "sample-article.txt"


@pytest.fixture(scope="session")
def nlp():
    from kg.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def lexicon():
    from kg.ontology import load_lexicon

    return load_lexicon()


@pytest.fixture(scope="session")
def seed_article() -> Path:
    if not SEED_ARTICLE.exists():
        pytest.skip("../shared/data/seed-article.txt is not available")
    return SEED_ARTICLE


@pytest.fixture
def facts_of(nlp, lexicon):
    """Extract ``text`` as one article and return its triples as (subject, property label, object)."""
    from kg.entities import resolve_triples
    from kg.extraction import extract_article
    from kg.nlp import parse

    def run(text: str, *, with_triples: bool = False):
        article = Article(id="t", title="", date=dt.date(2025, 1, 6), text=text, source="test")
        parsed = next(parse([article], nlp))
        triples = resolve_triples(
            [(article, extract_article(parsed, lexicon))], lexicon, base="https://example.org/kg/"
        )
        found = {(t.subject.label, t.property_label, t.object.label) for t in triples}
        return (found, triples) if with_triples else found

    return run
