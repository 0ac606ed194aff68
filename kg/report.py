"""Render rows (lists of dicts with the same keys) as a table, CSV, JSON, JSONL or Markdown."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence

from kg.errors import UsageError

__all__ = ["TABLE_FORMATS", "render_rows"]

TABLE_FORMATS = ("table", "csv", "json", "jsonl", "markdown")


def render_rows(
    rows: Sequence[Mapping[str, object]], fmt: str, *, columns: Sequence[str] | None = None, title: str | None = None
) -> str:
    """Render ``rows`` in ``fmt``; ``columns`` fixes the column order (default: the first row's keys).

    Raises:
        UsageError: ``fmt`` is not one of :data:`TABLE_FORMATS`.

    Example:
        >>> print(render_rows([{"a": 1, "b": "x"}], "csv"), end="")
        a,b
        1,x
    """
    if fmt not in TABLE_FORMATS:
        raise UsageError(f"unknown format {fmt!r} (choose from {', '.join(TABLE_FORMATS)})")
    columns = list(columns or (rows[0].keys() if rows else ()))
    if fmt == "json":
        return json.dumps([dict(r) for r in rows], ensure_ascii=False, indent=2) + "\n"
    if fmt == "jsonl":
        return "".join(json.dumps(dict(r), ensure_ascii=False) + "\n" for r in rows)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return buffer.getvalue()
    if fmt == "markdown":
        lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
        lines += ["| " + " | ".join(_cell(r.get(c)).replace("|", "\\|") for c in columns) + " |" for r in rows]
        return "\n".join(lines) + "\n"
    return _rich_table(rows, columns, title)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}"
    return str(value)


def _rich_table(rows: Sequence[Mapping[str, object]], columns: Sequence[str], title: str | None) -> str:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(row.get(c)) for c in columns))
    buffer = io.StringIO()
    Console(file=buffer, width=160, color_system=None).print(table)
    return buffer.getvalue()
