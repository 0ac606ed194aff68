"""The progress bar: drawn on a terminal once a run is long, never elsewhere."""

from __future__ import annotations

import io

import kg.progress
from kg.progress import progress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_draws_rates_on_a_terminal(monkeypatch):
    monkeypatch.setattr(kg.progress, "DELAY", 0.0)
    terminal = _Terminal()
    with progress(stream=terminal, total=4) as bar:
        bar.advance(2, 40)
        bar.advance(2, 40)
    assert bar.articles == 4 and bar.sentences == 80
    drawn = terminal.getvalue()
    assert "articles/s" in drawn and "sentences/s" in drawn


def test_progress_stays_silent_off_a_terminal_or_on_short_runs(monkeypatch):
    quiet = io.StringIO()
    monkeypatch.setattr(kg.progress, "DELAY", 0.0)
    with progress(stream=quiet) as bar:
        bar.advance(1, 10)
    assert quiet.getvalue() == ""
    monkeypatch.setattr(kg.progress, "DELAY", 3600.0)
    terminal = _Terminal()
    with progress(stream=terminal) as bar:
        bar.advance(1, 10)
    assert terminal.getvalue() == ""
    with progress(stream=_Terminal(), enabled=False) as bar:
        bar.advance(1, 10)
    assert bar.rates()[0] > 0
