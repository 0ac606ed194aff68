"""Clause patterns over a dependency parse: who did what to whom, at the token level.

Each pattern yields :class:`Clause` records whose arguments are head tokens; the caller
decides what an argument is (a named entity in graph mode, its phrase in open mode).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.extraction.scores import score_follows
from kg.ontology import KGO

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from kg.ontology import Lexicon

__all__ = [
    "subjects_of",
    "root_acl_is_main_verb",
    "COPULAS",
    "Clause",
    "CONFIDENCE",
    "LOCATIVE_PREPOSITIONS",
    "content_noun",
    "find_clauses",
    "conjuncts",
    "relation_tokens",
]

_SUBJECTS = ("nsubj", "nsubjpass")
_RELATIVE_PRONOUNS = {"which", "who", "that", "whom"}
# Verbs whose complement says what their subject is ("became Chile's finance minister").
COPULAS = frozenset({"be", "become", "remain"})
# Confidence of each pattern: how often its triples are right (tuned on held-out news).
CONFIDENCE = {
    "active": 0.9,
    "active-dative": 0.85,
    "passive-agent": 0.85,
    "active-prep": 0.7,
    "passive-prep": 0.6,
    "passive-object": 0.8,
    "copula": 0.75,
    "copula-of": 0.8,
    "copula-adjective": 0.7,
    "light-verb": 0.75,
    "reciprocal": 0.8,
    "complement": 0.75,
    "compound-participle": 0.8,
    "relative-where": 0.6,
}
# Prepositions that mark a participant of the act even when the parser attaches them deep.
_PARTICIPANT_PREPOSITIONS = frozenset({"with", "against", "from"})
# Further prepositions a light verb's noun takes for its target ("sanctions on", "warrant for").
_LIGHT_PREPOSITIONS = frozenset({"on", "to", "for", "into", "at", "of"})
# Prepositions of place: "met in Ankara" says where, not with whom (unless the lexicon says so).
LOCATIVE_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "inside", "across", "around", "throughout", "over"})
# Entity types of a place "over" names ("shot down over Ukraine"), not a time or a cause ("over the weekend").
_PLACE_ENTITIES = frozenset({"GPE", "LOC"})
# Entity types of an amount "by" gives ("rose by 12 percent").
_AMOUNTS = frozenset({"PERCENT", "MONEY", "QUANTITY"})
# Prepositions that give circumstances (time, cause, manner), not a participant of the act.
_CIRCUMSTANTIAL = frozenset(
    {
        "amid",
        "despite",
        "during",
        "since",
        "after",
        "before",
        "over",
        "throughout",
        "until",
        "within",
        "like",
        "than",
        "as",
        "because",
        "via",
        "per",
        "including",
        "about",
        "of",
        "by",  # with an active verb, "by" gives the means ("by phone"); a passive's agent is dep "agent"
    }
)

# Prepositions whose gerund says how or when the subject acted ("beat them by scoring twice").
_MEANS_PREPOSITIONS = frozenset({"by", "in", "while", "without", "after", "before", "since", "through"})
# An adjective's "of", "about" and "over" name what it is about ("critical of", "worried about").
_ADJECTIVE_CIRCUMSTANTIAL = _CIRCUMSTANTIAL - {"of", "about", "over"}


@dataclass(frozen=True)
class Clause:
    """``subject`` –``verb`` (+ ``noun``) (+ ``preposition``)– ``object``; tokens are argument heads.

    ``noun`` is the object of a light verb that the relation carries ("imposed *sanctions*
    on Russia"); a reciprocal clause ("X and Y discussed ...") relates X *with* Y. ``modality``
    is the word that hedges the clause ("could", "plan", "try", "ready", "able"), if any.
    """

    subject: Token
    verb: Token
    object: Token
    preposition: Token | None
    rule: str
    passive: bool
    negated: bool
    hedged: bool
    noun: Token | None = None
    modality: str | None = None

    @property
    def confidence(self) -> float:
        return CONFIDENCE[self.rule]


def _of_head(token: Token) -> Token:
    """ "led by Lisa Kern of Dunmore University", parsed with "University" as the head and "Kern
    of Dunmore" hung on it: the name before "of" heads the phrase."""
    for child in (c for c in token.children if c.dep_ == "nmod" and c.pos_ == "PROPN"):
        if any(c.dep_ == "prep" and c.lower_ == "of" for c in child.children):
            return child
    return token


def _targets(token: Token) -> list[Token]:
    """The things an object stands for: its conjuncts, the antecedent of a relative pronoun
    ("against *whom* the court issued a warrant"), and what "including" lists."""
    if token.lower_ in _RELATIVE_PRONOUNS:
        clause = token.head
        while clause.dep_ != "relcl" and clause.head.i != clause.i:
            clause = clause.head
        if clause.dep_ == "relcl":
            token = clause.head
    found = participants(token)
    # Only a common noun has members to list ("three countries, including Syria"); after a
    # name, the parser has hung the subject's "including" on the wrong word.
    for head in [t for t in found if t.pos_ == "NOUN"]:
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in ("including", "like"):
                found.extend(t for p in prep.children if p.dep_ == "pobj" for t in participants(p))
    return found


def participants(token: Token) -> list[Token]:
    """The things an argument head stands for: itself and its conjuncts ("the US and the EU"),
    or for a noun with examples, the examples ("sites such as Gawker and Reddit stated")."""
    examples = _examples(token)
    return [t for e in examples for t in conjuncts(e)] if examples else conjuncts(token)


def conjuncts(token: Token) -> list[Token]:
    """``token`` and the tokens coordinated with it ("the US and the EU")."""
    found = [token]
    for child in token.children:
        if (
            child.dep_ == "conj"
            and child.pos_ == token.pos_
            or (child.dep_ == "conj" and {child.pos_, token.pos_} <= {"NOUN", "PROPN", "PRON"})
        ):
            found.extend(conjuncts(child))
    return found


def _examples(noun: Token) -> list[Token]:
    """The names a common noun gives as its examples: "sites *such as Gawker*"."""
    if noun.pos_ != "NOUN":
        return []
    for prep in noun.rights:
        such = prep.doc[prep.i - 1] if prep.i > 0 else None
        if prep.dep_ == "prep" and prep.lower_ == "as" and such is not None and such.lower_ == "such":
            return [p for p in prep.children if p.dep_ == "pobj" and p.pos_ == "PROPN"]
    return []


def subjects_of(verb: Token) -> tuple[list[Token], bool]:
    """Subject heads of ``verb`` and whether the clause is passive, following conj/xcomp/relcl."""
    for child in verb.children:
        if child.dep_ in _SUBJECTS and not _split_word(child):
            heads = participants(_word_after_hyphen(_last_of_run(child)))
            if child.lower_ in _RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                # "Ruby, who killed Oswald, and the Bakkers": the clause describes its own noun only;
                # "Oswald was the gunman who killed Kennedy": the noun is the name the copula equates
                # (its pronoun right after it: a clause the parser hung on a distant noun is not)
                heads = (_equated_name(verb.head) if child.i == verb.head.i + 1 else []) or [verb.head]
                if child.lower_ == "which" and verb.head.ent_type_ == "PERSON":
                    heads = [_thing_before(verb.head, child)]  # "Kim Sung, the leader of the Alliance, which"
            return heads, child.dep_ == "nsubjpass"
    if verb.dep_ in ("acl", "relcl") and _is_infinitive(verb) and verb.head.dep_ == "attr" and _ranked(verb.head):
        return subjects_of(verb.head.head)[0], False  # "became the oldest quarterback to win": who became it
    if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return [verb.head], False
    if root_acl_is_main_verb(verb):
        return [verb.head], False  # "A stampede in Mina killed 717 pilgrims": the parser made the noun the root
    if verb.dep_ == "acl" and verb.tag_ in ("VBN", "VBG") and verb.head.pos_ in ("NOUN", "PROPN"):
        return [verb.head], verb.tag_ == "VBN"  # "Ray, convicted of ...", "Ray, serving a sentence ..."
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        heads, passive = subjects_of(verb.head)
        return heads, passive and any(c.dep_ == "auxpass" for c in verb.children) or passive
    if verb.dep_ == "xcomp":
        governor = verb.head
        if governor.pos_ == "ADJ" and governor.dep_ in ("acomp", "amod"):
            governor = governor.head
        objects = [c for c in governor.children if c.dep_ == "dobj"] or [
            p
            for c in governor.children
            if c.dep_ == "prep" and c.lower_ in ("on", "upon", "to") and c.i < verb.i
            for p in c.children
            if p.dep_ == "pobj"
        ]
        objects = [o for o in objects if o.ent_type_ not in ("DATE", "TIME")]  # "agreed on Thursday to pay"
        if objects:  # "force Russia to change", "called on the US to act", "appealed to X to stay": the object acts
            return participants(objects[0]), False
        if governor.pos_ in ("VERB", "AUX"):
            return subjects_of(governor)[0], False
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head.pos_ in ("VERB", "AUX"):
        heads, passive = subjects_of(verb.head)
        # "was attacked by hackers, causing the site to shut down": the agent did what followed
        agents = [p for c in verb.head.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        return (participants(agents[0]) if passive and agents else heads), False
    if (
        verb.dep_ == "advcl"
        and verb.tag_ == "VBN"
        and verb.i < verb.head.i
        and verb.head.pos_ in ("VERB", "AUX")
        and not any(c.dep_ in ("mark", "nsubj", "nsubjpass") for c in verb.children)
    ):
        return subjects_of(verb.head)[0], True  # "Born in Ohio, Hale moved ...": the subject undergoes it
    if verb.dep_ == "acl" and _is_infinitive(verb) and verb.head.pos_ == "NOUN":
        # "the Church's attempts to remove the video": the noun's possessor acts
        owner = next((c for c in verb.head.children if c.dep_ == "poss"), None)
        if owner is not None and owner.pos_ != "PRON":
            return [owner], False

    if verb.dep_ == "advcl" and _is_infinitive(verb) and verb.head.pos_ in ("VERB", "AUX"):
        # "seized on the error to win her first title": a purpose shares its clause's subject
        heads, passive = subjects_of(verb.head)
        return ([] if passive else heads), False
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.head.dep_ in ("acomp", "oprd"):
        # "pleaded guilty to killing Lennon", "was responsible for founding Acme"
        return subjects_of(verb.head.head.head)[0], False
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.head.pos_ in ("VERB", "AUX"):
        # "acted alone in killing Kennedy", "convicted of murdering Don Bolles"; but "accused the
        # army of seizing land", "arrested Hale for stealing": the one accused did it
        governor = verb.head.head
        accused = [c for c in governor.children if c.dep_ == "dobj" and c.i < verb.head.i]
        accused = _payees(accused) or accused  # "fined Google 2.4 billion euros for abusing ...": Google
        if accused and verb.head.lower_ not in _MEANS_PREPOSITIONS:
            return participants(accused[0]), False
        return subjects_of(governor)[0], False
    return [], False


def _users(verb: Token, lexicon: Lexicon) -> list[Token]:
    """ "Ruby used the revolver to kill Oswald": an ``instrument-verb``'s subject does the act."""
    governor = verb.head
    if verb.dep_ not in ("xcomp", "advcl") or not _is_infinitive(verb):
        return []
    if governor.lemma_.lower() not in lexicon.words("instrument-verb"):
        return []
    heads, passive = subjects_of(governor)
    return [] if passive else heads


def _thing_before(person: Token, which: Token) -> Token:
    """What a "which" the parser hung on a person's name stands for: the last noun before it in
    the name's phrase that is no person's ("Kim Sung, the leader of the Alliance, which ..."), or
    the name when there is none."""
    things = [
        t
        for t in person.subtree
        if t.i < which.i
        and t.pos_ in ("NOUN", "PROPN")
        and t.ent_type_ != "PERSON"
        and t.head.i != t.i
        and t.dep_ not in ("compound", "poss")
    ]
    return things[-1] if things else person


def _reduced_complements(verb: Token) -> list[Token]:
    """ "called the planet the hottest gas giant ever found": the parser reads the complement as
    the subject of a participle after the object; the complement is that noun."""
    if not any(c.dep_ == "dobj" for c in verb.children):
        return []
    return [
        s
        for c in verb.children
        if c.dep_ == "ccomp" and c.tag_ == "VBN" and not any(a.dep_ in ("aux", "auxpass") for a in c.children)
        for s in c.children
        if s.dep_ == "nsubj" and s.pos_ == "NOUN" and any(d.dep_ == "det" for d in s.children)
    ]


def _purposers(verb: Token, lexicon: Lexicon) -> list[Token]:
    """ "beat the Foxes to win the cup": the parser hangs a purpose on a verb with an object as its
    complement; unless the verb is one whose object acts (a request, causative or ``control-verb``),
    the subject does it."""
    governor = verb.head
    if verb.dep_ != "xcomp" or not _is_infinitive(verb) or governor.pos_ != "VERB":
        return []
    if not any(c.dep_ == "dobj" and c.i < verb.i for c in governor.children):
        return []
    lemma = governor.lemma_.lower()
    if any(lemma in lexicon.words(c) for c in ("request-verb", "causative-verb", "control-verb", "instrument-verb")):
        return []
    heads, passive = subjects_of(governor)
    return [] if passive else heads


def _intenders(verb: Token, lexicon: Lexicon) -> list[Token]:
    """ "the government made efforts to bring home the refugees", "Acme announced plans to buy":
    whoever a ``support-verb`` says has the intention noun does its infinitive."""
    noun = verb.head
    if verb.dep_ != "acl" or not _is_infinitive(verb) or noun.dep_ != "dobj":
        return []
    if noun.lemma_.lower() not in lexicon.words("intention-noun") or any(c.dep_ == "poss" for c in noun.children):
        return []
    if noun.head.lemma_.lower() not in lexicon.words("support-verb"):
        return []
    heads, passive = subjects_of(noun.head)
    return [] if passive else heads


def _gerund_doers(verb: Token, lexicon: Lexicon) -> list[Token]:
    """Who does a gerund the parser hung on a noun's "of": the holder of a ``practice-noun``
    ("maintained a policy of turning away boats", "Acme's practice of hiring"), and the one a
    ``culprit-object-verb`` accuses ("accused the military of seizing land")."""
    noun = verb.head.head
    if verb.dep_ != "pcomp" or verb.tag_ != "VBG" or verb.head.lower_ != "of":
        return []
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in lexicon.words("culprit-object-verb"):
        return participants(noun)
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in lexicon.words("practice-noun"):
        return []
    owner = next((c for c in noun.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
    if owner is not None:
        return [owner]
    if noun.dep_ == "dobj" and noun.head.pos_ in ("VERB", "AUX"):
        heads, passive = subjects_of(noun.head)
        return [] if passive else heads
    return []


def root_acl_is_main_verb(verb: Token) -> bool:
    """Whether a verb the parser hung on the sentence's noun root is its main verb: a past tense ("A
    stampede in Mina killed 717 pilgrims"), or a past participle after a name or a definite noun
    that says what its object becomes ("The club named Tom Vale as coach", "Globex named Lena Berg
    to its board"; "a man named Tom Hale" gives a name, "the report named Ana Ruiz" makes her nothing)."""
    if verb.dep_ != "acl" or verb.head.dep_ != "ROOT" or verb.head.pos_ not in ("NOUN", "PROPN"):
        return False
    if verb.tag_ == "VBD":
        return True
    head = verb.head
    definite = head.pos_ == "PROPN" or any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
    becomes = any(
        c.dep_ == "oprd" and c.pos_ == "NOUN" or c.dep_ == "prep" and c.lower_ in ("as", "to") for c in verb.children
    )
    return verb.tag_ == "VBN" and definite and becomes


def _equated_name(noun: Token) -> list[Token]:
    """The names a copula says ``noun`` is ("Oswald was the gunman", "Ruiz became the first
    woman"), not when the copula is denied ("X was not the man who ...")."""
    copula = noun.head
    if noun.dep_ != "attr" or copula.lemma_ not in COPULAS:
        return []
    if any(c.dep_ == "neg" for c in copula.children):
        return []
    subjects = [c for c in copula.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"]
    return participants(subjects[0]) if subjects else []


def _ranked(noun: Token) -> bool:
    """ "the first woman", "the oldest quarterback", "the only team": a noun ranked among its kind."""
    return any(
        c.dep_ == "amod" and (c.tag_ == "JJS" or c.ent_type_ == "ORDINAL" or c.lower_ in ("only", "last"))
        for c in noun.children
    )


def _last_of_run(subject: Token) -> Token:
    """ "Facebook co-founder Mark Zuckerberg tweeted": the parser made "co", "-" and "Zuckerberg"
    subjects of one verb; the subject after the pieces of a hyphenated word heads the phrase."""
    doc, last = subject.doc, subject
    while last.text == "-" or (last.i + 1 < len(doc) and doc[last.i + 1].text == "-"):
        between = doc[last.i + 1 : subject.head.i]
        after = next((t for t in between if t.dep_ == subject.dep_ and t.head.i == subject.head.i), None)
        if after is None or any(t.pos_ in ("VERB", "AUX") or t.text == "," for t in doc[last.i + 1 : after.i]):
            break
        last = after
    return last


def _split_word(token: Token) -> bool:
    """ "Co" of "Co-founder", or "magnitude" of "a magnitude 6.4 earthquake": a piece of one noun
    phrase the parser took for a second subject, right before the phrase's head."""
    doc = token.doc
    if token.i + 2 < len(doc) and doc[token.i + 1].text == "-" and doc[token.i + 2].dep_ == token.dep_:
        return True
    if token.pos_ != "NOUN" or any(c.dep_ not in ("det", "amod", "compound") for c in token.children):
        return False
    return any(c.dep_ == token.dep_ and c.left_edge.i == token.i + 1 for c in token.head.children)


def _word_after_hyphen(token: Token) -> Token:
    """ "Co-founder" parsed as "Co" with "founder" hung on it: the word after the hyphen is the head."""
    doc = token.doc
    if token.i + 2 < len(doc) and doc[token.i + 1].text == "-" and doc[token.i + 2].head.i == token.i:
        return doc[token.i + 2]
    return token


def _is_infinitive(verb: Token) -> bool:
    return verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _flags(verb: Token, subjects: list[Token], lexicon: Lexicon) -> tuple[bool, bool, str | None]:
    """Whether the clause is negated, whether it is hedged, and the cue that says how it is meant.

    A verb governed by an attempt ("sued *to stop* the sale"), an intention ("waiting *to
    unload*"), readiness ("ready *to impose*") or ability ("was never able *to close*") states
    no plain fact: it is hedged, and negated when the governor is ("unable", "never able").
    """
    negated = any(c.dep_ == "neg" or c.lower_ == "never" for c in verb.children) or any(
        c.dep_ == "det" and c.lower_ in ("no", "neither") for s in subjects for c in s.children
    )
    # "pleaded not guilty to": the negation sits on the verb's adjective
    negated = negated or any(
        c.dep_ == "neg" for a in verb.children if a.dep_ in ("acomp", "oprd") and a.pos_ == "ADJ" for c in a.children
    )
    modals, attempts = lexicon.words("modal-verb"), lexicon.words("attempt-verb")
    conditions = lexicon.words("condition-mark")
    frames = lexicon.words("intention-verb") | attempts | lexicon.words("readiness-adjective")
    frames |= lexicon.words("ability-word") | lexicon.words("request-verb")
    cue = next((c.lower_ for c in verb.children if c.dep_ == "aux" and c.lower_ in modals), None)
    # "allegedly replied", "reportedly killed", "nearly tied": the act is not asserted
    adverbs = lexicon.words("hedge-adverb")
    # ... or on the first of coordinated verbs ("Allegedly, his sister pleaded ..., but he replied")
    holders = (verb, verb.head) if verb.dep_ == "conj" else (verb,)
    cue = cue or next(
        (c.lower_ for h in holders for c in h.children if c.dep_ == "advmod" and c.lower_ in adverbs), None
    )
    # "asked if he were under investigation", "unless Russia withdraws": a condition, no fact
    cue = cue or next((c.lower_ for c in verb.children if c.dep_ == "mark" and c.lower_ in conditions), None)
    governor = verb.head if verb.dep_ in ("xcomp", "ccomp", "advcl") else None
    if verb.dep_ == "acl" and _is_infinitive(verb) and verb.head.lemma_.lower() in lexicon.words("intention-noun"):
        cue = verb.head.lemma_.lower()  # "its attempts to remove", "the decision to close"
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG":
        # "accused the army of seizing land", "was charged with stealing": an accusation, no fact
        accuser = verb.head.head if verb.head.head.pos_ in ("VERB", "AUX") else verb.head.head.head
        if accuser.lemma_.lower() in lexicon.words("accusation-verb"):
            cue = cue or accuser.lemma_.lower()
    if governor is not None:
        frame = governor.lemma_.lower()
        purpose = verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        requested = purpose and frame in lexicon.words("request-verb")
        # "was going to fire", "are to travel": a plan, not yet a fact
        planned = frame == "go" and governor.tag_ == "VBG" or frame == "be" and _is_infinitive(verb)
        future = planned and verb.dep_ == "xcomp"
        # "told them to leave" asks; "told them that it was true" reports
        reported = verb.dep_ == "ccomp" and frame in lexicon.claim_verbs
        framed = verb.dep_ != "advcl" and frame in frames and not reported
        if framed or (purpose and frame in attempts) or requested or future:
            cue = frame
            holders = (governor, governor.head) if governor.dep_ == "acomp" else (governor,)
            governor_negated = any(c.dep_ == "neg" or c.lower_ == "never" for h in holders for c in h.children)
            negated = negated or governor_negated or frame in lexicon.words("negative-frame")
        elif purpose and cue is None and governor.dep_ in ("xcomp", "ccomp", "advcl", "conj"):
            # "wishes to use his fame to spotlight causes": a purpose of an unasserted act is one too
            cue = _flags(governor, subjects, lexicon)[2]
    if cue is None and verb.dep_ == "conj" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        # "promised to fight corruption and raise wages", "would appeal and seek a retrial": a
        # coordinated verb without auxiliaries of its own is meant as the first is
        first_negated, _, cue = _flags(verb.head, subjects, lexicon)
        negated = negated or (first_negated and verb.head.dep_ == "xcomp")
    return negated, cue is not None, cue


def find_clauses(sentence: Span, lexicon: Lexicon) -> Iterator[Clause]:
    """Every (subject, verb, object) the sentence states, active, passive or prepositional."""
    reciprocal, giving, bodies = (lexicon.words(c) for c in ("reciprocal-verb", "giving-verb", "body-noun"))
    for verb in sentence:
        if verb.pos_ != "VERB" and not (verb.pos_ == "AUX" and verb.dep_ not in ("aux", "auxpass")):
            continue
        if _misread_participle(verb):
            continue
        if _gives_a_name(verb, lexicon):
            continue  # "a lawyer named Alice Brand": a name given, not an appointment
        agent = _compound_agent(verb, lexicon)
        if agent is not None:
            yield Clause(agent, verb, verb.head, None, "compound-participle", False, False, False)
            continue
        subjects, passive = subjects_of(verb)
        subjects = _asked(verb, lexicon) or _users(verb, lexicon) or _purposers(verb, lexicon) or subjects
        subjects = subjects or _gerund_doers(verb, lexicon) or _intenders(verb, lexicon)
        if not subjects:
            continue
        negated, hedged, cue = _flags(verb, subjects, lexicon)
        agents = [_of_head(p) for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]

        def clause(subject, obj, prep, rule, noun=None, verb=verb, flags=(passive, negated, hedged), cue=cue):
            return Clause(subject, verb, obj, prep, rule, *flags, noun=noun, modality=cue)

        where = next((c for c in verb.children if c.dep_ == "advmod" and c.lower_ == "where"), None)
        if where is not None and verb.dep_ == "relcl" and verb.head.pos_ in ("PROPN", "NOUN"):
            # "Akron, where Tom Hale was born": the relative adverb's noun is where it happened
            for subject in (s for s in subjects if s.i != verb.head.i):
                yield clause(subject, verb.head, where, "relative-where")
        if verb.lemma_ in reciprocal and not passive and len(subjects) > 1:
            for first in subjects:
                for second in subjects:
                    if first.i != second.i:
                        yield clause(first, second, None, "reciprocal")

        if passive:
            # "led by 12 points", "cut by 5 percent": an amount is how much, never who did it
            for agent in (a for a in agents if not a.like_num and not any(c.dep_ == "nummod" for c in a.children)):
                for actor in participants(agent):
                    for patient in subjects:
                        yield clause(actor, patient, None, "passive-agent")
        objects = [c for c in verb.children if c.dep_ in ("dobj", "attr", "oprd")] or _shared_objects(verb, lexicon)
        objects = objects or _scored_opponents(verb) or _changes(verb) or _caused(verb, lexicon)
        objects += _payees(objects)
        # "paid Lisa Kern $5,000", "gave Mohamed the option": the first of two objects receives
        objects += [c for c in verb.children if c.dep_ == "dative" and c.pos_ in ("PROPN", "NOUN")]
        smalls = [c for c in verb.children if c.dep_ in ("ccomp", "oprd") and c.pos_ in ("NOUN", "ADJ")]
        smalls += _reduced_complements(verb)
        for small in smalls:
            # "declared the outbreak a national emergency": the object and what it is declared to be
            inner = next((c for c in small.children if c.dep_ == "nsubj"), None)
            dobj = next((o for o in objects if o.dep_ == "dobj"), None)
            patient = inner if inner is not None else dobj if small.dep_ in ("oprd", "nsubj") else None
            if patient is None:
                continue
            objects = [o for o in objects if o.i not in (small.i, patient.i)]
            for target in _targets(patient):
                for subject in subjects:
                    yield clause(subject, target, None, "complement", noun=small)
        for obj in objects:
            rule = "copula" if obj.dep_ == "attr" else "active"
            if passive and obj.dep_ == "oprd" and obj.pos_ == "NOUN":
                continue  # "Tom Vale was declared the winner": what he was made, not whom he declared
            if passive and obj.dep_ == "dobj" and any(c.dep_ == "auxpass" for c in verb.children):
                rule = "passive-object"  # "Ana Ruiz was awarded the prize": she received it
            for target in _targets(obj):
                for subject in subjects:
                    yield clause(subject, target, None, rule)
            if obj.dep_ == "attr" and obj.pos_ == "NOUN":
                # "X is the head of Y", "X is a native of Chisholm": the noun is the relation.
                for prep in (c for c in obj.children if c.dep_ == "prep" and c.lower_ in ("of", "to", "for", "at")):
                    for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                        for target in _targets(pobj):
                            for subject in subjects:
                                yield clause(subject, target, prep, "copula-of", noun=obj)
        for adjective in (c for c in verb.children if c.dep_ in ("acomp", "oprd") and c.pos_ == "ADJ"):
            # "critics were critical of the attacks", "Acme is responsible for the leak", "was found guilty of fraud"
            for prep in adjective.children:
                if prep.dep_ != "prep" or prep.lower_ in _ADJECTIVE_CIRCUMSTANTIAL:
                    continue
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    for target in _targets(pobj):
                        for subject in subjects:
                            yield clause(subject, target, prep, "copula-adjective", noun=adjective)
        light = next((o for o in objects if o.dep_ == "dobj" and o.pos_ == "NOUN"), None)
        light = content_noun(light, lexicon) if light is not None else None
        preps = [(p, None) for p in [*verb.children, *_shared_event_preps(verb, passive, lexicon)]]
        if light is not None:
            # "imposed sanctions on Russia", "discussed strikes on targets with Rubio": the parser
            # hangs the verb's PP on the noun, or on the noun inside the noun's own PP.
            preps = [(p, light) for p in verb.children] + [(p, light) for p in light.children]
            preps += [
                (p, light)
                for inner in light.children
                if inner.dep_ == "prep"
                for pobj in inner.children
                if pobj.dep_ == "pobj"
                for p in pobj.children
                if p.dep_ == "prep" and p.lower_ in _PARTICIPANT_PREPOSITIONS
            ]
        for prep, noun in preps:
            if prep.dep_ not in ("prep", "dative") or prep.pos_ != "ADP":
                continue
            # "of" hangs the head's own complement on a light noun ("heads the administration of Donetsk").
            of_body = noun is not None and prep.lower_ == "of" and prep.head.i == noun.i and noun.lemma_ in bodies
            # "was convicted of fraud": what a culprit-object verb says the culprit did
            culprit_of = prep.lower_ == "of" and verb.lemma_.lower() in lexicon.words("culprit-object-verb")
            over_place = prep.lower_ == "over" and any(o.ent_type_ in _PLACE_ENTITIES for o in _prep_objects(prep))
            # "rose by 12 percent", "cut prices by $5": "by" an amount is how much changed
            amount = prep.lower_ == "by" and not passive and any(o.ent_type_ in _AMOUNTS for o in _prep_objects(prep))
            if prep.lower_ in _CIRCUMSTANTIAL and not (of_body or culprit_of or over_place or amount):
                continue
            for pobj in _prep_objects(prep):
                for target in _targets(pobj):
                    for subject in subjects:
                        if noun is not None and not passive:
                            if prep.lower_ in _PARTICIPANT_PREPOSITIONS or prep.lower_ in _LIGHT_PREPOSITIONS:
                                yield clause(subject, target, prep, "light-verb", noun=noun)
                        elif prep.dep_ == "dative" or prep.lower_ == "to" and verb.lemma_ in giving:
                            yield clause(subject, target, None, "active-dative")
                        else:
                            yield clause(subject, target, prep, "passive-prep" if passive else "active-prep")


def _gives_a_name(participle: Token, lexicon: Lexicon) -> bool:
    """ "a lawyer named Alice Brand", "the man identified as Tom Hale": a participle that gives its
    noun a name, where the verb's other sense is a lexicon property ("named": appointed). No one may
    be said to give the name ("the pact, called Pax by Peru", is Peru's word), and a parser's noun
    root with such a participle is a misread clause ("The board named Tom Vale as chairman")."""
    lemma = participle.lemma_.lower()
    if participle.dep_ != "acl" or participle.tag_ != "VBN" or participle.head.dep_ == "ROOT":
        return False
    if lemma not in lexicon.words("naming-participle") or lexicon.verb_property(lemma) is None:
        return False
    complements = [c for c in participle.children if c.dep_ == "oprd"]
    complements += [p for c in participle.children if c.dep_ == "prep" and c.lower_ == "as" for p in c.children]
    named = any(c.pos_ == "PROPN" for c in complements)
    return named and not any(c.dep_ in ("agent", "dobj") for c in participle.children)


def _misread_participle(token: Token) -> list[Token]:
    """ "over disputed Ukraine", "from besieged Homs": the parser reads a participle between a
    preposition and a name as a verb whose object the name is; the names it so took."""
    if token.tag_ not in ("VBN", "VBD") or token.dep_ not in ("pcomp", "advcl", "conj") or token.i == 0:
        return []
    prep = token.doc[token.i - 1]
    if prep.dep_ != "prep" or any(c.dep_ == "pobj" for c in prep.children):
        return []  # a preposition with an object of its own is read right
    if any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in token.children):
        return []
    return [o for o in token.children if o.dep_ == "dobj" and o.pos_ == "PROPN"]


def _prep_objects(prep: Token) -> list[Token]:
    """A preposition's objects, with the names a misread participle took ("over disputed Ukraine")."""
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    if not objects and prep.i + 1 < len(prep.doc):
        objects = _misread_participle(prep.doc[prep.i + 1])
    return objects


def _shared_event_preps(verb: Token, passive: bool, lexicon: Lexicon) -> list[Token]:
    """ "75 people were killed and 500 were wounded in fighting": a passive with no phrase of its
    own shares the event its coordinated passive was in."""
    if not passive or any(c.dep_ == "prep" for c in verb.children):
        return []
    second = next((c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"), None)
    if second is None or not any(c.dep_ == "auxpass" for c in second.children):
        return []
    return [
        prep
        for prep in second.children
        if prep.dep_ == "prep"
        and prep.lower_ in ("in", "during")
        and any(_is_event(pobj, lexicon) for pobj in prep.children if pobj.dep_ == "pobj")
    ]


def _is_event(noun: Token, lexicon: Lexicon) -> bool:
    return lexicon.noun_class(noun.lemma_.lower()) == KGO + "Event"


def _asked(verb: Token, lexicon: Lexicon) -> list[Token]:
    """ "appealed to voters to stay", "urged Russia to withdraw": who is asked to do the act of
    an infinitive under a request verb (its object), or nobody when it is no such infinitive."""
    governor = verb.head
    if verb.dep_ not in ("xcomp", "advcl") or not _is_infinitive(verb):
        return []
    if governor.lemma_.lower() not in lexicon.words("request-verb"):
        return []
    asked = [c for c in governor.children if c.dep_ == "dobj" and c.i < verb.i]
    asked += [
        p
        for c in governor.children
        if c.dep_ == "prep" and c.lower_ in ("to", "on", "upon", "with") and c.i < verb.i
        for p in c.children
        if p.dep_ == "pobj"
    ]
    return participants(asked[0]) if asked else []


def _caused(verb: Token, lexicon: Lexicon) -> list[Token]:
    """ "a storm caused a crane to fall", "the leak forced the minister to resign": the parser makes
    what a ``causative-verb`` acts on the subject of its infinitive."""
    if verb.lemma_.lower() not in lexicon.words("causative-verb"):
        return []
    return [
        s
        for c in verb.children
        if c.dep_ in ("ccomp", "xcomp") and _is_infinitive(c)
        for s in c.children
        if s.dep_ == "nsubj" and s.i < c.i
    ]


def _changes(verb: Token) -> list[Token]:
    """ "profit rose 12 percent", "shares fell $2": the parser takes the amount for an adverb."""
    return [
        c
        for c in verb.children
        if c.dep_ == "npadvmod" and (c.ent_type_ in ("PERCENT", "MONEY") or c.lower_ in ("percent", "%", "points"))
    ]


def _scored_opponents(verb: Token) -> list[Token]:
    """ "Arsenal beat Chelsea 3-1": the parser takes the opponent before a score for an adverb."""
    return [c for c in verb.children if c.dep_ == "npadvmod" and c.pos_ == "PROPN" and score_follows(c)]


def _payees(objects: list[Token]) -> list[Token]:
    """ "fined Google 2.4 billion euros": the parser hangs the first of two objects on the sum."""
    return [
        c
        for o in objects
        if o.dep_ == "dobj"
        for c in o.children
        if c.dep_ == "nmod" and c.pos_ == "PROPN" and c.i + 1 < o.i and c.nbor(1).like_num
    ]


def _shared_objects(verb: Token, lexicon: Lexicon) -> list[Token]:
    """ "Police arrested and charged X": a verb of the lexicon right before "and" and a second
    verb shares that verb's object."""
    if lexicon.verb_property(verb.lemma_.lower()) is None:
        return []
    second = next((c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"), None)
    if second is None or verb.i + 1 >= len(verb.doc) or verb.nbor(1).dep_ != "cc":
        return []
    if any(t.pos_ != "ADV" for t in verb.doc[verb.i + 2 : second.i]):
        return []
    return [c for c in second.children if c.dep_ == "dobj"]


def _compound_agent(verb: Token, lexicon: Lexicon) -> Token | None:
    """ "the Kremlin-owned broadcaster", "Iran-backed militias": the word before the hyphen does
    what the participle says to the noun it modifies, unless it says where ("London-based")."""
    if verb.dep_ != "amod" or verb.tag_ != "VBN" or verb.head.pos_ not in ("NOUN", "PROPN") or verb.i < 2:
        return None
    if verb.lemma_.lower() in lexicon.words("place-participle"):
        return None
    doc = verb.doc
    prefix = doc[verb.i - 2]
    named = prefix.pos_ in ("PROPN", "NOUN") or prefix.ent_type_ in ("ORG", "GPE", "NORP")  # "UN" tagged ADJ
    if doc[verb.i - 1].text != "-" or prefix.head.i != verb.i or not named:
        return None
    return prefix


def content_noun(noun: Token, lexicon: Lexicon) -> Token:
    """The noun that carries the meaning: "thousands of *sanctions*", "a wave of *strikes*"."""
    if noun.lemma_ in lexicon.words("quantifier-noun"):
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                inner = next((c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "NOUN"), None)
                if inner is not None:
                    return inner
    return noun


def relation_tokens(clause: Clause) -> list[Token]:
    """The words of the relation phrase as written: auxiliaries, negation, verb, particle."""
    verb = clause.verb
    words = [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg", "prt") and c.i < verb.i + 3]
    words.append(verb)
    words.extend(c for c in verb.children if c.dep_ == "prt" and c.i > verb.i)
    if clause.noun is not None:
        words.append(clause.noun)
    words = sorted(set(words), key=lambda t: t.i)
    if clause.rule == "passive-agent":
        words.extend(c for c in verb.children if c.dep_ == "agent")
    elif clause.preposition is not None:
        words.append(clause.preposition)
    return words
