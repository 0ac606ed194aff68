"""The parsing worker: one stream over all batches, input errors raised in order, a dead worker reported."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator

import pytest

from kg.errors import KGError, UsageError
from kg.parallel import extract_batches
from kg.parse_worker import ParseWorker
from kg.types import Article

TEXTS = [
    "Tom Hale met Ana Ruiz in Denver on Monday.\nRuiz thanked Hale.",
    "The Brixley council fined Veltrix Motors.",
    "Ida Holm visited Oslo.\n\nHolm praised the mayor.",
    "",
    "Lee Park sued the city of Tolworth.",
]
ARTICLES = [Article(f"a{n}", f"Article {n}", None, text, "") for n, text in enumerate(TEXTS)]


def _parsed(
    batches: list[list[Article]], model: str = "en_core_web_sm", start_method: str = "fork"
) -> list[list[tuple[str, list[int]]]]:
    with ParseWorker(model, batches, start_method) as worker:
        return [[(article.id, [offset for offset, _ in docs]) for article, docs in batch] for batch in worker]


@pytest.mark.model
def test_parse_worker_gives_every_batch_back_in_order_with_its_paragraphs():
    batches = [ARTICLES[:2], ARTICLES[2:3], ARTICLES[3:]]
    assert _parsed(batches) == [
        [("a0", [0, 43]), ("a1", [0])],
        [("a2", [0, 24])],
        [("a3", []), ("a4", [0])],
    ]


@pytest.mark.model
def test_parse_worker_raises_an_input_error_after_the_batches_before_it():
    def articles() -> Iterator[Article]:
        yield from ARTICLES[:3]
        raise UsageError("news.jsonl line 4: not JSON")

    seen = []
    with pytest.raises(UsageError, match="line 4: not JSON"):
        for batch in extract_batches(articles(), model="en_core_web_sm", batch_size=1):
            seen.extend(item.article.id for item in batch)
    assert seen == ["a0", "a1", "a2"]


@pytest.mark.model
def test_parse_worker_that_dies_is_reported_in_one_line():
    with ParseWorker("en_core_web_sm", [ARTICLES[:1]] * 50, "fork") as worker:
        os.kill(worker._process.pid, signal.SIGKILL)
        with pytest.raises(KGError, match=r"parsing worker stopped unexpectedly \(exit code -9\)"):
            list(worker)


@pytest.mark.model
def test_parse_worker_left_early_is_stopped():
    with ParseWorker("en_core_web_sm", [ARTICLES[:2]] * 200, "fork") as worker:
        next(iter(worker))
    assert not worker._process.is_alive()


def test_parse_worker_error_in_the_worker_reaches_the_reader():
    from kg.errors import ModelError

    with pytest.raises(ModelError, match="no_such_pipeline"):
        _parsed([ARTICLES[:1]], model="no_such_pipeline", start_method="spawn")
