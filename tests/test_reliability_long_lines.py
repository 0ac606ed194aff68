"""Long documents: a line longer than spaCy's max_length is parsed in pieces, nothing is lost, offsets stay right."""

from __future__ import annotations

import datetime as dt

import pytest

import kg.nlp
from kg.nlp import paragraphs, parse
from kg.types import Article


def _pieces(text: str, limit: int) -> list[tuple[int, str]]:
    found = list(paragraphs(text, limit=limit))
    for offset, piece in found:
        assert text[offset : offset + len(piece)] == piece
        assert 0 < len(piece) <= limit
    return found


def test_long_line_is_cut_after_sentence_ends():
    line = "Putin met Xi. They talked! Did they agree? Nobody knows. " * 3
    pieces = [p for _, p in _pieces(line, 40)]
    assert all(p.endswith((". ", "! ", "? ")) for p in pieces[:-1])
    assert "".join(pieces) == line


@pytest.mark.parametrize(
    "title", ["Gen. Valery Gerasimov", "Mr. Peskov", "the U.S. Army", "J. Smith", "Sen. Graham", "St. Petersburg"]
)
def test_long_line_is_not_cut_after_an_abbreviation(title):
    sentence = f"Yesterday {title} spoke at length about the war. "
    line = sentence * 20
    for _, piece in _pieces(line, len(sentence) + 10):
        assert piece.startswith("Yesterday") and piece.rstrip().endswith("war.")


def test_long_line_without_sentence_ends_is_cut_at_spaces_then_anywhere():
    words = "word " * 50
    assert all(p.endswith(" ") for _, p in _pieces(words, 23)[:-1])
    blob = "x" * 100
    assert [len(p) for _, p in _pieces(blob, 30)] == [30, 30, 30, 10]
    accented = "e\u0301" * 40  # "é" as a letter and a combining accent: never split apart
    assert all(not p.startswith("\u0301") for _, p in _pieces(accented, 15))


def test_long_line_offsets_count_earlier_lines():
    text = "Short line.\n\n" + "A long sentence here. " * 10 + "\nLast line."
    pieces = _pieces(text, 50)
    assert pieces[0] == (0, "Short line.")
    assert pieces[1][0] == len("Short line.\n\n")
    assert pieces[-1] == (text.index("Last line."), "Last line.")


def test_lines_within_the_limit_are_untouched():
    text = "One line.\nAnother line."
    assert list(paragraphs(text, limit=1000)) == list(paragraphs(text)) == [(0, "One line."), (10, "Another line.")]


def test_spacy_alone_refuses_a_line_longer_than_max_length(nlp, monkeypatch):
    """Why the pieces exist: spaCy raises (E088) on text longer than ``max_length``."""
    monkeypatch.setattr(nlp, "max_length", 100)
    with pytest.raises(ValueError, match="E088"):
        nlp("x " * 100)


@pytest.mark.model
def test_parse_splits_a_line_longer_than_max_length_and_keeps_offsets(nlp, lexicon, monkeypatch):
    from kg.entities import resolve_triples
    from kg.extraction import extract_article

    sentences = [
        "Donald Trump met Emmanuel Macron in Paris on Monday.",
        "Vladimir Putin awarded Valery Gerasimov the Order of Courage.",
        "Gen. Valery Gerasimov thanked Vladimir Putin.",
        "Angela Merkel criticised Viktor Orban.",
    ]
    line = " ".join(sentences * 10)
    article = Article(id="long", title="", date=dt.date(2025, 1, 6), text="Intro.\n" + line, source="test")

    def facts():
        parsed = next(parse([article], nlp))
        triples = resolve_triples([(article, extract_article(parsed, lexicon))], lexicon, base="https://x.org/")
        for triple in triples:
            for mention in (triple.subject_mention, triple.object_mention):
                assert article.text[mention.start : mention.end] == mention.text
        return parsed, {(t.subject.label, t.object.label) for t in triples}

    whole, unsplit = facts()
    assert len(whole.paragraphs) == 2
    monkeypatch.setattr(nlp, "max_length", 300)  # far below the line's length: it must be split
    pieces, split = facts()
    assert len(pieces.paragraphs) > len(line) // 300
    assert all(len(p.doc.text) <= 300 for p in pieces.paragraphs)
    assert "".join(p.doc.text for p in pieces.paragraphs[1:]).replace(" ", "") == line.replace(" ", "")
    assert {("Donald Trump", "Emmanuel Macron"), ("Angela Merkel", "Viktor Orban")} <= split
    assert len(split & unsplit) >= 0.8 * len(unsplit)


def test_long_line_limit_follows_the_pipeline(nlp, monkeypatch):
    monkeypatch.setattr(nlp, "max_length", 10**9)
    article = Article(id="a", title="", date=None, text="Word. " * 3000, source="test")
    assert len(article.text) > kg.nlp.LONG_LINE
    parsed = next(parse([article], nlp))
    assert all(len(p.doc.text) <= kg.nlp.LONG_LINE for p in parsed.paragraphs)
    assert sum(len(p.doc) for p in parsed.paragraphs) >= 6000


@pytest.mark.model
def test_open_mode_splits_a_very_long_line_and_keeps_line_offsets(tmp_path, nlp, monkeypatch):
    from kg.api import extract_open

    monkeypatch.setattr(nlp, "max_length", 20_000)  # a line past max_length, without parsing megabytes
    sentence = "Poland condemned Belarus on Monday. "
    line = sentence * 700
    path = tmp_path / "long.txt"
    path.write_text(line + "\n", encoding="utf-8")
    records = list(extract_open([path]))
    assert len(records) >= 700
    for record in records[:50] + records[-50:]:
        assert record["sentence_id"] == 0
        subject = record["subject"]
        assert line[subject["start"] : subject["end"]] == subject["text"]
