"""Extraction in batches: in this process, in ``jobs`` worker processes, or on a Dask cluster.

Articles stream through in batches of :data:`BATCH_SIZE`; each batch comes back as the
compact extraction results (:class:`Extracted`: the article, its mentions and relations,
and its sentence count), never as spaCy ``Doc`` objects, and in input order whatever ran
it, so the graph is the same for every way of running. At most a few batches per worker
are in flight, so memory stays flat however long the input.

Each worker process (or Dask worker) loads the spaCy pipeline and the lexicon once and
keeps them for every batch it is given. On Dask, each batch is one task and its result
one partition; the caller merges the partitions in input order.

With one job and more than one batch, parsing and extraction overlap on two cores: a worker
process parses (spaCy's cost, the floor) in one stream and sends the parsed paragraphs back as
``Doc`` dicts, and this process extracts each batch while the worker parses the next ones
(:mod:`kg.parse_worker`).
"""

from __future__ import annotations

import gc
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path
from typing import Any

from kg.errors import UsageError
from kg.extraction import ArticleFacts, extract_article
from kg.types import Article

__all__ = [
    "BATCH_CHARACTERS",
    "BATCH_SIZE",
    "DASK_TIMEOUT",
    "Extracted",
    "article_batches",
    "batches",
    "check_options",
    "extract_batches",
]

# Articles per batch at most; a batch closes sooner once its texts reach BATCH_CHARACTERS (a
# few news articles): large enough to keep nlp.pipe busy, small enough that little work is left
# once the last batch is parsed, and that the batches in flight hold little memory.
BATCH_SIZE = 16
BATCH_CHARACTERS = 10_000
# Batches in flight per worker: one being parsed, the next ones waiting, so no worker idles.
_AHEAD = 3
# How long to try to reach a Dask scheduler.
DASK_TIMEOUT = 10.0
# spaCy pipelines are not documented as thread-safe; Dask runs tasks in threads.
_PARSE_LOCK = threading.Lock()


@dataclass(frozen=True)
class Extracted:
    """What one article states (:class:`~kg.extraction.ArticleFacts`) and how many sentences it has."""

    article: Article
    facts: ArticleFacts
    sentences: int


def article_batches(articles: Iterable[Article], size: int, characters: int | None = None) -> Iterator[list[Article]]:
    """Cut ``articles`` into lists of at most ``size``, each closed early once its texts reach
    ``characters`` (default :data:`BATCH_CHARACTERS`); read lazily, in order.

    Example:
        >>> six = Article("a", "", None, "x" * 6, "")
        >>> [len(b) for b in article_batches([six] * 5, 4, characters=10)]
        [2, 2, 1]
    """
    characters = characters or BATCH_CHARACTERS
    batch: list[Article] = []
    held = 0
    for article in articles:
        batch.append(article)
        held += len(article.text)
        if len(batch) >= size or held >= characters:
            yield batch
            batch, held = [], 0
    if batch:
        yield batch


def batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Cut ``items`` into lists of ``size`` (the last may be shorter), reading lazily.

    Example:
        >>> list(batches(range(5), 2))
        [[0, 1], [2, 3], [4]]
    """
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def check_options(*, jobs: int = 1, dask: str | None = None, batch_size: int | None = None) -> None:
    """Check how extraction is to run, before anything slow starts.

    Raises:
        UsageError: ``jobs`` or ``batch_size`` is below 1, or both ``jobs`` > 1 and ``dask`` are given.
    """
    if jobs < 1:
        raise UsageError(f"--jobs must be 1 or more, not {jobs}")
    if batch_size is not None and batch_size < 1:
        raise UsageError(f"batch size must be 1 or more, not {batch_size}")
    if dask is not None and jobs > 1:
        raise UsageError("give --jobs or --dask, not both (--dask runs on the cluster's workers)")


def extract_batches(
    articles: Iterable[Article],
    *,
    model: str,
    ontology: Sequence[str | Path] = (),
    jobs: int = 1,
    dask: str | None = None,
    batch_size: int | None = None,
) -> Iterator[list[Extracted]]:
    """Parse and extract ``articles``, yielding one list of :class:`Extracted` per batch, in input order.

    Args:
        articles: the articles, read lazily.
        model: the spaCy pipeline to load (once per process).
        ontology: extra lexicon files; Dask workers must be able to read them at the same paths.
        jobs: worker processes on this machine; 1 runs in this process.
        dask: the address of a Dask scheduler (``tcp://host:8786``); runs each batch as a task there.
        batch_size: articles per batch (default :data:`BATCH_SIZE`).

    Raises:
        UsageError: see :func:`check_options`.
        ModelError: the pipeline is not installed.
        KGError: the Dask scheduler cannot be reached.
    """
    check_options(jobs=jobs, dask=dask, batch_size=batch_size)
    batch_size = batch_size or BATCH_SIZE
    ontology = tuple(str(path) for path in ontology)
    if dask is not None:
        return _on_dask(articles, dask, model, ontology, batch_size)
    if jobs > 1:
        return _settled(_in_processes(articles, jobs, model, ontology, batch_size))
    return _settled(_beside_parser(articles, model, ontology, batch_size))


def _in_process(
    articles: Iterable[Article], model: str, ontology: tuple[str, ...], size: int
) -> Iterator[list[Extracted]]:
    from kg.nlp import load_pipeline, parse
    from kg.ontology import load_lexicon

    nlp, lexicon = load_pipeline(model), load_lexicon(ontology)
    # One nlp.pipe stream over all articles: no restart between batches.
    return batches((_extracted(parsed, lexicon) for parsed in parse(articles, nlp)), size)


def _beside_parser(
    articles: Iterable[Article], model: str, ontology: tuple[str, ...], size: int
) -> Iterator[list[Extracted]]:
    """Parse in a worker process and extract here, batch by batch; a single batch is all done here
    (a process would cost more to start than it saves)."""
    from spacy.tokens import Doc

    from kg.nlp import Paragraph, ParsedArticle, load_pipeline
    from kg.ontology import load_lexicon
    from kg.parse_worker import ParseWorker

    chunks = article_batches(articles, size)
    first = next(chunks, None)
    second = next(chunks, None)
    if second is None:
        yield from _in_process(first or [], model, ontology, size)
        return
    nlp = load_pipeline(model)
    with ParseWorker(model, chain([first, second], chunks), _start_method()) as worker:
        # Read while the worker parses the first batches.
        lexicon = load_lexicon(ontology)
        _ = lexicon.city_populations
        for batch in worker:
            parsed = (
                ParsedArticle(article, tuple(Paragraph(at, Doc(nlp.vocab).from_dict(data)) for at, data in docs))
                for article, docs in batch
            )
            yield [_extracted(one, lexicon) for one in parsed]


def _settled(items: Iterator[Any]) -> Iterator[Any]:
    """``items``, with the objects alive before the first left out of the collector's full passes.

    The pipeline, the lexicon and the libraries live for the whole run; every full collection
    would walk them all again (about 2% of a build's time).
    """
    gc.freeze()
    try:
        yield from items
    finally:
        gc.unfreeze()


def _extracted(parsed, lexicon) -> Extracted:
    sentences = sum(1 for paragraph in parsed.paragraphs for _ in paragraph.doc.sents)
    return Extracted(parsed.article, extract_article(parsed, lexicon), sentences)


def extract_batch(articles: list[Article], model: str, ontology: tuple[str, ...]) -> list[Extracted]:
    """Parse and extract one batch with this process's pipeline (loaded on first use): a worker's task."""
    from kg.nlp import load_pipeline, parse
    from kg.ontology import load_lexicon

    nlp, lexicon = load_pipeline(model), _given_lexicon or load_lexicon(ontology)
    with _PARSE_LOCK:
        return [_extracted(parsed, lexicon) for parsed in parse(articles, nlp)]


# The lexicon a worker process was started with (see _start_worker).
_given_lexicon = None


def _start_worker(model: str, lexicon) -> None:
    """Worker initialiser: load the pipeline once and keep the parent's lexicon (sent whole, with its
    cities, it saves each worker reading the ontology files); leave Ctrl-C to the parent."""
    import signal

    from kg.nlp import load_pipeline

    global _given_lexicon
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _given_lexicon = lexicon
    load_pipeline(model)
    gc.freeze()  # they live as long as the worker: see _settled


def _start_method() -> str:
    """fork where it is safe: the workers start with this process's loaded pipeline at once (a
    spawned worker spends about two seconds loading it). It is not safe while other threads run
    (a progress bar's, a store's writer), or on macOS: then the workers are spawned."""
    import multiprocessing
    import sys

    alone = threading.active_count() == 1
    forkable = sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods()
    return "fork" if alone and forkable else "spawn"


def _in_processes(
    articles: Iterable[Article], jobs: int, model: str, ontology: tuple[str, ...], size: int
) -> Iterator[list[Extracted]]:
    from kg.nlp import load_pipeline
    from kg.ontology import load_lexicon

    # A bad model name fails here, once, rather than in every worker's initialiser
    # (a pool restarts workers whose initialiser fails, forever).
    load_pipeline(model)
    lexicon = load_lexicon(ontology)
    _ = lexicon.city_populations  # read once here, not in every worker
    yield from _pooled(article_batches(articles, size), jobs, extract_batch, (model, ontology), model, lexicon)


def _pooled(chunks: Iterable[list[Article]], jobs: int, task, arguments: tuple, model: str, lexicon) -> Iterator[Any]:
    """``task(batch, *arguments)`` of each batch in ``jobs`` worker processes, results in input order."""
    import multiprocessing

    context = multiprocessing.get_context(_start_method())
    pool = context.Pool(jobs, initializer=_start_worker, initargs=(model, lexicon))
    try:
        pending: deque[Any] = deque()
        for batch in chunks:
            pending.append(pool.apply_async(task, (batch, *arguments)))
            if len(pending) >= jobs * _AHEAD:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()
    except BaseException:
        pool.terminate()
        raise
    else:
        pool.close()
    finally:
        pool.join()


def _on_dask(
    articles: Iterable[Article], address: str, model: str, ontology: tuple[str, ...], size: int
) -> Iterator[list[Extracted]]:
    from kg.errors import KGError

    try:
        from distributed import Client
    except ImportError:  # pragma: no cover - distributed is a pinned dependency
        raise UsageError("--dask needs the 'distributed' package (pip install 'dask[distributed]')") from None
    try:
        client = Client(address, timeout=DASK_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as error:
        raise KGError(f"--dask {address}: cannot reach the scheduler ({error})") from None
    try:
        workers = max(1, sum(client.nthreads().values()))
        pending: deque[Any] = deque()
        for batch in article_batches(articles, size):
            # pure=False: two batches with equal content are still two tasks.
            pending.append(client.submit(extract_batch, batch, model, ontology, pure=False))
            if len(pending) >= workers * _AHEAD:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        client.close()
