"""Analysis: known answers on small graphs, filters over a graph written by kg.rdf, structure and time.

``news_graph`` builds a small two-week news graph with kg's own RDF writer, so these tests
read exactly what ``kg build`` writes; other test modules import it.
"""

from __future__ import annotations

import datetime as dt
import math
import random

import networkx as nx
import pytest
from rdflib import RDF, RDFS, Graph, Literal, Namespace

from kg.analysis import (
    MEASURES,
    Filters,
    _path_estimates,
    centrality,
    project,
    rank,
    read_facts,
    select,
    to_projection,
)
from kg.communities import communities, components, core_numbers, ego, find_entity, k_core, memberships
from kg.errors import UsageError
from kg.timeline import Window, changes, rank_windows, window_of, window_rows

KGO = Namespace("https://example.org/kg/ontology#")
ENT = Namespace("https://example.org/kg/entity/")
STMT = Namespace("https://example.org/kg/statement/")
BASE = "https://example.org/kg/"
WEEK1, WEEK2 = dt.date(2025, 9, 1), dt.date(2025, 9, 10)
HOSTILE = 'The Kremlin warned Trump. <script>alert("x")</script> & <img src=x onerror=alert(1)> | *bold* [link](x)'

# (subject, type, property, object, type, date, confidence, sentence, negated)
NEWS = [
    ("Vladimir Putin", "Person", "leaderOf", "Russia", "Country", WEEK1, 0.9, "Putin leads Russia.", False),
    ("Russia", "Country", "attacked", "Ukraine", "Country", WEEK1, 0.8, "Russia attacked Ukraine.", False),
    ("Russia", "Country", "invaded", "Ukraine", "Country", WEEK1, 0.7, "Russia invaded Ukraine.", False),
    ("Donald Trump", "Person", "spokeWith", "Vladimir Putin", "Person", WEEK1, 0.6, "Trump spoke with Putin.", False),
    ("Volodymyr Zelensky", "Person", "leaderOf", "Ukraine", "Country", WEEK1, 0.9, "Zelensky leads Ukraine.", False),
    ("Donald Trump", "Person", "sanctioned", "Russia", "Country", WEEK2, 0.85, "Trump sanctioned Russia.", False),
    ("Donald Trump", "Person", "metWith", "Volodymyr Zelensky", "Person", WEEK2, 0.9, "Trump met Zelensky.", False),
    ("Donald Trump", "Person", "leaderOf", "United States", "Country", WEEK2, 0.95, "Trump leads the US.", False),
    ("Ursula von der Leyen", "Person", "metWith", "Volodymyr Zelensky", "Person", WEEK2, 0.5, "She met him.", False),
    ("Vladimir Putin", "Person", "metWith", "Volodymyr Zelensky", "Person", WEEK2, 0.7, "Putin did not meet.", True),
    ("Kremlin", "Organization", "relation/warn", "Donald Trump", "Person", WEEK2, 0.6, HOSTILE, False),
]


def news_graph(lexicon, news=NEWS) -> Graph:
    """An RDF graph of ``news`` written by :func:`kg.rdf.triples_to_graph`, one article per date."""
    from kg.rdf import triples_to_graph
    from kg.types import Article, Entity, Mention, Predicate, Triple

    triples = []
    for number, (subject, s_type, prop, obj, o_type, date, confidence, sentence, negated) in enumerate(news):
        article = Article(id=f"news-{date}", title=f"News of {date} <b>", date=date, text=sentence, source="test")
        entities = [
            Entity(name.lower().replace(" ", "-"), name, str(KGO[kind]), frozenset(name.split()[-1:]) - {name})
            for name, kind in ((subject, s_type), (obj, o_type))
        ]
        mentions = [Mention(name, 0, len(name), name, "PERSON", number) for name in (subject, obj)]
        iri = BASE + prop if prop.startswith("relation/") else str(KGO[prop])
        label = prop.split("/")[-1] if prop.startswith("relation/") else lexicon.label(iri)
        triples.append(
            Triple(
                article=article,
                subject=entities[0],
                subject_mention=mentions[0],
                property=iri,
                property_label=label,
                predicate=Predicate(lemma=label, text=label),
                object=entities[1],
                object_mention=mentions[1],
                sentence_id=number,
                sentence=sentence,
                confidence=confidence,
                rule="test",
                negated=negated,
            )
        )
    return triples_to_graph(triples, lexicon, base=BASE)


@pytest.fixture(scope="module")
def news(lexicon):
    return news_graph(lexicon)


def _labels(projection) -> set[str]:
    return {data["label"] for _, data in projection.nodes(data=True)}


def _star() -> nx.DiGraph:
    graph = nx.DiGraph()
    for leaf in "abcd":
        graph.add_edge(leaf, "hub", weight=1)
    nx.set_node_attributes(graph, {n: n.upper() for n in graph}, "label")
    return graph


def _scale_free(n: int = 300, seed: int = 1) -> nx.DiGraph:
    rng = random.Random(seed)
    graph = nx.DiGraph()
    for u, v in nx.barabasi_albert_graph(n, 2, seed=seed).edges():
        graph.add_edge(*((u, v) if rng.random() < 0.5 else (v, u)), weight=1 + int(rng.expovariate(1.0)))
    return graph


# --- centrality: known answers -------------------------------------------------------------


@pytest.mark.parametrize("measure", [m for m in MEASURES if m != "out_degree"])
def test_analysis_star_hub_is_most_central(measure):
    rows = centrality(_star(), measures=[measure])
    assert rows[0]["label"] == "HUB"
    assert rows[0][measure] > rows[1][measure]


def test_analysis_degree_values_are_normalised():
    rows = {r["label"]: r for r in centrality(_star(), measures=["degree", "in_degree", "out_degree"])}
    assert {label: r["degree"] for label, r in rows.items()} == {"HUB": 1.0, "A": 0.25, "B": 0.25, "C": 0.25, "D": 0.25}
    assert rows["HUB"]["in_degree"] == 1.0 and rows["HUB"]["out_degree"] == 0.0
    assert rows["A"]["in_degree"] == 0.0 and rows["A"]["out_degree"] == 0.25


def test_analysis_path_betweenness_closeness_harmonic():
    graph = nx.DiGraph([("a", "b"), ("b", "c")], weight=1)
    rows = {r["id"]: r for r in centrality(graph, measures=["betweenness", "closeness", "harmonic"])}
    assert {n: r["betweenness"] for n, r in rows.items()} == {"a": 0.0, "b": 1.0, "c": 0.0}
    assert rows["b"]["closeness"] == 1.0 and rows["a"]["closeness"] == pytest.approx(2 / 3, abs=1e-6)
    assert rows["b"]["harmonic"] == 1.0 and rows["a"]["harmonic"] == 0.75


def test_analysis_weights_are_distances_for_path_measures():
    # Two statements make a-b half as long: a's distances are 0.5 (b) and 1.5 (c).
    graph = nx.DiGraph()
    graph.add_edge("a", "b", weight=2)
    graph.add_edge("b", "c", weight=1)
    rows = {r["id"]: r for r in centrality(graph, measures=["closeness", "harmonic"])}
    assert rows["a"]["closeness"] == 1.0
    assert rows["a"]["harmonic"] == pytest.approx((2 + 1 / 1.5) / 2, abs=1e-6)


def test_analysis_eigenvector_of_a_star():
    rows = {r["label"]: r["eigenvector"] for r in centrality(_star(), measures=["eigenvector"])}
    assert rows["HUB"] == pytest.approx(1 / math.sqrt(2), abs=1e-4)
    assert rows["A"] == pytest.approx(1 / (2 * math.sqrt(2)), abs=1e-4)


def test_analysis_pagerank_uniform_on_a_cycle_and_follows_weights():
    cycle = nx.DiGraph([(0, 1), (1, 2), (2, 3), (3, 0)], weight=1)
    assert {r["pagerank"] for r in centrality(cycle, measures=["pagerank"])} == {0.25}
    weighted = nx.DiGraph()
    weighted.add_edge("a", "b", weight=3)
    weighted.add_edge("a", "c", weight=1)
    rows = {r["id"]: r["pagerank"] for r in centrality(weighted, measures=["pagerank"])}
    assert rows["b"] > rows["c"] > rows["a"]
    assert sum(rows.values()) == pytest.approx(1.0, abs=1e-5)


def test_analysis_top_and_bad_options():
    assert len(centrality(_star(), measures=["degree"], top=2)) == 2
    with pytest.raises(UsageError, match="unknown measure"):
        centrality(_star(), measures=["fame"])
    with pytest.raises(UsageError, match="at least 1"):
        centrality(_star(), top=0)
    with pytest.raises(UsageError, match="sample-size"):
        centrality(_star(), sample_size=0)


def test_analysis_empty_projection_has_no_rows():
    assert rank(nx.DiGraph()).rows == []


# --- sampling above the exact limit ------------------------------------------------------------


def test_analysis_sampled_betweenness_is_reproducible_with_its_seed():
    graph = _scale_free()
    options = {"measures": ["betweenness", "closeness", "harmonic"], "exact_limit": 100, "sample_size": 60}
    first, again = rank(graph, seed=7, **options), rank(graph, seed=7, **options)
    other = rank(graph, seed=8, **options)
    assert first.sample_size == 60 and first.method == "sampled from 60 of 300 source nodes (seed 7)"
    assert first.rows == again.rows
    assert first.rows != other.rows
    assert rank(graph, measures=["betweenness"]).method == "exact"


def test_analysis_sampled_scores_track_the_exact_ones():
    from scipy.stats import spearmanr

    graph = _scale_free(200)
    exact = {r["id"]: r for r in rank(graph, measures=["betweenness", "closeness", "harmonic"]).rows}
    sampled = {r["id"]: r for r in rank(graph, measures=["betweenness", "closeness", "harmonic"], exact_limit=10).rows}
    for measure in ("betweenness", "closeness", "harmonic"):
        top = sorted(exact, key=lambda n: -exact[n][measure])[:20]
        correlation = spearmanr([exact[n][measure] for n in top], [sampled[n][measure] for n in top])[0]
        assert correlation > 0.6, measure


def test_analysis_path_estimates_from_every_node_are_exact():
    graph = _scale_free(60).to_undirected()
    graph.add_edge("island", "isle", weight=1)  # a second component: closeness counts reachable nodes
    for _, _, data in graph.edges(data=True):
        data["distance"] = 1 / data["weight"]
    estimates = _path_estimates(graph, range(len(graph)), "distance")
    closeness = nx.closeness_centrality(graph, distance="distance")
    harmonic = nx.harmonic_centrality(graph, distance="distance")
    for node in graph:
        assert estimates["closeness"][node] == pytest.approx(closeness[node])
        assert estimates["harmonic"][node] == pytest.approx(harmonic[node] / (len(graph) - 1))


# --- reading a kg graph: projection, families, filters ---------------------------------------------


def test_analysis_projection_weights_count_statements():
    graph = Graph()
    for name in ("putin", "gerasimov"):
        graph.add((ENT[name], RDF.type, KGO.Person))
        graph.add((ENT[name], RDFS.label, Literal(name.title())))
    for number, prop in enumerate([KGO.awarded, KGO.awarded, KGO.appointed]):
        node = STMT[str(number)]
        graph.add((node, RDF.type, KGO.Statement))
        graph.add((node, RDF.subject, ENT.putin))
        graph.add((node, RDF.predicate, prop))
        graph.add((node, RDF.object, ENT.gerasimov))
    negated = STMT.negated
    for p, o in (
        (RDF.type, KGO.Statement),
        (RDF.subject, ENT.gerasimov),
        (RDF.predicate, KGO.awarded),
        (RDF.object, ENT.putin),
        (KGO.negated, Literal(True)),
    ):
        graph.add((negated, p, o))
    projection = project(graph)
    assert set(projection.nodes) == {str(ENT.putin), str(ENT.gerasimov)}
    edge = projection.edges[str(ENT.putin), str(ENT.gerasimov)]
    assert edge["weight"] == 3 and edge["distance"] == pytest.approx(1 / 3)
    assert edge["relations"] == ["appointed", "awarded"]
    assert not projection.has_edge(str(ENT.gerasimov), str(ENT.putin))
    assert projection.nodes[str(ENT.putin)] == {"label": "Putin", "type": "Person", "aliases": []}


def test_analysis_read_facts_of_a_kg_graph(news):
    base = read_facts(news)
    assert len(base.facts) == len(NEWS)
    assert sum(f.negated for f in base.facts) == 1
    invaded = next(f for f in base.facts if f.property == str(KGO.invaded))
    assert (invaded.date, invaded.confidence, invaded.sentence) == (WEEK1, 0.7, "Russia invaded Ukraine.")
    assert base.entity_info(invaded.subject).label == "Russia" and base.entity_info(invaded.object).type == "Country"
    families = {base.property_info(f.property).label: base.property_info(f.property).family for f in base.facts}
    assert families["invaded"] == families["attacked"] == str(KGO.attacked)
    assert families["met with"] == families["spoke with"] == str(KGO.consulted)
    assert families["leader of"] == str(KGO.holdsPositionIn)
    assert families["warn"] == str(KGO.relatedTo)  # open relations fall in the root's family


def test_analysis_negated_facts_stay_out_of_the_projection(news):
    projection = project(news)
    putin, zelensky = str(ENT["vladimir-putin"]), str(ENT["volodymyr-zelensky"])
    assert not projection.has_edge(putin, zelensky)
    assert projection.edges[str(ENT.russia), str(ENT.ukraine)]["weight"] == 2


@pytest.mark.parametrize(
    ("filters", "labels"),
    [
        (Filters(relations=("kgo:attacked",)), {"Russia", "Ukraine"}),
        (Filters(relations=("attacked",)), {"Russia", "Ukraine"}),
        (
            Filters(relations=(str(KGO.consulted),)),
            {"Donald Trump", "Vladimir Putin", "Volodymyr Zelensky", "Ursula von der Leyen"},
        ),
        (
            Filters(relations=("met with", "warn")),
            {"Donald Trump", "Volodymyr Zelensky", "Ursula von der Leyen", "Kremlin"},
        ),
        (Filters(types=("Country",)), {"Russia", "Ukraine"}),
        (Filters(types=("person",), until=WEEK1), {"Donald Trump", "Vladimir Putin"}),
        (Filters(since=WEEK2, min_confidence=0.9), {"Donald Trump", "Volodymyr Zelensky", "United States"}),
        (Filters(min_confidence=0.95), {"Donald Trump", "United States"}),
        (Filters(types=("Entity",), relations=("sanctioned",)), {"Donald Trump", "Russia"}),
    ],
    ids=[
        "family-prefixed",
        "family-label",
        "family-iri",
        "two-relations",
        "type",
        "type-and-until",
        "since",
        "conf",
        "supertype",
    ],
)
def test_analysis_filters_keep_the_right_facts(news, filters, labels):
    assert _labels(project(news, filters=filters)) == labels


def test_analysis_filters_reject_what_the_graph_lacks(news):
    base = read_facts(news)
    with pytest.raises(UsageError, match="no relation 'attackd'.*attacked"):
        select(base, Filters(relations=("attackd",)))
    with pytest.raises(UsageError, match="no entity of type Weapon"):
        select(base, Filters(types=("Weapon",)))


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"since": "2025-13-01"}, "--since must be a date"),
        ({"since": "2025-09-10", "until": "2025-09-01"}, "after --until"),
        ({"min_confidence": 1.5}, "between 0 and 1"),
    ],
)
def test_analysis_filters_check_their_values(options, message):
    with pytest.raises(UsageError, match=message):
        Filters.parse(**options)


def test_analysis_filters_parse_comma_lists():
    filters = Filters.parse(types=["Person, Country"], relations=["kgo:attacked"], since="2025-09-01")
    assert filters.types == ("Person", "Country") and filters.since == WEEK1
    assert filters.describe() == "type Person or Country; relation kgo:attacked; from 2025-09-01"


def test_analysis_type_filter_includes_subclasses(news):
    # The bundled ontology says a Country is a Location; the graph may add classes of its own.
    assert _labels(project(news, filters=Filters(types=("Location",)))) == {"Russia", "Ukraine"}
    graph = Graph()
    for triple in news:
        graph.add(triple)
    graph.add((KGO.Person, RDFS.subClassOf, KGO.Belligerent))
    labels = _labels(project(graph, filters=Filters(types=("Belligerent",))))
    assert labels == {"Donald Trump", "Vladimir Putin", "Volodymyr Zelensky", "Ursula von der Leyen"}


# --- structure --------------------------------------------------------------------------------


def _two_cliques() -> nx.DiGraph:
    graph = nx.DiGraph()
    for group in ("abcd", "wxyz"):
        graph.add_edges_from(((u, v) for u in group for v in group if u < v), weight=1)
    graph.add_edge("d", "w", weight=1)
    graph.add_edge("island", "isle", weight=1)
    nx.set_node_attributes(graph, {n: n.upper() for n in graph}, "label")
    return graph


def test_structure_louvain_finds_the_two_cliques_with_a_fixed_seed():
    found = communities(_two_cliques(), seed=3)
    assert [sorted(c) for c in found] == [list("abcd"), list("wxyz"), ["island", "isle"]]
    assert found == communities(_two_cliques(), seed=3)
    with pytest.raises(UsageError, match="resolution"):
        communities(_two_cliques(), resolution=0)


def test_structure_components_and_cores():
    graph = _two_cliques()
    assert [len(c) for c in components(graph)] == [8, 2]
    cores = core_numbers(graph)
    assert cores["a"] == 3 and cores["island"] == 1
    assert set(k_core(graph)) == set("abcdwxyz")
    assert set(k_core(graph, 1)) == set(graph)


def test_structure_memberships_number_groups_largest_first():
    rows = {r["label"]: r for r in memberships(_two_cliques(), seed=3)}
    assert rows["A"]["community"] == 1 and rows["ISLAND"]["community"] == 3
    assert rows["ISLAND"]["component"] == 2 and rows["W"]["core"] == 3


def test_structure_ego_network_by_radius():
    chain = nx.DiGraph([("a", "b"), ("c", "b"), ("c", "d"), ("d", "e")])
    assert dict(ego(chain, "b", radius=2).nodes(data="distance")) == {"b": 0, "a": 1, "c": 1, "d": 2}
    assert list(ego(chain, "b", radius=0)) == ["b"]
    assert set(ego(chain, "b", radius=2).edges) == {("a", "b"), ("c", "b"), ("c", "d")}
    with pytest.raises(UsageError, match="radius"):
        ego(chain, "b", radius=-1)


def test_structure_find_entity_by_iri_label_or_alias():
    graph = nx.DiGraph()
    graph.add_node("e/putin", label="Vladimir Putin", aliases=["Putin"])
    graph.add_node("e/peskov", label="Dmitry Peskov", aliases=["Peskov", "Dmitry"])
    graph.add_node("e/medvedev", label="Dmitry Medvedev", aliases=["Dmitry"])
    assert find_entity(graph, "e/putin") == "e/putin"
    assert find_entity(graph, "vladimir putin") == "e/putin"
    assert find_entity(graph, "PUTIN") == "e/putin"
    with pytest.raises(UsageError, match="names 2 entities"):
        find_entity(graph, "Dmitry")
    with pytest.raises(UsageError, match="did you mean 'Vladimir Putin'"):
        find_entity(graph, "Vladimir Puttin")


# --- time -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "window", "key", "start", "end"),
    [
        (dt.date(2025, 9, 7), "week", "2025-W36", dt.date(2025, 9, 1), dt.date(2025, 9, 7)),
        (dt.date(2025, 12, 31), "week", "2026-W01", dt.date(2025, 12, 29), dt.date(2026, 1, 4)),
        (dt.date(2024, 2, 10), "month", "2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        (dt.date(2025, 12, 31), "month", "2025-12", dt.date(2025, 12, 1), dt.date(2025, 12, 31)),
    ],
)
def test_timeline_windows(date, window, key, start, end):
    assert window_of(date, window) == Window(start, end, key)


def test_timeline_ranks_each_week_and_finds_who_rises(news):
    ranked = rank_windows(select(read_facts(news)), window="week", measures=["degree", "pagerank"])
    assert [w.key for w, _ in ranked] == ["2025-W36", "2025-W37"]
    first, second = (ranking.rows for _, ranking in ranked)
    assert "Kremlin" not in {r["label"] for r in first} and "Kremlin" in {r["label"] for r in second}
    rows = window_rows(ranked, top=2)
    assert [(r["window"], r["rank"]) for r in rows] == [
        ("2025-W36", 1),
        ("2025-W36", 2),
        ("2025-W37", 1),
        ("2025-W37", 2),
    ]
    assert rows[2]["label"] == "Donald Trump"
    moves = changes(ranked, measure="degree", top=1)
    # Ukraine has no facts in the second week: it scores 0 there and has no rank.
    assert [(m["change"], m["label"]) for m in moves] == [("rise", "Donald Trump"), ("fall", "Ukraine")]
    assert moves[1]["rank_after"] is None and moves[1]["after"] == 0.0
    trump = moves[0]
    assert (trump["from"], trump["to"], trump["rank_after"]) == ("2025-W36", "2025-W37", 1)
    assert trump["delta"] == pytest.approx(trump["after"] - trump["before"], abs=1e-6)


def test_timeline_month_puts_both_weeks_together(news):
    ranked = rank_windows(select(read_facts(news)), window="month", measures=["degree"])
    assert [w.key for w, _ in ranked] == ["2025-09"]
    assert changes(ranked) == []


def test_timeline_bad_options(news):
    base = select(read_facts(news))
    with pytest.raises(UsageError, match="unknown --window 'day'"):
        rank_windows(base, window="day")
    with pytest.raises(UsageError, match="was not computed"):
        changes(rank_windows(base, measures=["degree"]), measure="pagerank")


def test_timeline_windows_use_the_filters_of_the_base(news):
    base = select(read_facts(news), Filters(types=("Country",)))
    ranked = rank_windows(base, window="week", measures=["degree"])
    assert [w.key for w, _ in ranked] == ["2025-W36"]
    assert to_projection(base).number_of_nodes() == 2
