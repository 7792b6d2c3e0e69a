"""oifgraph: a knowledge graph of organizations, projects, people, places and events from French text.

    >>> import oifgraph
    >>> store = oifgraph.open_store("my-store")
    >>> oifgraph.ingest(oifgraph.read_documents(["corpus/"]), store)
    >>> for row in oifgraph.query("SELECT ?p WHERE { ?p a oif:Person }", store): ...

Importing the package is cheap: spaCy loads only when text is analysed.
"""

from .errors import InputError, ModelNotInstalled, OifgraphError, QueryError, StoreError, StoreLocked

__version__ = "0.1.0"


def __getattr__(name: str):
    """The API is imported on first use, so that ``oifgraph query`` loads only what a query needs."""
    if name in __all__:  # (the error classes are already here)
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'oifgraph' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


__all__ = [
    "Extractor",
    "IngestReport",
    "InputError",
    "ModelNotInstalled",
    "OifgraphError",
    "QueryError",
    "StoreError",
    "StoreLocked",
    "export",
    "extract",
    "ingest",
    "open_store",
    "query",
    "read_documents",
    "stats",
    "store_location",
    "write_query",
]
