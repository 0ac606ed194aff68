"""Quantities as arguments: "killing *at least 40 people*", "rose *12 percent*", "*40 to 175 years* in prison".

A quantity is a number with what it counts or measures: its value (or range), its unit as
written ("people", "asylum seekers", "percent", "years"; a currency code for money) and the
words of the phrase. Number words ("twelve", "a dozen") come from the lexicon's numerals.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from kg.extraction.scores import second_of_score
from kg.types import Amount

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["QuantitySpan", "quantity_at"]

_NUMBER_LABELS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
_CURRENCIES = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
_PERCENT = frozenset({"%", "percent", "per cent", "pc"})
# Words between two numbers of a range: "40 to 175", "between 20 and 30".
_RANGE_WORDS = frozenset({"to", "and", "-", "–"})
_MODIFIER_DEPS = frozenset({"advmod", "quantmod", "nmod", "amod"})
_DIGITS = re.compile(r"^\d[\d,]*(\.\d+)?$")


@dataclass(frozen=True)
class QuantitySpan:
    """A quantity at tokens ``start:end`` of the paragraph ``Doc``."""

    start: int
    end: int
    amount: Amount


def quantity_at(token: Token, numerals: Mapping[str, Decimal]) -> QuantitySpan | None:
    """The quantity an argument head stands for: a number ("killing 107") or a counted noun
    ("rescued 700 asylum seekers"), or None."""
    if token.ent_type_ == "ORDINAL" or (token.i > 0 and token.nbor(-1).text in ("#", "No.")):
        return None
    if token.ent_type_ in ("DATE", "TIME") and (token.pos_ != "NOUN" or any(c.pos_ == "PROPN" for c in token.children)):
        return None  # "in 2009", "October 28"; a duration ("40 years", "six days") is a quantity
    vague = _vague_count(token, numerals)
    if vague is not None:
        return vague
    if _is_number(token, numerals) and token.dep_ != "nummod":
        if second_of_score(token):
            return None  # "beat Ipswich 3-0": the second half of a score
        part = _part_of(token)
        of = any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children)
        if token.lower_ == "one" or (of and part is None):
            return None  # "one of the victims", "two of them": a pronoun's work, not a count
        first = token
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        if first.head.pos_ in ("NOUN", "PROPN") and first.dep_ in ("appos", "compound", "npadvmod", "dep", "nmod"):
            return None  # "posts 542 and 543", "Flight 17": a number that names, not one that counts
        numbers = _number_tokens(token, numerals)
        unit_tokens: list[Token] = [part] if part is not None else []  # "49 of its 57 seats": seats
        money = token.ent_type_ == "MONEY"
    elif token.pos_ == "NOUN" and any(c.dep_ == "nummod" and _is_number(c, numerals) for c in token.children):
        counted = next(c for c in token.children if c.dep_ == "nummod" and _is_number(c, numerals))
        if counted.i > token.i and token.text[:1].isupper():
            return None  # "Flight 17", "Room 306": a number after a capitalised noun names it
        if token.tag_ == "NN" and "." in counted.text:
            return None  # "a magnitude 6.4 earthquake": a measure of one thing, not a count of things
        numbers = _number_tokens(counted, numerals)
        unit_tokens = [c for c in token.lefts if c.dep_ in ("compound", "amod") and c.i > counted.i] + [token]
        money = counted.ent_type_ == "MONEY"
    else:
        return None
    values = _values(numbers, numerals)
    if not values:
        return None
    words = sorted({*numbers, *unit_tokens}, key=lambda t: t.i)
    doc = token.doc
    start, end = words[0].i, words[-1].i + 1
    # "at least 40", "over 700", "about 80", "$3.1 billion", "107 or more": the whole phrase.
    inside = {w.i for w in words}
    while (
        start > 0
        and doc[start - 1].head.i in inside
        and doc[start - 1].dep_ in _MODIFIER_DEPS
        and doc[start - 1].pos_ != "PROPN"  # "fined Google 2.4 billion euros": the name is no part of it
    ):
        start -= 1
        inside.add(start)
    if start > 0 and doc[start - 1].text in _CURRENCIES:
        start -= 1
    while end < len(doc) and doc[end].head.i in inside and doc[end].lower_ in ("or", "more", "%"):
        end += 1
    unit = " ".join(t.lower_ if t.pos_ != "PROPN" else t.text for t in unit_tokens) or None
    text_tokens = doc[start:end]
    if money or any(t.text in _CURRENCIES for t in text_tokens):
        unit = next((_CURRENCIES[t.text] for t in text_tokens if t.text in _CURRENCIES), unit)
    if any(t.lower_ in _PERCENT for t in text_tokens):
        unit = "percent"
    low, high = values[0], values[-1]
    amount = Amount(
        value=low if low == high else None,
        minimum=low if low != high else None,
        maximum=high if low != high else None,
        unit=unit,
    )
    return QuantitySpan(start, end, amount)


def _vague_count(token: Token, numerals: Mapping[str, Decimal]) -> QuantitySpan | None:
    """ "thousands of people", "tens of thousands of protesters", "dozens of homes": a plural
    number word counts the noun after "of", at least two of its kind (two thousand, twenty thousand)."""
    base = numerals.get(token.lower_.removesuffix("s")) if token.tag_ == "NNS" and token.lower_.endswith("s") else None
    if base is None or base < 12:
        return None
    counted = [
        noun
        for prep in token.children
        if prep.dep_ == "prep" and prep.lower_ == "of"
        for noun in prep.children
        if noun.dep_ == "pobj" and noun.tag_ == "NNS" and not any(c.dep_ in ("det", "poss") for c in noun.children)
    ]
    if not counted:
        return None  # "thousands of the victims": a part of something named, not a count
    noun = counted[0]
    start = token.i
    doc = token.doc
    tens = [c for c in token.children if c.dep_ == "quantmod" and c.i < token.i]
    # "tens of thousands", "hundreds of thousands": the first word multiplies the second
    outer = next((t for t in tens if numerals.get(t.lower_.removesuffix("s")) or t.lower_ == "tens"), None)
    minimum = 2 * base
    if outer is not None:
        minimum *= 10 if outer.lower_ == "tens" else numerals[outer.lower_.removesuffix("s")]
        start = outer.i
    while start > 0 and doc[start - 1].dep_ in _MODIFIER_DEPS and doc[start - 1].head.i == token.i:
        start -= 1  # "several thousand", "about thousands": what modifies the number is its phrase's
    unit_tokens = [c for c in noun.lefts if c.dep_ in ("compound", "amod")] + [noun]
    unit = " ".join(t.lower_ for t in unit_tokens)
    return QuantitySpan(start, noun.i + 1, Amount(minimum=minimum, unit=unit))


def _part_of(number: Token) -> Token | None:
    """ "49 of its 57 seats": the counted noun a number takes part of, when it is counted too."""
    for prep in (c for c in number.children if c.dep_ == "prep" and c.lower_ == "of"):
        for noun in (c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "NOUN"):
            if any(c.dep_ == "nummod" for c in noun.children):
                return noun
    return None


def _is_number(token: Token, numerals: Mapping[str, Decimal]) -> bool:
    return (token.like_num or token.lower_ in numerals) and (token.pos_ == "NUM" or token.ent_type_ in _NUMBER_LABELS)


def _number_tokens(token: Token, numerals: Mapping[str, Decimal]) -> list[Token]:
    """The number's words: "3.1 billion", "40 to 175", "twenty-five"."""
    parts = (c for c in token.children if c.dep_ in ("compound", "quantmod", "nummod") and _is_number(c, numerals))
    found = [token, *parts]
    for child in token.children:
        if child.dep_ in ("prep", "cc") and child.lower_ in _RANGE_WORDS:
            found.extend(g for g in child.children if _is_number(g, numerals))
        if child.dep_ == "conj" and _is_number(child, numerals):
            found.append(child)
    return sorted(found, key=lambda t: t.i)


def _values(numbers: list[Token], numerals: Mapping[str, Decimal]) -> list[Decimal]:
    """The numbers of a quantity, multipliers applied ("3.1 billion" → 3100000000), in text order."""
    values: list[Decimal] = []
    for token in numbers:
        word = token.lower_.replace(",", "")
        if _DIGITS.match(token.text):
            try:
                values.append(Decimal(word))
            except InvalidOperation:
                continue
        elif word in numerals:
            number = numerals[word]
            if values and number >= 100 and token.i == numbers[numbers.index(token) - 1].i + 1:
                values[-1] *= number  # "3.1 billion", "two hundred"
            else:
                values.append(number)
    return values
