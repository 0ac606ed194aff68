"""Property tests (hypothesis): arbitrary text never crashes, offsets hold, graphs round-trip, stages are stable.

The spaCy pipeline is loaded once (the session fixtures of conftest.py); example counts
are kept modest so that the suite stays fast.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kg.documents import decode_text, html_to_article, read_articles
from kg.errors import InputError
from kg.nlp import paragraphs, parse
from kg.types import Article, Entity, Mention, Predicate, Triple

ROOT = Path(__file__).resolve().parents[1]
BASE = "https://example.org/kg/"
SLOW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FAST = settings(max_examples=200, deadline=None)

# Sentences that do yield facts, with people named in full, by surname and by pronoun,
# so that generated articles exercise merging and resolution, not just the parser.
SENTENCES = [
    "Russian president Vladimir Putin has awarded General Valery Gerasimov the Order of Courage.",
    "Putin met Chinese President Xi Jinping in Beijing on Sunday.",
    "He thanked Xi for the support.",
    "Kremlin spokesperson Dmitry Peskov told reporters that Putin would not attend.",
    "Ukrainian President Volodymyr Zelensky criticised Hungary.",
    "Zelensky said he had spoken to Donald Trump.",
    "The foreign minister, Sergei Lavrov, met Marco Rubio in Riyadh.",
    "Lavrov accused NATO of escalating the war.",
    "Donald Trump, who met Emmanuel Macron in Paris, praised the deal.",
    "Turkey summoned the Russian ambassador after drones hit a Turkish ship.",
    "Gerasimov briefed Putin on the offensive.",
    "Macron called Zelensky on Monday.",
]
# Surnames alone in one article, full names in another: resolution must merge across articles.
ACROSS_ARTICLES = ["Gerasimov briefed Putin on the offensive.", SENTENCES[0] + " " + SENTENCES[4]]
NOISE = st.text(max_size=40)
SEPARATORS = st.sampled_from([" ", "\n", ". ", "\r\n", "\t", "\n\n", " \u2028 ", "\x00", "...", "\u200b", "\ufeff"])
NEWS = st.lists(st.one_of(st.sampled_from(SENTENCES), NOISE, SEPARATORS), max_size=14).map("".join)
CLEAN_NEWS = st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=6).map(" ".join)


@pytest.fixture(scope="module")
def workdir() -> Path:
    return Path(tempfile.mkdtemp(prefix="kg-properties-"))


def _triples(articles: list[Article], nlp, lexicon) -> list[Triple]:
    from kg.entities import resolve_triples
    from kg.extraction import extract_article

    facts = [(parsed.article, extract_article(parsed, lexicon)) for parsed in parse(articles, nlp)]
    return resolve_triples(facts, lexicon, base=BASE)


def _check_offsets(triples: list[Triple]) -> None:
    for triple in triples:
        for mention in (triple.subject_mention, triple.object_mention):
            assert triple.article.text[mention.start : mention.end] == mention.text, mention


@pytest.mark.model
@SLOW
@given(texts=st.lists(NEWS, min_size=1, max_size=3))
def test_properties_arbitrary_text_never_crashes_extraction_and_offsets_hold(nlp, lexicon, workdir, texts):
    path = workdir / "news.jsonl"
    path.write_text("".join(json.dumps({"id": f"a{n}", "text": t}) + "\n" for n, t in enumerate(texts)), "utf-8")
    articles = list(read_articles([path]))
    assert len(articles) == len(texts)
    _check_offsets(_triples(articles, nlp, lexicon))


@pytest.mark.model
@SLOW
@given(text=NEWS)
def test_properties_arbitrary_text_file_is_read_or_refused_cleanly(nlp, lexicon, workdir, text):
    path = workdir / "article.txt"
    path.write_bytes(text.encode("utf-8"))
    try:
        articles = list(read_articles([path]))
    except InputError:
        return  # empty, or NUL bytes: refused with a message, which is the contract
    _check_offsets(_triples(articles, nlp, lexicon))


def _arbitrary_triple(title: str, sentence: str, label: str, phrase: str, ident: str) -> Triple:
    from kg.documents import article_id
    from kg.entities import slug

    article = Article(id=article_id(ident), title=title, date=dt.date(2025, 9, 9), text=sentence, source=title)
    person = "https://example.org/kg/ontology#Person"
    subject = Entity(id=slug(label), label=label, type=person, aliases=(phrase,))
    obj = Entity(id=slug(label) + "-2", label=label + title, type=person)
    mention = Mention(text=label, start=0, end=len(label), name=label, label="PERSON", sentence_id=0)
    return Triple(
        article=article,
        subject=subject,
        subject_mention=mention,
        property=f"{BASE}relation/{slug(phrase)}",
        property_label=phrase,
        predicate=Predicate(lemma=phrase, text=phrase),
        object=obj,
        object_mention=mention,
        sentence_id=0,
        sentence=sentence,
        confidence=0.5,
        rule="test",
    )


def _quads(dataset) -> set[tuple]:
    return {(s, p, o, getattr(g, "identifier", g)) for s, p, o, g in dataset.quads()}


@pytest.mark.parametrize("suffix", [".ttl", ".trig", ".nt", ".nq", ".jsonld"])
@settings(max_examples=60, deadline=None)
@given(title=st.text(), sentence=st.text(), label=st.text(min_size=1), phrase=st.text(), ident=st.text())
def test_properties_every_graph_written_parses_back(lexicon, workdir, suffix, title, sentence, label, phrase, ident):
    from rdflib.compare import isomorphic

    from kg.rdf import format_for, read_graph, serialize, triples_to_dataset, triples_to_graph, write_graph

    triple = _arbitrary_triple(title, sentence, label, phrase, ident)
    fmt = format_for(f"g{suffix}", None)
    build = triples_to_dataset if fmt in ("trig", "nquads") else triples_to_graph
    graph = build([triple], lexicon, base=BASE, articles=[triple.article])
    path = workdir / f"graph{suffix}"
    write_graph(serialize(graph, fmt), path)
    back = read_graph(path)
    if fmt in ("trig", "nquads"):
        assert _quads(back) == _quads(graph)
    else:
        assert isomorphic(back, graph)


@pytest.mark.model
@SLOW
@given(texts=st.lists(CLEAN_NEWS, min_size=1, max_size=3))
def test_properties_graph_of_extracted_facts_parses_back(nlp, lexicon, workdir, texts):
    from rdflib.compare import isomorphic

    from kg.rdf import read_graph, serialize, triples_to_graph, write_graph

    articles = [Article(f"a{n}", "", dt.date(2025, 9, 9), text, "test") for n, text in enumerate(texts)]
    graph = triples_to_graph(_triples(articles, nlp, lexicon), lexicon, base=BASE, articles=articles)
    write_graph(serialize(graph, "turtle"), workdir / "facts.ttl")
    assert isomorphic(read_graph(workdir / "facts.ttl"), graph)


def _entity_view(triples: list[Triple]) -> list[tuple]:
    return [
        (t.article.id, t.subject.id, t.subject.label, t.subject.type, t.property, t.object.id, t.object.label)
        for t in triples
    ]


@pytest.mark.model
@SLOW
@given(texts=st.lists(CLEAN_NEWS, min_size=1, max_size=3))
@example(texts=ACROSS_ARTICLES)
def test_properties_resolving_entities_twice_changes_nothing(nlp, lexicon, texts):
    """Feeding resolved names back into resolution gives the same entities, ids and properties."""
    from kg.entities import resolve_triples
    from kg.extraction import CONCEPT_PREFIX, ArticleFacts, extract_article

    articles = [Article(f"a{n}", "", dt.date(2025, 9, 9), text, "test") for n, text in enumerate(texts)]
    facts = [(parsed.article, extract_article(parsed, lexicon)) for parsed in parse(articles, nlp)]
    once = resolve_triples(facts, lexicon, base=BASE)
    assert _entity_view(resolve_triples(facts, lexicon, base=BASE)) == _entity_view(once)

    canonical = {}
    for triple in once:
        for mention, entity in ((triple.subject_mention, triple.subject), (triple.object_mention, triple.object)):
            if not mention.name.startswith(CONCEPT_PREFIX):
                canonical[mention.name] = entity.label

    def renamed(mention: Mention) -> Mention:
        return replace(mention, name=canonical.get(mention.name, mention.name))

    resolved = [
        (
            article,
            ArticleFacts(
                tuple(renamed(m) for m in article_facts.mentions),
                tuple(
                    replace(r, subject=renamed(r.subject), object=renamed(r.object)) for r in article_facts.relations
                ),
            ),
        )
        for article, article_facts in facts
    ]
    assert _entity_view(resolve_triples(resolved, lexicon, base=BASE)) == _entity_view(once)


@pytest.mark.model
@SLOW
@given(texts=st.lists(CLEAN_NEWS, min_size=1, max_size=3))
def test_properties_building_twice_gives_the_same_turtle(nlp, lexicon, texts):
    from kg.rdf import serialize, triples_to_graph

    articles = [Article(f"a{n}", "", dt.date(2025, 9, 9), text, "test") for n, text in enumerate(texts)]

    def build() -> bytes:
        graph = triples_to_graph(_triples(articles, nlp, lexicon), lexicon, base=BASE, articles=articles)
        return serialize(graph, "turtle")

    assert build() == build()


@pytest.mark.model
def test_properties_building_in_two_processes_gives_byte_identical_turtle(tmp_path):
    """Across processes too: Python's hash seed changes set and dict orders between runs."""
    outputs = []
    for seed in ("1", "2"):
        output = tmp_path / f"graph-{seed}.ttl"
        subprocess.run(
            [sys.executable, "-m", "kg", "build", str(ROOT / "examples" / "sample-article.txt"), "-o", str(output)],
            check=True,
            capture_output=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
            timeout=300,
        )
        outputs.append(output.read_bytes())
    assert outputs[0] == outputs[1]


# --- the reading stages alone ------------------------------------------------------------


@FAST
@given(text=st.text(), limit=st.integers(min_value=1, max_value=80))
def test_properties_long_lines_are_cut_without_losing_text(text, limit):
    pieces = list(paragraphs(text, limit=limit))
    covered = set()
    for offset, piece in pieces:
        assert text[offset : offset + len(piece)] == piece
        assert len(piece) <= limit and "\n" not in piece
        covered.update(range(offset, offset + len(piece)))
    uncovered = [text[i] for i in range(len(text)) if i not in covered]
    assert all(not c.strip() or c == "\n" for c in uncovered)
    assert [o for o, _ in pieces] == sorted(o for o, _ in pieces)


@FAST
@given(text=st.text(), codec=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_properties_text_in_a_certain_encoding_decodes_to_itself(text, codec):
    data = text.encode(codec)
    if codec == "utf-8" and ("\x00" in text or text.startswith("\ufeff")):
        return  # NUL bytes read as binary; a leading U+FEFF reads as a byte-order mark
    if codec == "utf-16" and text.startswith("\x00") and len(data) % 4 == 0:
        return  # FF FE 00 00 then whole code units: as much UTF-32 as UTF-16 with a leading NUL
    assert decode_text(data, "t.txt") == text


@FAST
@given(data=st.binary(max_size=200))
def test_properties_arbitrary_bytes_decode_or_are_refused_with_an_offset(data):
    try:
        decode_text(data, "t.txt")
    except InputError as error:
        message = str(error)
        assert message.startswith("t.txt: ") and "\n" not in message
        assert "offset" in message or "not a text file (a" in message


HTML_PIECES = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<div>",
        "</div>",
        "<script>",
        "</script>",
        "<br>",
        "<article>",
        "</article>",
        "<nav>",
        "<!--",
        "-->",
        "<title>",
        "</title>",
        "&amp;",
        "&#x0;",
        "<![CDATA[",
        "]]>",
        "<",
        ">",
        "Putin met Xi. ",
    ]
)


@FAST
@given(html=st.lists(st.one_of(HTML_PIECES, st.text(max_size=20)), max_size=30).map("".join))
def test_properties_html_never_crashes(html):
    try:
        article = html_to_article("<html>" + html, id="a", source="a.html")
    except InputError as error:
        assert "no article text" in str(error)
        return
    assert article.text.strip() and "\n\n" not in article.text
