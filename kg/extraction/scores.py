"""Games' scores in sports news: "Arsenal beat Chelsea 3-1", "lost 24–10 to the Broncos"."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_DASHES = ("-", "–")


def score_at(doc: Doc, index: int) -> bool:
    """Whether a score ("3-1", "24–10") starts at token ``index``."""
    return (
        index >= 0
        and index + 2 < len(doc)
        and doc[index].is_digit
        and doc[index + 1].text in _DASHES
        and doc[index + 2].is_digit
        and not doc[index].whitespace_
    )


def score_follows(token: Token) -> bool:
    """Whether a score follows ``token`` ("Chelsea 3-1")."""
    return score_at(token.doc, token.i + 1)


def second_of_score(token: Token) -> bool:
    """Whether ``token`` is the second number of a score ("3-*1*")."""
    return score_at(token.doc, token.i - 2)


def scored_game(verb: Token) -> bool:
    """Whether a clause reports a game with its score: a score among the verb's dependents or
    their own ("Real Madrid defeated Barcelona 3-0", "Tottenham lost 2-1 to Arsenal")."""
    near = [c for c in verb.children] + [g for c in verb.children for g in c.children]
    return any(score_at(verb.doc, t.i) or score_follows(t) for t in near if t.i > verb.i)
