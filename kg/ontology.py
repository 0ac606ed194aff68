"""Load the ontology, relation lexicon and gazetteer from ``ontology/*.ttl``.

The lexicon is data (OntoLex-Lemon entries pointing at ontology properties), so a
user adds or retypes a relation with a Turtle file of their own, without Python.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import OntologyError

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = [
    "KGO",
    "ONTOLOGY_IRI",
    "Lexicon",
    "Place",
    "ontology_dir",
    "ontology_files",
    "load_lexicon",
    "load_ontology_graph",
]

KGO = "https://example.org/kg/ontology#"
ONTOLOGY_IRI = "https://example.org/kg/ontology"
_ONTOLEX = "http://www.w3.org/ns/lemon/ontolex#"
_LEXINFO = "http://www.lexinfo.net/ontology/3.0/lexinfo#"


def ontology_dir() -> Path:
    """The folder with the bundled ontology files (inside the wheel, or the source tree)."""
    packaged = Path(__file__).parent / "_ontology"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parent.parent / "ontology"


def ontology_files() -> tuple[Path, ...]:
    """The bundled Turtle files: ontology, lexicon and gazetteer."""
    folder = ontology_dir()
    return tuple(folder / name for name in ("kg.ttl", "lexicon.ttl", "gazetteer.ttl"))


@dataclass(frozen=True)
class Place:
    """A gazetteer entry: canonical label and ontology class of a country or organisation."""

    label: str
    type: str


@dataclass(frozen=True)
class Lexicon:
    """Lookups the extractor and the RDF mapper need, read from the ontology graph.

    ``verbs`` keys are ``(lemma, preposition, particle)`` with ``None`` for absent parts;
    ``roles`` keys are lower-case titles ("chief of staff"); ``places`` keys are
    lower-case names and aliases ("us", "the united states").
    """

    verbs: Mapping[tuple[str, str | None, str | None], str]
    nominals: Mapping[str, str]
    roles: Mapping[str, str]
    labels: Mapping[str, str]
    parents: Mapping[str, tuple[str, ...]]
    ner_classes: Mapping[str, str]
    places: Mapping[str, Place]
    demonyms: Mapping[str, Place]

    @functools.cached_property
    def role_words(self) -> frozenset[str]:
        """Every word that occurs in a title, for scanning name prefixes."""
        return frozenset(word for title in self.roles for word in title.split())

    @functools.cached_property
    def longest_role(self) -> int:
        return max((len(title.split()) for title in self.roles), default=1)

    def verb_property(self, lemma: str, *, preposition: str | None = None, particle: str | None = None) -> str | None:
        """The property a verb (with its preposition and particle) denotes, if the lexicon knows it.

        A preposition must match an entry's own: "met with X" is a meeting, "met in Ankara" is not.
        """
        for key in ((lemma, preposition, particle), (lemma, preposition, None)):
            if key in self.verbs:
                return self.verbs[key]
        return None

    def role_property(self, title: str) -> str | None:
        """The role property of a title ("kremlin spokesperson" → spokesperson's property)."""
        words = title.lower().split()
        for size in range(min(len(words), self.longest_role), 0, -1):
            found = self.roles.get(" ".join(words[-size:]))
            if found:
                return found
        return None

    def place(self, name: str) -> Place | None:
        """The gazetteer entry for a name, alias or demonym ("US", "Russian"), if any."""
        key = _key(name)
        return self.places.get(key) or self.demonyms.get(key)

    def label(self, iri: str) -> str:
        """The English label of an ontology term, or its local name."""
        return self.labels.get(iri) or iri.rsplit("#", 1)[-1]

    def ancestors(self, prop: str) -> tuple[str, ...]:
        """``prop`` and its super-properties, nearest first."""
        seen: list[str] = []
        queue = [prop]
        while queue:
            current = queue.pop(0)
            if current in seen:
                continue
            seen.append(current)
            queue.extend(self.parents.get(current, ()))
        return tuple(seen)


def _key(name: str) -> str:
    name = " ".join(name.replace("’", "'").split()).lower()
    return name[4:] if name.startswith("the ") else name


def load_ontology_graph(extra: Iterable[str | Path] = ()) -> Graph:
    """Parse the bundled ontology files plus ``extra`` Turtle files into one graph.

    Raises:
        OntologyError: a file is missing or is not valid Turtle.
    """
    from rdflib import Graph

    graph = Graph()
    for path in (*ontology_files(), *map(Path, extra)):
        try:
            graph.parse(path, format="turtle")
        except FileNotFoundError:
            raise OntologyError(f"{path}: ontology file not found") from None
        except Exception as error:  # rdflib raises many parser types; all mean "bad Turtle"
            message = str(error).splitlines()[0] if str(error) else type(error).__name__
            raise OntologyError(f"{path}: not valid Turtle ({message})") from None
    return graph


@functools.lru_cache(maxsize=8)
def _cached_lexicon(extra: tuple[str, ...]) -> Lexicon:
    return _lexicon_from_graph(load_ontology_graph(extra))


def load_lexicon(extra: Iterable[str | Path] = ()) -> Lexicon:
    """Read the lexicon (bundled plus ``extra`` Turtle files), once per set of files."""
    return _cached_lexicon(tuple(str(Path(p).resolve()) for p in extra))


def _lexicon_from_graph(graph: Graph) -> Lexicon:
    from rdflib import RDF, RDFS, SKOS, Literal, Namespace, URIRef

    ontolex, lexinfo, kgo = Namespace(_ONTOLEX), Namespace(_LEXINFO), Namespace(KGO)
    verbs: dict[tuple[str, str | None, str | None], str] = {}
    nominals: dict[str, str] = {}
    roles: dict[str, str] = {}

    def text(node, prop) -> str | None:
        value = graph.value(node, prop)
        return str(value).strip().lower() if value is not None else None

    # Later files override earlier ones: user extensions retype bundled entries.
    for entry in graph.subjects(RDF.type, ontolex.LexicalEntry):
        form = graph.value(entry, ontolex.canonicalForm)
        written = text(form, ontolex.writtenRep) if form is not None else None
        senses = list(graph.objects(entry, ontolex.sense))
        references = [graph.value(s, ontolex.reference) for s in senses]
        references = [str(r) for r in references if isinstance(r, URIRef)]
        if not written or not references:
            continue
        prop = sorted(references)[-1] if len(references) > 1 else references[0]
        pos = graph.value(entry, lexinfo.partOfSpeech)
        if pos == lexinfo.verb:
            verbs[(written, text(entry, kgo.preposition), text(entry, kgo.particle))] = prop
        elif pos == lexinfo.noun:
            nominal = graph.value(entry, kgo.nominal)
            if isinstance(nominal, Literal) and nominal.toPython() is True:
                nominals[written] = prop
            else:
                roles[written] = prop

    labels = {}
    for subject, label in graph.subject_objects(RDFS.label):
        if isinstance(subject, URIRef) and (label.language in (None, "en")):
            labels.setdefault(str(subject), str(label))
    parents: dict[str, tuple[str, ...]] = {}
    for sub, sup in graph.subject_objects(RDFS.subPropertyOf):
        parents[str(sub)] = (*parents.get(str(sub), ()), str(sup))
    ner_classes = {str(label): str(cls) for cls, label in graph.subject_objects(kgo.nerLabel)}

    places: dict[str, Place] = {}
    demonyms: dict[str, Place] = {}
    for subject in set(graph.subjects(kgo.demonym)) | set(graph.subjects(SKOS.altLabel)):
        label = graph.value(subject, RDFS.label)
        kind = next((t for t in graph.objects(subject, RDF.type) if str(t).startswith(KGO)), None)
        if label is None or kind is None:
            continue
        place = Place(str(label), str(kind))
        for name in (label, *graph.objects(subject, SKOS.altLabel)):
            places.setdefault(_key(str(name)), place)
        for name in graph.objects(subject, kgo.demonym):
            demonyms.setdefault(_key(str(name)), place)
    if not verbs or not ner_classes:
        raise OntologyError(f"{ontology_dir()}: the lexicon has no verb entries or NER classes")
    return Lexicon(verbs, nominals, roles, labels, parents, ner_classes, places, demonyms)
