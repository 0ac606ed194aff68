"""Names, roles and aliases (issue 12) on sentences written for these tests, parsed by the real model."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def test_names_mention_text_is_the_name_and_phrase_keeps_the_title(facts_of):
    text = "Air Force commander Lior Ben-Ami visited Haifa on Monday."
    _, triples = facts_of(text, with_triples=True)
    mention = next(t.subject_mention for t in triples if t.subject.label == "Lior Ben-Ami")
    assert mention.text == "Lior Ben-Ami" == text[mention.start : mention.end]
    assert mention.phrase == "Air Force commander Lior Ben-Ami" == text[mention.phrase_start : mention.phrase_end]
