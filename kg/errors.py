"""One exception tree for kg; the CLI turns these into one-line messages and exit codes."""

from __future__ import annotations

__all__ = [
    "KGError",
    "UsageError",
    "InputError",
    "ModelError",
    "GraphError",
    "QueryError",
    "QueryFailedError",
    "QueryTimeoutError",
    "OntologyError",
    "ServerError",
    "Interrupted",
]


class KGError(Exception):
    """Base of every error kg raises on purpose.

    ``exit_code`` follows the CLI contract: 2 for bad usage or bad input, 1 for a
    failure while running.
    """

    exit_code = 1


class UsageError(KGError):
    """An option or argument has a value kg does not accept."""

    exit_code = 2


class InputError(KGError):
    """An input file or folder cannot be read as articles."""

    exit_code = 2


class ModelError(KGError):
    """The spaCy pipeline named by the user cannot be loaded."""

    exit_code = 2


class GraphError(KGError):
    """A graph file cannot be read or written."""

    exit_code = 2


class QueryError(KGError):
    """A SPARQL query is malformed or fails."""

    exit_code = 2


class QueryFailedError(QueryError):
    """A well-formed query failed while it ran (an evaluation error, an unreachable endpoint)."""

    exit_code = 1


class QueryTimeoutError(QueryFailedError):
    """A SPARQL query ran longer than the time it was given (``--timeout``)."""


class OntologyError(KGError):
    """The ontology or lexicon files are missing or malformed."""

    exit_code = 1


class ServerError(KGError):
    """``kg serve`` cannot listen where it was asked to (the port is taken, the host unknown)."""

    exit_code = 1


class Interrupted(BaseException):
    """A signal (Ctrl-C, SIGTERM) stopped the run; the CLI exits with 128 + the signal number.

    Not a :class:`KGError`: like :class:`KeyboardInterrupt` it derives from
    ``BaseException``, so no ``except Exception`` on its way up can swallow it, and the
    ``finally`` and ``except BaseException`` blocks on the way clean up (temporary files).
    """

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum

    def __str__(self) -> str:
        import signal

        try:
            name = signal.Signals(self.signum).name
        except ValueError:
            name = f"signal {self.signum}"
        return f"interrupted by {name}"
