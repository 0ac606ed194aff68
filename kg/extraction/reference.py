"""Who is meant: the entity each mention of an article stands for.

:class:`References` holds what an article says about its names (canonical names, labels, titles,
surnames, genders) and resolves an argument token to a mention: a name, a surname the tagger
missed, a pronoun, a definite description ("the foreign minister"), a quantity or a concept.
The readers (:mod:`kg.extraction.readers`) ask it; it reads no relation.
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING

from kg.extraction.claims import QUOTES
from kg.extraction.clauses import content_noun, participants, root_acl_is_main_verb, subjects_of
from kg.extraction.concepts import concept_of, possessor
from kg.extraction.gender import agrees, gender_of_pronoun, genders
from kg.extraction.names import PRONOUN_LABEL, NameSpan, title_around
from kg.extraction.quantities import quantity_at
from kg.extraction.resolve import PERSONAL_PRONOUNS, speaker_of
from kg.extraction.sentences import Sentence
from kg.ontology import KGO, Lexicon
from kg.resolution import kind_of, surname, vote_labels
from kg.types import Amount, Mention, Relation

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = [
    "CLAIM_PREFIX",
    "CONCEPT_LABEL",
    "CONCEPT_PREFIX",
    "QUANTITY",
    "QUANTITY_PREFIX",
    "References",
    "article_labels",
    "is_concept",
]

# Concept mentions are named "concept:<label>" and labelled CONCEPT until the article is done.
CONCEPT_PREFIX = "concept:"

CONCEPT_LABEL = "CONCEPT"

# Claim mentions are named "claim:<text>"; their label is the class kgo:Claim.
CLAIM_PREFIX = "claim:"

# Quantity mentions are named "quantity:<words>"; their label is the class kgo:Quantity.
QUANTITY_PREFIX = "quantity:"

QUANTITY = KGO + "Quantity"


# A one-word "person" that is a city this large is the city, unless a person of the article has the name.
_LARGE_CITY = 300_000
# "the court": the organisation it stands for is named at most this many sentences before.
_BODY_WINDOW = 12
# A description is named by a speaker at most this many sentences later.
_BRIDGE_WINDOW = 2

# A pronoun refers back at most this many sentences.
_PRONOUN_WINDOW = 3


def article_labels(surface: list[tuple[str, str]], full_names: dict[str, str], lexicon: Lexicon) -> dict[str, str]:
    """One label per canonical name. A full name the article writes votes with its own mentions,
    not its short forms' ("Chrome" tagged a person does not make "Google Chrome" one, nor "the
    Greens" tagged a people "Green Party" a group); a class the gazetteer or a kind
    noun gave ("Malawi" a country, "the newspaper, The Herald", "northwest of Dakar") beats the
    tagger's bare labels, unless the name is part of a person's name in the article."""
    named = {name for name, _ in surface}
    votes = [
        (full, label) for name, label in surface if (full := full_names.get(name, name)) == name or full not in named
    ]
    labels = vote_labels(votes)
    classes: dict[str, Counter[str]] = {}
    for name, label in votes:
        if label.startswith(KGO):
            classes.setdefault(name, Counter())[label] += 1
    name_parts = {word for name, label in labels.items() if label == "PERSON" and " " in name for word in name.split()}
    name_parts |= {name for name, label in labels.items() if label == "PERSON" and " " in name}
    for name, label in labels.items():
        # a company the words around a name make it ("Dell, which makes laptops") is not Michael Dell
        company = name in classes and classes[name].most_common(1)[0][0] == KGO + "Company"
        if name in classes and not (label == "PERSON" and name in name_parts and not company):
            labels[name] = classes[name].most_common(1)[0][0]
        elif label == "PERSON" and " " not in name and name not in name_parts:
            # "pledged aid to Kyiv": a large, known city no person of the article is named by
            city = lexicon.known_city(name, min_population=_LARGE_CITY)
            labels[name] = city.type if city is not None else label
    return labels


def is_concept(mention: Mention) -> bool:
    """Whether a mention stands for no named thing: a concept or a quantity."""
    return mention.label in (CONCEPT_LABEL, QUANTITY)


def _names_a_person(noun: Token, sentence: Sentence) -> bool:
    """Whether a name stands in apposition or compound with ``noun`` ("his wife, Manju Sam")."""
    around = {c.i for c in noun.children if c.dep_ in ("appos", "compound")} | {noun.head.i}
    return any(n.start <= i < n.end for n in sentence.names for i in around)


def _in_subject(token: Token) -> bool:
    """Whether ``token`` is a clause's subject or inside one ("*Thomas'* sister")."""
    while token.dep_ in ("poss", "compound", "appos", "conj", "amod", "nmod"):
        token = token.head
    return token.dep_ in ("nsubj", "nsubjpass")


# Possessive pronouns that stand for one person or organisation ("*his* followers", "*its* website").
_OWNER_PRONOUNS = frozenset({"his", "her", "its"})


def _in_quote(token: Token) -> bool:
    """Whether ``token`` stands inside quotation marks opened earlier in its sentence."""
    return sum(1 for t in token.sent[: token.i - token.sent.start] if t.text in QUOTES) % 2 == 1


class References:
    """The mentions of one article: who each name, pronoun, description or common noun stands for."""

    def __init__(self, sentences: list[Sentence], full_names: dict[str, str], labels: dict[str, str], lexicon: Lexicon):
        self.sentences = sentences
        self.full_names = full_names
        self.labels = labels
        self.lexicon = lexicon
        self.title_holders: dict[str, set[str]] = {}
        for sentence in sentences:
            for role in sentence.roles:
                self.title_holders.setdefault(role.title, set()).add(self.name_of(role.holder))
        people = {name for name, label in labels.items() if label == "PERSON" and " " in name}
        by_surname: dict[str, set[str]] = {}
        for name in people:
            by_surname.setdefault(surname(name), set()).add(name)
        self.surnames = {last: next(iter(names)) for last, names in by_surname.items() if len(names) == 1}
        people = ((s.span, [n for n in s.names if labels.get(self.name_of(n), n.label) == "PERSON"]) for s in sentences)
        self.genders = genders(people, self.name_of, lexicon)
        self.bridged: dict[tuple[int, int], str] = {}
        self._bridge()
        self._topics: dict[int, str | None] = {}
        self.concepts: dict[str, Counter[str]] = {}
        self.concept_types: dict[str, str] = {}
        self.anchored: dict[str, bool] = {}
        self.amounts: dict[str, Amount] = {}

    def name_of(self, name: NameSpan) -> str:
        return self.full_names.get(name.name, name.name)

    def mention(self, sentence: Sentence, name: NameSpan) -> Mention:
        """The mention of ``name``: its text is the name alone, its phrase the whole noun phrase
        with the title ("Kremlin spokesperson Dmitry Peskov")."""
        doc = sentence.span.doc
        span = doc[name.start : name.end]
        starts = [r.surface_start for r in sentence.roles if r.holder == name]
        phrase = doc[min(starts, default=name.start) : name.end]
        canonical = self.name_of(name)
        longer = phrase.start < span.start
        return Mention(
            text=span.text,
            start=sentence.offset + span.start_char,
            end=sentence.offset + span.end_char,
            name=canonical,
            label=self.labels.get(canonical, name.label),
            sentence_id=sentence.id,
            phrase=phrase.text if longer else None,
            phrase_start=sentence.offset + phrase.start_char if longer else None,
            phrase_end=sentence.offset + phrase.end_char if longer else None,
        )

    def name_concepts(self, relation: Relation) -> Relation:
        """Give the concepts of a relation their article-wide label (the most used phrase for
        their head lemma) and class."""

        def named(mention: Mention) -> Mention:
            if mention.label != CONCEPT_LABEL:
                return mention
            lemma = mention.name.removeprefix(CONCEPT_PREFIX)
            label = self.concepts[lemma].most_common(1)[0][0]
            return replace(mention, name=CONCEPT_PREFIX + label, label=self.concept_types[lemma])

        return replace(relation, subject=named(relation.subject), object=named(relation.object))

    def argument(self, sentence: Sentence, token: Token) -> Mention | None:
        """The mention an argument head stands for, or None when it names nothing."""
        name = self.name_at(sentence, token.i)
        if name is not None:
            return self.mention(sentence, name)
        person = self.surnames.get(token.text) if token.text[:1].isupper() else None
        if person is not None:  # "Rathke also asked ...": a surname the tagger missed at a sentence start
            start = sentence.offset + token.idx
            return Mention(token.text, start, start + len(token.text), person, "PERSON", sentence.id)
        if token.pos_ == "PRON" and (token.lower_ in PERSONAL_PRONOUNS or token.lower_ in ("it", "they")):
            return self.pronoun(sentence, token)
        if self.lexicon.is_area_noun(token.text):  # "Syria's Idlib province": Idlib
            area = next((self.name_at(sentence, c.i) for c in token.children if c.dep_ == "compound"), None)
            if area is not None and kind_of(area.label) == "place":
                return self.mention(sentence, area)
        appositions = [c for c in token.children if c.dep_ == "appos"]  # "the EU's ambassador, Katarina Mathernova"
        if token.dep_ == "appos":  # "Lee Harvey Oswald, the man who ..."
            appositions.append(token.head)
        if token.lower_ in self.lexicon.role_words:  # "Co-founder of Google, Sergey Brin, met ...": the
            appositions += [  # parser hangs the name on the title's object
                a
                for prep in token.children
                if prep.dep_ == "prep" and prep.lower_ == "of"
                for pobj in prep.children
                if pobj.dep_ == "pobj"
                for a in pobj.children
                if a.dep_ == "appos" and (n := self.name_at(sentence, a.i)) is not None and n.label == "PERSON"
            ]
        naming = self.lexicon.words("naming-participle")  # "a user labelled 'Anonymous'", "a man named X",
        for acl in token.children:  # "the suspect, identified as Tom Hale,"; not a misread main verb
            if acl.dep_ == "acl" and acl.lemma_.lower() in naming and not root_acl_is_main_verb(acl):
                appositions += [c for c in acl.children if c.dep_ in ("oprd", "dobj")]
                appositions += [p for c in acl.children if c.lower_ == "as" for p in c.children if p.dep_ == "pobj"]
        for other in appositions:
            # "the EU's ambassador, Katarina Mathernova"; "the security firm Secunia", "the capital, Cairo"
            name = self.name_at(sentence, other.i)
            if name is not None and (name.label == "PERSON" or token.pos_ == "NOUN"):
                return self.mention(sentence, name)
        return self.description(sentence, token)

    def description(self, sentence: Sentence, token: Token) -> Mention | None:
        """ "Zelensky's chief of staff" or "the Kremlin spokesperson": the one person in the
        article who holds that title, or who is named right after it (see :meth:`_bridge`)."""
        title = self.description_title(sentence, token)
        if title is None:
            return self._described_body(sentence, token)
        holders = self.title_holders.get(title[2])
        holder = next(iter(holders)) if holders and len(holders) == 1 else self.bridged.get((sentence.id, token.i))
        if holder is None:
            return None
        doc = sentence.span.doc
        phrase = doc[token.left_edge.i : max(title[1], token.i + 1)]
        named = [n for n in sentence.names if phrase.start <= n.start and n.end <= phrase.end]
        held = next((n for n in named if self.name_of(n) == holder), None)
        if held is not None:  # "named Ida Holm deputy mayor", parsed with the name inside the title's phrase
            return self.mention(sentence, held)
        start = sentence.offset + phrase.start_char
        return Mention(phrase.text, start, start + len(phrase.text), holder, "PERSON", sentence.id, is_pronoun=True)

    def described_owner(self, sentence: Sentence, token: Token) -> Mention | None:
        """What a title's possessor names by its kind: "the agency's" the organisation named before
        (as "the agency" is), "the country's" the country of the last sentences or of the article."""
        if token.lower_ not in self.lexicon.words("country-noun"):
            return self._described_body(sentence, token, possessive=True)
        window = self.sentences[max(sentence.id - 2, 0) : sentence.id + 1]
        named = [self.name_of(n) for s in window for n in s.names if s.id < sentence.id or n.end <= token.i]
        places = (self.lexicon.named_place(name) for name in named)
        countries = {place.label for place in places if place is not None and place.type == KGO + "Country"}
        country = next(iter(countries)) if len(countries) == 1 else self.focus_country
        if country is None:
            return None
        return self._described_as(sentence, token, country, "GPE")

    def unnamed_body(self, sentence: Sentence, token: Token) -> Mention | None:
        """ "governor of the central bank": an organisation no name stands for is a concept of its
        own when its words say which ("the breakaway republic"), not by its kind alone ("the bank")."""
        if token.dep_ != "pobj" or not any(c.dep_ in ("amod", "compound") for c in token.children):
            return None
        if token.lemma_.lower() in self.lexicon.words("post-noun"):
            return None  # "a candidate for public office": a post, not a body
        return self.concept(sentence, token, which=True)

    def _described_body(self, sentence: Sentence, token: Token, *, possessive: bool = False) -> Mention | None:
        """ "the court", "the company", "the club": the organisation named before whose name has the
        noun ("the Supreme Court of Cassation"), else the one organisation of the last sentences when the
        noun is a kind of organisation that is not a state's (lexicon ``kgo:kindNoun``)."""
        lemma = token.lemma_.lower()
        kind = self.lexicon.kind_nouns.get(lemma) if token.pos_ == "NOUN" else None
        # "the bank", "the board": a body of no one kind, meant by a name that has the noun only
        headed_only = kind is None and token.pos_ == "NOUN" and lemma in self.lexicon.words("body-noun")
        kind = KGO + "Organization" if headed_only else kind
        if kind is None or KGO + "Organization" not in self.lexicon.class_ancestors(kind):
            return None
        skipped = ("punct", "relcl", "acl", "prep", *(("case",) if possessive else ()))
        # "the electoral commission": adjectives that are words of the name meant
        adjectives = {c.lower_ for c in token.children if c.dep_ == "amod" and c.pos_ == "ADJ" and c.is_lower}
        # "a company official": a bare noun before a title says whose the title is, as "the company" does
        determiners = [] if token.dep_ == "compound" and possessive else ["the"]
        if [c.lower_ for c in token.children if c.dep_ not in skipped and c.lower_ not in adjectives] != determiners:
            return None  # "the Iraqi army", "a company", "the company's" (unless its title's owner)
        if token.tag_ != "NN":
            return None  # "the papers": many, not the one named
        if lemma in self.lexicon.words("state-institution"):
            return None  # "the army": the article's country's (see _institution_country)
        earlier = [
            (before.id, self.name_of(name))
            for before in self.sentences[max(sentence.id - _BODY_WINDOW, 0) : sentence.id + 1]
            for name in [*before.names, *(r.affiliation for r in before.roles if r.affiliation is not None)]
            if (before.id < sentence.id or name.end <= token.i) and self._is_organisation(name)
        ]
        headed = [
            name
            for _, name in earlier
            if {lemma, lemma + "s"} & set(name.lower().split()) and adjectives <= set(name.lower().split())
        ]
        recent = {name for index, name in earlier if index >= sentence.id - 2 and not adjectives}
        # a public body's noun ("the agency") is no company's: only a public body stands for it unnamed
        public = kind != KGO + "GovernmentBody" or all(self._is_public_body(name) for name in recent)
        generic = public and not headed_only and len(recent) == 1
        body = headed[-1] if headed else next(iter(recent)) if generic else None
        if body is None or body == self._subject_of_object(sentence, token):
            return None  # "the committee criticised the federation": an object is not its own subject
        return self._described_as(sentence, token, body, "ORG")

    def _subject_of_object(self, sentence: Sentence, token: Token) -> str | None:
        """The name of the subject of the verb ``token`` is the direct object of."""
        if token.dep_ != "dobj":
            return None
        subject = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
        name = self.name_at(sentence, subject.i) if subject is not None else None
        return self.name_of(name) if name is not None else None

    def _described_as(self, sentence: Sentence, token: Token, name: str, default_label: str) -> Mention:
        """The mention of ``name`` made by the description ``token`` heads ("the company")."""
        phrase = sentence.span.doc[token.left_edge.i : token.i + 1]
        start = sentence.offset + phrase.start_char
        label = self.labels.get(name, default_label)
        return Mention(phrase.text, start, start + len(phrase.text), name, label, sentence.id, is_pronoun=True)

    def _is_public_body(self, name: str) -> bool:
        ancestors = self.lexicon.class_ancestors(self.labels.get(name, "ORG"))
        return KGO + "GovernmentBody" in ancestors or KGO + "InternationalOrganization" in ancestors

    def _is_organisation(self, name: NameSpan) -> bool:
        label = self.labels.get(self.name_of(name), name.label)
        return label == "ORG" or KGO + "Organization" in self.lexicon.class_ancestors(label)

    def description_title(self, sentence: Sentence, token: Token) -> tuple[int, int, str] | None:
        """The title a definite description names ("the EU's *ambassador* to Ukraine"), if it is one."""
        if token.pos_ != "NOUN" or token.lower_ not in self.lexicon.role_words:
            return None
        if not any(c.dep_ in ("det", "poss", "compound") and c.lower_ not in ("a", "an") for c in token.children):
            return None
        title = title_around(sentence.span.doc, token, self.lexicon)
        if title is None:
            return None
        return title[0], title[1], sentence.span.doc[title[0] : title[1]].text.lower()

    def _bridge(self) -> None:
        """A speaker first described, then named: "the EU's ambassador to Ukraine said ..."
        followed by "..., said Katarina Mathernova" names the ambassador, when that person has
        no title of their own in the article."""
        titled = {holder for holders in self.title_holders.values() for holder in holders}
        for sentence in self.sentences:
            for token in sentence.span:
                if token.dep_ != "nsubj" or token.head.lemma_ not in self.lexicon.words("speech-verb"):
                    continue
                title = self.description_title(sentence, token)
                if title is None or self.title_holders.get(title[2]):
                    continue
                for later in self.sentences[sentence.id + 1 : sentence.id + 1 + _BRIDGE_WINDOW]:
                    speaker = next(
                        (
                            self.name_of(n)
                            for n in later.names
                            if self.is_person(n)
                            and later.span.doc[n.end - 1].dep_ == "nsubj"
                            and later.span.doc[n.end - 1].head.lemma_ in self.lexicon.words("speech-verb")
                        ),
                        None,
                    )
                    if speaker is not None and speaker not in titled:
                        self.bridged[(sentence.id, token.i)] = speaker
                        break

    def speaker(self, sentence: Sentence, verb: Token) -> str | None:
        """Who says the clause of ``verb``, when it is reported speech ("Peskov said Russia ...")."""
        speaker = speaker_of(verb, self.lexicon.words("speech-verb"))
        if speaker is None:
            return None
        name = self.name_at(sentence, speaker.i)
        return self.name_of(name) if name is not None else self.person_at(sentence, speaker)

    def quantity(self, sentence: Sentence, token: Token) -> Mention | None:
        """ "killing at least 40", "rescued 700 asylum seekers": a quantity with its value and unit."""
        found = quantity_at(token, self.lexicon.numerals)
        if found is None:
            return None
        words = sentence.span.doc[found.start : found.end]
        name = QUANTITY_PREFIX + words.text
        self.amounts[name] = found.amount
        start = sentence.offset + words.start_char
        return Mention(words.text, start, start + len(words.text), name, QUANTITY, sentence.id)

    def concept(self, sentence: Sentence, token: Token, *, which: bool = False) -> Mention | None:
        noun = content_noun(token, self.lexicon)
        whose = possessor(noun)
        if whose is None:
            owner_name = self._institution_country(noun) or self._compound_owner(sentence, noun)
        elif whose.pos_ == "NOUN":  # "the country's army"; "the company's profits" are the concept's own
            owner_name = self.focus_country if whose.lower_ in self.lexicon.words("country-noun") else None
        elif whose.pos_ == "PRON" and whose.lower_ not in _OWNER_PRONOUNS:
            owner_name = None  # "their weapons", "our cities": whose is context the pronoun does not settle
        else:
            owner = self.pronoun(sentence, whose) if whose.pos_ == "PRON" else self.argument(sentence, whose)
            owner_name = owner.name if owner is not None else None
        concept = concept_of(token, self.lexicon, owner_name, which=which)
        if concept is None:
            return None
        modifier_names = (self.name_at(sentence, i) for i in range(concept.start, token.i))
        structure = self.lexicon.kind_nouns.get(noun.lemma_.lower()) == KGO + "Facility"  # "the Kutai bridge"
        if not structure and any(name is not None and self.is_person(name) for name in modifier_names):
            return None  # "Putin awards", "Gerasimov medal": a person's name misparsed as a modifier
        self.concepts.setdefault(concept.head_lemma, Counter())[concept.label] += 1
        self.concept_types[concept.head_lemma] = concept.type
        name = CONCEPT_PREFIX + concept.head_lemma
        self.anchored[name] = self.anchored.get(name, False) or concept.anchored
        span = sentence.span.doc[concept.start : concept.end]
        start = sentence.offset + span.start_char
        return Mention(span.text, start, start + len(span.text), name, CONCEPT_LABEL, sentence.id)

    def _compound_owner(self, sentence: Sentence, noun: Token) -> str | None:
        """ "Nvidia shares", "Acme profits": a name before a vague noun is whose it is, as in "shares
        of Nvidia" (never a person's: "Putin awards" is a misparse)."""
        if noun.lemma_.lower() not in self.lexicon.vague_nouns:
            return None
        for child in noun.children:
            name = self.name_at(sentence, child.i) if child.dep_ in ("compound", "nmod") else None
            if name is not None and name.end == noun.i and not self.is_person(name):
                return self.name_of(name)
        return None

    def _institution_country(self, noun: Token) -> str | None:
        """ "the government", "the army" with no other word: the article's country's."""
        if noun.lower_ not in self.lexicon.words("state-institution") or noun.dep_ == "compound":
            return None
        if any(c.dep_ not in ("det", "prep", "punct", "relcl", "acl", "cc", "conj") for c in noun.children):
            return None  # "the Iraqi government", "the army's chief": the phrase says whose
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children):
            return None
        if any(c.dep_ == "prep" and c.lower_ in ("of", "in") for c in noun.children):
            return None  # "the government of Chad", "the police in Leeds"
        return self.focus_country

    @functools.cached_property
    def focus_country(self) -> str | None:
        """The country the article is about: named at least twice, and twice as often as any other."""
        counts: Counter[str] = Counter()
        for sentence in self.sentences:
            for name in sentence.names:
                place = self.lexicon.named_place(self.name_of(name))
                if place is not None and place.type == KGO + "Country":
                    counts[self.name_of(name)] += 1
        ranked = counts.most_common(2)
        if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
            return None
        return ranked[0][0]

    @staticmethod
    def name_at(sentence: Sentence, index: int) -> NameSpan | None:
        return next((n for n in sentence.names if n.start <= index < n.end), None)

    def owners(self, sentence: Sentence, pronoun: Token) -> list[Mention]:
        """Whom a possessive pronoun stands for: one antecedent, or for "their" each person of the
        coordinated subject before it ("Tom Sam and his wife Ana Sam ... their child")."""
        if pronoun.lower_ != "their":
            found = self.pronoun(sentence, pronoun)
            return [found] if found is not None else []
        doc = sentence.span.doc
        for name in reversed([n for n in sentence.names if n.end <= pronoun.i]):
            head = doc[name.end - 1]
            if head.dep_ not in ("nsubj", "nsubjpass") or not any(c.dep_ == "conj" for c in head.children):
                continue
            members = [self._coordinated_person(sentence, t) for t in (head, *head.conjuncts)]
            if len(members) < 2 or None in members:
                return []
            start = sentence.offset + pronoun.idx
            end = start + len(pronoun)
            pronoun_at = {"text": pronoun.text, "start": start, "end": end, "is_pronoun": True}
            return [replace(m, **pronoun_at, phrase=None, phrase_start=None, phrase_end=None) for m in members]
        return []

    def _coordinated_person(self, sentence: Sentence, token: Token) -> Mention | None:
        """The person a conjunct names, itself or by apposition ("his wife Ana Sam")."""
        for candidate in (token, *(c for c in token.children if c.dep_ == "appos")):
            name = self.name_at(sentence, candidate.i)
            if name is not None and self.is_person(name):
                return self.mention(sentence, name)
        return None

    def pronoun(self, sentence: Sentence, pronoun: Token) -> Mention | None:
        if pronoun.lower_ == "their":
            return None  # of several: see :meth:`owners`
        if pronoun.lower_ in ("it", "its"):
            name = self._it_antecedent(sentence, pronoun)
        elif pronoun.lower_ == "they":
            name = self._speaking_group(sentence, pronoun)
        else:
            name = self._antecedent(sentence, pronoun)
        if name is None:
            return None
        start = sentence.offset + pronoun.idx
        label = self.labels.get(name, "PERSON")
        return Mention(pronoun.text, start, start + len(pronoun), name, label, sentence.id, is_pronoun=True)

    def _antecedent(self, sentence: Sentence, pronoun: Token) -> str | None:
        """The person a personal pronoun refers to, as a canonical name."""
        if pronoun.lower_ in ("himself", "herself"):
            # "Martin casts himself as ...": a reflexive is its own clause's subject
            verb = pronoun.head.head if pronoun.dep_ == "pobj" else pronoun.head
            subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i != pronoun.i), None)
            if subject is not None and subject.lower_ not in ("himself", "herself"):
                return self.person_at(sentence, subject)
        if self._described_person_between(sentence, pronoun):
            return None  # "his father ... doctors refused to treat him": the pronoun is the description's
        # "I informed him": an object pronoun is not its own clause's subject; "Omar Haddad, his
        # lawyer": an apposition's owner is not the name it describes.
        excluded = {self._clause_subject(sentence, pronoun), self._apposed_person(sentence, pronoun)} - {None}
        speaker = speaker_of(pronoun, self.lexicon.words("speech-verb"))
        first_person = pronoun.lower_ in ("i", "me")
        # Reported speech ("Yermak said he ...") and a quote's "I" are the speaker; a "him"
        # inside a direct quote ("'I informed him,' Yermak wrote") is someone else.
        if speaker is not None and (first_person or not _in_quote(pronoun)):
            name = self.person_at(sentence, speaker)
            client = self._client(sentence, name) if not first_person else None
            if client is not None and self._agrees(client, pronoun):
                return client  # "His lawyer, Omar Haddad, said he would appeal": the client appeals
            if name is not None and name not in excluded and self._agrees(name, pronoun):
                return name
        if first_person:
            return self._continued_speaker(sentence, pronoun) if speaker is None else None
        before = [n for n in sentence.names if n.end <= pronoun.i and self.is_person(n)]
        before = [n for n in before if self.name_of(n) not in excluded and self._agrees(self.name_of(n), pronoun)]
        if before:
            # A subject pronoun continues the subject before it ("Thomas' sister pleaded with him
            # to send Gloria home, but he replied ..."); any other takes the nearest person.
            doc = sentence.span.doc
            subjects = [n for n in before if pronoun.dep_ in ("nsubj", "nsubjpass") and _in_subject(doc[n.end - 1])]
            return self.name_of((subjects or before)[-1])
        for back in range(sentence.id - 1, max(sentence.id - 1 - _PRONOUN_WINDOW, -1), -1):
            previous = self.sentences[back]
            candidates = [self._topic(previous)]
            candidates += [self.name_of(n) for n in reversed(previous.names) if self.is_person(n)]
            candidates = [c for c in candidates if c is not None and c not in excluded and self._agrees(c, pronoun)]
            if candidates:
                return candidates[0]
        return None

    def _client(self, sentence: Sentence, speaker: str | None) -> str | None:
        """The person whose lawyer (a ``counsel-noun``) the speaker is, by a title in the sentence."""
        doc = sentence.span.doc
        for role in sentence.roles:
            if role.title.split()[-1] not in self.lexicon.words("counsel-noun") or role.affiliation is None:
                continue
            if speaker is None or self.name_of(role.holder) != speaker:
                continue
            if role.affiliation.label == PRONOUN_LABEL:
                owner = self.pronoun(sentence, doc[role.affiliation.start])
                return owner.name if owner is not None and owner.label == "PERSON" else None
            return self.name_of(role.affiliation) if self.is_person(role.affiliation) else None
        return None

    def _described_person_between(self, sentence: Sentence, pronoun: Token) -> bool:
        """Whether a person named only by a common noun of the pronoun's gender ("his father", "the
        woman") is the subject of a clause the pronoun's clause depends on, after the last named
        person: "his father died after doctors refused to treat *him*" (but "his wife praised *him*")."""
        gender = gender_of_pronoun(pronoun, self.lexicon)
        if gender is None:
            return False
        named = [n.end for n in sentence.names if n.end <= pronoun.i and self.is_person(n)]
        start = max(named, default=sentence.span.start)
        nouns = self.lexicon.words(f"{gender}-noun")
        doc = sentence.span.doc
        own_verb = pronoun.head.head if pronoun.dep_ == "pobj" else pronoun.head
        governors = {a.i for a in pronoun.ancestors} - {own_verb.i}
        return any(
            t.pos_ == "NOUN"
            and t.lemma_.lower() in nouns
            and not _names_a_person(t, sentence)
            and t.dep_ in ("nsubj", "nsubjpass")
            and t.head.i in governors  # the subject of a clause the pronoun's clause depends on
            for t in doc[start : pronoun.i]
        )

    def _agrees(self, person: str, pronoun: Token) -> bool:
        return agrees(person, pronoun, self.genders, self.lexicon)

    def _it_antecedent(self, sentence: Sentence, pronoun: Token) -> str | None:
        """ "The EU followed with confirmation it is coordinating ...": "it" inside a clause of a
        sentence whose subject is an organisation or country is that subject."""
        root = sentence.span.root
        subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        verb = pronoun.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        own = subjects_of(verb)[0] if verb.i != root.i and not _in_subject(pronoun) else []
        if own and own[0].i != pronoun.i and self.name_at(sentence, own[0].i) is not None:
            subject = own[0]  # "fined Google ... for abusing its dominance": its own clause's doer
        if subject is None or subject.i == pronoun.i:
            return None
        name = self.name_at(sentence, subject.i)
        if name is None:
            body = self._described_body(sentence, subject)  # "The club named X as its coach"
            return body.name if body is not None else None
        if self.is_person(name):
            return None
        return self.name_of(name)

    def _continued_speaker(self, sentence: Sentence, pronoun: Token) -> str | None:
        """'Hale told reporters that he would stay. "I was never going to resign."': the "I" of a
        quote that opens a sentence no speech verb governs is the person who spoke just before."""
        speech = self.lexicon.words("speech-verb")
        span = sentence.span
        if span[0].text not in QUOTES or not _in_quote(pronoun) or sentence.id == 0:
            return None
        if any(t.lemma_.lower() in speech and t.pos_ == "VERB" and not _in_quote(t) for t in span):
            return None  # '"I stayed," Hale said': the sentence names its speaker
        previous = self.sentences[sentence.id - 1]
        if previous.span.doc is not span.doc:
            return None  # a quote opens a new paragraph: whose it is, the paragraph says
        speakers = [
            self.person_at(previous, c)
            for verb in previous.span
            if verb.lemma_.lower() in speech and verb.pos_ == "VERB"
            for c in verb.children
            if c.dep_ == "nsubj"
        ]
        speakers = [name for name in speakers if name is not None]
        return speakers[-1] if len(set(speakers)) == 1 else None

    def _speaking_group(self, sentence: Sentence, pronoun: Token) -> str | None:
        """ "Gawker stated that they will keep hosting the video": the subject "they" of what one
        organisation says is the organisation."""
        speaker = speaker_of(pronoun, self.lexicon.words("speech-verb")) if pronoun.dep_ == "nsubj" else None
        speakers = participants(speaker) if speaker is not None else []
        name = self.name_at(sentence, speakers[0].i) if len(speakers) == 1 else None
        if name is None or self.is_person(name) or self.labels.get(self.name_of(name)) == "PERSON":
            return None
        return self.name_of(name)

    def _clause_subject(self, sentence: Sentence, pronoun: Token) -> str | None:
        if pronoun.dep_ not in ("dobj", "dative", "pobj"):
            return None
        verb = pronoun.head.head if pronoun.dep_ == "pobj" else pronoun.head
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        return self.person_at(sentence, subject) if subject is not None else None

    def _apposed_person(self, sentence: Sentence, pronoun: Token) -> str | None:
        """The person named in apposition to the noun a possessive pronoun owns ("Omar Haddad, his
        lawyer"; "his lawyer, Omar Haddad"): the one it cannot stand for."""
        if pronoun.dep_ != "poss":
            return None
        noun = pronoun.head
        apposed = [noun.head] if noun.dep_ == "appos" else []
        apposed += [c for c in noun.children if c.dep_ == "appos"]
        names = (self.name_at(sentence, t.i) for t in apposed)
        return next((self.name_of(n) for n in names if n is not None and self.is_person(n)), None)

    def person_at(self, sentence: Sentence, token: Token) -> str | None:
        """The person (canonical name) a token names, refers to as a pronoun, or describes."""
        name = self.name_at(sentence, token.i)
        if name is not None:
            return self.name_of(name) if self.is_person(name) else None
        if token.text[:1].isupper() and token.text in self.surnames:
            return self.surnames[token.text]  # a surname the tagger missed
        if token.pos_ == "PRON" and token.lower_ in PERSONAL_PRONOUNS:
            return self._antecedent(sentence, token)
        described = self.description(sentence, token)
        return described.name if described is not None else None

    def _topic(self, sentence: Sentence) -> str | None:
        """The person a sentence is about: its main subject, named, described or a resolved pronoun."""
        if sentence.id not in self._topics:
            self._topics[sentence.id] = None  # guards the recursion through pronouns
            root = sentence.span.root
            subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            topic = self.person_at(sentence, subject) if subject is not None else None
            # "The court heard that ...": a body the subject describes is no one "she" refers to
            self._topics[sentence.id] = topic if topic is None or self.labels.get(topic, "PERSON") == "PERSON" else None
        return self._topics[sentence.id]

    def is_person(self, name: NameSpan) -> bool:
        return self.labels.get(self.name_of(name), name.label) == "PERSON"
