"""Parsing in a worker process: one ``nlp.pipe`` stream over every article, fed from this process.

With one job and several batches, a build parses in a worker and extracts in its own process (see
:mod:`kg.parallel`). The worker runs a single ``nlp.pipe`` over all the articles, as a bare pipe
would: a pipe started again for each batch ends each one on a short minibatch. It sends each batch
back as its articles with their paragraphs' offsets and ``Doc`` contents as dicts (``Doc.to_dict``
without the tensors, which extraction does not read; ``Doc.to_bytes`` would spend most of its time in
msgpack's extension lookups).

A thread here reads the input and feeds the worker, so the worker never waits for the batch it needs
to close a minibatch; an error in reading the input is raised here once the batches before it are
through, as if it had been read here. At most :data:`AHEAD` batches wait on each side, so memory
stays flat however long the input.
"""

from __future__ import annotations

import pickle
import queue
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from kg.errors import KGError
from kg.types import Article

__all__ = ["AHEAD", "NOT_SENT", "ParseWorker", "ParsedBatch"]

# Batches waiting to be parsed, and parsed batches waiting to be extracted.
AHEAD = 3
# What a parsed paragraph's dict leaves out.
NOT_SENT = ("tensor", "user_data")
# How often a wait looks whether the other side is still there, in seconds.
_POLL = 0.5

# A batch as it comes back: each article with its paragraphs' offsets and Doc dicts.
ParsedBatch = list[tuple[Article, tuple[tuple[int, dict], ...]]]


class ParseWorker:
    """A worker process that parses ``batches`` with ``model``; iterate over it, inside ``with``, for the
    parsed batches in input order.

    The process starts on entering the block (forked where safe: it starts with this process's loaded
    pipeline), so this process can go on loading what it needs while the first batches are parsed.
    """

    def __init__(self, model: str, batches: Iterable[list[Article]], start_method: str) -> None:
        import multiprocessing

        context = multiprocessing.get_context(start_method)
        self._inbox = context.Queue(AHEAD)
        self._outbox = context.Queue(AHEAD)
        self._process = context.Process(target=_parse_stream, args=(model, self._inbox, self._outbox), daemon=True)
        self._batches = batches
        self._stop = threading.Event()
        self._input_error: BaseException | None = None
        self._feeder = threading.Thread(target=self._feed, name="kg-parse-feeder", daemon=True)

    def __enter__(self) -> ParseWorker:
        self._process.start()
        self._feeder.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        for channel in (self._inbox, self._outbox):
            channel.cancel_join_thread()  # never wait at exit to flush into a pipe nobody reads
            channel.close()

    def __iter__(self) -> Iterator[ParsedBatch]:
        while True:
            kind, value = self._received()
            if kind == "end":
                break
            if kind == "error":
                raise value
            yield value
        if self._input_error is not None:
            raise self._input_error

    def _received(self) -> tuple[str, Any]:
        while True:
            try:
                return self._outbox.get(timeout=_POLL)
            except queue.Empty:
                if not self._process.is_alive():
                    break
        try:  # the worker may have sent its last words just before it ended
            return self._outbox.get(timeout=_POLL)
        except queue.Empty:
            raise KGError(f"the parsing worker stopped unexpectedly (exit code {self._process.exitcode})") from None

    def _feed(self) -> None:
        try:
            for batch in self._batches:
                if not self._put(batch):
                    return
        except BaseException as error:  # raised to the reader once the batches before it are through
            self._input_error = error
        self._put(None)

    def _put(self, item: Any) -> bool:
        while not self._stop.is_set():
            try:
                self._inbox.put(item, timeout=_POLL)
                return True
            except queue.Full:
                continue
        return False


def _parse_stream(model: str, inbox, outbox) -> None:
    """The worker: parse every batch from ``inbox`` in one ``nlp.pipe`` stream and send each one, parsed,
    to ``outbox``; then ``("end", None)``, or ``("error", exception)`` if parsing failed."""
    import gc
    import signal

    from kg.nlp import load_pipeline, parse

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        nlp = load_pipeline(model)
        gc.freeze()  # the pipeline lives as long as the worker: no collection walks it again
        sizes: deque[int] = deque()

        def articles() -> Iterator[Article]:
            while (batch := inbox.get()) is not None:
                sizes.append(len(batch))
                yield from batch

        done: ParsedBatch = []
        for one in parse(articles(), nlp):
            done.append((one.article, tuple((p.offset, p.doc.to_dict(exclude=NOT_SENT)) for p in one.paragraphs)))
            if len(done) == sizes[0]:
                sizes.popleft()
                outbox.put(("batch", done))
                done = []
        outbox.put(("end", None))
    except BaseException as error:
        outbox.put(("error", _sendable(error)))


def _sendable(error: BaseException) -> BaseException:
    """``error`` if it survives pickling, else a :class:`KGError` with its message."""
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:
        return KGError(f"parsing failed: {type(error).__name__}: {error}")
    return error
