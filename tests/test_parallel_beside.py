"""One job, several batches: a worker parses, this process extracts, and the facts are the ones read in one process."""

from __future__ import annotations

import pytest

from kg.documents import read_articles
from kg.parallel import extract_batches
from tests.conftest import SHARED_DATA


@pytest.mark.model
def test_parallel_parsing_worker_gives_the_facts_of_one_process():
    import kg.parallel

    if not (SHARED_DATA / "news-dev").is_dir():
        pytest.skip("../shared/data/news-dev is not available")
    articles = list(read_articles(sorted((SHARED_DATA / "news-dev").glob("d1[0-3]-*.txt"))))
    beside = [
        (item.article, item.facts, item.sentences)
        for batch in extract_batches(articles, model="en_core_web_sm", batch_size=1)
        for item in batch
    ]
    alone = [
        (item.article, item.facts, item.sentences)
        for batch in kg.parallel._in_process(articles, "en_core_web_sm", (), 1)
        for item in batch
    ]
    assert [a for a, _, _ in beside] == articles
    assert beside == alone
