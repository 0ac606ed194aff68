"""A progress bar for long builds: articles done, articles/s and sentences/s, on stderr.

It shows only when stderr is a terminal, and only once a run has taken longer than
:data:`DELAY` seconds, so short runs, pipes, logs and tests see nothing.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

__all__ = ["DELAY", "Progress", "progress"]

# Seconds before the bar appears: a run shorter than this never shows one.
DELAY = 2.0


class Progress:
    """Counts articles and sentences; draws a Rich bar on ``stream`` once the run is long enough.

    Args:
        stream: where to draw; nothing is drawn unless it is a terminal.
        total: the number of articles, when known.
        enabled: ``False`` draws nothing whatever the stream.
    """

    def __init__(self, stream: IO[str] | None = None, *, total: int | None = None, enabled: bool = True):
        self.stream = stream if stream is not None else sys.stderr
        self.total = total
        self.articles = 0
        self.sentences = 0
        self.started = time.perf_counter()
        self._enabled = enabled and _is_terminal(self.stream)
        self._bar: Any = None
        self._task: Any = None

    def advance(self, articles: int, sentences: int) -> None:
        """Count ``articles`` more articles holding ``sentences`` sentences."""
        self.articles += articles
        self.sentences += sentences
        if not self._enabled:
            return
        if self._bar is None:
            if time.perf_counter() - self.started < DELAY:
                return
            self._start()
        articles, sentences = self.rates()
        rates = f"{articles:,.1f} articles/s  {sentences:,.0f} sentences/s"
        self._bar.update(self._task, completed=self.articles, rates=rates)

    def _start(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self._bar = Progress(
            TextColumn("[bold]kg build"),
            BarColumn(),
            MofNCompleteColumn() if self.total else TextColumn("{task.completed} articles"),
            TextColumn("{task.fields[rates]}"),
            TimeElapsedColumn(),
            console=Console(file=self.stream),
            transient=True,
        )
        self._task = self._bar.add_task("build", total=self.total, rates="")
        self._bar.start()

    def rates(self) -> tuple[float, float]:
        """Articles per second and sentences per second so far."""
        elapsed = max(time.perf_counter() - self.started, 1e-9)
        return self.articles / elapsed, self.sentences / elapsed

    def close(self) -> None:
        """Remove the bar (it is transient: the terminal keeps no trace of it)."""
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


def _is_terminal(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or file-like stream without a terminal
        return False


@contextmanager
def progress(*, enabled: bool = True, total: int | None = None, stream: IO[str] | None = None) -> Iterator[Progress]:
    """A :class:`Progress` for the block; the bar is removed when the block ends, however it ends.

    Example:
        >>> import io
        >>> with progress(stream=io.StringIO()) as bar:
        ...     bar.advance(3, 60)
        >>> bar.articles, bar.sentences
        (3, 60)
    """
    bar = Progress(stream, total=total, enabled=enabled)
    try:
        yield bar
    finally:
        bar.close()
