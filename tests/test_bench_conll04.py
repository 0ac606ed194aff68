"""Tests for the span readings of the CoNLL04 scorer in bench/conll04.py."""

import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))

from bench import conll04  # noqa: E402
from kg.types import Mention  # noqa: E402

TEXT = "Mrs. Ann Rowe , Ohio Gov. Carl Penn and Neil Estes. met in Dover , Del . on Monday"
TOKENS = TEXT.split(" ")


def mention(text: str, name: str | None = None, *, phrase: str | None = None) -> Mention:
    start = TEXT.index(text)
    if phrase is None:
        return Mention(text, start, start + len(text), name or text, "PERSON", 0)
    at = TEXT.index(phrase)
    return Mention(text, start, start + len(text), name or text, "PERSON", 0, False, phrase, at, at + len(phrase))


def spans(found: Mention, regions=None, *, strict: bool = False) -> list[str]:
    starts, ends = conll04._token_index(TOKENS)
    readings = conll04._spans(found, TOKENS, starts, ends, None if strict else regions or {})
    return [" ".join(TOKENS[a:b]) for a, b in readings]


def test_a_title_before_the_name_may_be_included_when_relaxed():
    readings = set(spans(mention("Carl Penn", phrase="Ohio Gov. Carl Penn")))
    assert readings == {"Ohio Gov. Carl Penn", "Gov. Carl Penn", "Carl Penn"}


def test_strict_reading_is_the_mention_text_alone():
    assert spans(mention("Carl Penn", phrase="Ohio Gov. Carl Penn"), strict=True) == ["Carl Penn"]
    assert spans(mention("Ann Rowe"), strict=True) == ["Ann Rowe"]


def test_an_honorific_before_the_name_may_be_included():
    assert set(spans(mention("Ann Rowe"))) == {"Ann Rowe", "Mrs. Ann Rowe"}


def test_a_period_the_tokens_keep_on_a_name_is_allowed():
    assert spans(mention("Neil Estes")) == ["Neil Estes."]


def test_a_place_may_be_read_with_its_region():
    dover = TOKENS.index("Dover")
    regions = {(dover, dover + 1): (dover, dover + 3)}
    assert set(spans(mention("Dover"), regions)) == {"Dover", "Dover , Del"}


def test_a_mention_off_the_token_boundaries_has_no_reading():
    start = TEXT.index("nn Ro")
    assert spans(Mention("nn Ro", start, start + 5, "nn Ro", "PERSON", 0)) == []
