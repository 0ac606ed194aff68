"""Render results: rows as a table, CSV, JSON, JSONL or Markdown; a small network; the full report.

The report (:func:`render_html`, :func:`render_markdown`) formats a :class:`kg.summary.Summary`
with its figures; it computes nothing itself.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import html
import io
import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from kg.analysis import SEED
from kg.errors import UsageError

if TYPE_CHECKING:
    from kg.summary import Summary

__all__ = [
    "TABLE_FORMATS",
    "NETWORK_FORMATS",
    "REPORT_FORMATS",
    "render_rows",
    "render_network",
    "render_html",
    "render_markdown",
    "report_format",
    "write_report",
]

TABLE_FORMATS = ("table", "csv", "json", "jsonl", "markdown")
NETWORK_FORMATS = ("table", "json", "markdown")
REPORT_FORMATS = ("html", "markdown")


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


def render_network(network: Mapping[str, object], fmt: str) -> str:
    """Render a small network (``nodes`` and ``edges`` row lists, plus any scalar fields) in ``fmt``.

    JSON is one object; ``table`` and ``markdown`` print the node table, then the edge table,
    without IRI columns (``id`` and ``*_id``): those are for machines.

    Raises:
        UsageError: ``fmt`` is not one of :data:`NETWORK_FORMATS`.

    Example:
        >>> print(render_network({"nodes": [{"label": "A"}], "edges": []}, "markdown"), end="")
        | label |
        |---|
        | A |
        <BLANKLINE>
        (no edges)
    """
    if fmt not in NETWORK_FORMATS:
        raise UsageError(f"unknown format {fmt!r} (choose from {', '.join(NETWORK_FORMATS)})")
    if fmt == "json":
        return json.dumps(dict(network), ensure_ascii=False, indent=2) + "\n"
    parts = []
    for part in ("nodes", "edges"):
        rows = list(network.get(part) or [])
        columns = [c for c in (rows[0] if rows else ()) if c != "id" and not c.endswith("_id")]
        parts.append(render_rows(rows, fmt, columns=columns, title=part.title()) if rows else f"(no {part})\n")
    return "\n".join(parts)


def report_format(output: str | Path, requested: str | None = None) -> str:
    """The report format: the one requested, else ``markdown`` for a ``.md`` file, else ``html``.

    Raises:
        UsageError: the requested format is not one of :data:`REPORT_FORMATS`.
    """
    if requested is not None:
        if requested not in REPORT_FORMATS:
            raise UsageError(f"unknown format {requested!r} (choose from {', '.join(REPORT_FORMATS)})")
        return requested
    return "markdown" if Path(output).suffix.lower() in (".md", ".markdown") else "html"


def write_report(summary: Summary, output: str | Path, *, format: str | None = None, seed: int = SEED) -> list[Path]:
    """Draw the figures, render the report and write it; return the files written.

    HTML is one file with the figures inline. Markdown writes ``<stem>-network.svg`` and
    ``<stem>-timeline.svg`` next to ``output`` and links them. Each file is written
    atomically (a temporary file, then a rename).

    Raises:
        UsageError: an unknown format.
        GraphError: a file cannot be written.
    """
    from kg.drawing import draw_network, draw_timeline
    from kg.rdf import write_graph

    fmt = report_format(output, format)
    target = Path(output)
    scores = {str(row["id"]): float(row["pagerank"]) for row in summary.ranking.rows}
    network = draw_network(summary.projection, scores=scores, groups=summary.groups, seed=seed)
    timeline = draw_timeline(summary.timeline)
    if fmt == "html":
        page = render_html(
            summary, network=network.data.decode(), timeline=timeline.decode(), network_caption=network.caption
        )
        write_graph(page.encode(), target)
        return [target]
    figures = {
        target.with_name(f"{target.stem}-network.svg"): network.data,
        target.with_name(f"{target.stem}-timeline.svg"): timeline,
    }
    for path, data in figures.items():
        write_graph(data, path)
    names = [quote(path.name) for path in figures]
    write_graph(
        render_markdown(summary, network=names[0], timeline=names[1], network_caption=network.caption).encode(), target
    )
    return [*figures, target]


def render_html(summary: Summary, *, network: str, timeline: str, network_caption: str = "") -> str:
    """The report as one self-contained HTML page: inline CSS, inline SVG figures, no external resources.

    Every text that comes from the graph is escaped. A Content-Security-Policy lets the page
    load nothing and run only its own table-sorting script (pinned by its hash).

    Args:
        summary: what to report (:func:`kg.summary.summarize`).
        network: the network drawing as SVG text.
        timeline: the timeline as SVG text.
        network_caption: a caption for the network drawing.
    """
    figures = {"network": network, "timeline": timeline}
    blocks = _blocks(summary, network_caption)
    titles = [title for kind, title, *_ in blocks if kind == "section"]
    nav = "<nav>" + " ".join(f'<a href="#{_slug(title)}">{_e(title)}</a>' for title in titles) + "</nav>"
    parts: list[str] = []
    in_section = False
    for kind, *content in blocks:
        if kind == "title":
            parts.append(f"<header><h1>{_e(content[0])}</h1>")
        elif kind == "meta":
            parts.append(f'<p class="meta">{_e(content[0])}</p>')
        elif kind == "section":
            parts.append("</section>" if in_section else "</header>\n" + nav)
            parts.append(f'<section id="{_slug(content[0])}"><h2>{_e(content[0])}</h2>')
            in_section = True
        elif kind == "heading":
            parts.append(f"<h3>{_e(content[0])}</h3>")
        elif kind == "text":
            parts.append(f"<p>{_e(content[0])}</p>")
        elif kind == "figure":
            key, alt, caption = content
            parts.append(
                f'<figure class="{key}">{_inline_svg(figures[key], alt)}<figcaption>{_e(caption)}</figcaption></figure>'
            )
        else:
            head, rows, name = content
            parts.append(_html_table(head, rows, name))
    parts.append("</section>")
    script_hash = base64.b64encode(hashlib.sha256(_SCRIPT.encode()).digest()).decode()
    policy = f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-{script_hash}'"
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        f"<title>{_e(summary.title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        + "\n".join(parts)
        + f"\n<script>{_SCRIPT}</script>\n</body>\n</html>\n"
    )


def render_markdown(summary: Summary, *, network: str, timeline: str, network_caption: str = "") -> str:
    """The report as Markdown; ``network`` and ``timeline`` are the (relative) paths of the figure files.

    Text from the graph is escaped, so a sentence cannot turn into markup.
    """
    figures = {"network": network, "timeline": timeline}
    lines: list[str] = []
    for kind, *content in _blocks(summary, network_caption):
        if kind == "title":
            lines += [f"# {_md(content[0])}", ""]
        elif kind == "section":
            lines += [f"## {_md(content[0])}", ""]
        elif kind == "heading":
            lines += [f"### {_md(content[0])}", ""]
        elif kind in ("meta", "text"):
            lines += [_md(content[0]), ""]
        elif kind == "figure":
            key, alt, caption = content
            lines += [f"![{_md(alt)}]({figures[key]})", "", _md(caption), ""]
        else:
            head, rows, _ = content
            lines += [*_md_table(head, rows), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _blocks(summary: Summary, network_caption: str) -> list[tuple]:
    """The report's content, format-neutral: (kind, ...) tuples that the renderers walk.

    Kinds: ``title``, ``meta`` and ``text`` (a line of text), ``section`` and ``heading``
    (titles), ``figure`` (key, alt text, caption) and ``table`` (head, rows, CSS class).
    """
    from kg import __version__

    counts, structure, measures = summary.counts, summary.structure, summary.ranking.measures
    span = _span(summary)
    blocks: list[tuple] = [
        ("title", summary.title),
        (
            "meta",
            " · ".join(
                _count(counts[key], noun)
                for key, noun in (("articles", "article"), ("entities", "entity"), ("facts", "fact"), ("links", "link"))
            )
            + f" ({counts['negated']} negated facts) · {span} · kg {__version__}",
        ),
    ]
    if summary.filters:
        blocks.append(("meta", f"Filters: {summary.filters}"))
    blocks += [
        ("section", "Summary"),
        ("heading", "Entities by type"),
        ("table", ["type", "entities"], [[r["type"], r["entities"]] for r in summary.entity_types], ""),
        ("heading", "Facts by relation family"),
        (
            "table",
            ["family", "facts", "relations"],
            [[r["family"], r["facts"], ", ".join(map(str, r["relations"]))] for r in summary.families],
            "",
        ),
        ("heading", f"Articles ({len(summary.articles)})"),
        (
            "table",
            ["date", "title", "source", "facts"],
            [[r["date"], r["title"], r["source"], r["facts"]] for r in summary.articles],
            "",
        ),
        ("section", "Key actors"),
        (
            "text",
            f"The {summary.top} people, organisations, groups and places with the best median rank over the "
            f"{len(measures)} measures (then mean rank; tied scores share a rank), so that an entity central by "
            f"most measures comes first. Shortest-path measures: {summary.ranking.method}.",
        ),
        (
            "table",
            ["rank", "entity", "type", "median rank", "mean rank", *(m.replace("_", " ") for m in measures)],
            [
                [i, r["label"], r["type"], r["median_rank"], r["mean_rank"], *(r[m] for m in measures)]
                for i, r in enumerate(summary.key_actors, start=1)
            ],
            "",
        ),
        ("section", "Top entities by each measure"),
        (
            "text",
            "Edge weights count supporting statements. Degree counts neighbours (in: acted on by, out: acting "
            "on); PageRank favours entities acted on by central ones; betweenness finds brokers on shortest "
            "paths; closeness and harmonic centrality reward short paths to everyone; eigenvector rewards "
            "central neighbours.",
        ),
        (
            "table",
            ["#", *(m.replace("_", " ") for m in measures)],
            [
                [i + 1, *(_ranked(summary.top_by_measure[m], i, m) for m in measures)]
                for i in range(min(summary.top, summary.counts["entities"]))
            ],
            "",
        ),
        ("section", "Network"),
        ("figure", "network", "Network of the entities", network_caption),
        ("section", "Communities"),
        (
            "text",
            f"{structure['components']} connected components (the largest has {structure['largest_component']} "
            f"entities). The innermost core (k = {structure['max_core']}) holds "
            f"{_names(structure['core_members'], 15)}. Communities: Louvain on the weighted graph, fixed seed.",
        ),
        (
            "table",
            ["community", "size", "members, most central first"],
            [[r["community"], r["size"], _names(r["members"], 15)] for r in summary.communities],
            "",
        ),
        ("section", "Timeline"),
        ("figure", "timeline", "Facts over time", "Facts per date, stacked by relation family."),
        ("heading", f"Most central entities by {summary.window} (PageRank)"),
        (
            "table",
            ["window", "from", "to", "facts", "entities", "most central"],
            [
                [w["window"], w["start"], w["end"], w["facts"], w["entities"], _names(w["leaders"])]
                for w in summary.windows
            ],
            "",
        ),
        ("heading", "Who rises and who falls"),
    ]
    if summary.changes:
        keys = ("from", "to", "change", "label", "type", "before", "after", "delta")
        blocks.append(
            (
                "table",
                ["from", "to", "change", "entity", "type", "before", "after", "change in PageRank"],
                [[c[key] for key in keys] for c in summary.changes],
                "",
            )
        )
    else:
        blocks.append(
            (
                "text",
                f"Rises and falls compare consecutive {summary.window}s with facts; "
                f"this graph has {len(summary.windows)}.",
            )
        )
    if summary.possible_aliases:
        blocks += [
            ("section", "Possible aliases"),
            (
                "text",
                "Names that may be one entity written two ways: the same title in the same organisation, close "
                "spellings. They are kept apart in the graph (kgo:possibleSameAs); check the sentences.",
            ),
            (
                "table",
                ["entity", "other", "evidence", "article", "sentence"],
                [
                    [a["entity"], a["other"], a["evidence"], a["article"], a["sentence"]]
                    for a in summary.possible_aliases
                ],
                "",
            ),
        ]
    blocks += [
        ("section", "Facts"),
        (
            "text",
            f"All {len(summary.facts)} facts, each with the sentence it was read from. Negated facts were "
            "stated as not happening and are not in the network; hedged ones were stated as possible.",
        ),
    ]
    for article in summary.articles:
        rows = [f for f in summary.facts if f["article"] == article["id"]]
        if rows:
            blocks += [
                ("heading", str(article["title"])),
                ("meta", f"{article['date']} · {article['source']} · {len(rows)} facts"),
                (
                    "table",
                    ["#", "subject", "relation", "object", "sentence", "confidence", "note"],
                    [_fact_cells(f) for f in rows],
                    "facts",
                ),
            ]
    return blocks


def _fact_cells(fact: Mapping[str, object]) -> list[object]:
    note = "negated" if fact["negated"] else "hedged" if fact["hedged"] else ""
    cells = [fact["sentence_index"], fact["subject"], fact["relation"], fact["object"], fact["sentence"]]
    return [*("" if value is None else value for value in cells), fact["confidence"] or "", note]


def _ranked(rows: Sequence[Mapping[str, object]], index: int, measure: str) -> str:
    return f"{rows[index]['label']} ({float(rows[index][measure]):.4f})" if index < len(rows) else ""


def _count(number: object, noun: str) -> str:
    plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{number} {noun if number == 1 else plural}"


def _span(summary: Summary) -> str:
    if summary.date_span is None:
        return "no dated facts"
    first, last = summary.date_span
    return str(first) if first == last else f"{first} to {last}"


def _names(names: Sequence[object], limit: int = 5) -> str:
    shown = ", ".join(map(str, names[:limit]))
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def _number(value: object) -> str:
    return f"{value:.4f}" if isinstance(value, float) else str(value)


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _html_table(head: Sequence[str], rows: Sequence[Sequence[object]], name: str = "") -> str:
    """A sortable table; numbers sort as numbers (``data-sort``), every text is escaped."""
    if not rows:
        return '<p class="empty">(none)</p>'

    def cell(value: object) -> str:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return f'<td class="num" data-sort="{value}">{_number(value)}</td>'
        return f"<td>{_e(value)}</td>"

    header = "".join(f'<th scope="col">{_e(h)}</th>' for h in head)
    body = "\n".join("<tr>" + "".join(cell(v) for v in row) + "</tr>" for row in rows)
    return (
        f'<div class="scroll"><table class="{" ".join(("sortable", name)).strip()}">'
        f"<thead><tr>{header}</tr></thead>\n<tbody>\n{body}\n</tbody></table></div>"
    )


def _inline_svg(svg: str, label: str) -> str:
    """An SVG document as an inline element: no XML prolog or doctype, labelled for screen readers."""
    start = svg.find("<svg")
    if start < 0:
        raise UsageError("a figure is not an SVG document")
    return svg[start:].replace("<svg", f'<svg role="img" aria-label="{_e(label)}"', 1)


def _md(value: object) -> str:
    text = " ".join(_number(value).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_\[\]|#!])", r"\\\1", text)


def _md_table(head: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    if not rows:
        return ["(none)"]
    return [
        "| " + " | ".join(_md(h) for h in head) + " |",
        "|" + "---|" * len(head),
        *("| " + " | ".join(_md(v) for v in row) + " |" for row in rows),
    ]


_CSS = """
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa; --accent: #0969da; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1200px; padding: 1.5rem; color: var(--ink); background: #fff;
       font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 1.7rem; margin: 0 0 .3rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid var(--line); }
h3 { margin: 1.2rem 0 .4rem; font-size: 1.05rem; }
.meta { color: var(--muted); margin: .2rem 0; }
nav { position: sticky; top: 0; background: #fff; padding: .5rem 0; border-bottom: 1px solid var(--line); z-index: 2; }
nav a { margin-right: 1rem; color: var(--accent); text-decoration: none; }
.counts { display: flex; flex-wrap: wrap; gap: 1rem; margin: 0; }
.counts div { background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: .5rem .9rem; }
.counts dt { color: var(--muted); font-size: .8rem; } .counts dd { margin: 0; font-size: 1.2rem; font-weight: 600; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 1.5rem; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .88rem; margin: .4rem 0 1rem; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: var(--soft); cursor: pointer; user-select: none; white-space: nowrap; }
th[aria-sort=ascending]::after { content: " ▲"; } th[aria-sort=descending]::after { content: " ▼"; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.score { color: var(--muted); font-size: .8em; }
table.facts td:nth-child(5) { min-width: 24rem; }
figure { margin: 1rem 0; } figure svg { width: 100%; height: auto; display: block; }
figcaption { color: var(--muted); font-size: .85rem; }
.empty { color: var(--muted); }
"""

_SCRIPT = """
document.querySelectorAll("table.sortable").forEach(function (table) {
  var heads = table.querySelectorAll("th");
  heads.forEach(function (head, column) {
    head.tabIndex = 0;
    function sort() {
      var descending = head.getAttribute("aria-sort") !== "descending";
      heads.forEach(function (other) { other.removeAttribute("aria-sort"); });
      head.setAttribute("aria-sort", descending ? "descending" : "ascending");
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[column], y = b.cells[column];
        var order = (x.dataset.sort !== undefined && y.dataset.sort !== undefined)
          ? parseFloat(x.dataset.sort) - parseFloat(y.dataset.sort)
          : x.textContent.localeCompare(y.textContent);
        return descending ? -order : order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    }
    head.addEventListener("click", sort);
    head.addEventListener("keydown", function (event) { if (event.key === "Enter") { sort(); } });
  });
});
"""
