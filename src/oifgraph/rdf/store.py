"""Stores: a small protocol and the embedded Oxigraph implementation (on disk, the default).

A store holds one named graph per document. Writing a document replaces its graph atomically in
one SPARQL update, so a reader never sees half a document. :mod:`.http_store` speaks to any
SPARQL 1.1 server behind the same protocol.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import pyoxigraph as ox

from ..errors import QueryError, StoreError, StoreLocked
from .vocab import PREFIXES

if TYPE_CHECKING:
    from ..resolve import Resolved

DEFAULT_STORE = Path("oifgraph-store")
# Written quads between flushes of the store's write buffers. Without flushes RocksDB's in-memory
# buffers grow with every document written (about 100 KB per document measured), so the memory of a
# long ingestion grew with the number of documents; flushing keeps it flat.
FLUSH_EVERY_QUADS = 20_000


class Store(Protocol):
    """What the commands need from a store."""

    location: str

    def document_hash(self, doc_iri: str) -> str | None: ...

    def replace_document(self, doc_iri: str, quads: Iterable[ox.Quad], *, new: bool = False) -> None: ...

    def lookup_keys(self, keys: Iterable[str]) -> Mapping[str, Resolved]: ...

    def query(self, sparql: str): ...

    def dump(self, output, fmt: ox.RdfFormat, *, union: bool = False) -> None: ...

    def close(self) -> None: ...


def _term(term) -> str:
    """A term in SPARQL syntax (pyoxigraph's ``str`` of a term is its N-Triples form)."""
    return str(term)


_ERROR_AT = re.compile(r"^error at (\d+):(\d+): ")


def _where(message: str) -> str:
    """Oxigraph's "error at 3:14: expected ..." as " at line 3, column 14: expected ..."."""
    match = _ERROR_AT.match(message)
    if not match:
        return f": {message}"
    return f" at line {match[1]}, column {match[2]}: {message[match.end() :]}"


LOOKUP_KEYS_PER_QUERY = 32


def lookup_queries(keys: Iterable[str], per_query: int = LOOKUP_KEYS_PER_QUERY) -> Iterator[str]:
    """Queries finding, for each match key, one entity that has it, with its label and type.

    Each key is its own branch with ``LIMIT 1`` inside one named graph, so a key costs one index
    lookup however many documents mention the entity. (A plain ``VALUES ?k`` join over the union
    graph pairs every document's label with every document's type: its cost grows with the square,
    even the cube, of the number of documents naming a popular entity.) Oxigraph's cost of a union
    grows with the square of its branches (measured on a store of 528 documents: 32 keys 3 ms,
    800 keys 2.8 s in one query, 0.12 s in queries of 32), so the keys go ``per_query`` at a time.
    """
    keys = sorted(set(keys))
    for start in range(0, len(keys), per_query):
        branches = [
            f"""{{ SELECT ?k ?e ?label ?type WHERE {{
                GRAPH ?g {{ ?e oif:matchKey {_term(ox.Literal(k))} ; rdfs:label ?label ; a ?type }}
                BIND({_term(ox.Literal(k))} AS ?k) }} LIMIT 1 }}"""
            for k in keys[start : start + per_query]
        ]
        yield "SELECT ?k ?e ?label ?type WHERE {\n" + "\nUNION\n".join(branches) + "\n}"


def lookup_all(keys: Iterable[str], run: Callable[[str], Iterable]) -> dict[str, Resolved]:
    """Every key's entity, found by ``run`` (a store's way of answering a query) over
    :func:`lookup_queries`."""
    found: dict[str, Resolved] = {}
    for query in lookup_queries(keys):
        found.update(resolved_rows(run(query)))
    return found


def resolved_rows(solutions) -> dict[str, Resolved]:
    from ..resolve import Resolved

    out: dict[str, Resolved] = {}
    for s in solutions:
        key = s["k"].value
        if key not in out:
            out[key] = Resolved(s["e"].value, s["label"].value, s["type"].value.rsplit("#", 1)[-1], key)
    return out


def is_url(location: str | os.PathLike) -> bool:
    return str(location).startswith(("http://", "https://"))


# RocksDB's words for a folder another process holds for writing ("IO error: While lock file:
# .../LOCK: Resource temporarily unavailable"), and for a file that a writer's flush or compaction
# deleted while a read-only open was listing the folder. The second is transient: measured with a
# writer flushing every 200 quads beside 300 read-only opens, half failed so; retried, none did.
_LOCKED = re.compile(r"lock file|/LOCK\b")
_VANISHED = re.compile(r"No such file or directory")
_READ_ATTEMPTS = 20


class OxigraphStore:
    """The embedded default: a pyoxigraph store in a folder on disk."""

    def __init__(self, path: str | os.PathLike, *, read_only: bool = False):
        self.path = Path(path)
        self.location = str(self.path)
        self.read_only = read_only
        self._unflushed = 0
        if read_only and not (self.path / "CURRENT").exists():
            raise StoreError(f"no store at {self.path}: run 'oifgraph ingest' first (or pass --store)")
        for attempt in range(_READ_ATTEMPTS if read_only else 1):
            try:
                self._store = ox.Store.read_only(str(self.path)) if read_only else ox.Store(str(self.path))
                return
            except (OSError, RuntimeError) as exc:  # RuntimeError: a store still being created
                message = str(exc)
                if _LOCKED.search(message):
                    raise StoreLocked(f"store {self.path} is in use by another process") from exc
                if not (read_only and _VANISHED.search(message)) or attempt == _READ_ATTEMPTS - 1:
                    raise StoreError(f"cannot open store {self.path}: {message}") from exc
                time.sleep(_RETRY)  # a writer's compaction removed a file this open was listing

    # -- writing ---------------------------------------------------------------------------------
    def document_hash(self, doc_iri: str) -> str | None:
        g = _term(ox.NamedNode(doc_iri))
        result = self._store.query(
            f"SELECT ?h WHERE {{ GRAPH {g} {{ {g} oif:contentHash ?h }} }}", prefixes=PREFIXES
        )
        for solution in result:
            return solution["h"].value
        return None

    def replace_document(self, doc_iri: str, quads: Iterable[ox.Quad], *, new: bool = False) -> None:
        """The document's graph becomes ``quads``, in one transaction. ``new``: the caller knows
        the graph is not there (its hash was just checked), so the quads are only added."""
        quads = list(quads)
        try:
            if new:
                self._extend(quads)  # transactional too: all the quads or none
            else:
                g = _term(ox.NamedNode(doc_iri))
                body = "\n".join(
                    f"{_term(q.subject)} {_term(q.predicate)} {_term(q.object)} ." for q in quads
                )
                self._update(f"DROP SILENT GRAPH {g} ;\nINSERT DATA {{ GRAPH {g} {{\n{body}\n}} }}")
            self._unflushed += len(quads)
            if self._unflushed >= FLUSH_EVERY_QUADS:
                self._store.flush()
                self._unflushed = 0
        except OSError as exc:
            raise StoreError(f"cannot write to store {self.path}: {exc}") from exc

    def _update(self, update: str) -> None:
        self._store.update(update)

    def _extend(self, quads: list[ox.Quad]) -> None:
        self._store.extend(quads)

    def remove_document(self, doc_iri: str) -> None:
        self._store.update(f"DROP SILENT GRAPH {_term(ox.NamedNode(doc_iri))}")

    def lookup_keys(self, keys: Iterable[str]) -> dict[str, Resolved]:
        return lookup_all(keys, lambda query: self._store.query(query, prefixes=PREFIXES))

    # -- reading ---------------------------------------------------------------------------------
    def query(self, sparql: str):
        try:
            return self._store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL{_where(str(exc))}") from exc
        except (OSError, ValueError, RuntimeError) as exc:
            raise QueryError(f"query failed: {exc}") from exc

    def dump(self, output, fmt: ox.RdfFormat, *, union: bool = False) -> None:
        if fmt.supports_datasets and not union:
            self._store.dump(output, fmt, prefixes=PREFIXES)
            return
        triples = (
            ox.Triple(s["s"], s["p"], s["o"])
            for s in self._store.query("SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
        )
        ox.serialize(triples, output, fmt, prefixes=PREFIXES if fmt != ox.RdfFormat.N_TRIPLES else None)

    def __len__(self) -> int:
        return len(self._store)

    def close(self) -> None:
        if not hasattr(self, "_store"):
            return
        if self._unflushed:
            # Left in the write-ahead log, the writes would be replayed by every later open of the
            # store, each slower than the last (0.2 s after a few batches, 0.4 s at 100k quads).
            with suppress(OSError):
                self._store.flush()
        del self._store

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


DEFAULT_WAIT = 5.0  # seconds a writer waits for another process to release the store
_RETRY = 0.1


def open_store(
    location: str | os.PathLike | None = None, *, read_only: bool = False, wait: float = 0.0
) -> Store:
    """The store at ``location``, else ``$OIFGRAPH_STORE``, else ``./oifgraph-store``.

    A folder is an embedded Oxigraph store; an ``http://`` or ``https://`` URL is a SPARQL 1.1
    server (see :mod:`oifgraph.rdf.http_store` for the URL forms). A writer finding the store locked by another process retries for ``wait`` seconds, then raises
    :class:`StoreLocked`. Readers never wait: a read-only open works beside a writer.
    """
    location = location or os.environ.get("OIFGRAPH_STORE") or DEFAULT_STORE
    if is_url(location):
        from .http_store import HttpStore

        return HttpStore(str(location), read_only=read_only)
    deadline = time.monotonic() + max(0.0, wait)
    while True:
        try:
            return OxigraphStore(location, read_only=read_only)
        except StoreLocked:
            if time.monotonic() >= deadline:
                raise
            time.sleep(_RETRY)


class StoreLocation:
    """A store that a long job (ingestion) opens for writing only while it writes.

    The analysis of texts takes seconds to hours; the writes take milliseconds. Holding the write
    lock of a store folder only around them lets several ingestions share a store and queries run
    beside them. A SPARQL server has no lock to hold: it is simply opened for each batch.
    """

    def __init__(self, location: str | os.PathLike | None = None, *, wait: float = DEFAULT_WAIT):
        self.location = str(location or os.environ.get("OIFGRAPH_STORE") or DEFAULT_STORE)
        self.wait = wait

    @contextmanager
    def reading(self) -> Iterator[Store | None]:
        """A read-only view of the store, or None when there is no store yet."""
        if not is_url(self.location) and not (Path(self.location) / "CURRENT").exists():
            yield None
            return
        store = open_store(self.location, read_only=True)
        try:
            yield store
        finally:
            store.close()

    @contextmanager
    def writing(self) -> Iterator[Store]:
        """The store opened for writing (waiting up to ``wait`` s for the lock), closed afterwards."""
        store = open_store(self.location, wait=self.wait)
        try:
            yield store
        finally:
            store.close()
