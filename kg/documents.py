"""Read inputs (text and HTML files, folders, JSONL, stdin) into :class:`~kg.types.Article` records.

A text file is one article: an optional header line `` date YYYY-MM-DD Headline``
gives its date and title, and every further line is a paragraph. An HTML page (a
``.html``/``.htm`` file, or any input that starts like one) is reduced to its article
text, one paragraph a line.

Bytes become text only when their encoding is certain: UTF-8, or UTF-16/UTF-32 with a
byte-order mark, or the charset an HTML page declares. Anything else, and binary data,
is refused with the file and the byte offset, never guessed at.
"""

from __future__ import annotations

import codecs
import contextlib
import datetime as dt
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from html.parser import HTMLParser
from pathlib import Path

from kg.errors import InputError
from kg.types import Article

__all__ = ["read_articles", "parse_article_text", "article_id", "decode_text", "looks_like_html", "html_to_article"]

_HEADER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s*(.*)$")
_SLUG_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
# The suffixes a folder is read for; other files in it are ignored.
_FOLDER_SUFFIXES = (".txt", ".html", ".htm")
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")

# Leading bytes of the binary files scrapers most often save by mistake.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx, .xlsx or .epub)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a Microsoft Office document"),
)
# UTF-32 first: its little-endian mark starts with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
_HTML_START = re.compile(
    r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL
)
_HTML_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.IGNORECASE)
# C0 controls other than tab and newline (NUL, escape, form feed, ...) and DEL: they carry
# no text and some RDF parsers refuse them, so they become spaces (offsets do not move).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def article_id(name: str) -> str:
    """Turn a file stem or a JSONL id into an id safe inside an IRI."""
    slug = _SLUG_UNSAFE.sub("-", name).strip("-")
    return slug or "article"


def parse_article_text(text: str, *, id: str, source: str) -> Article:
    """Split the optional news header line off ``text`` and build an :class:`Article`.

    Raises:
        InputError: the header names a date that does not exist.
    """
    first, newline, rest = text.partition("\n")
    match = _HEADER.match(first)
    if not match:
        return Article(id=id, title="", date=None, text=text, source=source)
    try:
        date = dt.date.fromisoformat(match.group(1))
    except ValueError:
        raise InputError(f"{source}: header line has an invalid date {match.group(1)!r}") from None
    return Article(id=id, title=match.group(2).strip(), date=date, text=rest, source=source)


def read_articles(inputs: Iterable[str | Path], *, skipped: list[InputError] | None = None) -> Iterator[Article]:
    """Yield the articles in ``inputs``: text or HTML files, folders of them, ``.jsonl`` files, ``-``.

    Args:
        inputs: paths, or ``-`` for standard input.
        skipped: when a list is given, a bad file or JSONL line is appended to it as an
            :class:`InputError` and skipped instead of stopping the run (``--skip-bad``).

    Raises:
        InputError: a path is missing, unreadable, empty, binary, not in a certain
            encoding, or a JSONL line is broken (the first one, unless ``skipped`` is
            given); or nothing readable is left.

    Example:
        >>> import tempfile, pathlib
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
        >>> _ = path.write_text(" date 2025-01-02 Title\\nBody.", encoding="utf-8")
        >>> [(a.id, a.title, str(a.date), a.text) for a in read_articles([path])]
        [('a', 'Title', '2025-01-02', 'Body.')]
    """
    seen = False
    for item in inputs:
        for article in _guarded(skipped, lambda item=item: _read_one(str(item), skipped)):
            seen = True
            yield article
    if not seen:
        if skipped:
            raise InputError(f"no readable input: {_count(len(skipped))} skipped (first: {skipped[0]})")
        raise InputError("no input given")


def _count(number: int) -> str:
    return f"{number} bad input" + ("" if number == 1 else "s")


def _guarded(skipped: list[InputError] | None, read: Callable[[], Iterator[Article]]) -> Iterator[Article]:
    """Run ``read``; with ``skipped``, a bad input is recorded there instead of raised."""
    try:
        yield from read()
    except InputError as error:
        if skipped is None:
            raise
        skipped.append(error)


def _read_one(item: str, skipped: list[InputError] | None) -> Iterator[Article]:
    if item == "-":
        yield _article_from_text(_read_stdin(), id="stdin", source="<stdin>")
        return
    path = Path(item)
    if not path.exists():
        what = "broken symbolic link" if path.is_symlink() else "no such file or folder"
        raise InputError(f"{path}: {what}")
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() in _FOLDER_SUFFIXES and not p.name.startswith("."))
        files = [p for p in files if p.is_file()]
        if not files:
            raise InputError(f"{path}: folder has no .txt or .html files")
        for file in files:
            yield from _guarded(skipped, lambda file=file: iter([_read_text_file(file)]))
    elif path.suffix.lower() == ".jsonl":
        yield from _read_jsonl(path, skipped)
    else:
        yield _read_text_file(path)


def _read_stdin() -> str:
    # sys.stdin may have been replaced by a text stream without bytes (tests, embedding).
    stream = getattr(sys.stdin, "buffer", None)
    text = sys.stdin.read() if stream is None else decode_text(stream.read(), "<stdin>")
    if not text.strip():
        raise InputError("<stdin>: input is empty")
    return _normalise(text)


def decode_text(data: bytes, source: str, *, html: bool = False) -> str:
    """Decode ``data`` when its encoding is certain; refuse binary data.

    UTF-8 (with or without a byte-order mark) and UTF-16/UTF-32 with a byte-order mark
    are decoded; with ``html``, a page that is not UTF-8 is decoded in the charset it
    declares in a ``<meta>`` tag. Nothing else is guessed.

    Raises:
        InputError: binary data, or bytes not valid in the encoding, naming ``source``
            and the byte offset.

    Example:
        >>> decode_text("café".encode("utf-16"), "a.txt")
        'café'
        >>> try:
        ...     decode_text("café".encode("latin-1"), "a.txt")
        ... except InputError as error:
        ...     print(str(error).split(";")[0])
        a.txt: not UTF-8 text (byte 0xE9 at offset 3, line 1)
    """
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"{source}: not a text file ({kind})")
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        raise InputError(f"{source}: not a text file (a WebP image)")
    # FF FE 00 00 opens UTF-32 text, or UTF-16 text whose first character is U+0000.
    failed: list[str] = []
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError as error:
                failed.append(f"not valid {name} text ({error.reason} at byte offset {len(bom) + error.start})")
    if failed:
        raise InputError(f"{source}: {failed[0]}")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(
            f"{source}: not a text file (binary data: a NUL byte at offset {nul}; UTF-16 text needs a byte-order mark)"
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        declared = _declared_charset(data) if html else None
        if declared is not None:
            try:
                return data.decode(declared)
            except UnicodeDecodeError as declared_error:
                raise InputError(
                    f"{source}: not valid {declared} text, the charset the page declares "
                    f"(byte 0x{data[declared_error.start]:02X} at offset {declared_error.start})"
                ) from None
        line = data.count(b"\n", 0, error.start) + 1
        raise InputError(
            f"{source}: not UTF-8 text (byte 0x{data[error.start]:02X} at offset {error.start}, line {line}); "
            "convert it to UTF-8 or save it with a byte-order mark"
        ) from None


def _declared_charset(data: bytes) -> str | None:
    match = _HTML_CHARSET.search(data[:4096])
    if match is None:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None
    # A page that can declare its charset in ASCII is not UTF-16 or UTF-32, whatever it says.
    return None if name.startswith(("utf-16", "utf-32")) else name


def _normalise(text: str) -> str:
    return _CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))


def _read_text(path: Path, *, html: bool = False) -> str:
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a file") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror or error})") from None
    text = decode_text(data, str(path), html=html or path.suffix.lower() in _HTML_SUFFIXES)
    if not text.strip():
        raise InputError(f"{path}: file is empty")
    return _normalise(text)


def _read_text_file(path: Path) -> Article:
    html = path.suffix.lower() in _HTML_SUFFIXES
    text = _read_text(path, html=html)
    return _article_from_text(text, id=article_id(path.stem), source=str(path), html=html)


def _article_from_text(text: str, *, id: str, source: str, html: bool = False) -> Article:
    if html or looks_like_html(text):
        return html_to_article(text, id=id, source=source)
    return parse_article_text(text, id=id, source=source)


def _read_jsonl(path: Path, skipped: list[InputError] | None) -> Iterator[Article]:
    for number, line in enumerate(_read_text(path).split("\n"), start=1):
        if not line.strip():
            continue
        yield from _guarded(skipped, lambda line=line, number=number: iter([_jsonl_article(path, number, line)]))


def _jsonl_article(path: Path, number: int, line: str) -> Article:
    where = f"{path}:{number}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(f"{where}: invalid JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise InputError(f"{where}: expected an object with a string 'text'")
    for key in ("id", "title", "date", "text", "source"):
        value = record.get(key)
        if isinstance(value, str):
            _check_unicode(value, f"{where}: '{key}'")
    date = record.get("date")
    try:
        parsed_date = dt.date.fromisoformat(date) if date else None
    except (TypeError, ValueError):
        raise InputError(f"{where}: invalid date {date!r} (expected YYYY-MM-DD)") from None
    text = _CONTROL.sub(" ", record["text"])
    identifier = article_id(str(record.get("id") or f"{path.stem}-{number}"))
    source = _CONTROL.sub(" ", str(record.get("source") or where))
    title = _CONTROL.sub(" ", str(record.get("title") or ""))
    if looks_like_html(text):
        page = html_to_article(text, id=identifier, source=source)
        text, title, parsed_date = page.text, title or page.title, parsed_date or page.date
    return Article(id=identifier, title=title, date=parsed_date, text=text, source=source)


def _check_unicode(value: str, where: str) -> None:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise InputError(
            f"{where} is not valid Unicode (unpaired surrogate U+{ord(value[error.start]):04X} "
            f"at character {error.start})"
        ) from None


# --- HTML -----------------------------------------------------------------------------

# Elements whose content is never article text.
_SKIP = frozenset(
    (
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "iframe",
        "object",
        "canvas",
        "nav",
        "aside",
        "footer",
        "form",
        "button",
        "select",
        "textarea",
    )
)
# Elements that start a new paragraph.
_BLOCK = frozenset(
    (
        "p",
        "div",
        "br",
        "hr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "tr",
        "td",
        "th",
        "table",
        "thead",
        "tbody",
        "section",
        "article",
        "main",
        "header",
        "blockquote",
        "pre",
        "figure",
        "figcaption",
        "address",
        "caption",
        "details",
        "summary",
    )
)
_WHITESPACE = re.compile(r"\s+")
_DATE_META = ("article:published_time", "datepublished", "date", "dc.date", "dcterms.date", "pubdate")


def looks_like_html(text: str) -> bool:
    """True when ``text`` starts as an HTML page does (a doctype, ``<html>``, ``<head>`` or ``<body>``).

    Example:
        >>> looks_like_html("<!DOCTYPE html><p>Hi</p>"), looks_like_html("x < y and <b> is bold")
        (True, False)
    """
    return _HTML_START.match(text[:4096]) is not None


def html_to_article(html: str, *, id: str, source: str) -> Article:
    """The article in an HTML page: its text one paragraph a line, its title and date.

    The text of ``<article>`` (else ``<main>``, else ``<body>``) is kept, without scripts,
    styles, navigation, asides, footers and forms; block elements become line breaks.
    The title is the page's ``<title>`` (else its first ``<h1>``); the date comes from an
    ``article:published_time``-style ``<meta>`` tag.

    Raises:
        InputError: the page has no text.

    Example:
        >>> page = "<html><title>T</title><body><nav>Menu</nav><p>One &amp; two.</p><p>Three.</p></body></html>"
        >>> article = html_to_article(page, id="a", source="a.html")
        >>> article.title, article.text
        ('T', 'One & two.\\nThree.')
    """
    parser = _ArticleParser()
    parser.feed(html)
    parser.close()
    text = parser.article_text()
    if not text.strip():
        raise InputError(f"{source}: no article text in the HTML page")
    title = " ".join("".join(parser.title).split()) or " ".join("".join(parser.heading).split())
    return Article(id=id, title=title, date=parser.date, text=text, source=source)


class _ArticleParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skipping: list[str] = []
        self.article_depth = 0
        self.main_depth = 0
        self.pre_depth = 0
        self.in_title = False
        self.in_heading = False
        # (text, inside <article>, inside <main>); "\n" marks a paragraph break.
        self.pieces: list[tuple[str, bool, bool]] = []
        self.title: list[str] = []
        self.heading: list[str] = []
        self.date: dt.date | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            self._meta(dict(attrs))
        if tag == "title":
            self.in_title = True
        if tag in _SKIP:
            self.skipping.append(tag)
            return
        if self.skipping:
            return
        if tag == "article":
            self.article_depth += 1
        elif tag == "main":
            self.main_depth += 1
        elif tag == "pre":
            self.pre_depth += 1
        elif tag == "h1" and not self.heading:
            self.in_heading = True
        if tag in _BLOCK:
            self._add("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            self._meta(dict(attrs))
        if not self.skipping and tag in _BLOCK:
            self._add("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if self.skipping:
            if tag in self.skipping:
                while self.skipping.pop() != tag:
                    pass
            return
        if tag in _BLOCK:
            self._add("\n")
        if tag == "article" and self.article_depth:
            self.article_depth -= 1
        elif tag == "main" and self.main_depth:
            self.main_depth -= 1
        elif tag == "pre" and self.pre_depth:
            self.pre_depth -= 1
        elif tag == "h1":
            self.in_heading = False

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
            return
        if self.skipping:
            return
        if self.in_heading:
            self.heading.append(data)
        if self.pre_depth:
            for number, line in enumerate(data.split("\n")):
                if number:
                    self._add("\n")
                self._add(_WHITESPACE.sub(" ", line))
        else:
            self._add(_WHITESPACE.sub(" ", data))

    def _add(self, text: str) -> None:
        self.pieces.append((text, self.article_depth > 0, self.main_depth > 0))

    def _meta(self, attrs: dict[str, str | None]) -> None:
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        if self.date is None and key in _DATE_META:
            with contextlib.suppress(ValueError):
                self.date = dt.date.fromisoformat((attrs.get("content") or "")[:10])

    def article_text(self) -> str:
        if any(text.strip() for text, in_article, _ in self.pieces if in_article):
            chosen = [text for text, in_article, _ in self.pieces if in_article]
        elif any(text.strip() for text, _, in_main in self.pieces if in_main):
            chosen = [text for text, _, in_main in self.pieces if in_main]
        else:
            chosen = [text for text, _, _ in self.pieces]
        lines = (" ".join(line.split()) for line in "".join(chosen).split("\n"))
        return "\n".join(line for line in lines if line)
