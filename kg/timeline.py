"""Centrality over time: rank the entities of each week or month, and who rises or falls between them.

A window holds the facts dated inside it (statement date, else article date); facts
without a date belong to no window. Each window is ranked on its own projection, so a
score says how central an entity was in that window's news, not up to it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from kg.analysis import (
    EXACT_LIMIT,
    MEASURES,
    SAMPLE_SIZE,
    SEED,
    FactBase,
    Filters,
    Ranking,
    rank,
    select,
    to_projection,
)
from kg.errors import UsageError

__all__ = ["WINDOWS", "Window", "window_of", "rank_windows", "window_rows", "changes"]

WINDOWS = ("week", "month")


@dataclass(frozen=True, order=True)
class Window:
    """A calendar week (Monday to Sunday, ISO numbering) or month, both ends included."""

    start: dt.date
    end: dt.date
    key: str


def window_of(date: dt.date, window: str) -> Window:
    """The ``window`` (``"week"`` or ``"month"``) that holds ``date``.

    Raises:
        UsageError: ``window`` is not one of :data:`WINDOWS`.

    Example:
        >>> window_of(dt.date(2025, 9, 9), "week")
        Window(start=datetime.date(2025, 9, 8), end=datetime.date(2025, 9, 14), key='2025-W37')
        >>> window_of(dt.date(2025, 9, 9), "month").key
        '2025-09'
    """
    if window == "week":
        start = date - dt.timedelta(days=date.weekday())
        year, week, _ = date.isocalendar()
        return Window(start, start + dt.timedelta(days=6), f"{year}-W{week:02d}")
    if window == "month":
        start = date.replace(day=1)
        following = (start + dt.timedelta(days=32)).replace(day=1)
        return Window(start, following - dt.timedelta(days=1), f"{date:%Y-%m}")
    raise UsageError(f"unknown --window {window!r} (choose from {', '.join(WINDOWS)})")


def rank_windows(
    base: FactBase,
    *,
    window: str = "week",
    measures: Sequence[str] = MEASURES,
    exact_limit: int = EXACT_LIMIT,
    sample_size: int = SAMPLE_SIZE,
    seed: int = SEED,
) -> list[tuple[Window, Ranking]]:
    """A full ranking (every entity of the window) for each window that has facts, in time order.

    ``base`` is usually already filtered with :func:`kg.analysis.select`; its negated facts
    are left out.

    Raises:
        UsageError: an unknown window or measure.
    """
    if window not in WINDOWS:
        raise UsageError(f"unknown --window {window!r} (choose from {', '.join(WINDOWS)})")
    windows = sorted({window_of(f.date, window) for f in base.facts if f.date is not None and not f.negated})
    return [
        (
            current,
            rank(
                to_projection(select(base, Filters(since=current.start, until=current.end))),
                measures=measures,
                exact_limit=exact_limit,
                sample_size=sample_size,
                seed=seed,
            ),
        )
        for current in windows
    ]


def window_rows(ranked: Sequence[tuple[Window, Ranking]], *, top: int | None = None) -> list[dict[str, object]]:
    """The ``top`` entities of each window as rows: ``window``, ``start``, ``end``, ``rank``, then the ranking's."""
    return [
        {
            "window": current.key,
            "start": current.start.isoformat(),
            "end": current.end.isoformat(),
            "rank": number,
            **row,
        }
        for current, ranking in ranked
        for number, row in enumerate(ranking.rows[:top] if top else ranking.rows, start=1)
    ]


def changes(
    ranked: Sequence[tuple[Window, Ranking]], *, measure: str | None = None, top: int = 5
) -> list[dict[str, object]]:
    """Who rises and who falls between consecutive windows (that have facts), by ``measure``.

    For each pair of windows, the ``top`` largest increases (``"rise"``) and decreases
    (``"fall"``) of the score; an entity absent from a window scores 0 there and has no rank.

    Raises:
        UsageError: ``measure`` was not computed, or ``top`` is not positive.

    Example:
        >>> import networkx as nx
        >>> first = rank(nx.DiGraph([("a", "b")]), measures=["degree"])
        >>> second = rank(nx.DiGraph([("c", "b"), ("c", "d")]), measures=["degree"])
        >>> weeks = [window_of(dt.date(2025, 9, d), "week") for d in (1, 8)]
        >>> [(r["change"], r["id"]) for r in changes(list(zip(weeks, [first, second])), top=1)]
        [('rise', 'c'), ('fall', 'a')]
    """
    if top < 1:
        raise UsageError(f"--top must be at least 1, not {top}")
    rows: list[dict[str, object]] = []
    for (before_window, before), (after_window, after) in zip(ranked, ranked[1:]):
        name = measure or after.measures[0]
        if name not in after.measures or name not in before.measures:
            raise UsageError(f"measure {name!r} was not computed (computed: {', '.join(after.measures)})")
        old, new = _by_id(before, name), _by_id(after, name)
        shifts = []
        for node in old.keys() | new.keys():
            row = new.get(node) or old[node]
            score_before = old[node][1] if node in old else 0.0
            score_after = new[node][1] if node in new else 0.0
            shifts.append((round(score_after - score_before, 6), node, row[0], score_before, score_after))
        for label, chosen in (
            ("rise", sorted((s for s in shifts if s[0] > 0), key=lambda s: (-s[0], str(s[2]["label"])))[:top]),
            ("fall", sorted((s for s in shifts if s[0] < 0), key=lambda s: (s[0], str(s[2]["label"])))[:top]),
        ):
            for delta, node, row, score_before, score_after in chosen:
                rows.append(
                    {
                        "from": before_window.key,
                        "to": after_window.key,
                        "change": label,
                        "id": node,
                        "label": row["label"],
                        "type": row["type"],
                        "measure": name,
                        "before": score_before,
                        "after": score_after,
                        "delta": delta,
                        "rank_before": old[node][2] if node in old else None,
                        "rank_after": new[node][2] if node in new else None,
                    }
                )
    return rows


def _by_id(ranking: Ranking, measure: str) -> dict[str, tuple[dict[str, object], float, int]]:
    ordered = sorted(ranking.rows, key=lambda r: (-float(r[measure]), str(r["label"])))
    return {str(row["id"]): (row, float(row[measure]), number) for number, row in enumerate(ordered, start=1)}
