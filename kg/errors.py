"""One exception tree for kg; the CLI turns these into one-line messages and exit codes."""

from __future__ import annotations

__all__ = [
    "KGError",
    "UsageError",
    "InputError",
    "ModelError",
    "GraphError",
    "QueryError",
    "OntologyError",
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


class OntologyError(KGError):
    """The ontology or lexicon files are missing or malformed."""

    exit_code = 1
