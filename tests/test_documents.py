"""Reading inputs: text files with the news header, folders, JSONL, stdin, and bad input."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest

from kg.documents import parse_article_text, read_articles
from kg.errors import InputError


def test_documents_header_gives_date_and_title():
    article = parse_article_text(" date 2025-09-09 Headline here\nFirst.\nSecond.", id="a", source="s")
    assert (article.date, article.title, article.text) == (dt.date(2025, 9, 9), "Headline here", "First.\nSecond.")


def test_documents_text_without_header_is_all_body():
    article = parse_article_text("Just a paragraph.", id="a", source="s")
    assert (article.date, article.title, article.text) == (None, "", "Just a paragraph.")


def test_documents_folder_reads_txt_files_sorted(tmp_path):
    for name in ("b", "a"):
        (tmp_path / f"{name}.txt").write_text(f"Text {name}.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    assert [a.id for a in read_articles([tmp_path])] == ["a", "b"]


def test_documents_jsonl_records(tmp_path):
    path = tmp_path / "news.jsonl"
    records = [{"id": "one", "title": "T", "date": "2025-01-02", "text": "Body one."}, {"text": "Body two."}]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    articles = list(read_articles([path]))
    assert [(a.id, a.date) for a in articles] == [("one", dt.date(2025, 1, 2)), ("news-2", None)]


def test_documents_stdin(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(" date 2025-02-03 T\nBody."))
    [article] = read_articles(["-"])
    assert (article.id, article.date, article.text) == ("stdin", dt.date(2025, 2, 3), "Body.")


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda p: p / "missing.txt", "no such file"),
        (lambda p: (p / "empty.txt").write_text("  \n", encoding="utf-8") and p / "empty.txt", "empty"),
        (lambda p: (p / "bin.txt").write_bytes(b"\x89PNG\x00\x00") and p / "bin.txt", "binary"),
        (lambda p: (p / "latin.txt").write_bytes("caf\xe9".encode("latin-1")) and p / "latin.txt", "UTF-8"),
        (
            lambda p: (p / "bad.jsonl").write_text('{"text": "ok"}\n{broken\n', encoding="utf-8") and p / "bad.jsonl",
            "bad.jsonl:2",
        ),
        (lambda p: p, "no .txt files"),
    ],
    ids=["missing", "empty", "binary", "latin-1", "broken-jsonl-line", "empty-folder"],
)
def test_documents_bad_input_raises_input_error(tmp_path, setup, message):
    with pytest.raises(InputError, match=message):
        list(read_articles([setup(tmp_path)]))
