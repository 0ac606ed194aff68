"""Named mentions in a parsed paragraph: cleaned names, titles split off, roles read from titles.

``Kremlin spokesperson Dmitry Peskov`` becomes the name ``Dmitry Peskov`` plus a role
(title "spokesperson", affiliation ``Kremlin``); ``the US`` becomes ``United States``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from spacy.strings import hash_string

from kg.dates import resolve_date
from kg.extraction.clauses import COPULAS
from kg.extraction.scores import score_follows, scored_game
from kg.ontology import KGO, Lexicon
from kg.resolution import kind_of, surname

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "surname",
    "KnownNames",
    "NameSpan",
    "Role",
    "direct_affiliations",
    "find_names",
    "bare_proper_nouns",
    "find_roles",
    "defined_aliases",
    "title_around",
    "ENTITY_LABELS",
    "PRONOUN_LABEL",
    "DESCRIBED_LABEL",
]

# NER labels whose spans can be graph nodes; numbers, dates and money are literals.
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"})
_POSSESSIVE = {"'s", "’s", "'", "’"}
_ANY_DAY = dt.date(2000, 1, 1)  # a reference day, to ask whether a phrase is a date at all
_PLACE_LABELS = {"GPE", "LOC"}
_PLACE_CLASSES = ("#Country", "#City", "#Region", "#Location")
_ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "dative", "pobj"}
_AFFILIATION_PREPOSITIONS = {"of", "to", "at", "for", "in", "with"}
_HONORIFICS = {"mr", "mrs", "ms", "dr", "sir", "dame", "mr.", "mrs.", "ms.", "dr.", "rev", "rev."}
# Compass bearings before "of" and a place: "north of", "southeast of".
_AGE = re.compile(r"\b\d{1,3} ?- ?year ?- ?old\b")
_COMPASS = re.compile(r"(north|south)?(east|west)?(ward)?")
# Prepositions before a place: "in Tulsa", "a man from Tulsa".
_PLACE_PREPOSITIONS = ("in", "near", "at", "from", "outside", "of")
# Entity types of words that are never an affiliation ("January Senator ...").
_NOT_NAMES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})
# The label of a role's affiliation that is a possessive pronoun ("his lawyer"), resolved by the caller.
PRONOUN_LABEL = "PRON"
# The label of an affiliation named by its kind ("the agency's"), resolved with the article.
DESCRIBED_LABEL = "DESCRIBED"
# Modifiers of an unnamed body that name its organisation ("the UN refugee agency").
_INNER = ("poss", "compound", "nmod")
# Generational suffixes: "Martin Luther King Jr." ends in a name, not in the title "king".
_SUFFIXES = {"jr", "jr.", "junior", "sr", "sr.", "ii", "iii", "iv"}


@dataclass(frozen=True)
class NameSpan:
    """A name at tokens ``start:end`` of a paragraph ``Doc``, with its cleaned form and label."""

    start: int
    end: int
    name: str
    label: str


@dataclass(frozen=True)
class Role:
    """A title read off a name's left context or apposition: ``holder`` is ``title`` of ``affiliation``.

    ``affiliation`` is None when the title names no organisation or place ("Chief of staff
    Andriy Yermak"); the title still tells who "the chief of staff" is later on. ``verb`` is
    the clause's verb and preposition when a clause gives the title ("resigned as", "became").
    """

    holder: NameSpan
    title: str
    title_start: int
    title_end: int
    affiliation: NameSpan | None
    rule: str
    verb: str | None = None

    @property
    def surface_start(self) -> int:
        """Where the whole noun phrase starts when the title precedes the name ("Kremlin spokesperson ...")."""
        if self.rule not in ("title", "descriptor", "occupation"):
            return self.holder.start
        return min(self.title_start, self.affiliation.start if self.affiliation else self.title_start)


def find_names(
    doc: Doc,
    lexicon: Lexicon,
    *,
    known: KnownNames | None = None,
    entities: list[NameSpan] | None = None,
    proper_nouns: list[NameSpan] | None = None,
) -> list[NameSpan]:
    """The cleaned named mentions of ``doc``, in order, without overlaps.

    Besides spaCy's entities: ``known`` names found elsewhere in the article wherever they recur
    ("Starmer" after "Keir Starmer"), and proper nouns that head a subject or object but that the
    NER missed ("Lukoil was sanctioned"). ``entities``
    are the cleaned NER names of ``doc`` and ``proper_nouns`` its :func:`bare_proper_nouns`
    when the caller has them already.
    """
    names = (
        list(entities)
        if entities is not None
        else [n for ent in _merged_ents(doc, lexicon) for n in _clean(ent, lexicon)]
    )
    covered = {i for ent in doc.ents for i in range(ent.start, ent.end) if not _name_before_amount(doc[i])}
    covered |= {i for name in names for i in range(name.start, name.end)}
    recurring = [_labelled(doc, name, lexicon) for name in known.find(doc)] if known is not None else []
    for name in (*recurring, *(proper_nouns if proper_nouns is not None else bare_proper_nouns(doc, lexicon))):
        # "HD 1234" with "1234 every day" tagged a date, "the 12th Brigade" with "12th": the number is the name's
        words = {i for i in range(name.start, name.end) if not (i > name.start and doc[i].is_digit or _ordinal(doc[i]))}
        if not covered.intersection(words):
            names.append(name)
            covered.update(range(name.start, name.end))
    return sorted(names, key=lambda n: n.start)


def bare_proper_nouns(doc: Doc, lexicon: Lexicon) -> list[NameSpan]:
    """Proper nouns heading a subject or object that the NER missed, labelled by the words around them."""
    return [_labelled(doc, name, lexicon) for name in _bare_proper_nouns(doc, lexicon)]


def _labelled(doc: Doc, name: NameSpan, lexicon: Lexicon) -> NameSpan:
    if name.label != "MISC":
        return name
    if _team_in_game(list(doc[name.start : name.end]), "MISC", lexicon):
        return NameSpan(name.start, name.end, name.name, "ORG")  # "Arsenal beat Tottenham 2-1"
    known = lexicon.named_place(name.name)
    if known is not None:  # "Firefox", "Rohingya": the gazetteer knows what it is
        return NameSpan(name.start, name.end, known.label, known.type)
    # "Kelso, Wash.": the words around may tell what it is
    label = _context_label(list(doc[name.start : name.end]), name.name, "MISC", lexicon)
    if label == "MISC":  # "Ukraine's Donetsk region": the noun it modifies may tell
        label = _kind_label(list(doc[name.start : name.end]), lexicon) or label
    return NameSpan(name.start, name.end, name.name, label)


def _merged_ents(doc: Doc, lexicon: Lexicon) -> list[Span]:
    """spaCy's entities, with a person's name rejoined where the NER split it ("Ursula von der" + "Leyen")
    or cut it at a particle ("Ursula von" before "der Leyen")."""
    pieces = [_numbered_name(piece) for ent in doc.ents for piece in _split_at_verbs(ent)]
    ents = [
        _whole_person(doc, ent, lexicon)
        if ent.label_ == "PERSON"
        else _given_name_before(doc, ent, lexicon) or _with_head(doc, _whole_body(doc, ent, lexicon), lexicon)
        for ent in pieces
    ]
    ents = [ent for index, ent in enumerate(ents) if not index or ent.start >= ents[index - 1].end]
    merged: list[Span] = []
    for ent in ents:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and previous.label_ == "PERSON"
            and previous.end == ent.start
            and doc[previous.end - 1].dep_ == "compound"
            and ent.start <= doc[previous.end - 1].head.i < ent.end
            and all(t.pos_ == "PROPN" for t in ent)
        ):
            merged[-1] = doc[previous.start : ent.end]
            merged[-1].label_ = "PERSON"
            continue
        if (
            previous is not None
            and previous.label_ in _PLACE_LABELS
            and previous.end == ent.start
            and ent.label_ in ("PERSON", "ORG", "NORP", "MISC", "PRODUCT")
            and all(t.pos_ == "PROPN" and t.is_title for t in ent)
            and ent[-1].text.endswith("s")  # a plural of players: "Broncos", "Panthers", "Celtics"
            and doc[previous.end - 1].dep_ == "compound"
            and ent.start <= doc[previous.end - 1].head.i < ent.end
        ):
            merged[-1] = doc[previous.start : ent.end]  # "Denver" + "Broncos": a team of the city
            merged[-1].label_ = "ORG"
            continue
        if (
            previous is not None
            and previous.label_ == "ORG"
            and previous.end == ent.start
            and ent.label_ in ("PRODUCT", "ORG", "PERSON", "GPE")
            and doc[previous.end - 1].dep_ == "compound"
            and ent.start <= doc[previous.end - 1].head.i < ent.end
            and doc[ent.start].pos_ == "PROPN"
        ):
            merged[-1] = doc[previous.start : ent.end]  # "Ipswich" + "Town 3-0": one club
            merged[-1].label_ = "ORG"
            continue
        if (
            previous is not None
            and previous.label_ in _PLACE_LABELS
            and ent.label_ in _PLACE_LABELS
            and previous.end == ent.start
            and len(previous) == 1
            and len(ent) == 1
            and previous[0].pos_ == ent[0].pos_ == "PROPN"
            and previous[0].dep_ == "compound"
            and previous[0].head.i == ent.start
            and lexicon.place(previous.text) is None
            and lexicon.city(previous.text) is None
            and _kind_label([previous[0], ent[0]], lexicon) == KGO + "Person"
        ):
            # "Valeska Paris, an Australian woman": an unknown word glued to a place name, and the
            # words around say a person
            merged[-1] = doc[previous.start : ent.end]
            merged[-1].label_ = "PERSON"
            continue
        merged.append(ent)
    return merged


def defined_aliases(doc: Doc, names: list[NameSpan]) -> Iterator[tuple[str, str]]:
    """``(alias, full name)`` pairs the text defines: "the National Relief Front (NRF)", "Korean
    People's Army [KPA]", "Omar Haddad, who is widely known as Abu Omar", "X, also called Y"."""
    by_start = {name.start: name for name in names}
    for name in names:
        after = name.end
        if after + 2 < len(doc) and doc[after].text in ("(", "[") and doc[after + 2].text in (")", "]"):
            short = doc[after + 1].text
            if short.isupper() and short.isalpha() and len(short) >= 2 and short != name.name:
                yield short, name.name
            continue
        for index in range(after, min(after + 7, len(doc) - 1)):
            token = doc[index]
            if token.i in by_start or token.is_sent_start:
                break
            called = token.lemma_ == "call" or (token.lemma_ == "know" and doc[index + 1].lower_ == "as")
            if not called:
                continue
            if token.dep_ in ("acl", "relcl") and not name.start <= token.head.i < name.end:
                break  # "the MIT team said the robot, called Origamix": another noun's name
            other = by_start.get(index + (2 if token.lemma_ == "know" else 1))
            if other is not None and other.name != name.name and other.label in (name.label, "MISC"):
                yield other.name, name.name
            break


def _whole_body(doc: Doc, ent: Span, lexicon: Lexicon) -> Span:
    """A party or organisation name with the capitalised words the NER cut off its front ("Social"
    of "the Social Democrats"); a group name so completed is an organisation's, not a people's."""
    if ent.label_ not in ("NORP", "ORG"):
        return ent
    start = ent.start
    while (
        start > 0
        and doc[start - 1].is_title
        and doc[start - 1].pos_ in ("PROPN", "ADJ")
        and not doc[start - 1].ent_type_
        and doc[start - 1].dep_ in ("compound", "amod")
        and ent.start <= doc[start - 1].head.i < ent.end
        and doc[start - 1].lower_ not in lexicon.role_words
        and lexicon.place(doc[start - 1].text) is None
        and not doc[start - 1].is_sent_start
    ):
        start -= 1
    if start == ent.start:
        return ent
    span = doc[start : ent.end]
    span.label_ = "ORG"
    return span


def _split_at_verbs(ent: Span) -> Iterator[Span]:
    """ "Tottenham Hotspur beat Arsenal" tagged one name: the names on each side of the verb; and
    "awarded Ana Ruiz the Nobel Prize", "Ruiz the Nobel Prize" tagged one: a name's words run on into
    "the" only after "of" or "and", or before a person's epithet ("Ivan the Terrible")."""
    start = ent.start
    for token in ent:
        glued = token.pos_ == "DET" and token.i > start and ent.doc[token.i - 1].pos_ == "PROPN"
        glued = glued and not (ent.label_ == "PERSON" and token.i + 2 == ent.end)  # "Ivan the Terrible"
        if _clause_verb(token) or glued:
            if token.i > start:
                yield _relabelled(
                    ent.doc[start : token.i], _left_label(ent.doc, start, token.i) if glued else ent.label_
                )
            start = token.i + (0 if glued else 1)
    if start == ent.start:
        yield ent
    elif start < ent.end:
        yield _relabelled(ent.doc[start : ent.end], ent.label_)


def _left_label(doc: Doc, start: int, end: int) -> str:
    """The label of the name before a "the" the tagger ran it into: a person's when it and the
    proper nouns just before it make two or three capitalised words, else an organisation's."""
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ == "compound":
        start -= 1
    words = doc[start:end]
    return "PERSON" if 2 <= len(words) <= 3 and all(t.is_title for t in words) else "ORG"


def _relabelled(span: Span, label: str) -> Span:
    span.label_ = label
    return span


def _numbered_name(ent: Span) -> Span:
    """ "Flight 17", "Apollo 11" tagged a date: a capitalised word and a number that no calendar reads."""
    if ent.label_ != "DATE" or len(ent) != 2 or ent[0].pos_ != "PROPN" or not ent[1].is_digit:
        return ent
    if resolve_date(ent.text, _ANY_DAY) is not None:
        return ent  # "March 17"
    span = ent.doc[ent.start : ent.end]
    span.label_ = "PRODUCT"
    return span


def _with_head(doc: Doc, ent: Span, lexicon: Lexicon) -> Span:
    """A name with the proper noun it modifies and the NER left out ("Google" + "Chrome",
    "Malaysia Airlines" + "Flight 17"), unless that word is a title or a place."""
    end = ent.end
    while end < len(doc):
        head = doc[end - 1].head
        numbered = head.i + 1 < len(doc) and doc[head.i + 1].dep_ == "nummod" and doc[head.i + 1].is_digit
        if doc[end - 1].dep_ != "compound" or head.i != end or head.pos_ != "PROPN":
            break
        if head.ent_type_ and not (numbered and head.ent_type_ in ("DATE", "CARDINAL")):
            break  # "Flight 17" tagged a date is the flight's number
        if head.lower_ in lexicon.role_words or lexicon.place(head.text) is not None:
            break
        end += 1
        if end < len(doc) and doc[end].dep_ == "nummod" and doc[end].head.i == head.i and doc[end].is_digit:
            end += 1  # "Flight 17"
    if end == ent.end:
        return ent
    span = doc[ent.start : end]
    span.label_ = ent.label_
    return span


def _whole_person(doc: Doc, ent: Span, lexicon: Lexicon) -> Span:
    """A person's name with the particles and surname the NER cut off ("Ursula von" → "Ursula von
    der Leyen"), and the first name it left out after a title ("Minister of Health Ana" + "Belo")."""
    end = ent.end
    while end < len(doc) and doc[end].lower_ in lexicon.name_particles:
        end += 1
    cut = end > ent.end or doc[ent.end - 1].lower_ in lexicon.name_particles
    if cut and end < len(doc) and doc[end].is_title and doc[end].pos_ == "PROPN":
        while end < len(doc) and doc[end].is_title and doc[end].pos_ == "PROPN":
            end += 1
    else:
        end = ent.end
    start = ent.start
    first = doc[start - 1] if start > 0 else None
    if (
        len(ent) == 1
        and first is not None
        and first.pos_ == "PROPN"
        and first.is_title
        and not first.ent_type_
        and first.dep_ == "compound"
        and first.head.i == ent.start
        and first.lower_ not in lexicon.role_words
        and lexicon.place(first.text) is None
        and start > 1
        and doc[start - 2].lower_ not in _AFFILIATION_PREPOSITIONS  # "Minister of Health": an organisation
    ):
        start -= 1
    if (start, end) == (ent.start, ent.end):
        return ent
    span = doc[start:end]
    span.label_ = "PERSON"
    return span


# Labels the tagger gives a surname it did not see as one ("Ana" + "Cole" tagged a product).
_SURNAME_MISTAKES = frozenset({"PRODUCT", "WORK_OF_ART", "GPE", "LOC"})


def _given_name_before(doc: Doc, ent: Span, lexicon: Lexicon) -> Span | None:
    """ "Ana Cole" with only "Cole" tagged, and as a product: a one-word name headed by an untagged
    capitalised word before it, the two looking like a person's name (no place, title or kind of
    thing), is that person's name."""
    if ent.label_ not in _SURNAME_MISTAKES or len(ent) != 1 or ent.start == 0:
        return None
    first, last = doc[ent.start - 1], doc[ent.start]
    if first.ent_type_ or first.dep_ != "compound" or first.head.i != ent.start:
        return None
    if last.dep_ == "compound" and last.head.lower_ in lexicon.role_words:
        return None  # "a Leeds New Democrat MP": a party before a title
    if lexicon.city(last.text) is not None:
        return None  # "Real Madrid": a club named after its city
    if not _personal_name(doc, NameSpan(first.i, ent.end, f"{first.text} {ent.text}", ent.label_), lexicon):
        return None
    span = doc[first.i : ent.end]
    span.label_ = "PERSON"
    return span


class KnownNames:
    """An article's known names (token texts → label), indexed once for all its paragraphs by the
    hashes of their words: token texts are read as one array of hashes, since building a Token
    per word costs more."""

    def __init__(self, labels: dict[tuple[str, ...], str]):
        self.labels = labels
        self._words = {tuple(hash_string(word) for word in words): words for words in labels}
        sizes: dict[int, set[int]] = {}
        for key in self._words:
            sizes.setdefault(key[0], set()).add(len(key))
        self._sizes = {first: sorted(found, reverse=True) for first, found in sizes.items()}

    def find(self, doc: Doc) -> Iterator[NameSpan]:
        """Where the names recur in ``doc``, longest match first."""
        if not self.labels:
            return
        orths = doc.to_array("ORTH").tolist()
        index = 0
        while index < len(orths):
            for size in self._sizes.get(orths[index], ()):
                if index + size > len(orths):
                    continue  # a longer name than the words left (a shorter one would match the cut slice)
                words = self._words.get(tuple(orths[index : index + size]))
                if words is not None:
                    yield NameSpan(index, index + size, " ".join(words), self.labels[words])
                    index += size - 1
                    break
            index += 1


def _bare_proper_nouns(doc: Doc, lexicon: Lexicon) -> Iterator[NameSpan]:
    for token in doc:
        if token.pos_ != "PROPN" or token.ent_type_ and not _name_before_amount(token):
            continue
        area = token.dep_ == "compound" and lexicon.is_area_noun(token.head.text)
        arguing = token.dep_ in _ARGUMENT_DEPS or _name_before_amount(token) or area  # "Donetsk region"
        described = token.head.lemma_.lower() in lexicon.kind_nouns or token.head.lower_ in lexicon.role_words
        kind = token.dep_ == "appos" and token.head.pos_ == "NOUN" and described
        arguing = arguing or kind  # "pay rival chipmaker Norvane", "the party leader, Ana Ruiz,": what the noun is
        if not arguing and not _hyphen_prefix(token) and not score_follows(token):
            continue
        if token.dep_ == "pobj" and token.head.lower_ == "of" and _of_name_end(token.head.head) == token.i + 1:
            continue  # "Livorno" of "Municipality of Livorno": part of the name before it
        start = token.i
        # "Human Rights Watch": each word modifies the next; "the 12th Brigade"
        while start > 0 and (doc[start - 1].pos_ == "PROPN" or _ordinal(doc[start - 1])):
            if not start <= doc[start - 1].head.i <= token.i:
                break
            start -= 1
        title = _last_title(doc[start : token.i + 1], lexicon)
        if title is not None and title[1] == token.i + 1:
            continue  # "Yemen's Foreign Minister, ...": a capitalised title, not a name
        if token.lower_ in lexicon.role_words:
            continue
        end = _of_name_end(token)
        numbered = end < len(doc) and doc[end].is_digit and doc[end].head.i == token.i and not score_follows(token)
        if end == token.i + 1 and numbered:
            end += 1  # "the star HD 1234", "Falcon 9": a number after a proper noun names with it
        if all(_name_part(t) for t in doc[start:end]):
            yield NameSpan(start, end, doc[start:end].text, "MISC")


def _of_name_end(token: Token) -> int:
    """The end of a proper noun's name with its "of" part ("Municipality of Livorno"): a
    capitalised proper noun after "of" that no name the tagger found holds."""
    doc = token.doc
    of = token.i + 1
    if token.pos_ != "PROPN" or token.ent_type_ or _COMPASS.fullmatch(token.lower_):  # "North of Kessa"
        return token.i + 1
    if of + 1 < len(doc) and doc[of].lower_ == "of" and doc[of].head.i == token.i:
        named = doc[of + 1]
        if named.pos_ == "PROPN" and named.is_title and not named.ent_type_ and named.head.i == of:
            return of + 2
    return token.i + 1


def _name_before_amount(token: Token) -> bool:
    """ "fined Google 2.4 billion euros", tagged as one sum: a capitalised proper noun that opens
    an amount and modifies its noun is a name of its own."""
    return (
        token.ent_type_ == "MONEY"
        and token.ent_iob_ == "B"
        and token.is_title
        and token.dep_ == "nmod"
        and token.i + 1 < len(token.doc)
        and token.nbor(1).like_num
    )


def _name_part(token: Token) -> bool:
    """A word a bare name may hold: capitalised, a number, a code, an ordinal, or "of"."""
    capitalised = token.is_title or token.is_upper
    return capitalised or token.is_digit or _designation(token) or _ordinal(token) or token.lower_ == "of"


def _ordinal(token: Token) -> bool:
    """ "12th", "101st": a numbered unit's ordinal ("the 12th Brigade")."""
    return re.fullmatch(r"\d+(st|nd|rd|th)", token.lower_) is not None


def _designation(token: Token) -> bool:
    """ "KELT-9b", "IE9", "F-35": a capitalised code with digits names a thing."""
    return token.text[:1].isupper() and any(c.isdigit() for c in token.text)


def _name_number(tokens: list[Token]) -> Token | None:
    """The number right after "the" and a name that counts nothing but the name itself ("the
    Indianapolis 500"; not "the Ford 400 cars")."""
    doc, last = tokens[0].doc, tokens[-1]
    after = doc[last.i + 1] if last.i + 1 < len(doc) else None
    the = tokens[0].i > 0 and doc[tokens[0].i - 1].lower_ == "the"
    if after is None or not the or not after.is_digit or after.dep_ != "nummod" or after.head.i != last.i:
        return None
    return None if after.ent_type_ not in ("", "CARDINAL") or score_follows(last) else after


def _ends_in_score(tokens: list[Token]) -> bool:
    """Whether a name ends in a game's score ("Broncos 24-10", "Chelsea 3-1") after a word."""
    return len(tokens) >= 4 and tokens[-4].is_alpha and score_follows(tokens[-4])


def _hyphen_prefix(token: Token) -> bool:
    """ "Scientology" in "the Scientology-owned ship": the doer of a hyphenated participle."""
    head = token.head
    return head.tag_ == "VBN" and head.i == token.i + 2 and token.nbor(1).text == "-"


def _clean(ent: Span, lexicon: Lexicon) -> Iterator[NameSpan]:
    if ent.label_ not in ENTITY_LABELS:
        return
    tokens = list(ent)
    while tokens and (tokens[0].pos_ in ("DET", "PUNCT") or tokens[0].lower_ in _HONORIFICS):
        tokens.pop(0)
    opened = next((i for i, t in enumerate(tokens) if t.text in ("(", "[")), None)
    if opened and not any(t.text in (")", "]") for t in tokens[opened:]):
        tokens = tokens[:opened]  # "Movement for Democratic Change (MDC": the acronym's bracket cut the name
    while tokens and (tokens[-1].text in _POSSESSIVE or tokens[-1].pos_ == "PUNCT" or _clause_verb(tokens[-1])):
        tokens.pop()  # "The Denver Broncos won": the tagger took the verb into the name
    if _ends_in_score(tokens):
        tokens = tokens[:-3]  # "beating the Broncos 24-10": the score is no part of the name
    if not tokens:
        return
    label = ent.label_
    kind = _opening_kind(tokens, lexicon)
    if kind is not None:
        tokens, label = tokens[1:], kind  # "Retailer Walton said": the sentence's first word says what Walton is
    given = _given_name_outside(tokens) if label == "ORG" else None
    if given is not None:
        # "Ana Lind of Riverton University" with "Lind of Riverton University" tagged one organisation
        doc = tokens[0].doc
        yield NameSpan(given.i, tokens[0].i + 1, doc[given.i : tokens[0].i + 1].text, "PERSON")
        organisation = doc[tokens[2].i : tokens[-1].i + 1]
        organisation.label_ = label
        yield from _clean(organisation, lexicon)
        return
    number = _name_number(tokens)
    if number is not None:  # "the Daytona 500", "the Ford 400": the number is the name's, no place's
        tokens.append(number)
        label = "EVENT" if label == "GPE" else label
    title_end = _title_end(tokens, lexicon)
    suffixes = tokens[title_end:]
    if (
        title_end
        and suffixes
        and all(t.lower_ in _SUFFIXES for t in suffixes)
        and tokens[0].lower_ not in lexicon.roles
    ):
        title_end = 0  # "Martin Luther King III"
    if title_end:
        # "Kremlin spokesperson Dmitry Petrov" tagged as one ORG: the title's left part is
        # an affiliation (found again by find_roles) and the part after it a person's name.
        # Only a person's name follows a title: "General Motors" and "Premier League" stay whole.
        rest = tokens[title_end:]
        title_is_lower = all(t.is_lower for t in tokens[:title_end] if t.lower_ in lexicon.role_words)
        looks_like_name = label == "PERSON" or (len(rest) >= 2 and title_is_lower)
        if rest and looks_like_name and all(t.pos_ == "PROPN" for t in rest):
            tokens, label = rest, "PERSON"
        elif not rest and label == "PERSON":
            return
        elif not rest:
            # "the State Department Spokesperson" tagged as one ORG: the organisation before the title
            title_start = _last_title(doc_span(tokens), lexicon)[0] - tokens[0].i
            if title_start and tokens[title_start - 1].pos_ == "PROPN":
                tokens = tokens[:title_start]
    person = _person_after_title_of(tokens, label, lexicon)
    if person:
        # "Mayor of Lyon Paul Roux said", tagged as one organisation: the organisation, then the person
        organisation = tokens[0].doc[tokens[0].i : tokens[-1].i + 1 - person]
        organisation.label_ = label
        yield from _clean(organisation, lexicon)
        yield NameSpan(tokens[-person].i, tokens[-1].i + 1, _span_text(tokens[-person:]), "PERSON")
        return
    if label == "PERSON" and len(tokens) == 1 and tokens[0].pos_ != "PROPN":
        return
    before = tokens[0].nbor(-1) if tokens[0].i > 0 else None
    after = tokens[-1].nbor(1) if tokens[-1].i + 1 < len(tokens[-1].doc) else None
    if (
        label != "PERSON"
        and before is not None
        and before.lower_ in lexicon.roles
        and all(t.pos_ == "PROPN" for t in tokens)
        and (after is None or after.lower_ not in lexicon.role_words)  # "Deputy White House Press Secretary"
    ):
        label = "PERSON"  # "chancellor Olaf Scholz": a name right after a title is a person's
    if _team_in_game(tokens, ent.label_, lexicon):
        # "Real Madrid defeated Barcelona 3-0": the sides of a scored game are teams, not their towns
        while tokens[0].i > 0 and _name_word(tokens[0].nbor(-1)) and tokens[0].nbor(-1).head.i == tokens[-1].i:
            tokens.insert(0, tokens[0].nbor(-1))
        yield NameSpan(tokens[0].i, tokens[-1].i + 1, _span_text(tokens), "ORG")
        return
    text = _span_text(tokens)
    label = _context_label(tokens, text, label, lexicon)
    place = lexicon.place(text) if label in ("GPE", "LOC", "ORG", "NORP") else None
    if place is None and label in ("PERSON", "MISC", "PRODUCT", "WORK_OF_ART"):
        place = lexicon.named_place(text)  # "Malawi" tagged a person: a country is never one
    if place is not None and label != "NORP":
        text, label = place.label, place.type
    else:
        kind = _kind_label(tokens, lexicon)
        if label == "PERSON" and kind in _LOOSE_KINDS:
            kind = None  # "Jeff Shia, president of the X Association, a non-profit group": the group is the body's
        label = "PERSON" if kind == KGO + "Person" else kind or label
    yield NameSpan(tokens[0].i, tokens[-1].i + 1, text, label)


# Classes whose kind nouns ("group", "agency") are too loose to make a person's name a body's.
_LOOSE_KINDS = frozenset({KGO + "Organization", KGO + "GovernmentBody"})
# Prepositions whose object is the other side of a game ("lost 2-1 to Arsenal", "beaten by Leeds").
_OPPONENT_PREPOSITIONS = frozenset({"to", "against", "over", "by", "with"})


def _opening_kind(tokens: list[Token], lexicon: Lexicon) -> str | None:
    """The company class of a name the tagger ran into the common noun that opens its sentence
    ("Retailer Walton", "Carmaker Ford"); None when the noun is the name's own ("Carrier Corporation")."""
    first, rest = tokens[0], tokens[1:]
    kind = lexicon.kind_nouns.get(first.lower_)
    if kind != KGO + "Company" or not first.is_sent_start or len(rest) != 1 or not rest[0].is_title:
        return None
    own = rest[0].lower_.rstrip(".") in lexicon.words("legal-suffix") or lexicon.place(rest[0].text) is not None
    return None if own else kind


def _name_word(token: Token) -> bool:
    return token.pos_ == "PROPN" and token.is_title and token.dep_ == "compound"


def _team_in_game(tokens: list[Token], label: str, lexicon: Lexicon) -> bool:
    """Whether a name is a club on one side of a game the clause gives the score of: its subject,
    object or the object of its preposition ("Arsenal beat Tottenham 2-1", "lost 2-1 to Leeds").
    A country stays itself ("Brazil drew 1-1 with Argentina"), a person's name a person's
    ("Serena Williams beat ...") unless it is a town's ("Tottenham")."""
    head = tokens[-1]
    verb = head.head.head if head.dep_ == "pobj" else head.head
    opposing = head.dep_ != "pobj" or head.head.lower_ in _OPPONENT_PREPOSITIONS  # not "in Santa Clara"
    sided = head.dep_ in ("nsubj", "nsubjpass", "dobj", "npadvmod", "pobj") and head.head.i != head.i and opposing
    if not (sided and verb.pos_ in ("VERB", "AUX") and scored_game(verb)):
        return False
    text = _span_text(tokens)
    place = lexicon.named_place(text)
    if place is not None and place.type == KGO + "Country" or label == "NORP":
        return False  # "Brazil drew with Argentina", "the Serbian defeated the Russian"
    return label != "PERSON" or lexicon.city(text) is not None


def _clause_verb(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.dep_ in ("ROOT", "ccomp", "conj", "relcl", "advcl")


def _given_name_outside(tokens: list[Token]) -> Token | None:
    """The given name just before an organisation's name "<Surname> of <Name>" that the tagger left
    out of it, whose surname the name then starts with ("Ana" of "Ana Lind of Riverton University")."""
    first = tokens[0]
    if len(tokens) < 3 or tokens[1].lower_ != "of" or first.pos_ != "PROPN" or first.i == 0:
        return None
    given = first.doc[first.i - 1]
    joined = given.dep_ == "compound" and given.head.i == first.i and given.pos_ == "PROPN"
    return given if joined and given.is_title and given.is_alpha and not given.ent_type_ else None


def _person_after_title_of(tokens: list[Token], label: str, lexicon: Lexicon) -> int:
    """How many of an organisation name's last words are the name of a person it runs into: after
    "<Title> of" an organisation is followed by its holder's name, who then speaks ("Mayor of Lyon
    Paul Roux said", "Executive director of the Council on Trade Ann Lowe said"). 0 when none."""
    doc = tokens[0].doc
    start = tokens[0].i - (1 if tokens[0].i > 0 and doc[tokens[0].i - 1].lower_ == "the" else 0)
    head = tokens[-1]
    if (
        label == "PERSON"
        or len(tokens) < 3
        or start == 0
        or not _title_of(doc, doc[start - 1], lexicon)
        or head.i + 1 >= len(doc)
        or doc[head.i + 1].lemma_ not in lexicon.words("speech-verb")
    ):
        return 0
    before = start - 2  # the title's first word, then what stands before it
    while before >= 0 and doc[before].is_title and doc[before].pos_ != "DET":
        before -= 1
    if before >= 0 and doc[before].pos_ == "DET":
        return 0  # "The President of the European Central Bank said": a description, no name follows
    last = tokens[-2:]
    if all(t.pos_ == "PROPN" and t.is_title and t.is_alpha for t in last) and tokens[-3].pos_ == "PROPN":
        return 2
    return 0


def _kind_label(tokens: list[Token], lexicon: Lexicon) -> str | None:
    """The class a common noun next to a name gives it: "the daily newspaper, The Herald" and
    "The Herald, a daily" (apposition), "the Rohingya minority" (a people that modifies the noun)."""
    head = tokens[-1]
    while head.head.i != head.i and tokens[0].i <= head.head.i <= tokens[-1].i:
        head = head.head
    nouns = [c for c in head.children if c.dep_ == "appos"]
    if head.dep_ == "appos":
        nouns.append(head.head)
    modified = head.head if head.dep_ == "compound" and head.head.i == tokens[-1].i + 1 else None
    before = head.doc[tokens[0].i - 1] if tokens[0].i > 0 else None
    if before is not None and before.dep_ == "compound" and before.head.i == head.i and before.pos_ == "NOUN":
        nouns.append(before)  # "computer maker Dell", "the airline Qantas": the noun says what the name is
    participle = head.head if head.dep_ == "oprd" and head.head.dep_ == "acl" else None
    if participle is not None and participle.lemma_.lower() in lexicon.words("naming-participle"):
        nouns.append(participle.head)  # "a program called Foldmaker", "a man named Tom Hale"
    for noun in [*nouns, modified]:
        if noun is not None and noun.head.dep_ == "prep" and noun.head.head.lower_ in lexicon.role_words:
            continue  # "a spokesman for the agency, Alphonse Munyaneza": the name is the spokesman's
        kind = lexicon.kind_nouns.get(noun.lemma_.lower()) if noun is not None and noun.pos_ == "NOUN" else None
        # A name that modifies a noun may be its owner ("the Scientology website"), except for a
        # people ("the Rohingya minority") and an area ("Idlib province").
        if kind is not None and (noun is not modified or kind in (KGO + "Group", KGO + "Region")):
            return kind
    return None


def _media_name(tokens: list[Token], lexicon: Lexicon) -> bool:
    """Whether a name ends in a newspaper's word ("Gazette"), or in two joined by a hyphen ("Herald-Press")."""
    heads = lexicon.words("media-head")
    joined = len(tokens) > 3 and tokens[-2].text == "-" and tokens[-3].lower_ in heads
    return tokens[-1].lower_ in heads or joined


def _according_to(token: Token) -> bool:
    """Whether ``token`` is the source of "according to"."""
    preposition = token.head if token.dep_ == "pobj" else None
    return preposition is not None and preposition.lower_ == "to" and preposition.head.lower_ == "according"


def _context_label(tokens: list[Token], text: str, label: str, lexicon: Lexicon) -> str:
    """Repair the tagger's label from the words around a name, as news writes them: "Ann Rowe,
    42, of ..." is a person (an age follows); "Bethany, Conn." is a place (a state or country
    follows); "in Tulsa" is a place when Tulsa is a known city."""
    doc = tokens[0].doc
    after = doc[tokens[-1].i + 1 : tokens[-1].i + 4]
    aged = len(after) == 3 and after[0].text == after[2].text == "," and after[1].text.isdigit()
    if label != "PERSON" and aged and 0 < int(after[1].text) < 120:
        return "PERSON"
    if label != "PERSON" and len(tokens) > 1 and _aged_apposition(tokens[-1]):
        return "PERSON"  # "Marcus Delaney, the Hawks' 27-year-old point guard": only people have ages
    if label != "PERSON" and _named_as_kin(tokens[-1], lexicon):
        return "PERSON"  # "their nine-month-old child, Gloria", "Sami, her son": someone's kin
    if label in ("GPE", "FAC", "PERSON", "MISC") and lexicon.city(text) is None and len(tokens) > 1:
        # "Leeds United", "Ajax FC", "Manchester City": a sports club; a place the tagger found only
        # when its first word is a city and the whole is none ("Morgan City, La." is a town)
        town = label != "GPE" or lexicon.city(tokens[0].text) is not None
        if tokens[-1].lower_ in lexicon.words("club-word") and town:
            return "ORG"
        if tokens[-1].lower_ in lexicon.words("institution-head"):
            return "ORG"  # "the Brixley Observatory", "Riverton University": an institution, not its site
        if lexicon.kind_nouns.get(tokens[-1].lower_) == KGO + "Event":
            return "EVENT"  # "the Berlin Marathon", "the Monaco Grand Prix": a named event
    unknown_place = lexicon.place(text) is None and lexicon.city(text) is None
    if label in ("LOC", "GPE", "FAC") and unknown_place and _team_plural(tokens, lexicon):
        return "ORG"  # "the Fenwick Bay Comets": a place's name ends in no plural of players
    if label in ("GPE", "LOC", "FAC") and unknown_place and _person_evidence(tokens[-1]):
        return "PERSON"  # "Copland, who was born in Brooklyn": no place is a "who"
    unlisted_word = len(tokens) == 1 and not text.isupper() and lexicon.named_place(text) is None and unknown_place
    if label in ("PERSON", "ORG", "NORP", "MISC") and unlisted_word and _area_evidence(tokens[0], label, lexicon):
        return KGO + "Location"  # "the coast of Borneo", "across Luzon": no person or body is an area
    if label == "PERSON" and len(tokens) == 1 and _municipal_of(tokens[0], lexicon):
        return KGO + "City"  # "mayor of Riverton": no one's name is a mayor's town
    if label in ("GPE", "LOC") and len(tokens) == 1 and unknown_place and _based(tokens[0]):
        return KGO + "Company"  # "Brightmeadow, which is based in Osterdale": no place is based somewhere
    if label == "PERSON" and len(tokens) == 1 and unknown_place and _thing_evidence(tokens[0], lexicon):
        return KGO + "Company"  # "Dell, which makes laptops", "Dell's profits": no person is a "which"
    if label == "ORG" and len(tokens) == 1 and _company_evidence(tokens[0]):
        return KGO + "Company"  # "Dell said it would cut jobs": a body that says what "it" does is no surname
    if label == "GPE" and _according_to(tokens[-1]) and unknown_place:
        return "ORG"  # "according to Nielsen": a source that no gazetteer knows as a place is a body
    if label == "GPE" and len(tokens) == 1 and _designation(tokens[0]) and lexicon.place(text) is None:
        return "PRODUCT"  # "IE6", "A320": no country or town is named by a code with digits
    head_kind = lexicon.kind_nouns.get(tokens[-1].lemma_.lower()) if len(tokens) > 1 else None
    if head_kind == KGO + "Event" and label == "ORG":
        return "EVENT"  # "the League Cup", "the Davis Cup": a competition, not its organiser
    if head_kind == KGO + "Document" and label != "LAW":
        return "LAW"  # "the Non-Proliferation Treaty", "the Kyoto Protocol": a text, not a body
    of = next((t.i - tokens[0].i for t in tokens if t.lower_ == "of"), len(tokens))
    body = lexicon.kind_nouns.get(tokens[of - 1].lower_) if of > 0 else None
    body = body if body is not None and KGO + "Organization" in lexicon.class_ancestors(body) else None
    if (label == "MISC" or label == "GPE" and len(tokens) > 1) and body is not None and lexicon.place(text) is None:
        # "Municipality of Livorno", "Acme Football Club", "the United States Olympic Committee": a
        # name headed by a body's noun, whatever place its first words name
        return "ORG"
    if label not in ("ORG", "PERSON", "MISC", "NORP") or lexicon.place(text) is not None:
        return label
    if label in ("PERSON", "MISC") and lexicon.kind_nouns.get(tokens[-1].lower_) == KGO + "Facility":
        return "FAC"  # "Castlefrank Road", "Heathrow Airport": a name ending in a facility's noun
    if label in ("PERSON", "MISC") and len(tokens) > 1 and lexicon.is_area_noun(tokens[-1].text):
        return "GPE"  # "Cameron Parish", "Loei Province": a name ending in an area's noun
    structure = after[0] if after and tokens[-1].dep_ == "compound" and tokens[-1].head.i == after[0].i else None
    built = structure is not None and lexicon.kind_nouns.get(structure.lemma_.lower()) == KGO + "Facility"
    if label == "PERSON" and built:
        return "FAC"  # "the Kutai Kartanegara bridge": the name of a bridge, not of a person
    span = NameSpan(tokens[0].i, tokens[-1].i + 1, text, label)
    if label in ("ORG", "MISC") and _person_evidence(tokens[-1]) and _personal_name(doc, span, lexicon):
        return "PERSON"  # "Novak Djokovic won his 24th title", "Max Verstappen, who drives for ..."
    if label in ("PERSON", "MISC") and tokens[-1].lower_.rstrip(".") in lexicon.words("legal-suffix"):
        return "ORG" if len(tokens) > 1 else label  # "Bolt Inc", "Acme Ltd.": a company
    if label in ("PERSON", "MISC") and len(tokens) > 1 and _media_name(tokens, lexicon):
        return KGO + "MediaOrganization"  # "the Brixley Gazette": no person's name ends in a paper's
    home = lexicon.place(tokens[0].text) or lexicon.city(tokens[0].text)
    team = len(tokens) > 1 and tokens[-1].is_title and tokens[-1].text.endswith("s") and home is not None
    the = tokens[0].i > 0 and doc[tokens[0].i - 1].lower_ == "the"  # "the Panthers", never "the Serena Williams"
    if label in ("MISC", "PRODUCT") and team or label == "PERSON" and team and the:
        return "ORG"  # "Carolina Panthers", "Chicago Bulls": a place and a plural of players
    if label in ("PERSON", "MISC", "NORP") and tokens[-1].lower_ in lexicon.words("party-plural") and len(tokens) > 1:
        return "ORG"  # "the Liberal Democrats", "the Social Democrats": a party
    if label == "PERSON" and len(tokens) == 1 and the and doc[tokens[0].i - 1].head.i == tokens[0].i:
        return "MISC"  # "the Moon", "the Bund": no one's name takes "the"
    if label == "PERSON" and len(tokens) == 1 and _employer_title(doc, tokens[0], lexicon):
        return KGO + "Organization"  # "Pfizer chief executive Albert Bourla": a title held of a body
    if label == "PERSON" and any(c.isdigit() for c in text):
        return KGO + "Entity"  # "KELT-9", "Flight 17": no person's name has a digit
    region = lexicon.place(after[1].text) if len(after) > 1 and after[0].text == "," else None
    regional = region is not None and region.type in (KGO + "Region", KGO + "Country")
    if regional and (label != "PERSON" or lexicon.city(text, min_population=15_000)):
        return "GPE"
    lone = label == "MISC" or label in ("PERSON", "ORG") and len(tokens) == 1
    if lone and region_after(doc, tokens[-1].i + 1, lexicon) is not None:
        return "GPE"  # "Goma in the eastern part of Congo", "Kassala in eastern Sudan"
    where = len(after) > 1 and after[0].text == "," and after[1].lower_ == "where"
    if where and (label == "MISC" or label in ("PERSON", "ORG") and lexicon.city(text)):
        return "GPE"  # "Akron, where he was born": a relative "where" follows a place
    before = doc[tokens[0].i - 1] if tokens[0].i > 0 else None
    prepositions = _PLACE_PREPOSITIONS if label != "PERSON" else ("in", "near")
    if before is not None and before.lower_ in prepositions and lexicon.city(text):
        return "GPE"
    # "400 kilometres northwest of Dakar": a bearing from a known city names a place
    bearing = doc[before.i - 1] if before is not None and before.i > 0 and before.lower_ == "of" else None
    if bearing is not None and _COMPASS.fullmatch(bearing.lower_) and lexicon.city(text):
        return KGO + "City"
    return label


def region_after(doc: Doc, i: int, lexicon: Lexicon) -> int | None:
    """Where the known country or region is that the words from ``i`` place what precedes them in
    a part of: "in eastern Sudan", "in the southeastern part of Rwanda", "in the north of Chad"."""
    words = [t.lower_ for t in doc[i : i + 6]]
    if words[:1] != ["in"]:
        return None
    rest = words[2:] if words[1:2] == ["the"] else words[1:]
    if len(rest) >= 3 and rest[1:3] == ["part", "of"] or len(rest) >= 2 and rest[1] == "of":
        bearing, rest = rest[0], rest[3:] if rest[1] == "part" else rest[2:]
    elif rest:
        bearing, rest = rest[0], rest[1:]
    else:
        return None
    compass = bearing.removesuffix("ern")
    if not compass or not _COMPASS.fullmatch(compass) or not rest:
        return None
    at = i + len(words) - len(rest)
    region = lexicon.place(doc[at].text)
    return at if region is not None and region.type in (KGO + "Country", KGO + "Region") else None


def _employer_title(doc: Doc, word: Token, lexicon: Lexicon) -> bool:
    """Whether a lower-case title that is held of a body, not of a person, follows ``word`` and
    precedes a proper name ("Pfizer chief executive Albert Bourla"; not "Obama adviser David
    Axelrod", an aide's title, nor "Smith, chief executive of ...")."""
    after = word.i + 1
    title = title_around(doc, doc[after], lexicon) if after < len(doc) and doc[after].is_lower else None
    if title is None or title[0] != after or title[1] >= len(doc):
        return False
    return doc[title[1]].pos_ == "PROPN" and doc[after : title[1]].text.lower() not in lexicon.personal_roles


def _aged_apposition(head: Token) -> bool:
    """Whether a name stands in apposition to a noun with an age ("the Hawks' 27-year-old guard")."""
    nouns = [c for c in head.children if c.dep_ == "appos"] + ([head.head] if head.dep_ == "appos" else [])
    doc = head.doc
    return any(_AGE.search(doc[noun.left_edge.i : noun.i].text) for noun in nouns if noun.pos_ == "NOUN")


def _named_as_kin(head: Token, lexicon: Lexicon) -> bool:
    """Whether a name stands in apposition to a noun of kin ("her son, Sami")."""
    nouns = [c for c in head.children if c.dep_ == "appos"] + ([head.head] if head.dep_ == "appos" else [])
    return any(
        noun.pos_ == "NOUN"
        and KGO + "relativeOf" in lexicon.ancestors(lexicon.role_property(noun.lemma_.lower()) or "")
        for noun in nouns
    )


def _team_plural(tokens: list[Token], lexicon: Lexicon) -> bool:
    """Whether a name is a known town or place and a capitalised plural no place's name ends in
    ("Portland Comets", "Kansas City Chiefs"; not "Cayman Islands", nor "Los Alamitos")."""
    last = tokens[-1]
    plural = last.tag_ in ("NNPS", "NNS") or last.text.endswith("s") and len(last.text) > 3
    if len(tokens) < 2 or not last.is_title or not plural or last.lower_ in lexicon.words("place-plural"):
        return False
    home = _span_text(tokens[:-1])
    return lexicon.city(home) is not None or lexicon.place(home) is not None


def _area_evidence(token: Token, label: str, lexicon: Lexicon) -> bool:
    """Whether a name is the object of a preposition that takes an area ("across Luzon") or, unless
    the tagger took it for a body's, of the "of" of a part of a place ("the coast of Borneo";
    "the rest of Acme" is a company's)."""
    if token.dep_ != "pobj":
        return False
    preposition = token.head
    if preposition.lower_ in lexicon.words("area-preposition"):
        return True
    part = preposition.head.lemma_.lower() in lexicon.words("place-part-noun")
    return label != "ORG" and preposition.lower_ == "of" and part


def _municipal_of(token: Token, lexicon: Lexicon) -> bool:
    """Whether a name is the object of the "of" of a town's title ("the mayor of Riverton")."""
    preposition = token.head
    title = preposition.head
    return token.dep_ == "pobj" and preposition.lower_ == "of" and title.lower_ in lexicon.words("municipal-title")


def _thing_evidence(head: Token, lexicon: Lexicon) -> bool:
    """Whether a lone name is said of as no person is: a relative "which" follows it ("Dell,
    which makes laptops") or it owns a ``business-noun`` ("Dell's profits")."""
    doc = head.doc
    if head.i + 2 < len(doc) and doc[head.i + 1].text == "," and doc[head.i + 2].lower_ == "which":
        return True
    owned = head.head if head.dep_ == "poss" else None
    return owned is not None and owned.lemma_.lower() in lexicon.words("business-noun")


def _based(head: Token) -> bool:
    """Whether a name is said to be "based" somewhere: "Dell, based in Round Rock", "Brightmeadow,
    which is based in Osterdale"."""
    return any(c.dep_ in ("acl", "relcl") and c.lower_ == "based" for c in head.children)


def _company_evidence(head: Token) -> bool:
    """Whether a name's clause treats it as a company: it says what "it" will do ("Dell said it
    would cut jobs"), or it is "based" somewhere ("Dell, based in Round Rock")."""
    if _based(head):
        return True
    if head.dep_ != "nsubj" or head.head.pos_ != "VERB":
        return False
    reported = [c for c in head.head.children if c.dep_ == "ccomp" and c.i > head.head.i]
    return any(s.dep_ == "nsubj" and s.lower_ == "it" for c in reported for s in c.children)


def _person_evidence(head: Token) -> bool:
    """Whether a name's clause treats it as a person: "X won *his* title", "X, *who* drives"."""
    doc = head.doc
    if head.i + 2 < len(doc) and doc[head.i + 1].text == "," and doc[head.i + 2].lower_ == "who":
        return True
    if head.dep_ != "nsubj":
        return False
    objects = [c for c in head.head.children if c.dep_ == "dobj"]
    return any(g.dep_ == "poss" and g.lower_ in ("his", "her") for c in objects for g in c.children)


def doc_span(tokens: list[Token]) -> Span:
    """The span of the doc from the first of ``tokens`` to the last."""
    return tokens[0].doc[tokens[0].i : tokens[-1].i + 1]


def _span_text(tokens: list[Token]) -> str:
    return "".join(t.text_with_ws for t in tokens[:-1]) + tokens[-1].text


def _title_end(tokens: list[Token], lexicon: Lexicon) -> int:
    """Index just past the last lexicon title among ``tokens`` (0 when there is none)."""
    doc = tokens[0].doc
    title = _last_title(doc[tokens[0].i : tokens[-1].i + 1], lexicon)
    return title[1] - tokens[0].i if title else 0


def find_roles(doc: Doc, names: list[NameSpan], lexicon: Lexicon) -> list[Role]:
    """Roles stated by titles before person names and by appositions next to them."""
    by_token = {i: name for name in names for i in range(name.start, name.end)}
    roles: list[Role] = []
    for name in names:
        roles.extend(_as_roles(doc, name, by_token, lexicon))
        if name.label in ("PERSON", "MISC"):
            roles.extend(_verb_roles(doc, name, by_token, lexicon))
        if name.label in ("ORG", "MISC") and _personal_name(doc, name, lexicon):
            # "A spokesman for the agency, Alphonse Munyaneza, said": a name in apposition to a title
            roles.extend(_apposition_roles(doc, name, by_token, lexicon))
            if name.label == "ORG":
                roles.extend(_verb_roles(doc, name, by_token, lexicon))
        if name.label != "PERSON":
            continue
        roles.extend(_prefix_roles(doc, name, by_token, lexicon))
        roles.extend(_apposition_roles(doc, name, by_token, lexicon))
        roles.extend(_party_roles(doc, name, by_token))
        roles.extend(_adherent_roles(doc, name, by_token, lexicon))
    return [
        replace(r, affiliation=_unnamed_body(doc, r, by_token, lexicon)) if r.affiliation is None else r for r in roles
    ]


def _unnamed_body(doc: Doc, role: Role, by_token: dict[int, NameSpan], lexicon: Lexicon) -> NameSpan | None:
    """ "governor of the central bank", "the former president of the breakaway republic": a title's
    organisation written as a common noun (lexicon ``kgo:kindNoun`` of an organisation or a
    country, or ``body-noun``), for the readers to resolve with the article; "chairman of the
    largest opposition party, the Civic Party": the name the noun is in apposition with."""
    for token in doc[role.title_start : role.title_end]:
        for prep in token.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("of", "at", "for"):
                continue
            for noun in prep.children:
                if noun.dep_ == "pobj" and noun.tag_ == "NN" and lexicon.is_body_noun(noun.lemma_.lower()):
                    named = [by_token.get(c.i) for c in noun.children if c.dep_ == "appos"]
                    named = [n for n in named if n is not None and n.label not in ("PERSON", "DATE", "TIME")]
                    return named[0] if named else NameSpan(noun.i, noun.i + 1, noun.text, DESCRIBED_LABEL)
    return None


def _personal_name(doc: Doc, name: NameSpan, lexicon: Lexicon) -> bool:
    """Whether an untyped name could be a person's: two or three capitalised proper nouns, none a
    known place, title or kind of thing ("Alphonse Munyaneza", not "Treasury Department")."""
    tokens = list(doc[name.start : name.end])
    return (
        2 <= len(tokens) <= 3
        and all(t.pos_ == "PROPN" and t.is_title and t.is_alpha for t in tokens)
        and not any(
            lexicon.place(t.text) or t.lower_ in lexicon.role_words or t.lower_ in lexicon.kind_nouns for t in tokens
        )
        and lexicon.place(name.name) is None
    )


# The noun after a name that makes "X and his Y party" a statement of who leads Y.
_PARTY = "party"
# Endings of a noun for an organisation's followers ("Scientolog-ist", "Method-ist", "Republic-an").
_ADHERENT_SUFFIX = re.compile(r"(ists?|ians?|ites?|ans?|s)$")


def _verb_roles(doc: Doc, name: NameSpan, by_token: dict[int, NameSpan], lexicon: Lexicon) -> Iterator[Role]:
    """A title a clause gives a name: "X became Chile's finance minister", "appointed X (as)
    governor of the central bank", "named X deputy mayor", "X resigned as foreign minister",
    "X, who is serving as acting director of the FBI"."""
    head = doc[name.end - 1]
    verbs = []
    if head.dep_ in ("nsubj", "nsubjpass", "dobj"):
        verbs.append((head.head, head.dep_))
    elif head.dep_ == "appos" and head.head.dep_ in ("nsubj", "nsubjpass"):
        verbs.append((head.head.head, head.head.dep_))  # "His deputy, Sara Holm, will serve as acting leader"
    elif head.dep_ == "oprd" and _designates(head.head, lexicon):
        verbs.append((head.head, "dobj"))  # "Arsenal named Tom Vale as its coach", misparsed as "Arsenal (named X)"
    verbs += [(c, "nsubj") for c in head.children if c.dep_ == "relcl"]  # "X, who is serving as ..."
    nouns: list[tuple[Token, str | None]] = []  # each title noun with the words of its verb
    if head.dep_ == "attr" and head.head.lemma_ in COPULAS:  # "Acme Corp, whose chief executive is Tom Vale"
        nouns += [(c, head.head.text) for c in head.head.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"]
    for verb, dep in verbs:
        chain = [verb, *(c for c in verb.children if c.dep_ == "xcomp")]  # "was forced to resign as"
        for word in chain:
            if any(c.dep_ == "neg" for c in word.children):
                continue  # "X was not the officer", "was never named as chairman": no post given
            # "The party elected Tom Hale as its leader": the "as" of a verb that gives its object a
            # post is the object's ("Kern replaced Hale as chairman" is Kern's)
            designates = _designates(word, lexicon)
            taken = dep == "nsubj" and designates and any(c.dep_ == "dobj" for c in word.children)
            taken = taken or (dep == "dobj" and not designates)
            for child in word.children:
                if child.dep_ == "prep" and child.lower_ == "as" and not taken:
                    nouns += [(c, f"{word.text} as") for c in child.children if c.dep_ == "pobj"]
                elif (
                    child.dep_ == "oprd"
                    and not (dep == "nsubj" and designates)
                    or (child.dep_ == "attr" and dep == "nsubj" and word.lemma_ in COPULAS and word.i == verb.i)
                ):
                    nouns.append((_one_of(child), word.text))
    if head.dep_ in ("compound", "nmod") and head.head.dep_ == "oprd":
        nouns.append((head.head, head.head.head.text))  # "named Ida Holm deputy mayor": name and title joined
    designation = head.head.head if head.dep_ in ("compound", "nmod") and head.head.dep_ == "dobj" else None
    if designation is not None and head.head.i > head.i and _designates(designation, lexicon):
        nouns.append((head.head, designation.text))  # "made Emile Jonassaint provisional president of Haiti"
    for noun, verb_words in nouns:
        if noun.pos_ not in ("NOUN", "PROPN") or (noun.i in by_token and by_token[noun.i].label != "MISC"):
            continue
        titled = _title_at(doc, noun, lexicon)
        if titled is None:
            continue
        title, text = titled[:2], titled[2]
        found = _title_affiliations(doc, noun, title, by_token, lexicon)
        if not found and noun.dep_ == "attr" and noun.head.lemma_ in COPULAS:
            # "X was acting comptroller at the University of Beirut": the parser hangs "at" on the verb
            found = [
                _as_place(by_token[p.i], lexicon)
                for prep in noun.head.children
                if prep.dep_ == "prep" and prep.lower_ in _AFFILIATION_PREPOSITIONS and prep.i > noun.i
                for p in prep.children
                if p.dep_ == "pobj" and p.i in by_token and by_token[p.i].label != "PERSON"
            ]
        owner = next((c for c in noun.children if c.dep_ == "poss" and c.lower_ in ("its", "their")), None)
        if not found and owner is not None:
            # "The party elected Tom Hale as its leader": the subject's own post
            verb = noun.head.head if noun.dep_ == "pobj" else noun.head
            subjects = [c for c in verb.children if c.dep_ == "nsubj"]
            found = [by_token[c.i] for c in subjects if c.i in by_token and by_token[c.i] != name]
            if not found and subjects and subjects[0].pos_ == "NOUN" and owner.lower_ == "its":
                # "The club named X as its head coach": the body the caller finds the subject stands for
                found = [NameSpan(owner.i, owner.i + 1, owner.text, PRONOUN_LABEL)]
        if not found and owner is None and noun.dep_ == "oprd" and _designates(noun.head, lexicon):
            # "Acme named Tom Vale chief executive": a body that names someone to a post names its own
            subjects = [by_token.get(c.i) for c in noun.head.children if c.dep_ == "nsubj"]
            found = [n for n in subjects if n is not None and n != name and n.label not in ("PERSON", "GPE")]
        described = described_owner(noun, lexicon) if not found else None
        found = found or ([described] if described is not None else [])  # "became the agency's director"
        found = found or _whose_owner(noun, name, by_token)
        for affiliation in found or [None]:
            yield Role(name, text, title[0], title[1], affiliation, "verb", verb_words)


def _whose_owner(title_noun: Token, holder: NameSpan, by_token: dict[int, NameSpan]) -> list[NameSpan]:
    """ "Acme Corp, whose chief executive is Tom Vale": the name a "whose" title belongs to, the one
    its relative clause (or the apposition the parser made of it) is said of."""
    if not any(c.dep_ == "poss" and c.lower_ == "whose" for c in title_noun.children):
        return []
    if title_noun.dep_ in ("nsubj", "nsubjpass") and title_noun.head.dep_ == "relcl":
        antecedent = title_noun.head.head
    elif title_noun.dep_ == "appos":
        antecedent = title_noun.head
    else:
        return []
    owner = by_token.get(antecedent.i)
    return [owner] if owner is not None and owner != holder else []


def _adherent_roles(doc: Doc, name: NameSpan, by_token: dict[int, NameSpan], lexicon: Lexicon) -> Iterator[Role]:
    """ "Scientologist Tom Cruise", "Ann Rowe, a former Baptist": a capitalised noun that names the
    followers of an organisation the sentence names (its word starts with the noun's stem:
    "Scientolog-" of "Church of Scientology") says the person is a member of it."""
    head = doc[name.end - 1]
    nouns = [doc[name.start - 1]] if name.start > 0 else []
    for appos in (c for c in head.children if c.dep_ == "appos"):
        nouns += [appos, *(c for c in appos.children if c.dep_ == "conj")]
    organisations = {
        n for n in by_token.values() if n.label == "ORG" or kind_of(n.label) == "organization" and "#" in n.label
    }
    sentence = head.sent
    for noun in nouns:
        if not noun.is_title or noun.is_sent_start or noun.lower_ in lexicon.role_words or lexicon.place(noun.text):
            continue
        stem = _ADHERENT_SUFFIX.sub("", noun.text)
        if len(stem) < 5:
            continue
        for organisation in organisations:
            inside = sentence.start <= organisation.start < sentence.end and organisation.start != noun.i
            words = organisation.name.split()
            if inside and any(w.startswith(stem) and w != noun.text for w in words):
                yield Role(name, noun.lower_, noun.i, noun.i + 1, organisation, "adherent")


def _designates(verb: Token, lexicon: Lexicon) -> bool:
    """Whether a verb gives its object a post: "appointed", "named", "elected", "made"."""
    lemma = verb.lemma_.lower()
    prop = lexicon.verb_property(lemma)
    return lemma in lexicon.words("designating-verb") or prop in (KGO + "appointed", KGO + "elected")


def _as_roles(doc: Doc, name: NameSpan, by_token: dict[int, NameSpan], lexicon: Lexicon) -> Iterator[Role]:
    """ "Mozambique, as a member of SADC, ...", "Lee, as chairman of the board, ...": a title an
    "as" phrase right after a name gives it, whatever the name is."""
    index = name.end
    if index + 2 >= len(doc) or doc[index].text != "," or doc[index + 1].lower_ != "as":
        return
    index += 2
    if doc[index].pos_ == "DET":
        index += 1
    title = title_around(doc, doc[index], lexicon) if index < len(doc) and index not in by_token else None
    if title is None or title[0] != index:
        return
    noun = doc[title[1] - 1]
    text = doc[title[0] : title[1]].text.lower()
    for affiliation in _title_affiliations(doc, noun, title, by_token, lexicon):
        if affiliation.start != name.start:
            yield Role(name, text, title[0], title[1], affiliation, "apposition")


def _party_roles(doc: Doc, name: NameSpan, by_token: dict[int, NameSpan]) -> Iterator[Role]:
    """ "X and his Y (YP) party", "X's Y party": the party X leads. Read off the words, as the parser
    often hangs the party noun on the wrong word."""
    index = name.end
    if index + 1 < len(doc) and doc[index].lower_ == "and" and doc[index + 1].lower_ in ("his", "her"):
        index += 2
    elif index < len(doc) and doc[index].text in _POSSESSIVE:
        index += 1
    else:
        return
    party = by_token.get(index)
    if party is None or party.start != index or party.label in ("PERSON", "GPE", "NORP") or "#" in party.label:
        return
    end = party.end
    if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")":
        end += 3  # "(MDC)"
    words = [t.lemma_.lower() for t in doc[party.start : party.end]]
    if words[-1] == _PARTY:
        yield Role(name, "leader", party.end - 1, party.end, party, "party")
    elif end < len(doc) and doc[end].lemma_.lower() == _PARTY:
        yield Role(name, "leader", end, end + 1, party, "party")


def _prefix_roles(doc: Doc, name: NameSpan, by_token: dict[int, NameSpan], lexicon: Lexicon) -> Iterator[Role]:
    """ "Russian president Vladimir Putin", "the EU's ambassador Katarina Mathernova"."""
    start = name.start
    while start > 0:
        token = doc[start - 1]
        other = by_token.get(token.i)
        if other is not None and other.label == "PERSON" and other is not name:
            served = _personal_title_between(doc, other, name, lexicon)
            if _city_before_title(doc, other, lexicon):
                # "Rochester teacher union leader Adam Urbanski": a city the tagger took for a person
                relabelled = replace(other, label="GPE")
            elif served is not None:
                yield Role(name, served[2], served[0], served[1], other, "title")  # "Putin spokesman Dmitry Peskov"
                return
            elif other.end - other.start == 1 and _employer_title(doc, doc[other.start], lexicon):
                # "Pfizer chief executive Albert Bourla": an employer, as a kind noun would say
                relabelled = replace(other, label=KGO + "Organization")
            else:
                break
            by_token = {**by_token, **dict.fromkeys(range(other.start, other.end), relabelled)}
        if (
            other is not None  # an organisation or place, whatever its tag ("BSP floor leader")
            or (token.lower_ in lexicon.role_words and (token.pos_ != "ADP" or title_around(doc, token, lexicon)))
            or token.text in _POSSESSIVE
            or (token.text == "-" and start >= 2 and not token.whitespace_ and not doc[start - 2].whitespace_)
            or token.pos_ in ("PROPN", "ADJ")
            or (token.pos_ == "NOUN" and (token.is_lower or token.is_title))
        ):
            start -= 1
            continue
        if _title_of(doc, token, lexicon):  # "Minister of Education Stefania Giannini"
            start -= 1
            continue
        if token.lower_ == "the" and start >= 2 and _title_of(doc, doc[start - 2], lexicon):
            start -= 1
            continue
        if token.text == ")" and start >= 3 and doc[start - 3].text == "(" and doc[start - 2].is_upper:
            start -= 3  # "Federal Bureau of Investigation (FBI) Director James Comey"
            continue
        break
    prefix = doc[start : name.start]
    title = _last_title(prefix, lexicon)
    if title is None:
        yield from _descriptor_roles(doc, name, start, by_token, lexicon)
        return
    title_start, title_end = title
    of = _title_of(doc, doc[title_end], lexicon) if title_end < name.start else False
    if of and title_end + 1 < name.start:
        # the title's "of" names its organisation: "Minister of Education", "Mayor of Lyon"; in a
        # chain of "of"s the organisation, not the place of its branch ("of the Dallas chapter of X")
        text = doc[title_start:title_end].text.lower()
        found = list(_affiliations(doc, title_end + 1, name.start, by_token, lexicon))
        bodies = [f for f in found if not _is_place_label(f.label)]
        for affiliation in bodies[-1:] or found[-1:] or [None]:
            yield Role(name, text, title_start, title_end, affiliation, "title")
        return
    text = doc[title_start:title_end].text.lower()
    post = _last_title(doc[start:title_start], lexicon) if text.endswith(".") else None
    if post is not None and post[1] == title_start:
        # "military spokesman Maj. Tom Holloway": a rank before the name, the post before the rank
        yield Role(name, text, title_start, title_end, None, "title")
        title_start, title_end = post
        text = doc[title_start:title_end].text.lower()
    affiliations = list(_affiliations(doc, start, title_start, by_token, lexicon, before_title=True))
    described = described_owner(doc[title_end - 1], lexicon) if not affiliations else None
    affiliations = affiliations or ([described] if described is not None else [])  # "the agency's director X"
    kind = doc[title_start - 1] if title_start > start else None
    if not affiliations and kind is not None and kind.dep_ == "compound" and _bare_body_noun(kind, lexicon):
        affiliations = [NameSpan(kind.i, kind.i + 1, kind.text, DESCRIBED_LABEL)]  # "company spokesman X"
    if not affiliations and name.end + 1 < len(doc) and doc[name.end].lower_ == "of":
        after = by_token.get(name.end + 1)  # "Prime Minister Lee Park of Chile": the title's, after the name
        if after is not None and after.start == name.end + 1 and after.label != "PERSON":
            affiliations = [after]
    if text in lexicon.words("municipal-title"):
        # "Leeds Mayor X" with "Leeds" tagged an organisation: a mayor's is a town, one the gazetteer knows
        affiliations = [_as_town(a, lexicon) for a in affiliations]
    for affiliation in affiliations or [None]:
        yield Role(name, text, title_start, title_end, affiliation, "title")


def _as_town(name: NameSpan, lexicon: Lexicon) -> NameSpan:
    """``name`` labelled a place when the gazetteer knows it as a city and the tagger said otherwise."""
    if _is_place_label(name.label) or lexicon.city(name.name) is None:
        return name
    return replace(name, label="GPE")


def _personal_title_between(
    doc: Doc, principal: NameSpan, name: NameSpan, lexicon: Lexicon
) -> tuple[int, int, str] | None:
    """ "Putin spokesman Dmitry Peskov", "Karim's lawyer Omar Haddad": the personal title (one a
    person holds for another: spokesman, lawyer, wife) that is all the words between two people."""
    start = principal.end + (1 if principal.end < name.start and doc[principal.end].text in _POSSESSIVE else 0)
    if start >= name.start or _last_title(doc[start : name.start], lexicon) != (start, name.start):
        return None
    text = doc[start : name.start].text.lower()
    return (start, name.start, text) if text in lexicon.personal_roles else None


def _city_before_title(doc: Doc, name: NameSpan, lexicon: Lexicon) -> bool:
    """Whether a one-word "person" right before lower-case words and a title is a known city, or
    right before a town's title ("Riverton Mayor Lena Berg": no one's name is a mayor's town)."""
    after = doc[name.end] if name.end < len(doc) else None
    if name.end - name.start != 1 or after is None:
        return False
    return after.lower_ in lexicon.words("municipal-title") or after.is_lower and lexicon.city(name.name) is not None


def _title_of(doc: Doc, token: Token, lexicon: Lexicon) -> bool:
    """Whether ``token`` is an "of" inside a capitalised title before a name: "Minister of
    Education", "Executive director of the Dallas chapter of the Council on ..."."""
    if token.lower_ != "of" or not 0 < token.i < len(doc) - 2:
        return False
    after = doc[token.i + 2] if doc[token.i + 1].lower_ == "the" else doc[token.i + 1]
    before = doc[token.i - 1]
    if after.pos_ != "PROPN" or before.pos_ not in ("NOUN", "PROPN"):
        return False
    left = doc[max(token.i - 6, 0) : token.i]
    titles = [t for t in left if t.lower_ in lexicon.role_words and t.is_title]
    # "Spokesman Tom Reed of the Fire Department": the "of" follows the holder's name, not the title
    return bool(titles) and not any(t.ent_type_ == "PERSON" for t in doc[titles[-1].i + 1 : token.i])


def _descriptor_roles(
    doc: Doc, name: NameSpan, start: int, by_token: dict[int, NameSpan], lexicon: Lexicon
) -> Iterator[Role]:
    """ "Soviet historian Roy Medvedev", "Atlanta businessman Neil Estes": a nationality or place
    and a descriptive noun before a name say where the person is from; "Google engineer Ana Ruiz",
    "NFL placekicker Mark Moseley": an organisation and the noun, whom the person works for."""
    descriptor = doc[name.start - 1] if name.start > start else None
    if descriptor is None or descriptor.pos_ != "NOUN" or not descriptor.is_lower:
        return
    for affiliation in _affiliations(doc, start, descriptor.i, by_token, lexicon):
        if affiliation.label in _PLACE_LABELS or affiliation.label.endswith(("#Country", "#City", "#Region")):
            yield Role(name, descriptor.lower_, descriptor.i, descriptor.i + 1, affiliation, "descriptor")
        elif (
            name.label == "PERSON"
            and kind_of(affiliation.label) == "organization"
            and affiliation.end == descriptor.i
            and descriptor.lemma_.lower() not in lexicon.words("stance-noun")
        ):
            yield Role(name, descriptor.lower_, descriptor.i, descriptor.i + 1, affiliation, "occupation")


def _longest_title_tokens(lexicon: Lexicon) -> int:
    # A hyphenated title is one word of the lexicon and several tokens ("under - secretary - general").
    return lexicon.longest_role + 4


def _title_text(doc: Doc, start: int, end: int) -> str:
    """Tokens ``start:end`` as written, lower case: "Secretary-General" → "secretary-general"."""
    return doc[start:end].text.lower()


def _is_title(doc: Doc, start: int, end: int, lexicon: Lexicon) -> bool:
    """Whether tokens ``start:end`` are a lexicon title (its first and last words checked first)."""
    first, last = lexicon.title_edges
    return doc[start].lower_ in first and doc[end - 1].lower_ in last and _title_text(doc, start, end) in lexicon.roles


def _last_title(span: Span, lexicon: Lexicon) -> tuple[int, int] | None:
    """Token range of the right-most lexicon title in ``span`` (multi-word titles first)."""
    doc = span.doc
    for end in range(span.end, span.start, -1):
        for size in range(min(end - span.start, _longest_title_tokens(lexicon)), 0, -1):
            if _is_title(doc, end - size, end, lexicon):
                return end - size, end
    return None


def title_around(doc: Doc, token: Token, lexicon: Lexicon) -> tuple[int, int] | None:
    """Token range of the longest lexicon title that contains ``token`` ("chief of staff")."""
    best = None
    longest = _longest_title_tokens(lexicon)
    for start in range(max(token.i - longest + 1, 0), token.i + 1):
        for end in range(token.i + 1, min(start + longest, len(doc)) + 1):
            if _is_title(doc, start, end, lexicon) and (best is None or end - start > best[1] - best[0]):
                best = (start, end)
    deputies = lexicon.words("deputy-word")
    while best is not None and best[0] > 0 and doc[best[0] - 1].lower_ in deputies:
        best = (best[0] - 1, best[1])  # "deputy mayor": the rank belongs to the title
    return best


def _title_at(doc: Doc, noun: Token, lexicon: Lexicon) -> tuple[int, int, str] | None:
    """The token range of the title ``noun`` is in, and the title as the lexicon writes it."""
    title = title_around(doc, noun, lexicon)
    if title is not None:
        return title[0], title[1], doc[title[0] : title[1]].text.lower()
    return plural_title(doc, noun, lexicon)


def _one_of(noun: Token) -> Token:
    """ "one of two deputy prime ministers": the plural noun "one" picks one of, else the noun itself."""
    if noun.lower_ != "one":
        return noun
    return next((p for c in noun.children if c.lower_ == "of" for p in c.children if p.dep_ == "pobj"), noun)


def plural_title(doc: Doc, token: Token, lexicon: Lexicon) -> tuple[int, int, str] | None:
    """ "the party's two deputy leaders": the token range of the longest lexicon title a plural noun
    ends, with the title in the singular ("deputy leader")."""
    if token.tag_ != "NNS":
        return None
    singular = token.lemma_.lower()
    deputies = lexicon.words("deputy-word")
    for start in range(max(token.i - _longest_title_tokens(lexicon) + 1, 0), token.i + 1):
        text = doc[start : token.i].text_with_ws.lower() + singular
        if text in lexicon.roles:
            while start > 0 and doc[start - 1].lower_ in deputies:
                start, text = start - 1, f"{doc[start - 1].lower_} {text}"
            return start, token.i + 1, text
    return None


def _affiliations(
    doc: Doc, start: int, end: int, by_token: dict[int, NameSpan], lexicon: Lexicon, *, before_title: bool = False
) -> Iterator[NameSpan]:
    """Organisations or countries named in tokens ``start:end`` ("Kremlin", "Russian", "EU's"); in the
    words ``before_title``, a portfolio after a country is the country's ministry, no organisation of its
    own ("Indonesian Health Minister": of Indonesia; "Health Minister" alone: of Health)."""
    index, placed = start, False
    while index < end:
        token = doc[index]
        found = by_token.get(index)
        if found is not None and found.label != "PERSON":
            place = _as_place(found, lexicon)
            placed = placed or _is_place_label(place.label)
            yield place
            index = found.end
            continue
        place = lexicon.place(token.text)
        if place is not None:
            placed = True
            yield NameSpan(index, index + 1, place.label, place.type)
        elif placed and before_title and index + 1 == end and token.lower_ in lexicon.words("portfolio-noun"):
            pass  # the country's ministry
        elif _affiliation_word(token, lexicon):
            # "Russian Atomic Energy Minister": the proper nouns together name one organisation
            last = index + 1
            while last < end and last not in by_token and _affiliation_word(doc[last], lexicon):
                last += 1
            place = by_token.get(last) if last < end else None
            if place is None and last < end and lexicon.place(doc[last].text) is not None:
                place = NameSpan(last, last + 1, doc[last].text, "GPE")
            if place is not None and place.end == end and place.label != "PERSON":
                last = end  # "Environment Canada spokesperson": a name that ends in its country's
            yield NameSpan(index, last, doc[index:last].text, "ORG")
            index = last
            continue
        index += 1


def _affiliation_word(token: Token, lexicon: Lexicon) -> bool:
    return (
        # a capitalised word the tagger calls a common noun is a name inside a sentence ("...
        # Facebook co-founder"); at its start ("Police", "Government") only an unknown word before
        # a body's title ("Pfizer chief executive Albert Bourla")
        (
            token.pos_ == "PROPN"
            or (token.pos_ == "NOUN" and token.is_title and not token.is_sent_start)
            or (
                token.is_title
                and _sentence_initial_employer(token, lexicon)
                and _employer_title(token.doc, token, lexicon)
            )
        )
        and token.lower_ not in lexicon.role_words
        and token.lower_ not in lexicon.words("tenure-word")  # "Acting director Tom Hale"
        and not (token.lower_ in lexicon.words("office-adjective") and _alone_before_title(token, lexicon))
        and token.ent_type_ not in _NOT_NAMES
        and lexicon.place(token.text) is None
    )


def _alone_before_title(token: Token, lexicon: Lexicon) -> bool:
    """Whether a word stands alone before a title: "Regional Governor X", not "Regional Transport
    Authority spokesman X" (where it opens a name)."""
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    previous = token.doc[token.i - 1] if token.i > 0 else None
    named_before = previous is not None and previous.pos_ == "PROPN" and previous.head.i != previous.i
    return following is not None and following.lower_ in lexicon.role_words and not named_before


def _sentence_initial_employer(token: Token, lexicon: Lexicon) -> bool:
    """Whether a capitalised word that opens a sentence may name an employer: an unknown noun
    ("Pfizer"), or a club's word ("Rovers manager Tom Reed", "United manager"), never an
    adjective of the title ("Former president")."""
    club = token.lower_ in lexicon.words("club-word")
    return (club and token.pos_ in ("NOUN", "ADJ")) or (
        token.pos_ == "NOUN" and token.lower_ not in lexicon.common_nouns
    )


def _is_place_label(label: str) -> bool:
    """Whether a name's label (a tagger's or a gazetteer class) is a place's."""
    return label in _PLACE_LABELS or label.endswith(_PLACE_CLASSES)


def _as_place(name: NameSpan, lexicon: Lexicon) -> NameSpan:
    """A demonym used as an affiliation stands for its country: "Russian president" → Russia."""
    place = lexicon.place(name.name) if name.label == "NORP" else None
    return NameSpan(name.start, name.end, place.label, place.type) if place else name


def _apposition_roles(doc: Doc, name: NameSpan, by_token: dict[int, NameSpan], lexicon: Lexicon) -> Iterator[Role]:
    """ "Mark Rutte, NATO's secretary general, ..." and "the EU's envoy, Kaja Kallas"."""
    head = doc[name.end - 1]
    candidates = [c for c in head.children if c.dep_ == "appos"]
    if head.dep_ == "appos":
        candidates.append(head.head)
        # "Co-founder of Acme, Lisa Kern": the parser hangs the name on the title's object
        noun = head.head
        for _ in range(2):
            if noun.dep_ != "pobj" or noun.head.lower_ not in _AFFILIATION_PREPOSITIONS:
                break
            noun = noun.head.head
            if noun.i < name.start and title_around(doc, noun, lexicon) is not None:
                candidates.append(noun)
                break
    before = doc[name.start - 2] if name.start >= 2 and doc[name.start - 1].text == "," else None
    speech = lexicon.words("speech-verb")
    closed = name.end >= len(doc) or doc[name.end].text in (",", ".", ";") or doc[name.end].lemma_ in speech
    if before is not None and closed and before.pos_ in ("NOUN", "PROPN") and before not in candidates:
        candidates.append(before)  # "Marat's lawyer, Clara Vogt,": the parser hung the name elsewhere
    if head.dep_ == "conj":  # "its two deputy leaders, Tom Vale and Ana Cole"; "A and B, both members of X"
        first = head.head
        candidates += [c for c in first.children if c.dep_ == "appos" and c.tag_ == "NNS"]
        if first.dep_ == "appos" and first.head.tag_ == "NNS":
            candidates.append(first.head)
    for noun in candidates:
        for title_noun in (noun, *(c for c in noun.children if c.dep_ == "conj")):
            titled = _title_at(doc, title_noun, lexicon)
            yield from _home_apposition(doc, name, title_noun, by_token, lexicon)  # "a lawyer from Santiago"
            if titled is None or title_noun.i in by_token and by_token[title_noun.i].label != "MISC":
                continue
            if title_noun.head.i == head.i and any(c.lower_ == "whose" for c in title_noun.children):
                continue  # "Acme Corp, whose chief executive, Tom Vale, ...": Acme's post, held by Vale
            title, text = titled[:2], titled[2]
            affiliations = _title_affiliations(doc, title_noun, title, by_token, lexicon)
            owner = next((c for c in title_noun.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
            if not affiliations and owner is not None and (text in lexicon.personal_roles or owner.lower_ == "its"):
                # "his lawyer, Omar Haddad", "its chief executive, Jane Doe": whom the pronoun stands
                # for (resolved with the article)
                affiliations = [NameSpan(owner.i, owner.i + 1, owner.text, PRONOUN_LABEL)]
            described = described_owner(title_noun, lexicon) if not affiliations else None
            affiliations = affiliations or ([described] if described is not None else [])  # "the agency's head"
            affiliations = affiliations or _whose_owner(title_noun, name, by_token)
            if not affiliations and owner is None and text not in lexicon.personal_roles:
                affiliations = _speaking_organisation(doc, name, by_token, lexicon)
            for affiliation in affiliations or [None]:
                yield Role(name, text, title[0], title[1], affiliation, "apposition")


def _bare_body_noun(token: Token, lexicon: Lexicon) -> bool:
    """Whether ``token`` is an organisation's kind noun with no words of its own ("company" in "a
    company official"), for the readers to resolve with the organisation the article named."""
    if token.pos_ != "NOUN" or token.tag_ not in ("NN", "NNS") or any(True for _ in token.children):
        return False
    return lexicon.is_body_noun(token.lemma_.lower()) or token.lower_ in lexicon.words("state-institution")


def described_owner(noun: Token, lexicon: Lexicon) -> NameSpan | None:
    """ "the agency's director-general", "the country's president": the organisation or country a
    title's possessor names by its kind (lexicon ``kgo:kindNoun``, ``country-noun``), for the
    readers to resolve with the article."""
    owner = next((c for c in noun.children if c.dep_ == "poss" and c.pos_ == "NOUN"), None)
    if owner is None or owner.tag_ != "NN" or [c.lower_ for c in owner.children if c.dep_ != "case"] != ["the"]:
        return None  # "the Iraqi army's", "the companies'": whose, the phrase says or cannot say
    kind = lexicon.kind_nouns.get(owner.lemma_.lower())
    body = kind is not None and KGO + "Organization" in lexicon.class_ancestors(kind)
    if not body and owner.lower_ not in lexicon.words("country-noun"):
        return None
    return NameSpan(owner.i, owner.i + 1, owner.text, DESCRIBED_LABEL)


def _speaking_organisation(doc: Doc, name: NameSpan, by_token: dict[int, NameSpan], lexicon: Lexicon) -> list[NameSpan]:
    """ "The State Department said John Kerry, the Secretary of State, ...": a title that names
    no organisation, in what an organisation says of its own people, is held there."""
    token = doc[name.end - 1]
    while token.dep_ not in ("ccomp", "ROOT") and token.head.i != token.i:
        token = token.head
    verb = token.head
    if token.dep_ != "ccomp" or verb.lemma_.lower() not in lexicon.words("speech-verb"):
        return []
    speakers = [by_token.get(c.i) for c in verb.children if c.dep_ == "nsubj"]
    return [s for s in speakers if s is not None and s.label == "ORG"]


def _national_force(doc: Doc, noun: Token, lexicon: Lexicon) -> NameSpan | None:
    """ "the Indonesian military", "the Russian navy": a country's armed force, named by its demonym."""
    if lexicon.kind_nouns.get(noun.lemma_.lower()) != KGO + "ArmedForce":
        return None
    demonym = next((c for c in noun.children if c.dep_ == "amod" and c.i == noun.i - 1), None)
    place = lexicon.place(demonym.text) if demonym is not None else None
    if place is None or place.type != KGO + "Country":
        return None
    return NameSpan(demonym.i, noun.i + 1, f"{demonym.text} {noun.lower_}", KGO + "ArmedForce")


def _title_affiliations(
    doc: Doc, noun: Token, title: tuple[int, int], by_token: dict[int, NameSpan], lexicon: Lexicon
) -> list[NameSpan]:
    """The affiliations of a title, read off each of its words: in "editor at large at the Saudi
    Gazette" the parser may hang "at the Saudi Gazette" on "large", and "large" on the name."""
    found: dict[tuple[int, int], NameSpan] = {}
    for token in (noun, *(t for t in doc[title[0] : title[1]] if t.i != noun.i)):
        for affiliation in direct_affiliations(doc, token, title, by_token, lexicon):
            found.setdefault((affiliation.start, affiliation.end), affiliation)
    return list(found.values())


def _home_apposition(
    doc: Doc, name: NameSpan, noun: Token, by_token: dict[int, NameSpan], lexicon: Lexicon
) -> Iterator[Role]:
    """ "Derwinski, a Republican from Chicago", "Ann Rowe, a farmer from Ohio", "Tom Vale, a Fargo
    native": where the person is from."""
    if noun.i in range(name.start, name.end):
        return
    if noun.pos_ == "NOUN" and noun.lemma_.lower() in lexicon.words("home-noun"):
        for place in (c for c in noun.children if c.dep_ in ("compound", "nmod") and c.i in by_token):
            found = _as_town(_as_place(by_token[place.i], lexicon), lexicon)  # "a Fargo native", whatever its tag
            if _is_place_label(found.label):
                yield Role(name, noun.lower_, noun.i, noun.i + 1, found, "descriptor")
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ != "from":
            continue
        for place in (c for c in prep.children if c.dep_ == "pobj" and c.i in by_token):
            found = _as_place(by_token[place.i], lexicon)
            if _is_place_label(found.label):
                yield Role(name, noun.lower_, noun.i, noun.i + 1, found, "descriptor")


def direct_affiliations(
    doc: Doc,
    noun: Token,
    title: tuple[int, int],
    by_token: dict[int, NameSpan],
    lexicon: Lexicon,
    *,
    modifiers: tuple[str, ...] = ("poss", "compound", "amod", "nmod"),
) -> Iterator[NameSpan]:
    """Organisations or places attached to a title noun itself: "NATO's secretary general",
    "ambassador to Ukraine". A name deeper inside ("chief of the general staff of Russia's
    armed forces") is not the title's affiliation, so it is not taken.
    """
    for child in noun.children:
        if child.dep_ in modifiers:
            candidates = [child]
        elif child.dep_ == "prep" and child.lower_ in _AFFILIATION_PREPOSITIONS:
            if modifiers == _INNER and child.lower_ in ("in", "at"):
                continue  # "a spokeswoman for the agency in Oslo": where the body is, not whose it is
            candidates = [c for c in child.children if c.dep_ == "pobj"]
        else:
            continue
        for token in candidates:
            if child.dep_ == "compound" and token.i not in by_token and _bare_body_noun(token, lexicon):
                yield NameSpan(token.i, token.i + 1, token.text, DESCRIBED_LABEL)  # "a company official"
                continue
            if title[0] <= token.i < title[1]:
                yield from direct_affiliations(doc, token, title, by_token, lexicon)
                continue
            if token.lemma_.lower() in lexicon.words("place-part-noun") and token.i not in by_token:
                # "head of occupied parts of Ukraine's Donetsk region": the named part, not its country.
                parts = list(
                    direct_affiliations(
                        doc, token, (token.i, token.i + 1), by_token, lexicon, modifiers=("compound", "nmod")
                    )
                )
                # "the president of the Lombardy region": a proper noun naming the region the tagger missed
                named = [
                    c
                    for c in token.children
                    if c.dep_ in ("compound", "amod") and c.pos_ in ("PROPN", "ADJ") and c.is_title and c.i < token.i
                ]
                if not parts and named:
                    parts = [NameSpan(named[0].i, named[-1].i + 1, doc[named[0].i : named[-1].i + 1].text, "GPE")]
                yield from parts
                continue
            found = by_token.get(token.i)
            if found is None:
                place = lexicon.place(token.text) if token.pos_ in ("PROPN", "ADJ") else None
                found = NameSpan(token.i, token.i + 1, place.label, place.type) if place else None
            force = _national_force(doc, token, lexicon) if found is None and child.dep_ == "prep" else None
            if force is not None:
                yield force  # "spokesman for the Indonesian military": the country's armed force
                continue
            if found is None and token.pos_ == "NOUN" and child.dep_ == "prep" and modifiers != _INNER:
                # "director general of the secretariat of X", "a spokesman for the UN refugee agency":
                # an unnamed body stands for the organisation it belongs to
                yield from direct_affiliations(doc, token, (token.i, token.i + 1), by_token, lexicon, modifiers=_INNER)
                continue
            served = doc[title[0] : title[1]].text.lower() in lexicon.personal_roles
            # "Riverton's captain": a lone word the tagger took for a person's may be a club's (the
            # article's names decide; a person's name is no such title's affiliation)
            owned = child.dep_ == "poss" and found is not None and found.end - found.start == 1
            if found is not None and (found.label != "PERSON" or served or owned):
                yield _as_place(found, lexicon)
