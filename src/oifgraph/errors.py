"""The project's own exceptions. Library code raises these; only ``cli.py`` turns them into exit codes."""

from __future__ import annotations


class OifgraphError(Exception):
    """Base class of every error oifgraph reports to its users."""

    exit_code = 2


class InputError(OifgraphError):
    """A path, a folder or a text that cannot be read or holds nothing to process."""


class ModelNotInstalled(OifgraphError):
    """The spaCy model oifgraph needs is not installed."""


class TrainingUnavailable(OifgraphError):
    """Training the relation classifier needs scikit-learn, which is not installed."""


class QueryError(OifgraphError):
    """A SPARQL query that is malformed or not allowed (updates are refused)."""


class StoreError(OifgraphError):
    """The store cannot be opened, read or written."""


class StoreLocked(StoreError):
    """Another process holds the store's write lock."""

    exit_code = 3
