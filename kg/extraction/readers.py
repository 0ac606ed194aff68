"""What is said: the relations each sentence of an article states, over resolved mentions.

:class:`Readers` runs the readers of the parse (titles and roles, datelines, noun-phrase places,
nominal acts, reported claims, clauses, events) on one sentence at a time and turns what they
find into :class:`~kg.types.Relation` records whose arguments :class:`References` resolved. How a
relation is typed (lexicon, selectional restrictions) is decided later, in :mod:`kg.entities`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from kg.extraction.claims import claim_facts
from kg.extraction.clauses import LOCATIVE_PREPOSITIONS, content_noun, find_clauses, relation_tokens, subjects_of
from kg.extraction.concepts import concept_of
from kg.extraction.datelines import dateline_end, dateline_facts, line_name
from kg.extraction.names import DESCRIBED_LABEL, PRONOUN_LABEL, NameSpan, Role, direct_affiliations, title_around
from kg.extraction.nominals import nominal_facts
from kg.extraction.places import place_facts
from kg.extraction.reference import CLAIM_PREFIX, CONCEPT_LABEL, QUANTITY, References, is_concept
from kg.extraction.sentences import Sentence
from kg.ontology import KGO, Lexicon
from kg.resolution import kind_of
from kg.types import Mention, Predicate, Relation

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["Readers"]

# The labels of what an author's title may be of; any other organisation is where the author works.
_WORKS = frozenset({CONCEPT_LABEL, "WORK_OF_ART", "LAW", KGO + "Document"})
ROLE_CONFIDENCE = {
    "title": 0.9,
    "apposition": 0.85,
    "bridging": 0.6,
    "descriptor": 0.7,
    "occupation": 0.7,
    "verb": 0.8,
    "party": 0.7,
    "adherent": 0.7,
    "implied": 0.6,
}

NOMINAL_CONFIDENCE = 0.7

CLAIM_CONFIDENCE = {"claim": 0.8, "according-to": 0.75}

# Headline, source line and dateline: the paragraphs where a dateline may stand.
_DATELINE_PARAGRAPHS = 3

# Prepositions that put an event somewhere: "the storm in Norway", "a blast at the port".
_EVENT_PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "off"})

# Prepositions of a passive verb that say where its patient was moved ("released *from* custody").
_DIRECTIONS = frozenset({"from", "into", "to", "onto"})

# Labels of names that say when or where rather than who: "in March", "at Easter", "in Borneo".
# A person "in" something is rare enough that "in Borneo" tagged PERSON is a place the tagger missed.
_WHEN_LABELS = frozenset({"DATE", "TIME", "EVENT", "FAC", "LOC", "GPE", "MISC", "PERSON"})


def _of_or_from(noun: Token) -> list[Token]:
    """The objects of a noun's "of" and "from" phrases ("data *from the Archive*")."""
    return [p for c in noun.children if c.lower_ in ("of", "from") for p in c.children if p.dep_ == "pobj"]


def _reports(verb: Token, lexicon: Lexicon) -> bool:
    """Whether ``verb`` reports a claim it governs ("said ... that the talks had failed")."""
    return verb.lemma_.lower() in lexicon.claim_verbs and any(c.dep_ in ("ccomp", "parataxis") for c in verb.children)


def _has_object(verb: Token) -> bool:
    return any(c.dep_ == "dobj" for c in verb.children)


def _is_fatal(verb: Token, lexicon: Lexicon) -> bool:
    """ "shot to death", "fatally stabbed", "shot dead", "shot and killed", "mortally wounded":
    an attack that killed."""
    if verb.lemma_.lower() not in lexicon.words("injuring-verb"):
        return False
    for child in verb.children:
        if child.dep_ == "advmod" and child.lower_ in ("fatally", "mortally"):
            return True
        if child.lower_ == "dead" or (child.dep_ == "conj" and child.lemma_ in ("kill", "murder")):
            return True
        if child.dep_ == "conj" and child.pos_ == "VERB" and _is_fatal(child, lexicon):
            return True  # "shot and mortally wounded"
        if child.dep_ == "prep" and child.lower_ == "to" and any(c.lower_ == "death" for c in child.children):
            return True
    return False


def _date_phrase(
    sentence: Span, verb: Token, arguments: tuple[Token, ...] = (), happening: frozenset[str] = frozenset()
) -> str | None:
    """The date or time phrase that modifies ``verb`` ("on Sunday", "in January 2023"), if any.

    Failing that, a date in a relative clause on an argument that tells when the same thing
    happened to it: "a building that came under attack on Sunday was hit by a missile"
    (``happening``: the lexicon's happening verbs).
    """
    dates = [ent for ent in sentence.ents if ent.label_ in ("DATE", "TIME")]
    for ent in dates:
        root = ent.root
        if root.head.i == verb.i or (root.dep_ == "pobj" and root.head.head.i == verb.i):
            return ent.text
    for clause in (c for a in arguments for c in a.children if c.dep_ == "relcl" and c.lemma_ in happening):
        inside = {t.i for t in clause.subtree}
        for ent in dates:
            if ent.root.i in inside:
                return ent.text
    return None


class Readers:
    """The relation readers of one article, over the mentions ``refs`` resolves."""

    def __init__(self, refs: References, lexicon: Lexicon):
        self.refs = refs
        self.lexicon = lexicon
        # Per sentence, the token spans of its reported claims, the claims' names and speakers.
        self.claims: dict[int, list[tuple[int, int, str, str]]] = {}

    def role_relations(self, sentence: Sentence) -> Iterator[Relation]:
        doc = sentence.span.doc
        for role in sentence.roles:
            if role.affiliation is None:
                yield from self._national_role(sentence, role)
                yield from self._municipal_role(sentence, role)
                yield from self._work_role(sentence, role)
                yield from self._titled_body_role(sentence, role)
                continue
            holder = self.refs.mention(sentence, role.holder)
            if role.affiliation.label == PRONOUN_LABEL:
                affiliations = self.refs.owners(sentence, doc[role.affiliation.start])  # "his lawyer"
            elif role.affiliation.label == DESCRIBED_LABEL:
                body = doc[role.affiliation.start]  # "the agency's", "of the central bank"
                described = self.refs.described_owner(sentence, body) or self.refs.unnamed_body(sentence, body)
                if described is None and body.lower_ in self.lexicon.words("state-institution"):
                    described = self.refs.concept(sentence, body)  # "police spokeswoman X": the country's police
                affiliations = [described] if described is not None else []
            else:
                affiliations = [self.refs.mention(sentence, role.affiliation)]
            # "Riverton's captain" read as a person's stands for a club only if the article says so
            unserved = role.affiliation.label == "PERSON" and role.title not in self.lexicon.personal_roles
            for affiliation in affiliations:
                if holder.name != affiliation.name and not (unserved and affiliation.label == "PERSON"):
                    yield from self._role_relation(sentence, role, holder, affiliation)

    def _role_relation(
        self, sentence: Sentence, role: Role, holder: Mention, affiliation: Mention
    ) -> Iterator[Relation]:
        """The relation of one role of ``holder`` at ``affiliation`` (and its mirror for spouses)."""
        doc = sentence.span.doc
        affiliation = self._club_of_town(role, affiliation)
        kin = KGO + "relativeOf" in self.lexicon.ancestors(self.lexicon.role_property(role.title) or "")
        if kin and role.rule != "descriptor" and not holder.label == affiliation.label == "PERSON":
            return  # "its sister moon, Europa": kin between people only, never the proof of one
        title = doc[role.title_start : role.title_end]
        # the title as the lexicon writes it: "party" roles and plurals ("its founders") are not as written
        lemma = title.text.lower() if role.rule != "party" and title.text.lower() in self.lexicon.roles else role.title
        # A descriptor ("historian") is no post: it tells the person's country only.
        known = None
        if role.rule == "descriptor":
            known = KGO + ("citizenOf" if affiliation.label == KGO + "Country" else "livesIn")
        elif role.rule == "adherent":
            known = KGO + "memberOf"
        elif role.rule == "occupation":
            known = KGO + "worksFor"
        elif title.text.lower() in self.lexicon.words("work-title") and affiliation.label not in _WORKS:
            known = KGO + "worksFor"  # "co-author Ana Lind of Riverton University": where she works
        elif role.affiliation.start < role.title_start:
            known = self._sender(title.text) or self._nationality(doc[role.affiliation.start], title.text)
            # "Atlanta lawyer Neil Estes" lives in Atlanta; "Karim's lawyer" is someone's, wherever from
            owned = doc[role.affiliation.end - 1].dep_ == "poss"
            known = known or (None if owned else self._hometown(title.text, affiliation))
        said = f"{role.verb} {title.text}" if role.verb else title.text  # "resigned as foreign minister"
        relation = Relation(
            subject=holder,
            predicate=Predicate(lemma=lemma, text=said, role=True, property=known),
            object=affiliation,
            sentence_id=sentence.id,
            sentence=sentence.text,
            confidence=ROLE_CONFIDENCE[role.rule],
            rule=role.rule,
        )
        yield relation
        if role.rule == "descriptor":
            return
        # the graph states both ways what holds both ways: "Tom's wife, Ana" (spouses), "their son, Karel"
        # (Karel child of each, each parent of Karel)
        prop = self.lexicon.role_property(lemma)
        if prop in self.lexicon.symmetric:
            yield replace(relation, subject=affiliation, object=holder)
        elif prop in self.lexicon.inverse:
            mirrored = replace(relation.predicate, property=self.lexicon.inverse[prop])
            yield replace(relation, subject=affiliation, predicate=mirrored, object=holder)

    def _national_role(self, sentence: Sentence, role: Role) -> Iterator[Relation]:
        """ "Madagascar, whose sanctions followed President Ana Ruiz's coup": a national title with no
        country in its phrase is of the one country its sentence names before it (by name or
        demonym: "Chilean president X met Prime Minister Y"), unless the article gives the holder
        that title of some organisation or place elsewhere. Two countries before it, or none, say nothing."""
        doc = sentence.span.doc
        if role.title not in self.lexicon.words("national-title") or role.rule != "title":
            return
        if role.holder.end < len(doc) and doc[role.holder.end].lower_ in ("of", "from"):
            return  # "Vice President Tom Ashby of Peru": the phrase says whose
        # one-word names and demonyms by token ("Chilean"), longer names whole ("South Africa")
        before = [self.lexicon.place(token.text) for token in doc[sentence.span.start : role.title_start]]
        before += [self.lexicon.named_place(self.refs.name_of(n)) for n in sentence.names if n.end <= role.title_start]
        countries = {place.label for place in before if place is not None and place.type == KGO + "Country"}
        if len(countries) == 1:
            yield from self._implied_role(sentence, role, countries.pop(), "implied-country")

    def _municipal_role(self, sentence: Sentence, role: Role) -> Iterator[Relation]:
        """ "The Municipality of Riverton asked for a refund. The mayor Luca Bruni ...": a town's title
        with no organisation in its phrase is of the one municipality named in its sentence or the one
        before ("Municipality of X", "City of X"), else of the one city named there; two say nothing."""
        doc = sentence.span.doc
        if role.title not in self.lexicon.words("municipal-title") or role.rule not in ("title", "apposition"):
            return
        if role.holder.end < len(doc) and doc[role.holder.end].lower_ in ("of", "from"):
            return  # "Mayor Tom Ashby of Leeds": the phrase says whose
        window = self.refs.sentences[max(sentence.id - 1, 0) : sentence.id + 1]
        before = [n for s in window for n in s.names if s.id < sentence.id or n.end <= role.title_start]
        named = {self.refs.name_of(n) for n in before}
        nouns = self.lexicon.words("municipality-noun")
        municipalities = {name for name in named if " of " in name and name.split()[0].lower() in nouns}
        cities = {
            name
            for name in named
            if self.refs.labels.get(name) == KGO + "City"
            or self.refs.labels.get(name) in ("GPE", "LOC")
            and self.lexicon.city(name) is not None
        }
        found = municipalities or cities
        if len(found) == 1:
            yield from self._implied_role(sentence, role, found.pop(), "implied-municipality")

    def _work_role(self, sentence: Sentence, role: Role) -> Iterator[Relation]:
        """ "The study was published on Monday. As coauthor Ana Lind said, ...": an author's title with
        no work in its phrase is of the one kind of work (study, report, paper) the article has spoken
        of up to its sentence, as the science news that names one study writes; two kinds say nothing."""
        if role.title not in self.lexicon.words("work-title") or role.rule not in ("title", "apposition"):
            return
        works = self.lexicon.words("work-noun")
        window = self.refs.sentences[: sentence.id + 1]
        found = {
            token.lemma_.lower(): (each, token)
            for each in window
            for token in each.span
            if token.pos_ == "NOUN" and token.lemma_.lower() in works
        }
        if len(found) != 1:
            return
        where, noun = next(iter(found.values()))
        work = self.refs.concept(where, noun)
        if work is not None:
            yield from self._implied_role(sentence, role, work.name, "implied-work", label=work.label)

    def _titled_body_role(self, sentence: Sentence, role: Role) -> Iterator[Relation]:
        """ "Ashby resigned as leader of the Liberal Party ... Sara Holm will serve as acting leader": a
        title with no organisation in its phrase is of the one organisation the article gives that
        title (by its last word) elsewhere; two such organisations, or none, say nothing."""
        head = role.title.split()[-1]
        special = ("national-title", "municipal-title", "work-title")
        if role.title in self.lexicon.personal_roles or any(role.title in self.lexicon.words(c) for c in special):
            return
        doc = sentence.span.doc
        noun = doc[role.title_end - 1]
        if any(c.dep_ == "poss" for c in noun.children):
            return  # "their coach, Victor Amsel": an owner the phrase names, if unresolved
        before = doc[role.title_start - 1].lower_ if role.title_start > 0 else ""
        if role.rule != "verb" and before not in self.lexicon.words("tenure-word"):
            return  # "the coach, X" of two teams may be either's; "served as leader", "acting leader" the one
        owners = {
            self.refs.mention(each, other.affiliation).name
            for each in self.refs.sentences
            for other in each.roles
            if other.affiliation is not None
            and other.title.split()[-1] == head
            and kind_of(other.affiliation.label) == "organization"
        }
        if len(owners) == 1:
            yield from self._implied_role(sentence, role, owners.pop(), "implied-organisation")

    def _implied_role(
        self, sentence: Sentence, role: Role, owner: str, rule: str, *, label: str | None = None
    ) -> Iterator[Relation]:
        """The title's relation to ``owner``, which the sentence around it implies."""
        doc = sentence.span.doc
        holder = self.refs.mention(sentence, role.holder)
        if holder.label != "PERSON" or self._titled_elsewhere(holder.name, role.title):
            return
        title = doc[role.title_start : role.title_end]
        start = sentence.offset + title.start_char
        # the title is the owner's mention, as a description stands for what it resolves to
        label = label or self.refs.labels.get(owner, "GPE")
        owner_mention = Mention(title.text, start, start + len(title.text), owner, label, sentence.id)
        yield Relation(
            subject=holder,
            predicate=Predicate(lemma=role.title, text=title.text, role=True),
            object=owner_mention,
            sentence_id=sentence.id,
            sentence=sentence.text,
            confidence=ROLE_CONFIDENCE["implied"],
            rule=rule,
        )

    def _titled_elsewhere(self, holder: str, title: str) -> bool:
        return any(
            other.title == title
            and other.affiliation is not None
            and self.refs.mention(each, other.holder).name == holder
            for each in self.refs.sentences
            for other in each.roles
        )

    def dateline_relations(self, sentence: Sentence) -> Iterator[Relation]:
        """ "BANGKOK, Thailand (AP) —": where the agency filed from, and where that place lies."""
        if sentence.span.start != 0 or sentence.paragraph >= _DATELINE_PARAGRAPHS:
            return
        for fact in dateline_facts(sentence.span.doc, self.lexicon):
            subject, obj = self._line_mention(sentence, fact.subject), self._line_mention(sentence, fact.object)
            yield Relation(
                subject=subject,
                predicate=Predicate(lemma=fact.rule, text=fact.rule, property=fact.property),
                object=obj,
                sentence_id=sentence.id,
                sentence=sentence.text,
                confidence=fact.confidence,
                rule=fact.rule,
            )

    def _line_mention(self, sentence: Sentence, part: tuple[int, int, str]) -> Mention:
        """A name of a dateline: places in capitals are named as usual ("BANGKOK" → Bangkok)."""
        start, end, label = part
        text = sentence.span.doc.text[start:end]
        name = line_name(text) if label == "GPE" else text
        place = self.lexicon.place(name)
        if place is not None:
            name, label = place.label, place.type
        return Mention(text, sentence.offset + start, sentence.offset + end, name, label, sentence.id)

    def _where(self, lemma: str, preposition: str | None, subject: Mention, obj: Mention) -> str | None:
        """ "She is from Dover", "he comes from Ohio", "a manager based in Huntsville": where a
        person lives (a person is not "based" anywhere as an organisation is); "Rome is in
        Lazio": where a place lies."""
        if kind_of(obj.label) != "place":
            return None
        if kind_of(subject.label) == "place" and lemma == "be" and preposition == "in":
            return KGO + "locatedIn"
        if subject.label != "PERSON":
            return None
        if preposition == "from" and lemma in self.lexicon.words("origin-verb"):
            return KGO + "livesIn"
        based = self.lexicon.verb_property(lemma, preposition=preposition) == KGO + "basedIn"
        return KGO + "livesIn" if based else None

    def _sender(self, title: str) -> str | None:
        """ "US ambassador", "Libya's envoy": a name before an envoy's title is the state that sends
        the envoy, who holds a post in it; only "ambassador *to* Ukraine" names the host."""
        return KGO + "holdsPositionIn" if self.lexicon.role_property(title) == KGO + "ambassadorTo" else None

    def _nationality(self, word: Token, title: str) -> str | None:
        """ "the Norwegian striker", "Soviet historian Roy Medvedev": a demonym before a player's or
        an employee's title says whose citizen the person is, not which side they play or work for
        ("Chelsea striker", "BBC reporter")."""
        member = self._employee_title(title)
        demonym = self.lexicon.place(word.text) is not None and self.lexicon.named_place(word.text) is None
        return KGO + "citizenOf" if member and demonym else None

    def _club_of_town(self, role: Role, affiliation: Mention) -> Mention:
        """ "Portland coach Gary Lund", "Portland quarterback Sam Ortiz" in an article of the Portland
        Hawks: a player's or a club title after a town is of the one club whose name the town starts
        (its other word a plural or a club's word); else the town."""
        player = self.lexicon.role_property(role.title) == KGO + "memberOf"
        if kind_of(affiliation.label) != "place" or not (player or role.title in self.lexicon.words("club-title")):
            return affiliation
        words = self.lexicon.words("club-word")
        clubs = {
            name
            for name, label in self.refs.labels.items()
            if kind_of(label) == "organization"
            and name.startswith(affiliation.name + " ")
            and len(name.split()) == len(affiliation.name.split()) + 1
            and (name.endswith("s") or name.split()[-1].lower() in words)
        }
        if len(clubs) != 1:
            return affiliation
        club = clubs.pop()
        return replace(affiliation, name=club, label=self.refs.labels[club])

    def _hometown(self, title: str, affiliation: Mention) -> str | None:
        """ "Atlanta lawyer Neil Estes": a town before an employee's title is where the person
        lives, not whom they work for (a country's post, "US ambassador", stays a post)."""
        town = kind_of(affiliation.label) == "place" and affiliation.label != KGO + "Country"
        return KGO + "livesIn" if self._employee_title(title) and town else None

    def _employee_title(self, title: str) -> bool:
        """A player's or an employee's title ("striker", "historian"), not a post one holds."""
        return self.lexicon.role_property(title) in (KGO + "memberOf", KGO + "worksFor")

    def place_relations(self, sentence: Sentence) -> Iterator[Relation]:
        def label_of(name: NameSpan) -> str:
            return self.refs.labels.get(self.refs.name_of(name), name.label)

        for fact in place_facts(sentence.span, sentence.names, label_of, self.lexicon):
            subject, obj = self.refs.mention(sentence, fact.subject), self.refs.mention(sentence, fact.object)
            if subject.name == obj.name:
                continue
            yield Relation(
                subject=subject,
                predicate=Predicate(lemma=fact.text.lower(), text=fact.text, property=fact.property),
                object=obj,
                sentence_id=sentence.id,
                sentence=sentence.text,
                confidence=fact.confidence,
                rule=fact.rule,
            )
        yield from self._native_places(sentence)

    def _native_places(self, sentence: Sentence) -> Iterator[Relation]:
        """ "in his native South Carolina", "Hale's native Ohio": the owner's home (a home noun
        modifying the place); "at her Malibu home": whose home the place names (a hometown noun
        the place modifies, owned by a pronoun; a named owner is read with the places)."""
        doc, homes = sentence.span.doc, self.lexicon.words("home-noun")
        for name in sentence.names:
            head = doc[name.end - 1]
            place = self.refs.mention(sentence, name)
            if kind_of(place.label) != "place":
                continue
            native = any(c.dep_ == "amod" and c.lower_ in homes for c in head.children)
            noun = head.head if head.dep_ in ("compound", "amod", "nmod") and head.head.pos_ == "NOUN" else None
            lived = self.lexicon.word_property("hometown-noun", noun.lemma_.lower()) if noun is not None else None
            if native:
                owner = next((c for c in head.children if c.dep_ == "poss"), None)
                home = KGO + ("citizenOf" if place.label == KGO + "Country" else "livesIn")
                word = "native"
            elif lived is not None:
                owner = next((c for c in noun.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
                home, word = lived, noun.text
            else:
                continue
            if owner is None:
                continue
            pronoun = owner.pos_ == "PRON"
            people = self.refs.owners(sentence, owner) if pronoun else [self.refs.argument(sentence, owner)]
            for person in (p for p in people if p is not None and kind_of(p.label) == "person"):
                yield Relation(
                    subject=person,
                    predicate=Predicate(lemma=word.lower(), text=word, property=home),
                    object=place,
                    sentence_id=sentence.id,
                    sentence=sentence.text,
                    confidence=0.7,
                    rule="native-place",
                )

    def nominal_relations(self, sentence: Sentence) -> Iterator[Relation]:
        for fact in nominal_facts(sentence.span, sentence.names, self.lexicon):
            yield Relation(
                subject=self.refs.mention(sentence, fact.agent),
                predicate=Predicate(lemma=fact.noun.lemma_.lower(), text=fact.noun.text, property=fact.property),
                object=self.refs.mention(sentence, fact.patient),
                sentence_id=sentence.id,
                sentence=sentence.text,
                confidence=NOMINAL_CONFIDENCE,
                rule="nominal",
            )

    def claim_relations(self, sentence: Sentence) -> Iterator[Relation]:
        """ "Baird said the document was not secret": the speaker stated the claim, a node whose
        label is the claim's words; the facts read inside it point to it (:meth:`_claim_at`)."""
        doc = sentence.span.doc
        opening = dateline_end(doc, self.lexicon) if sentence.span.start == 0 else 0
        for fact in claim_facts(sentence.span, self.lexicon.claim_verbs):
            speaker = self.refs.argument(sentence, fact.speaker)
            if speaker is None and fact.rule == "according-to":
                # "according to data from the Archive": a source is named; "according to the law" is
                # none; "according to police": people are one
                speaker = next((self.refs.argument(sentence, p) for p in _of_or_from(fact.speaker)), None)
                if speaker is None and self._people(fact.speaker):
                    speaker = self.refs.concept(sentence, fact.speaker)
            elif speaker is None:
                speaker = self.refs.concept(sentence, fact.speaker)
            if speaker is None:
                continue
            first = fact.start
            while first < fact.end and doc[first].idx < opening:
                first += 1  # "OSLO, Norway — Police arrested ..., officials said": the dateline is no one's words
            while first < fact.end and opening and doc[first].is_punct:
                first += 1
            words = doc[first : fact.end]
            start = sentence.offset + words.start_char
            end = start + len(words.text)
            claim = Mention(words.text, start, end, CLAIM_PREFIX + words.text, KGO + "Claim", sentence.id)
            self.claims.setdefault(sentence.id, []).append((fact.start, fact.end, claim.name, speaker.name))
            negated = any(c.dep_ == "neg" for c in fact.verb.children)
            yield Relation(
                subject=speaker,
                predicate=Predicate(
                    lemma=fact.verb.lemma_.lower() if fact.rule == "claim" else "according to",
                    text=fact.verb.text,
                    property=fact.property,
                ),
                object=claim,
                sentence_id=sentence.id,
                sentence=sentence.text,
                confidence=CLAIM_CONFIDENCE[fact.rule],
                rule=fact.rule,
                negated=negated,
                when=_date_phrase(sentence.span, fact.verb) if fact.rule == "claim" else None,
            )

    def event_relations(self, sentence: Sentence) -> Iterator[Relation]:
        """ "The storm hit the coast in Norway on Monday", "the collapse of the bridge in Tenggarong":
        an event named by a noun took place where its sentence puts it, on the day it gives."""
        for noun in sentence.span:
            if noun.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj") or not self._names_event(sentence, noun):
                continue
            owner = noun.head if noun.dep_ in ("nsubj", "nsubjpass") else noun
            # "the collapse of the bridge in Tenggarong": the event's own complement may say where
            complements = (p for c in noun.children if c.lower_ == "of" for p in c.children if p.dep_ == "pobj")
            # "air strikes killed 30 people in Gaza": the parser hangs the place on the verb's object
            victims = [c for c in owner.children if c.dep_ == "dobj"] if owner is not noun else []
            holders = [owner, noun, *complements, *victims]
            preps = {c.i: c for h in holders for c in h.children if c.dep_ == "prep"}
            for prep in (p for p in preps.values() if p.lower_ in _EVENT_PLACE_PREPOSITIONS):
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    # "at the port of Beirut": the place the common noun is of
                    inner = [p for c in pobj.children if c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
                    name = self.refs.name_at(sentence, pobj.i) or next(
                        (n for n in (self.refs.name_at(sentence, p.i) for p in inner) if n is not None), None
                    )
                    place = self.refs.mention(sentence, name) if name is not None else None
                    if place is None or kind_of(place.label) != "place":
                        continue
                    named = self.refs.name_at(sentence, noun.i)
                    event = self.refs.mention(sentence, named) if named else self.refs.concept(sentence, noun)
                    yield Relation(
                        subject=event,
                        predicate=Predicate(lemma=prep.lower_, text=prep.text, property=KGO + "occurredIn"),
                        object=place,
                        sentence_id=sentence.id,
                        sentence=sentence.text,
                        confidence=0.7,
                        rule="event-place",
                        when=_date_phrase(sentence.span, owner),
                    )

    def _names_event(self, sentence: Sentence, noun: Token) -> bool:
        """Whether the argument head is an event: a noun of the lexicon's events ("the storm") or
        the last word of a name the tagger calls one ("Hurricane Irma")."""
        if noun.pos_ == "NOUN":
            concept = concept_of(noun, self.lexicon)
            return concept is not None and concept.type == KGO + "Event"
        name = self.refs.name_at(sentence, noun.i)
        return name is not None and name.end == noun.i + 1 and name.label == "EVENT"

    def group_relations(self, sentence: Sentence) -> Iterator[Relation]:
        """ "six journalists from Al-Jazeera", "hackers from Anonymous": people a noun names work
        for (or belong to) the organisation named right after it (the lexicon's member nouns)."""
        for noun in sentence.span:
            prop = self.lexicon.word_property("member-noun", noun.lemma_.lower()) if noun.pos_ == "NOUN" else None
            if prop is None or noun.i + 1 >= sentence.span.end:
                continue
            prep = noun.nbor(1)
            if prep.head.i != noun.i or prep.lower_ not in ("from", "at", "with", "for", "of"):
                continue
            if prep.lower_ == "of" and (prop == KGO + "memberOf" or noun.lower_ in self.lexicon.role_words):
                continue  # "members of SADC", "the chief executive of Acme" are its by what they are called
            if self._describes_a_name(sentence, noun):
                continue  # "Ann Lowe, an analyst at Acme": the role reader gives it to her
            # "engineers at Harvard University and the Massachusetts Institute of Technology": of each
            for pobj in (t for c in prep.children if c.dep_ == "pobj" for t in (c, *c.conjuncts)):
                named = self.refs.name_at(sentence, pobj.i + 1) if pobj.i + 1 < sentence.span.end else None
                if named is not None and named.start == pobj.i + 1:
                    organisation = self.refs.mention(sentence, named)  # "from the news network Al-Jazeera"
                else:
                    organisation = self.refs.argument(sentence, pobj)
                group = self.refs.concept(sentence, noun) if organisation is not None else None
                if group is None or kind_of(organisation.label) != "organization":
                    continue
                yield Relation(
                    subject=group,
                    predicate=Predicate(lemma=noun.lemma_.lower(), text=f"{noun.text} {prep.text}", property=prop),
                    object=organisation,
                    sentence_id=sentence.id,
                    sentence=sentence.text,
                    confidence=0.7,
                    rule="member-noun",
                )

    def _describes_a_name(self, sentence: Sentence, noun: Token) -> bool:
        """Whether ``noun`` is said of a name: in apposition to it, or its copula's complement."""
        named = [c for c in noun.children if c.dep_ == "appos"]
        if noun.dep_ == "appos":
            named.append(noun.head)
        if noun.dep_ == "attr":
            named += [c for c in noun.head.children if c.dep_ == "nsubj"]
        return any(self.refs.name_at(sentence, t.i) is not None or t.pos_ == "PRON" for t in named)

    def _claim_at(self, sentence: Sentence, token: Token) -> tuple[str, str] | tuple[None, None]:
        """The innermost reported claim of the sentence whose words hold ``token``, and its speaker."""
        spans = [span for span in self.claims.get(sentence.id, ()) if span[0] <= token.i < span[1]]
        return min(spans, key=lambda span: span[1] - span[0])[2:] if spans else (None, None)

    def clause_relations(self, sentence: Sentence) -> Iterator[Relation]:
        opening = dateline_end(sentence.span.doc, self.lexicon) if sentence.span.start == 0 else 0
        clauses = list(find_clauses(sentence.span, self.lexicon))
        # Verbs with a participant besides where they happened: "met Lavrov in Ankara".
        # A passive's agent leaves where its patient underwent the act a fact ("was shot down by a
        # missile over Ukraine").
        engaged = {
            c.verb.i
            for c in clauses
            if (c.preposition is None or c.preposition.lower_ not in LOCATIVE_PREPOSITIONS)
            and c.rule != "passive-agent"
            and c.object.ent_type_ not in ("DATE", "TIME")  # "on Saturday" says when
        }
        # ... or what they say: "said at a news conference that ..."
        engaged |= {t.i for t in sentence.span if any(c.dep_ in ("ccomp", "xcomp") for c in t.children)}
        for clause in clauses:
            if min(clause.subject.idx, clause.object.idx) < opening:
                continue  # a dateline's place fills no clause's slot
            # Concepts stand in for direct participants, not for the circumstances a passive
            # verb's prepositions add ("was given for courage"); its patient may be one, and so
            # may where the patient is moved ("was released from custody", "taken to hospital"),
            # what they are charged with and the event it happened in ("killed in the attack").
            moved = clause.preposition is not None and clause.preposition.lower_ in _DIRECTIONS
            charged = clause.verb.lemma_.lower() in self.lexicon.words("culprit-object-verb")  # "charged with murder"
            caused = self._is_event(clause.object)  # "was killed in the attack"
            concepts = (True, clause.rule != "passive-prep" or moved or charged or caused)
            subject, obj = (
                self.refs.argument(sentence, token)
                or self.refs.quantity(sentence, token)
                or (self.refs.concept(sentence, token) if allowed else None)
                for token, allowed in zip((clause.subject, clause.object), concepts)
            )
            if clause.rule == "compound-participle" and subject is not None:
                subject = self._compound_agent(subject)
            if subject is None or obj is None or subject.name == obj.name:
                continue
            anchored = self.refs.anchored.get(subject.name) or self.refs.anchored.get(obj.name)
            actors = clause.rule in ("active", "passive-agent", "active-prep") and self._people(clause.subject)
            actors = actors and self._claim_at(sentence, clause.verb)[0] is None
            grounded = anchored or actors or QUANTITY in (subject.label, obj.label)
            if is_concept(subject) and is_concept(obj) and not (grounded or self._event_acts(clause)):
                continue  # a fact needs a participant tied to a name, a quantity, people or an event who act
            if clause.preposition is not None and _reports(clause.verb, self.lexicon):
                continue  # "said on Twitter that ...", "said in a statement that ...": how it was said
            if clause.rule == "light-verb" and obj.label == CONCEPT_LABEL and clause.preposition.lower_ == "of":
                continue  # "imposed a blockade of the port": the noun's complement, not a participant
            if clause.rule == "copula" and CONCEPT_LABEL in (subject.label, obj.label):
                continue  # "X is a native": the noun says what X is, not who X deals with
            if clause.rule == "copula-of":
                found = self._copula_role(sentence, clause, subject, obj)
                if found is not None:
                    yield found
                continue
            words = relation_tokens(clause)
            particle = next((c.lower_ for c in clause.verb.children if c.dep_ == "prt"), None)
            preposition = clause.preposition.lower_ if clause.preposition is not None else None
            if clause.rule == "reciprocal":
                preposition = "with"
            elif clause.rule == "relative-where":
                preposition = "in"  # "Akron, where Hale was born": born in Akron
            lemma = clause.verb.lemma_.lower()
            if clause.rule == "passive-object":
                lemma = f"be {clause.verb.lower_}"  # "was awarded the prize": no lexicon sense reads it
            fatal = _is_fatal(clause.verb, self.lexicon) and clause.preposition is None
            known = KGO + "killed" if fatal else self._where(lemma, preposition, subject, obj)
            if (
                preposition in LOCATIVE_PREPOSITIONS
                and clause.noun is None
                and (clause.verb.i in engaged or obj.label == "PERSON")  # "in Mina" tagged a person
                and known is None
                and (kind_of(obj.label) == "place" or is_concept(obj) or obj.label in _WHEN_LABELS)
                and not self.lexicon.verb_property(lemma, preposition=preposition, particle=particle)
                and not (lemma in self.lexicon.words("placement-verb") and not _has_object(clause.verb))
                and not (lemma in self.lexicon.words("arrival-verb") and kind_of(obj.label) == "place")
            ):
                continue  # "met X in Ankara" says where; "published in Nature" names a participant;
                # "protesters gathered in Seoul" has no other
            confidence = clause.confidence * (0.9 if subject.is_pronoun or obj.is_pronoun else 1.0)
            claim, claimant = self._claim_at(sentence, clause.verb)
            relation = Relation(
                subject=subject,
                predicate=Predicate(
                    lemma=lemma,
                    text=" ".join(t.text for t in words),
                    preposition=preposition,
                    particle=particle,
                    noun=clause.noun.lemma_.lower() if clause.noun is not None else None,
                    property=known,
                    open=lemma in self.lexicon.words("post-verb") and not _names_a_post(clause.verb, self.lexicon),
                ),
                object=obj,
                sentence_id=sentence.id,
                sentence=sentence.text,
                confidence=round(confidence, 3),
                rule=clause.rule,
                negated=clause.negated,
                hedged=clause.hedged,
                modality=clause.modality,
                when=_date_phrase(
                    sentence.span,
                    clause.verb,
                    (clause.subject, clause.object),
                    self.lexicon.words("happening-verb"),
                ),
                attributed_to=self.refs.speaker(sentence, clause.verb) or claimant,
                claim=claim,
            )
            yield relation
            casualty = lemma in self.lexicon.words("casualty-verb") and clause.rule == "passive-prep"
            if casualty and preposition == "in" and caused:
                # "22 people were killed in the shooting": the shooting killed them, too
                predicate = replace(relation.predicate, preposition=None)
                yield replace(relation, subject=obj, predicate=predicate, object=subject, rule="event-agent")
            doer = self._weapon_user(sentence, clause, subject)
            if doer is not None and doer.name != obj.name:
                confidence = round(relation.confidence * 0.8, 3)
                yield replace(relation, subject=doer, confidence=confidence, rule="weapon-user")
            country = self._acting_country(sentence, clause.subject, subject)
            if country is not None and country.name != obj.name:
                yield replace(
                    relation,
                    subject=country,
                    confidence=round(relation.confidence * 0.8, 3),
                    rule=relation.rule + "+country",
                )

    def _people(self, noun: Token) -> bool:
        """ "Protesters burned tyres", "municipalities asked schools", "police": people who act,
        named by a plural (or bare collective) ``people-noun``."""
        noun = content_noun(noun, self.lexicon)
        collective = noun.tag_ == "NN" and not any(c.dep_ in ("det", "poss") for c in noun.children)  # "police"
        return (noun.tag_ == "NNS" or collective) and noun.lemma_.lower() in self.lexicon.words("people-noun")

    def _event_acts(self, clause) -> bool:
        """ "the fire destroyed the building", "the storm caused a crane to fall", "the summit came up
        with a plan": what an event (a noun the lexicon classes so) does, unless with an
        ``empty-verb`` ("the election has ...")."""
        happening = self.lexicon.noun_classes.get(content_noun(clause.subject, self.lexicon).lemma_.lower())
        empty = clause.verb.lemma_.lower() in self.lexicon.words("empty-verb")
        # with a preposition, only the verb's own subject ("the summit came up with"), not one an
        # infinitive inherits ("an attack to strike at its freedom to report on the events")
        rule = clause.rule == "active" or clause.rule == "active-prep" and clause.subject.head.i == clause.verb.i
        return rule and happening == KGO + "Event" and not empty

    def _is_event(self, noun: Token) -> bool:
        return noun.pos_ == "NOUN" and self.lexicon.noun_class(noun.lemma_.lower()) == KGO + "Event"

    def _compound_agent(self, mention: Mention) -> Mention | None:
        """The doer a hyphenated prefix names: a country for a demonym ("the Saudi-led coalition");
        no place but a country ("a Cornell-led team" is the university's, whose name is cut)."""
        place = self.lexicon.place(mention.text) if mention.label == "NORP" else None
        if place is not None and place.type == KGO + "Country":
            return replace(mention, name=place.label, label=place.type)
        if kind_of(mention.label) == "place" and not self.lexicon.place(mention.name):
            return None
        return mention

    def _weapon_user(self, sentence: Sentence, clause, subject: Mention) -> Mention | None:
        """ "Hale fired the shots that killed Price": who used the weapon that did the act."""
        verb, weapon = clause.verb, clause.subject
        if subject.label != CONCEPT_LABEL or verb.dep_ != "relcl" or verb.head.i != weapon.i:
            return None
        concept = concept_of(weapon, self.lexicon)
        if concept is None or concept.type != KGO + "Weapon" or weapon.dep_ != "dobj":
            return None
        users, passive = subjects_of(weapon.head)
        return None if passive or not users else self.refs.argument(sentence, users[0])

    def _acting_country(self, sentence: Sentence, token: Token, subject: Mention) -> Mention | None:
        """ "Russian forces invaded", "a Russian missile hit": the country acts through its forces
        and weapons (as event coding such as CAMEO codes it), so it is an actor of the fact too."""
        if subject.label != CONCEPT_LABEL:
            return None
        concept = concept_of(token, self.lexicon)
        if concept is None or concept.type not in (KGO + "ArmedForce", KGO + "Weapon"):
            return None
        doc = sentence.span.doc
        for modifier in content_noun(token, self.lexicon).children:
            if modifier.dep_ not in ("amod", "compound"):
                continue
            # "Russian forces", "United States warplanes": an adjective or a proper noun compound
            first = modifier.left_edge.i if modifier.dep_ == "compound" else modifier.i
            words = doc[first : modifier.i + 1]
            place = self.lexicon.place(words.text)
            if place is not None and place.type == KGO + "Country":
                start = sentence.offset + words.start_char
                return Mention(words.text, start, start + len(words.text), place.label, place.type, sentence.id)
        return None

    def description_roles(self, sentence: Sentence) -> Iterator[Relation]:
        """Roles a resolved description states: "the EU's ambassador to Ukraine" → ambassador to Ukraine."""
        doc = sentence.span.doc
        by_token = {i: n for n in sentence.names for i in range(n.start, n.end)}
        for token in sentence.span:
            title = self.refs.description_title(sentence, token)
            holder = self.refs.description(sentence, token) if title is not None else None
            if holder is None or (sentence.id, token.i) not in self.refs.bridged:
                continue
            for affiliation in direct_affiliations(doc, token, title[:2], by_token, self.lexicon):
                sender = self._sender(title[2]) if affiliation.start < title[0] else None
                yield Relation(
                    subject=holder,
                    predicate=Predicate(lemma=title[2], text=doc[title[0] : title[1]].text, role=True, property=sender),
                    object=self.refs.mention(sentence, affiliation),
                    sentence_id=sentence.id,
                    sentence=sentence.text,
                    confidence=ROLE_CONFIDENCE["bridging"],
                    rule="bridging",
                )

    def _copula_role(self, sentence: Sentence, clause, subject: Mention, obj: Mention) -> Relation | None:
        """ "X is the head of Y" (a role), "X is a native of Y" (where X is from)."""
        noun = clause.noun
        title = title_around(sentence.span.doc, noun, self.lexicon)
        if title is not None and is_concept(obj):
            return None  # "a professor of economics": a field, not where the post is held
        if title is not None:
            text = sentence.span.doc[title[0] : title[1]].text
            predicate = Predicate(lemma=text.lower(), text=text, role=True)
        elif noun.lemma_.lower() in self.lexicon.words("home-noun") and kind_of(obj.label) == "place":
            home = "citizenOf" if obj.label == KGO + "Country" else "livesIn"
            predicate = Predicate(lemma=noun.lemma_.lower(), text=noun.text, property=KGO + home)
        else:
            return None
        return Relation(
            subject=subject,
            predicate=predicate,
            object=obj,
            sentence_id=sentence.id,
            sentence=sentence.text,
            confidence=clause.confidence,
            rule=clause.rule,
            negated=clause.negated,
            hedged=clause.hedged,
            modality=clause.modality,
        )


def _names_a_post(verb: Token, lexicon: Lexicon) -> bool:
    """Whether a clause gives its object a post: "named X chief executive", "named X as coach",
    "named X to the board", "named X to lead the team" (not "named the victim as Tom Reed")."""
    doc = verb.doc
    for child in verb.children:
        if child.dep_ == "xcomp" and child.pos_ == "VERB":
            return True
        if child.dep_ == "oprd" and child.pos_ == "NOUN" and title_around(doc, child, lexicon) is not None:
            return True
        if child.dep_ == "dobj" and any(  # "named Tom Vale its chief executive", parsed as an apposition
            c.dep_ == "appos" and c.pos_ == "NOUN" and title_around(doc, c, lexicon) is not None for c in child.children
        ):
            return True
        if child.dep_ == "prep" and child.lower_ in ("as", "to"):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if any(child.lower_ == "to" or title_around(doc, o, lexicon) is not None for o in objects):
                return True
    return False
