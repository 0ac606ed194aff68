"""Reading inputs: text and HTML files, folders, JSONL, stdin; encodings, binary data and other bad input."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
from pathlib import Path

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
        (lambda p: p, "no .txt or .html files"),
    ],
    ids=["missing", "empty", "binary", "latin-1", "broken-jsonl-line", "empty-folder"],
)
def test_documents_bad_input_raises_input_error(tmp_path, setup, message):
    with pytest.raises(InputError, match=message):
        list(read_articles([setup(tmp_path)]))


# --- encodings and binary data -------------------------------------------------------

TEXT = "Zelenskyy met Macron in Kyiv — «café»."


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-be"])
def test_documents_decodes_text_whose_encoding_a_bom_makes_certain(tmp_path, codec):
    path = tmp_path / "a.txt"
    data = TEXT.encode(codec)
    if codec in ("utf-16-le", "utf-16-be", "utf-32-be"):  # the explicit codecs write no mark
        data = "\ufeff".encode(codec) + data
    path.write_bytes(data)
    [article] = read_articles([path])
    assert article.text == TEXT


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("caf\xe9 au lait".encode("latin-1"), r"not UTF-8 text \(byte 0xE9 at offset 3, line 1\)"),
        (b"line one\nline two \x93quoted\x94\n", r"byte 0x93 at offset 18, line 2"),
        ("caf\xe9".encode("utf-16-le"), r"binary data: a NUL byte at offset 1; UTF-16 text needs a byte-order mark"),
        (b"\xff\xfe" + "ok".encode("utf-16-le") + b"\x00\xd8", r"not valid UTF-16 text \(.* at byte offset 6\)"),
    ],
    ids=["latin-1", "cp1252-quotes", "utf-16-without-bom", "utf-16-broken"],
)
def test_documents_uncertain_encoding_names_file_and_byte_offset(tmp_path, data, message):
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match=message) as error:
        list(read_articles([path]))
    assert str(error.value).startswith(f"{path}: ")


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"),
        (b"GIF89a\x01\x00", "a GIF image"),
        (b"PK\x03\x04\x14\x00\x00\x00", "a ZIP archive"),
        (b"%PDF-1.7\n%\xe2\xe3", "a PDF document"),
        (b"\x1f\x8b\x08\x00", "a gzip archive"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "a WebP image"),
        (b"some text\x00\x01\x02 then binary", "binary data"),
    ],
    ids=["png", "jpeg", "gif", "zip", "pdf", "gzip", "webp", "nul-bytes"],
)
def test_documents_binary_file_is_refused_by_its_magic_bytes(tmp_path, data, kind):
    path = tmp_path / "scraped.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match=f"not a text file \\({kind}"):
        list(read_articles([path]))


def test_documents_a_real_zip_file_is_refused(tmp_path):
    import zipfile

    path = tmp_path / "articles.txt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.txt", "Putin met Xi.")
    with pytest.raises(InputError, match="a ZIP archive"):
        list(read_articles([path]))


def test_documents_control_characters_become_spaces_and_keep_offsets(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"One\x0btwo\x1bthree\x7f.\r\nNext line.\rLast.")
    [article] = read_articles([path])
    assert article.text == "One two three .\nNext line.\nLast."


def test_documents_unreadable_file_names_the_reason(tmp_path, monkeypatch):
    # Tests run as root, where chmod 000 does not stop reading: simulate the refusal.
    path = tmp_path / "secret.txt"
    path.write_text("Text.", encoding="utf-8")
    real = Path.read_bytes

    def refuse(self):
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(InputError, match=r"secret.txt: cannot read \(Permission denied\)"):
        list(read_articles([path]))


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads files whatever their mode")
def test_documents_unreadable_file_with_chmod_000(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("Text.", encoding="utf-8")
    path.chmod(0)
    try:
        with pytest.raises(InputError, match=r"secret.txt: cannot read \(Permission denied\)"):
            list(read_articles([path]))
    finally:
        path.chmod(0o644)


def test_documents_broken_symlink(tmp_path):
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "deleted.txt")
    with pytest.raises(InputError, match="gone.txt: broken symbolic link"):
        list(read_articles([link]))


def test_documents_stdin_bytes_are_decoded_like_files(monkeypatch):
    class Stdin:
        buffer = io.BytesIO("Putin met Xi.".encode("utf-16"))

    monkeypatch.setattr("sys.stdin", Stdin())
    [article] = read_articles(["-"])
    assert article.text == "Putin met Xi."
    Stdin.buffer = io.BytesIO("caf\xe9".encode("latin-1"))
    with pytest.raises(InputError, match="<stdin>: not UTF-8 text"):
        list(read_articles(["-"]))


# --- HTML ------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
  <meta charset="utf-8">
  <meta property="article:published_time" content="2025-09-09T08:00:00Z">
  <title>Putin awards Gerasimov</title>
  <style>p { color: red }</style>
  <script>var tracking = "Donald Trump met Kim Jong Un";</script>
</head>
<body>
  <nav><a href="/">Home</a> | <a href="/world">World</a></nav>
  <article>
    <h1>Putin awards Gerasimov</h1>
    <p>Russian president Vladimir Putin has awarded
       General Valery Gerasimov.</p>
    <p>The Kremlin said <b>nothing</b> else &amp; declined to comment.<br>A new line.</p>
    <ul><li>First point</li><li>Second point</li></ul>
  </article>
  <aside>Most read: Sanctions on Moscow</aside>
  <footer>© News Corp</footer>
</body></html>
"""


def test_documents_html_file_gives_article_text_title_and_date(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    [article] = read_articles([path])
    assert article.title == "Putin awards Gerasimov"
    assert article.date == dt.date(2025, 9, 9)
    assert article.text.split("\n") == [
        "Putin awards Gerasimov",
        "Russian president Vladimir Putin has awarded General Valery Gerasimov.",
        "The Kremlin said nothing else & declined to comment.",
        "A new line.",
        "First point",
        "Second point",
    ]


def test_documents_html_without_article_element_keeps_body_without_boilerplate(tmp_path):
    page = "<html><body><nav>Menu</nav><div>One.</div><div>Two <i>words</i>.</div><script>x()</script></body></html>"
    path = tmp_path / "page.htm"
    path.write_text(page, encoding="utf-8")
    [article] = read_articles([path])
    assert article.text == "One.\nTwo words."


def test_documents_html_is_recognised_in_a_txt_file_and_in_jsonl(tmp_path):
    (tmp_path / "saved.txt").write_text(PAGE, encoding="utf-8")
    [article] = read_articles([tmp_path / "saved.txt"])
    assert "tracking" not in article.text and "Gerasimov." in article.text
    jsonl = tmp_path / "pages.jsonl"
    jsonl.write_text(json.dumps({"id": "p", "title": "Own title", "text": PAGE}) + "\n", encoding="utf-8")
    [record] = read_articles([jsonl])
    assert (record.title, record.date) == ("Own title", dt.date(2025, 9, 9))
    assert record.text == article.text


def test_documents_text_with_angle_brackets_is_not_html():
    from kg.documents import looks_like_html

    assert not looks_like_html("Shares rose <5% after <b> tags were removed.")
    assert looks_like_html("  <!-- saved -->\n<HTML><body>x</body></HTML>")


def test_documents_html_in_its_declared_charset(tmp_path):
    page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"></head>'
    page += "<body><p>\u201cCaf\xe9\u201d, said Macron.</p></body></html>"
    path = tmp_path / "old.html"
    path.write_bytes(page.encode("cp1252"))
    [article] = read_articles([path])
    assert article.text == "\u201cCaf\xe9\u201d, said Macron."


def test_documents_html_without_text_is_refused(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>T</title><script>x()</script></head><body> </body></html>")
    with pytest.raises(InputError, match="empty.html: no article text in the HTML page"):
        list(read_articles([path]))


def test_documents_folder_reads_html_and_skips_hidden_files(tmp_path):
    (tmp_path / "b.html").write_text("<html><body><p>B.</p></body></html>", encoding="utf-8")
    (tmp_path / "a.txt").write_text("A.", encoding="utf-8")
    (tmp_path / "._a.txt").write_bytes(b"\x00\x05\x16\x07 AppleDouble")
    assert [a.text for a in read_articles([tmp_path])] == ["A.", "B."]


# --- JSONL and --skip-bad --------------------------------------------------------------


def _jsonl(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_documents_jsonl_error_names_file_and_line(tmp_path):
    path = _jsonl(tmp_path / "news.jsonl", ['{"text": "One."}', '{"text": "Two."', '{"text": "Three."}'])
    with pytest.raises(InputError, match=r"news.jsonl:2: invalid JSON \(Expecting .* at column \d+\)"):
        list(read_articles([path]))


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('["not", "an", "object"]', "expected an object with a string 'text'"),
        ('{"title": "no text"}', "expected an object with a string 'text'"),
        ('{"text": "x", "date": "2025-13-01"}', "invalid date '2025-13-01'"),
        ('{"text": "bad \\ud800 surrogate"}', r"'text' is not valid Unicode \(unpaired surrogate U\+D800"),
    ],
    ids=["array", "no-text", "bad-date", "lone-surrogate"],
)
def test_documents_jsonl_bad_records(tmp_path, line, message):
    path = _jsonl(tmp_path / "news.jsonl", [line])
    with pytest.raises(InputError, match=f"news.jsonl:1: {message}"):
        list(read_articles([path]))


def test_documents_skip_bad_goes_on_and_records_what_it_skipped(tmp_path):
    jsonl = _jsonl(tmp_path / "news.jsonl", ['{"text": "One."}', "{broken", '{"text": "Three."}'])
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n")
    good = tmp_path / "good.txt"
    good.write_text("Good.", encoding="utf-8")
    skipped: list[InputError] = []
    articles = list(read_articles([jsonl, binary, tmp_path / "missing.txt", good], skipped=skipped))
    assert [a.text for a in articles] == ["One.", "Three.", "Good."]
    assert [str(e).split(": ")[0].rsplit("/", 1)[-1] for e in skipped] == ["news.jsonl:2", "image.txt", "missing.txt"]


def test_documents_skip_bad_inside_a_folder(tmp_path):
    (tmp_path / "a.txt").write_text("A.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes("caf\xe9".encode("latin-1"))
    (tmp_path / "c.txt").write_text("C.", encoding="utf-8")
    skipped: list[InputError] = []
    assert [a.text for a in read_articles([tmp_path], skipped=skipped)] == ["A.", "C."]
    assert len(skipped) == 1 and "b.txt" in str(skipped[0])


def test_documents_skip_bad_with_nothing_left_is_an_error(tmp_path):
    path = _jsonl(tmp_path / "news.jsonl", ["{broken", "[1]"])
    with pytest.raises(InputError, match=r"no readable input: 2 bad inputs skipped \(first: .*news.jsonl:1"):
        list(read_articles([path], skipped=[]))
