"""Test helpers for ``kg serve``: a small news graph with exact offsets, and the real server on a free port.

The articles are made up for these tests. One of them is hostile: markup in its title, a
sentence and an entity name, which every page must show as text.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
import time
from pathlib import Path

BASE = "https://example.org/kg/"
HOSTILE_NAME = "<img src=x onerror=alert(1)>"
HOSTILE_SENTENCE = f'Teodor Lind warned {HOSTILE_NAME} that <script>alert("x")</script> was near.'
ARTICLES = {
    "harbour-talks": (
        dt.date(2025, 3, 3),
        "Harbour talks in Kestrel",
        [
            "Mara Voss met Teodor Lind in Kestrel on Monday.",
            "Voss, the mayor of Kestrel, said Lind may visit the Ostmark Council.",
            "Lind did not meet Ilse Brandt.",
        ],
    ),
    "council-vote": (
        dt.date(2025, 3, 12),
        "Council vote & <b>shipping</b>",
        ["The Ostmark Council sanctioned Brandt Shipping.", "Ilse Brandt leads Brandt Shipping."],
    ),
    "hostile": (dt.date(2025, 3, 13), "<script>alert('title')</script> Warning", [HOSTILE_SENTENCE]),
}
# name → (type, aliases)
ENTITIES = {
    "Mara Voss": ("Person", {"Voss"}),
    "Teodor Lind": ("Person", {"Lind"}),
    "Ilse Brandt": ("Person", set()),
    "Kestrel": ("City", set()),
    "Ostmark Council": ("Organization", {"the Council"}),
    "Brandt Shipping": ("Organization", set()),
    HOSTILE_NAME: ("Person", set()),
}
# (article, sentence, subject as written, subject, property, object as written, object, confidence, flags, speaker)
FACTS = [
    ("harbour-talks", 0, "Mara Voss", "Mara Voss", "metWith", "Teodor Lind", "Teodor Lind", 0.9, "", None),
    ("harbour-talks", 1, "Voss", "Mara Voss", "leaderOf", "Kestrel", "Kestrel", 0.8, "", None),
    (
        "harbour-talks",
        1,
        "Lind",
        "Teodor Lind",
        "relation/visit",
        "Ostmark Council",
        "Ostmark Council",
        0.6,
        "hedged",
        "Mara Voss",
    ),
    ("harbour-talks", 2, "Lind", "Teodor Lind", "metWith", "Ilse Brandt", "Ilse Brandt", 0.7, "negated", None),
    (
        "council-vote",
        0,
        "Ostmark Council",
        "Ostmark Council",
        "sanctioned",
        "Brandt Shipping",
        "Brandt Shipping",
        0.85,
        "",
        None,
    ),
    ("council-vote", 1, "Ilse Brandt", "Ilse Brandt", "leaderOf", "Brandt Shipping", "Brandt Shipping", 0.9, "", None),
    ("hostile", 0, "Teodor Lind", "Teodor Lind", "relation/warn", HOSTILE_NAME, HOSTILE_NAME, 0.7, "", None),
]


def serve_graph(lexicon):
    """The test articles' facts as an RDF graph written by :func:`kg.rdf.triples_to_graph`."""
    from kg.ontology import KGO
    from kg.rdf import triples_to_graph
    from kg.types import Article, Entity, Mention, Predicate, Triple

    def entity(name: str) -> Entity:
        kind, aliases = ENTITIES[name]
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        return Entity(slug, name, KGO + kind, frozenset(aliases))

    articles = {}
    for key, (date, title, sentences) in ARTICLES.items():
        articles[key] = Article(id=key, title=title, date=date, text="\n".join(sentences), source=f"{key}.txt")
    triples = []
    for key, number, s_text, subject, prop, o_text, obj, confidence, flags, speaker in FACTS:
        article = articles[key]
        sentences = ARTICLES[key][2]
        sentence = sentences[number]
        offset = sum(len(s) + 1 for s in sentences[:number])
        s_start = offset + sentence.index(s_text)
        o_start = offset + sentence.index(o_text, s_start + len(s_text) - offset)
        s_mention = Mention(s_text, s_start, s_start + len(s_text), subject, "PERSON", number)
        o_mention = Mention(o_text, o_start, o_start + len(o_text), obj, "PERSON", number)
        iri = BASE + prop if prop.startswith("relation/") else KGO + prop
        label = prop.split("/")[-1] if prop.startswith("relation/") else lexicon.label(iri)
        triples.append(
            Triple(
                article=article,
                subject=entity(subject),
                subject_mention=s_mention,
                property=iri,
                property_label=label,
                predicate=Predicate(lemma=label, text=label),
                object=entity(obj),
                object_mention=o_mention,
                sentence_id=number,
                sentence=sentence,
                confidence=confidence,
                rule="test",
                negated="negated" in flags,
                hedged="hedged" in flags,
                attributed_to=entity(speaker) if speaker else None,
            )
        )
    return triples_to_graph(triples, lexicon, base=BASE, articles=list(articles.values()))


def entity_iri(name: str) -> str:
    """The IRI of test entity ``name``."""
    return BASE + "entity/" + re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


class Server:
    """``kg serve GRAPH --port 0`` in a subprocess; ``url`` is the one its start line prints."""

    def __init__(self, graph: Path, *options: str):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kg", "serve", str(graph), "--port", "0", *options],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: list[str] = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = self.process.stderr.readline()
            if not line:
                break
            self.lines.append(line)
            found = re.search(r"at (http://\S+/) ", line)
            if found:
                self.url = found.group(1)
                return
        self.stop()
        raise RuntimeError(f"kg serve did not start: {''.join(self.lines)}")

    def stop(self) -> int:
        """Stop the server with SIGTERM, as a service manager would; return its exit code."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.lines += self.process.stderr.readlines()
        self.process.stderr.close()
        return self.process.returncode
