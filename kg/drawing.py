"""Pictures of the graph with matplotlib (Agg, no display needed): the network and the timeline.

Both return the image as bytes (SVG or PNG) for a report to embed or save. The network
drawing stays readable with hundreds of entities: node area follows a score
(PageRank), colour a group (community or type), edges are thin and pale, and only the
most central entities are labelled, each label placed where it overlaps no other.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.analysis import SEED
from kg.errors import UsageError

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["FIGURE_FORMATS", "NetworkDrawing", "draw_network", "draw_timeline"]

FIGURE_FORMATS = ("svg", "png")
_PALETTE = (
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#76b7b2",
    "#59a14f",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#86bcb6",
)
_OTHER = "#bab0ac"
# Matplotlib salts its SVG ids with a random value unless told; a fixed salt keeps output stable.
_STYLE = {"svg.hashsalt": "kg", "svg.fonttype": "path", "font.size": 9, "font.family": "DejaVu Sans"}


@dataclass(frozen=True)
class NetworkDrawing:
    """A drawn network: the image, what it shows, and where its labels went.

    ``label_boxes`` are the labels' extents (x0, y0, x1, y1) in pixels of the figure at
    100 dpi, one per entry of ``labels``.
    """

    data: bytes
    format: str
    nodes: int
    total: int
    labels: tuple[str, ...]
    label_boxes: tuple[tuple[float, float, float, float], ...]
    caption: str


def draw_network(
    projection: nx.DiGraph,
    *,
    scores: Mapping[str, float] | None = None,
    groups: Mapping[str, str] | None = None,
    labels: int = 25,
    max_nodes: int = 300,
    fmt: str = "svg",
    seed: int = SEED,
) -> NetworkDrawing:
    """Draw the entity graph: node area by ``scores``, colour by ``groups``, labels on the top ``labels``.

    Args:
        projection: the entity graph (``label`` and ``type`` on nodes, ``weight`` on edges).
        scores: a score per node, usually PageRank (default: PageRank of ``projection``).
        groups: a group name per node for colour (default: its ``type``); the ten largest
            groups get a colour of their own, the rest share grey.
        labels: how many of the highest-scoring entities to label at most; a label that
            would overlap another is left out.
        max_nodes: draw only this many highest-scoring entities (the caption says so).
        fmt: ``"svg"`` or ``"png"``.
        seed: seed of the force-directed layout.

    Raises:
        UsageError: ``fmt`` is not one of :data:`FIGURE_FORMATS`.
    """
    import matplotlib
    import networkx as nx
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.transforms import Bbox

    _check_format(fmt)
    total = projection.number_of_nodes()
    if scores is None:
        scores = nx.pagerank(projection, weight="weight") if total else {}
    if groups is None:
        groups = {node: str(data.get("type", "")) for node, data in projection.nodes(data=True)}

    def name(node: str) -> str:
        return str(projection.nodes[node].get("label", node))

    chosen = sorted(projection, key=lambda n: (-scores.get(n, 0.0), name(n)))[:max_nodes]
    graph = projection.subgraph(chosen)
    n = len(chosen)
    side = min(15.0, max(8.0, 5.0 + 0.55 * math.sqrt(n)))
    with matplotlib.rc_context(_STYLE):
        figure = Figure(figsize=(side, side * 0.72), dpi=100)
        canvas = FigureCanvasAgg(figure)
        axes = figure.add_axes((0.01, 0.1, 0.98, 0.89))
        axes.set_axis_off()
        if not n:
            axes.text(0.5, 0.5, "no entities to draw", ha="center", va="center", transform=axes.transAxes)
            return NetworkDrawing(_save(figure, fmt), fmt, 0, total, (), (), "No entities to draw.")
        positions = _layout(graph, seed)
        xs = [p[0] for p in positions.values()]
        ys = [p[1] for p in positions.values()]
        pad_x, pad_y = 0.05 * (max(xs) - min(xs) or 2.0), 0.05 * (max(ys) - min(ys) or 2.0)
        axes.set_xlim(min(xs) - pad_x, max(xs) + pad_x)
        axes.set_ylim(min(ys) - pad_y, max(ys) + pad_y)
        axes.set_autoscale_on(False)

        top = max((scores.get(node, 0.0) for node in chosen), default=0.0) or 1.0
        largest = min(1200.0, max(160.0, 3000.0 / math.sqrt(n)))
        area = {node: 12.0 + (largest - 12.0) * max(scores.get(node, 0.0), 0.0) / top for node in chosen}
        counts = Counter(groups.get(node, "") for node in chosen)
        ordered_groups = [g for g, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]
        colour_of = {g: _PALETTE[i] if i < len(_PALETTE) else _OTHER for i, g in enumerate(ordered_groups)}

        small = n <= 60
        nx.draw_networkx_edges(
            graph,
            positions,
            ax=axes,
            edgelist=list(graph.edges),
            width=[0.4 + 0.5 * math.log2(w) for _, _, w in graph.edges(data="weight", default=1)],
            edge_color="#7f7f7f",
            alpha=0.55 if small else 0.25,
            arrows=small,
            **({"arrowsize": 9} if small else {}),
            node_size=[area[node] for node in graph.nodes],
            nodelist=list(graph.nodes),
        )
        by_size = sorted(chosen, key=lambda node: area[node])  # big nodes on top
        nx.draw_networkx_nodes(
            graph,
            positions,
            ax=axes,
            nodelist=by_size,
            node_size=[area[node] for node in by_size],
            node_color=[colour_of[groups.get(node, "")] for node in by_size],
            edgecolors="white",
            linewidths=0.6,
        )
        renderer = canvas.get_renderer()
        frame = axes.get_window_extent(renderer)
        to_pixels = axes.transData.transform
        points = figure.dpi / 72
        markers = {}
        for node in chosen:
            (x, y), radius = to_pixels(positions[node]), math.sqrt(area[node]) / 2 * points
            markers[node] = Bbox.from_extents(x - radius, y - radius, x + radius, y + radius)
        placed: list[tuple[str, Bbox]] = []
        font = 10 if small else 8
        for node in chosen[:labels]:
            gap = math.sqrt(area[node]) / 2 + 2
            best = None
            for dx, dy, ha, va in (
                (0, gap, "center", "bottom"),
                (0, -gap, "center", "top"),
                (gap, 0, "left", "center"),
                (-gap, 0, "right", "center"),
            ):
                text = axes.annotate(
                    _shorten(name(node)),
                    positions[node],
                    xytext=(dx, dy),
                    textcoords="offset points",
                    ha=ha,
                    va=va,
                    fontsize=font,
                    zorder=5,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8},
                )
                box = text.get_window_extent(renderer).padded(2.0)
                inside = frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
                if inside and not any(box.overlaps(other) for _, other in placed):
                    # Of the free sides, the one that hides the fewest other entities.
                    hidden = sum(box.overlaps(markers[other]) for other in chosen if other != node)
                    if best is None or hidden < best[0]:
                        if best is not None:
                            best[1].remove()
                        best = (hidden, text, box)
                        continue
                text.remove()
            if best is not None:
                placed.append((name(node), best[2]))

        shown = ordered_groups[: len(_PALETTE)]
        handles = [
            Line2D(
                [], [], marker="o", linestyle="", markersize=8, markerfacecolor=colour_of[g], markeredgecolor="white"
            )
            for g in shown
        ]
        legend = [f"{g or 'untyped'} ({counts[g]})" for g in shown]
        if len(ordered_groups) > len(shown):
            handles.append(
                Line2D([], [], marker="o", linestyle="", markersize=8, markerfacecolor=_OTHER, markeredgecolor="white")
            )
            legend.append(f"other ({sum(counts[g] for g in ordered_groups[len(shown) :])})")
        figure.legend(handles, legend, loc="lower center", ncol=min(len(handles), 4), frameon=False, fontsize=9)
        caption = (
            f"{n} entities and {graph.number_of_edges()} links"
            + (f" (the {n} most central of {total})" if n < total else "")
            + f"; node area by score, colour by group, labels on the {len(placed)} most central that fit."
        )
        return NetworkDrawing(
            data=_save(figure, fmt),
            format=fmt,
            nodes=n,
            total=total,
            labels=tuple(label for label, _ in placed),
            label_boxes=tuple((b.x0, b.y0, b.x1, b.y1) for _, b in placed),
            caption=caption,
        )


def draw_timeline(facts: Sequence[tuple[dt.date, str]], *, fmt: str = "svg", groups: int = 6) -> bytes:
    """Bars of facts per day (per week past 120 days, per month past three years), stacked by group.

    Args:
        facts: one (date, group) pair per fact, e.g. the relation family.
        fmt: ``"svg"`` or ``"png"``.
        groups: the largest groups stacked separately; the rest as "other".

    Raises:
        UsageError: ``fmt`` is not one of :data:`FIGURE_FORMATS`.
    """
    import matplotlib
    import matplotlib.dates as mdates
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    _check_format(fmt)
    with matplotlib.rc_context(_STYLE):
        figure = Figure(figsize=(10, 3.6), dpi=100, layout="constrained")
        FigureCanvasAgg(figure)
        axes = figure.add_subplot()
        if not facts:
            axes.set_axis_off()
            axes.text(0.5, 0.5, "no dated facts", ha="center", va="center", transform=axes.transAxes)
            return _save(figure, fmt)
        first, last = min(d for d, _ in facts), max(d for d, _ in facts)
        span = (last - first).days
        unit, width = ("day", 0.8) if span <= 120 else ("week", 5.6) if span <= 3 * 366 else ("month", 24.0)
        top = [g for g, _ in Counter(g for _, g in facts).most_common(groups)]
        counts: Counter[tuple[dt.date, str]] = Counter((_bucket(d, unit), g if g in top else "other") for d, g in facts)
        days = sorted({d for d, _ in counts})
        bottom = [0] * len(days)
        for index, group in enumerate([*top, "other"]):
            heights = [counts.get((d, group), 0) for d in days]
            if any(heights):
                colour = _PALETTE[index] if group != "other" else _OTHER
                axes.bar(days, heights, width=width, bottom=bottom, label=group, color=colour, align="center")
                bottom = [b + h for b, h in zip(bottom, heights)]
        axes.set_ylabel(f"facts per {unit}")
        axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(axes.xaxis.get_major_locator()))
        # At least two weeks wide, so that a single day gets day ticks rather than hours.
        pad = dt.timedelta(days=max(3 * width, (14 - (days[-1] - days[0]).days) / 2))
        axes.set_xlim(days[0] - pad, days[-1] + pad)
        axes.spines[["top", "right"]].set_visible(False)
        axes.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=8)
        return _save(figure, fmt)


def _layout(graph, seed: int) -> dict:
    """Positions for ``graph``: each connected component laid out alone, then packed in rows.

    A force-directed layout of a disconnected graph flings small components to the
    edges and crushes the big one in the middle; packing keeps every part legible.
    Components of up to 100 entities use Kamada-Kawai (deterministic, even spacing),
    larger ones a seeded spring layout. A component's radius grows with the square
    root of its size, so every entity gets about the same room.
    """
    import networkx as nx
    import numpy as np

    undirected = graph.to_undirected(as_view=True)
    parts = sorted(nx.connected_components(undirected), key=lambda c: (-len(c), sorted(map(str, c))))
    shapes = []
    for part in parts:
        members = sorted(part, key=str)
        if len(members) == 1:
            layout = {members[0]: np.zeros(2)}
        elif len(members) <= 100:
            layout = nx.kamada_kawai_layout(undirected.subgraph(members))
        else:
            sub = undirected.subgraph(members)
            layout = nx.spring_layout(sub, seed=seed, k=1.5 / math.sqrt(len(members)), iterations=100)
        coordinates = np.array([layout[m] for m in members], dtype=float)
        coordinates -= coordinates.mean(axis=0)
        reach = float(np.abs(coordinates).max()) or 1.0
        radius = max(math.sqrt(len(members)), 0.5)
        shapes.append((members, coordinates * (radius / reach), radius))
    # Columns as tall as the largest component (or as the figure's 0.72 aspect asks), filled
    # top to bottom, left to right: the big component on the left, the small ones beside it.
    gap = 0.6
    height = max(2 * shapes[0][2], math.sqrt(sum((2 * r + gap) ** 2 for *_, r in shapes) * 0.72))
    positions, x, y, column = {}, 0.0, 0.0, 0.0
    for members, coordinates, radius in shapes:
        if y > 0 and y + 2 * radius > height:
            x, y, column = x + column + gap, 0.0, 0.0
        for member, (cx, cy) in zip(members, coordinates):
            positions[member] = (x + radius + cx, -(y + radius) + cy)
        y += 2 * radius + gap
        column = max(column, 2 * radius)
    return positions


def _bucket(date: dt.date, unit: str) -> dt.date:
    if unit == "week":
        return date - dt.timedelta(days=date.weekday())
    if unit == "month":
        return date.replace(day=1)
    return date


def _shorten(label: str, limit: int = 28) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _check_format(fmt: str) -> None:
    if fmt not in FIGURE_FORMATS:
        raise UsageError(f"unknown figure format {fmt!r} (choose from {', '.join(FIGURE_FORMATS)})")


def _save(figure, fmt: str) -> bytes:
    buffer = io.BytesIO()
    metadata = {"Date": None} if fmt == "svg" else {"Software": None}
    figure.savefig(buffer, format=fmt, metadata=metadata, dpi=100 if fmt == "svg" else 120)
    return buffer.getvalue()
