"""Read inputs (text files, folders, JSONL, stdin) into :class:`~kg.types.Article` records.

A text file is one article: an optional header line `` date YYYY-MM-DD Headline``
gives its date and title, and every further line is a paragraph.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.errors import InputError
from kg.types import Article

__all__ = ["read_articles", "parse_article_text", "article_id"]

_HEADER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s*(.*)$")
_SLUG_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


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


def read_articles(inputs: Iterable[str | Path]) -> Iterator[Article]:
    """Yield the articles in ``inputs``: ``.txt`` files, folders of them, ``.jsonl`` files, ``-``.

    Raises:
        InputError: a path is missing, unreadable, empty, or not text.

    Example:
        >>> import tempfile, pathlib
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
        >>> _ = path.write_text(" date 2025-01-02 Title\\nBody.", encoding="utf-8")
        >>> [(a.id, a.title, str(a.date), a.text) for a in read_articles([path])]
        [('a', 'Title', '2025-01-02', 'Body.')]
    """
    seen = False
    for item in inputs:
        for article in _read_one(str(item)):
            seen = True
            yield article
    if not seen:
        raise InputError("no input given")


def _read_one(item: str) -> Iterator[Article]:
    if item == "-":
        text = sys.stdin.read()
        if not text.strip():
            raise InputError("<stdin>: input is empty")
        yield parse_article_text(text, id="stdin", source="<stdin>")
        return
    path = Path(item)
    if path.is_dir():
        files = sorted(p for p in path.glob("*.txt") if p.is_file())
        if not files:
            raise InputError(f"{path}: folder has no .txt files")
        for file in files:
            yield _read_text_file(file)
    elif path.suffix.lower() == ".jsonl":
        yield from _read_jsonl(path)
    elif path.exists():
        yield _read_text_file(path)
    else:
        raise InputError(f"{path}: no such file or folder")


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror or error})") from None
    if b"\x00" in data[:8192]:
        raise InputError(f"{path}: not a text file (binary data)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: not UTF-8 text (byte {error.start})") from None
    if not text.strip():
        raise InputError(f"{path}: file is empty")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read_text_file(path: Path) -> Article:
    return parse_article_text(_read_text(path), id=article_id(path.stem), source=str(path))


def _read_jsonl(path: Path) -> Iterator[Article]:
    for number, line in enumerate(_read_text(path).split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(f"{where}: invalid JSON ({error.msg})") from None
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise InputError(f"{where}: expected an object with a string 'text'")
        date = record.get("date")
        try:
            parsed_date = dt.date.fromisoformat(date) if date else None
        except (TypeError, ValueError):
            raise InputError(f"{where}: invalid date {date!r} (expected YYYY-MM-DD)") from None
        yield Article(
            id=article_id(str(record.get("id") or f"{path.stem}-{number}")),
            title=str(record.get("title") or ""),
            date=parsed_date,
            text=record["text"],
            source=str(record.get("source") or where),
        )
