"""Which names mean one entity: within an article, across a batch, and against a store.

The one owner of entity resolution. Extraction hands it the names an article uses (with the
aliases the text defines: "the National Relief Front (NRF)", "also known as"); the batch
resolver (:mod:`kg.entities`) hands it the names of several articles; a store hands it the
names it holds and applies the renames it returns. It reads no parse and calls no extraction
code: names and labels in, a mapping of names out.

Rules, each merging only where one reading is left:

- a person's surname or first name used alone ("Putin") is the one longer person name that
  ends or starts with it; a lone surname the NER mistook for a place or organisation too;
  a name without its middle names or initials ("John Harlan") is the one that has them;
  a surname with its particles ("Von der Leyen") likewise;
- an acronym ("SADC", "USAG") is the one name whose initials it spells (a word in capitals
  counts whole: "USA Gymnastics");
- a short form of an organisation or product is the one longer name it ends ("Chrome" of
  "Google Chrome", "Scientology" of "Church of Scientology"), or heads ("Church" of "Church of
  Scientology"; "the Greens" of "Green Party");
- an alias the text defines is its full name.

Two people who share a name part are never merged: the short form then stays as it is.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from kg.ontology import KGO

__all__ = [
    "StoredNames",
    "acronym_matches",
    "canonical_names",
    "kind_of",
    "possible_aliases",
    "surname",
    "vote_labels",
]

# Generational suffixes: "Martin Luther King Jr." ends in a name, not in the title "king".
_SUFFIXES = {"jr", "jr.", "junior", "sr", "sr.", "ii", "iii", "iv"}
# NER labels a lone surname is mistaken for.
_MISTAKEN_LABELS = frozenset({"GPE", "ORG", "LOC", "NORP", "MISC", "PRODUCT", "FAC", "LAW", "WORK_OF_ART"})
# When votes tie, the more specific reading wins.
_LABEL_PRIORITY = ("PERSON", "GPE", "ORG", "LOC", "FAC", "NORP", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART")
_PLACE_CLASSES = frozenset(
    {"GPE", "LOC", "FAC", *(KGO + c for c in ("Location", "Country", "City", "Region", "Facility"))}
)
_ORGANIZATION_CLASSES = frozenset(
    {
        "ORG",
        *(
            KGO + c
            for c in (
                "Organization",
                "InternationalOrganization",
                "Company",
                "GovernmentBody",
                "ArmedForce",
                "MediaOrganization",
            )
        ),
    }
)
# Names that a short form may stand for: organisations and the things they make.
_SHORTENED = _ORGANIZATION_CLASSES | {"PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "MISC", KGO + "Product"}
# A country's abbreviation that opens a body's name ("U.S. Senate", "UK Treasury").
_COUNTRY_CODE = re.compile(r"(?:[A-Z]\.?){2,4}")
# Words an acronym skips ("Church *of* Scientology").
_MINOR_WORDS = frozenset({"of", "the", "and", "for", "on", "in", "at", "to", "&", "de", "des", "du", "la", "le"})


def surname(name: str) -> str:
    """The last word of a person's name that is not a generational suffix ("King" of "Martin Luther King Jr.")."""
    words = name.split()
    while len(words) > 1 and words[-1].lower() in _SUFFIXES:
        words.pop()
    return words[-1]


def kind_of(label: str) -> str | None:
    """ "person", "organization" or "place" for an NER label or ontology class, else None."""
    if label == "PERSON" or label == KGO + "Person":
        return "person"
    if label in _ORGANIZATION_CLASSES:
        return "organization"
    if label in _PLACE_CLASSES:
        return "place"
    return None


def _initials(name: str) -> str:
    letters = []
    for word in name.replace("-", " ").split():
        if word.lower() in _MINOR_WORDS:
            continue
        letters.append(word if word.isupper() and word.isalpha() else word[:1].upper())
    return "".join(letters)


def acronym_matches(acronym: str, name: str) -> bool:
    """Whether ``acronym`` spells the initials of ``name``.

    >>> acronym_matches("USAG", "USA Gymnastics"), acronym_matches("SADC", "Southern African Development Community")
    (True, True)
    """
    letters = acronym.replace(".", "")
    return len(letters) >= 2 and letters.isupper() and letters.isalpha() and " " in name and _initials(name) == letters


def canonical_names(
    names: Iterable[tuple[str, str]],
    *,
    defined: Iterable[tuple[str, str]] = (),
    ordered: bool = False,
    short_forms: bool = True,
    institution_heads: frozenset[str] = frozenset(),
    legal_suffixes: frozenset[str] = frozenset(),
    bureau_heads: frozenset[str] = frozenset(),
) -> dict[str, str]:
    """Map each short name to the full name it stands for (see the module's rules).

    ``names`` are ``(name, label)`` pairs (NER labels or ontology classes); ``defined`` are
    ``(alias, full name)`` pairs the text states. With ``ordered`` (the names of one article, in
    text order), a surname shared by two people is the one named before its first lone use,
    when the other is only named after it ("Ahmed Mohamed ... Mohamed ... his father Ali Mohamed").
    Without ``short_forms`` (names of different articles) an organisation's short form is not
    read as its full name: "the Church" of one article may be another church than another's.
    ``institution_heads`` are the lower-case last words a two-word name may drop ("Cornell" of
    "Cornell University", "Tottenham" of "Tottenham Hotspur"); ``legal_suffixes`` the company or
    club forms a name may add or drop ("Intel", "Intel Corp." and "Intel Corporation" are one
    name, the first written with a suffix);
    ``bureau_heads`` the heads a government body's name may add or drop, as it may a country's
    abbreviation ("U.S. Treasury", "Treasury Department" and "Treasury" are one body).

    >>> canonical_names([("Vladimir Putin", "PERSON"), ("Putin", "PERSON")])["Putin"]
    'Vladimir Putin'
    """
    names = list(names)
    first_seen: dict[str, int] = {}
    for index, (name, _) in enumerate(names):
        first_seen.setdefault(name, index)
    unique = set(names)
    people = {name for name, label in unique if kind_of(label) == "person"}
    by_last: dict[str, set[str]] = {}
    by_first: dict[str, set[str]] = {}
    for full in (name for name in people if " " in name):
        words = full.split()
        by_last.setdefault(surname(full), set()).add(full)
        by_first.setdefault(words[0], set()).add(full)

    def only(candidates: set[str], short: str) -> str | None:
        if len(candidates) == 1:
            return next(iter(candidates))
        if ordered and candidates and short in first_seen:
            before = [c for c in candidates if first_seen.get(c, len(names)) < first_seen[short]]
            if len(before) == 1:
                return before[0]
        return None

    mapping: dict[str, str] = _suffixed(names, people, legal_suffixes)
    middle = _without_middle_names(people)
    mapping.update({n: f for n, f in middle.items() if n not in mapping})

    def one_person(candidates: set[str]) -> set[str]:
        return {middle.get(c, c) for c in candidates}  # "John Harlan" is "John F. Harlan"

    if short_forms:
        mapping.update({n: f for n, f in _bureaus(names, bureau_heads).items() if n not in mapping})
    # A one-word name the words around it make a company's ("Dell said it would") is no surname.
    evidenced = {name for name, label in unique if label.startswith("http") and kind_of(label) == "organization"}
    for name in people - evidenced:
        if " " not in name:
            full = only(one_person(by_last.get(name) or by_first.get(name, set())), name)
            if full is not None:
                mapping[name] = full
    name_parts = set(by_last) | set(by_first)
    # Candidates by the words they end in, so that each name is checked against a few, not all.
    by_tail: dict[str, set[str]] = {}
    for full in people:
        lower = full.lower()
        for index, char in enumerate(lower):
            if char == " ":
                by_tail.setdefault(lower[index + 1 :], set()).add(full)
    for name, label in unique:
        if name in mapping or name in people and " " not in name:
            continue
        if label in _MISTAKEN_LABELS and " " not in name and not name.isupper() and name not in evidenced:
            # The NER tags a lone surname as a place or organisation now and then ("Scholz" as GPE);
            # a name in capitals is an acronym ("XINHUA"), not a surname.
            full = only(one_person(by_last.get(name, set())), name)
            if full is not None and name not in people:
                mapping[name] = full
                continue
        if " " in name and kind_of(label) != "place":
            # "Von der Leyen": the surname with its particles, as a person's full name ends
            tails = {f for f in by_tail.get(name.lower(), ()) if f != name and f.lower().endswith(" " + name.lower())}
            if len(tails) == 1 and name.split()[0].lower() in next(iter(tails)).split():
                mapping[name] = next(iter(tails))
    organisations = {name for name, label in unique if label in _SHORTENED and " " in name}
    shortened, initials, tails = _short_forms(organisations)
    for name in people:
        if short_forms and " " not in name and name not in mapping and name not in name_parts:
            # "Riverton equalised" tagged a person, in an article of Riverton United and no person
            # of that name: the club, named without its head
            headed = {f for f in shortened.get(name, ()) if f.split()[0] == name and len(f.split()) == 2}
            full = only({f for f in headed if f.split()[1].lower() in institution_heads}, name)
            if full is not None:
                mapping[name] = full
    for name, label in unique:
        if name in mapping or kind_of(label) == "place" or name in name_parts:
            continue
        if " " in name and name.islower():
            # "the electoral commission" the tagger took for a name: a description of the one
            # organisation whose name ends in its head and has its other words
            words = name.split()
            described = {f for f in shortened.get(words[-1].capitalize(), ()) if set(words) <= set(f.lower().split())}
            full = only(described, name) if short_forms and label in _SHORTENED else None
        elif " " in name:
            # "State Department" after "US State Department": only the rest of an abbreviated name
            candidates = shortened.get(name, set()) | tails.get(name.partition(" ")[2], set())
            if _COUNTRY_CODE.fullmatch(name.partition(" ")[0]):
                candidates |= organisations  # "U.S. House": checked against each name of the article
            longer = {f for f in candidates if f != name and _shortens(name, f)}
            full = only(longer, name) if short_forms and label in _SHORTENED else None
        elif name.isupper() and len(name) >= 2:
            full = only({f for f in initials.get(name.replace(".", ""), ()) if acronym_matches(name, f)}, name)
        elif short_forms:
            full = only({f for f in shortened.get(name, ()) if _shortens(name, f, institution_heads)}, name)
        else:
            full = None
        if full is not None and full != name:
            mapping[name] = full
    full_names = {name for name, _ in unique}
    for alias, full in defined:
        if alias != full and full in full_names and alias not in mapping:
            mapping[alias] = mapping.get(full, full)
    for name, full in mapping.items():  # "Security Council" → "UN Security Council" → "United Nations ..."
        seen = {name}
        while full in mapping and full not in seen:
            seen.add(full)
            full = mapping[full]
        mapping[name] = full
    return mapping


def _without_middle_names(people: set[str]) -> dict[str, str]:
    """A two-word person's name that is the one longer name with its first and last word and
    capitalised words between ("John Harlan" of "John F. Harlan"; not of two such names)."""
    longer: dict[tuple[str, str], set[str]] = {}
    for full in people:
        words = full.split()
        last = surname(full)
        between = words[1 : words.index(last)] if last in words[1:] else []
        if between and all(w[:1].isupper() for w in between):
            longer.setdefault((words[0], last), set()).add(full)
    mapping = {}
    for name in people:
        words = name.split()
        fulls = longer.get((words[0], words[-1]), set()) if len(words) == 2 else set()
        if len(fulls) == 1:
            mapping[name] = next(iter(fulls))
    return mapping


def _suffixed(names: list[tuple[str, str]], people: set[str], suffixes: frozenset[str]) -> dict[str, str]:
    """Names that differ by a legal suffix only ("Intel", "Intel Corp.", "Intel Corporation"), each
    mapped to the first of them written with one; never a person's full name (a one-word "person"
    is the company the tagger mistook: "Pfizer" beside "Pfizer Inc")."""

    def core(name: str, label: str) -> str | None:
        words = name.split()
        if name in people and len(words) > 1 or not words:
            return None
        return " ".join(words[:-1]) if len(words) > 1 and words[-1].lower().rstrip(".") in suffixes else name

    return _one_per_core(names, core)


def _bureaus(names: list[tuple[str, str]], heads: frozenset[str]) -> dict[str, str]:
    """Organisation names with one core once a country's abbreviation and a bureau's head are
    dropped ("U.S. Treasury", "Treasury Department", "Treasury"), each mapped to the first of them
    written with either."""

    def core(name: str, label: str) -> str | None:
        words = name.split()
        if label not in _SHORTENED:
            return None
        if len(words) > 1 and _COUNTRY_CODE.fullmatch(words[0]):
            words = words[1:]
        if len(words) > 1 and words[-1].lower() in heads:
            words = words[:-1]
        return " ".join(words) if words and words[0][:1].isupper() else None

    return _one_per_core(names, core)


def _one_per_core(names: list[tuple[str, str]], core) -> dict[str, str]:
    """Names grouped by the ``core`` each reduces to, each mapped to the first of its group that is
    more than the core."""
    groups: dict[str, list[str]] = {}
    for name, label in names:
        key = core(name, label)
        if key is not None and name not in (group := groups.setdefault(key, [])):
            group.append(name)
    mapping = {}
    for key, group in groups.items():
        full = next((n for n in group if n != key), None)
        if full is not None:
            mapping.update({n: full for n in group if n != full})
    return mapping


def _short_forms(
    organisations: Iterable[str],
) -> tuple[dict[str, set[str]], dict[str, set[str]], dict[str, set[str]]]:
    """The names each short form may shorten (every one :func:`_shortens` can accept), the
    names by their initials (:func:`acronym_matches`) and by the rest after each word ("Security
    Council" of "United Nations Security Council", for "UN Security Council")."""
    shortened: dict[str, set[str]] = {}
    initials: dict[str, set[str]] = {}
    tails: dict[str, set[str]] = {}
    for full in organisations:
        words = full.split()
        shorts = [words[-1], " ".join(words[1:]), words[0], words[0] + "s"]
        if len(words) > 2 and _COUNTRY_CODE.fullmatch(words[0]):
            shorts += [words[1], words[1] + "s"]  # "House" of "U.S. House of Representatives"
        for short in shorts:
            shortened.setdefault(short, set()).add(full)
        for index in range(1, len(words)):
            tails.setdefault(" ".join(words[index:]), set()).add(full)
        initials.setdefault(_initials(full), set()).add(full)
    return shortened, initials, tails


def _shortens(short: str, full: str, institution_heads: frozenset[str] = frozenset()) -> bool:
    """ "Chrome" of "Google Chrome" (its last word), "Church" of "Church of Scientology" (its head
    before "of"), "Greens" of "Green Party" (its first word in the plural), "Cornell" of "Cornell
    University" (the word before an institution's head), "Lehman" of "Lehman Brothers" (the word
    before a plural); the rest of a name after a country's
    abbreviation ("State Department" of "US State Department"); the name with its front abbreviated
    ("UN Security Council" of "United Nations Security Council")."""
    words = full.split()
    if len(words) == 2 and short == words[0] and words[1].lower() in institution_heads:
        return True
    if short == words[-1] and len(short) > 2:
        return True
    if len(words) > 2 and _COUNTRY_CODE.fullmatch(words[0]):
        rest = " ".join(words[1:])
        if short == rest or _shortens(short, rest, institution_heads):
            return True  # "State Department" of "US State Department", "House" of "U.S. House of Representatives"
    first, _, rest = short.partition(" ")
    if rest and full.endswith(" " + rest) and acronym_matches(first, full[: -len(rest) - 1]):
        return True  # "UN Security Council" of "United Nations Security Council"
    if rest and _COUNTRY_CODE.fullmatch(first):
        # "U.S. House" of "United States House of Representatives": the front abbreviated, the rest short
        for index in range(2, len(words)):
            remainder = " ".join(words[index:])
            if acronym_matches(first, " ".join(words[:index])) and (rest == remainder or _shortens(rest, remainder)):
                return True
    if len(words) > 2 and words[1].lower() == "of" and short == words[0]:
        return True
    if len(words) == 2 and short == words[0] and words[1].endswith("s") and words[1].istitle() and len(words[1]) > 3:
        return True  # "Portland" of "Portland Hawks", "Lehman" of "Lehman Brothers": the plural is the kind
    return short.endswith("s") and short[:-1] == words[0] and len(words) == 2


def possible_aliases(holders: Iterable[tuple[str, str, str]]) -> list[tuple[str, str, str, str]]:
    """Pairs of people who may be one person written two ways: ``holders`` are ``(name, title,
    organisation)`` of one article's roles; two names with the same title in the same organisation
    whose surnames differ by at most two letters ("Petrov", "Peskov") are returned as ``(name,
    other, title, organisation)``, in order of first mention. Never merged: a reader decides.

    >>> possible_aliases([("Dmitry Petrov", "spokesperson", "Kremlin"), ("Dmitry Peskov", "spokesperson", "Kremlin")])
    [('Dmitry Petrov', 'Dmitry Peskov', 'spokesperson', 'Kremlin')]
    """
    by_post: dict[tuple[str, str], list[str]] = {}
    for name, title, organisation in holders:
        names = by_post.setdefault((title, organisation), [])
        if name not in names:
            names.append(name)
    pairs = []
    for (title, organisation), names in by_post.items():
        for index, name in enumerate(names):
            for other in names[index + 1 :]:
                if _close(surname(name), surname(other)) and _same_given_names(name, other):
                    pairs.append((name, other, title, organisation))
    return pairs


def _same_given_names(name: str, other: str) -> bool:
    first, second = name.split()[:-1], other.split()[:-1]
    return not first or not second or first[0] == second[0]


def _close(word: str, other: str) -> bool:
    """Whether two different surnames differ by at most two edits and share their first letter."""
    if word == other or word[:1].lower() != other[:1].lower() or min(len(word), len(other)) < 4:
        return False
    previous = list(range(len(other) + 1))
    for i, a in enumerate(word.lower(), start=1):
        current = [i]
        for j, b in enumerate(other.lower(), start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b)))
        previous = current
    return previous[-1] <= 2


def vote_labels(labelled: Iterable[tuple[str, str]]) -> dict[str, str]:
    """One label per name: the most frequent one (spaCy tags "Kyiv" a person now and then).
    MISC (a proper noun the NER missed) abstains when the name has any other label."""
    votes: dict[str, Counter[str]] = {}
    for name, label in labelled:
        votes.setdefault(name, Counter())[label] += 1
    chosen = {}
    for name, counter in votes.items():
        if len(counter) > 1:
            counter.pop("MISC", None)
        best = max(counter.values())
        tied = [label for label, count in counter.items() if count == best]
        chosen[name] = min(tied, key=_label_rank)
    return chosen


def _label_rank(label: str) -> int:
    """A class a rule read from the words around a name (an IRI) outranks the tagger's labels."""
    if label.startswith("http"):
        return -1
    return _LABEL_PRIORITY.index(label) if label in _LABEL_PRIORITY else len(_LABEL_PRIORITY)


class StoredNames:
    """The names a store holds (``(label, NER label)``: "PERSON" or "ORG"), indexed to find what a
    new batch's short names may stand for, and which stored short names a new full name spells out."""

    def __init__(self, labelled: Iterable[tuple[str, str]] = ()):
        self._by_word: dict[str, set[tuple[str, str]]] = {}
        self._short: set[tuple[str, str]] = set()
        self._acronyms: dict[str, set[tuple[str, str]]] = {}
        self.add(labelled)

    def add(self, labelled: Iterable[tuple[str, str]]) -> None:
        for name, label in labelled:
            words = name.split()
            if len(words) > 1:
                self._by_word.setdefault(words[0], set()).add((name, label))
                self._by_word.setdefault(words[-1], set()).add((name, label))
                if label != "PERSON":
                    self._acronyms.setdefault(_initials(name), set()).add((name, label))
            elif words:
                self._short.add((name, label))

    def candidates(self, names: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
        """The stored full names that one of the one-word ``names`` of a batch could stand for."""
        found: set[tuple[str, str]] = set()
        for name, label in names:
            name = name.strip()
            if " " in name:
                continue
            if label == "PERSON":
                found |= {n for n in self._by_word.get(name, ()) if n[1] == "PERSON"}
            elif name.isupper():
                found |= self._acronyms.get(name.replace(".", ""), set())
        return found

    def spelled_out(self, labelled: Sequence[tuple[str, str]]) -> dict[str, str]:
        """The stored one-word names ("Peskov", "NRF") that one of ``labelled`` ("Dmitry Peskov",
        "National Relief Front") is the only full name of, among ``labelled`` and the stored full
        names; they stop being one-word names."""
        found = {}
        # Only a full name with the short name among its words, or as its initials, can be the
        # one it stands for (canonical_names without short forms reads no other), or the name
        # that one goes on to ("Intel Corp." → "Intel Corporation", "von der Leyen" → "Ursula von
        # der Leyen": one with its first or last word): indexed, so that each stored short name is
        # checked against those few, not the whole batch.
        by_word: dict[str, set[tuple[str, str]]] = {}
        for n in labelled:
            if " " in n[0]:
                for key in {*n[0].split(), _initials(n[0])}:
                    by_word.setdefault(key, set()).add(n)

        def named_by(keys: Iterable[str]) -> set[tuple[str, str]]:
            return set().union(*(by_word.get(key, ()) for key in keys))

        for short, label in list(self._short):
            near = named_by({short, short.replace(".", "")} if short.isupper() else {short})
            near |= named_by({word for n, _ in near for word in (n.split()[0], n.split()[-1])})
            related = {n for n in near if (n[1] == "PERSON") == (label == "PERSON")}
            if not related:
                continue
            stored = self._by_word.get(short, set()) | (self._acronyms.get(short, set()) if short.isupper() else set())
            mapping = canonical_names({(short, label), *related, *stored}, short_forms=False)
            target = mapping.get(short)
            if target is not None and any(target == n for n, _ in related):
                found[short] = target
        self._short -= {(short, label) for short, label in self._short if short in found}
        return found
