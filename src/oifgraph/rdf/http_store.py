"""A store behind any SPARQL 1.1 server, spoken to with the standard protocols over HTTP (stdlib only).

Where the endpoints are, from the ``--store`` URL:

- ``http://HOST:PORT`` or a URL ending with ``/`` is an Oxigraph-style base: queries go to
  ``BASE/query``, updates to ``BASE/update`` (``oxigraph serve`` lays its endpoints out so).
- any other URL (``http://HOST:8890/sparql`` for Virtuoso, ``http://HOST:3030/ds`` for Fuseki) is
  one endpoint that takes both queries and updates, as the SPARQL 1.1 Protocol allows.
- ``query=`` and ``update=`` URLs can also be given separately (see :func:`endpoints`).

Every internal read names its graphs (``GRAPH ?g``), so writing and resolution do not depend on the
server's default graph; the user's queries do: they need a default graph that is the union of the
named graphs (``oxigraph serve --union-default-graph``, Virtuoso's default, Fuseki's
``tdb2:unionDefaultGraph true``).

Each document is written by one update request, ``DROP SILENT GRAPH`` then ``INSERT DATA``, which a
SPARQL server runs as one transaction: a reader never sees half a document.
"""

from __future__ import annotations

import io
import json
import urllib.error
import urllib.parse
import urllib.request
import weakref
from collections.abc import Iterable, Iterator

import pyoxigraph as ox

from ..errors import QueryError, StoreError
from ..resolve import Resolved
from .store import lookup_all
from .vocab import PREFIXES

_PROLOGUE = (
    " ".join(f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items()) + " "
)  # one line: error positions stay right
_SELECT_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
_GRAPH_TYPES = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/n-quads": ox.RdfFormat.N_QUADS,
}
_ACCEPT = (
    "application/sparql-results+json, application/sparql-results+xml;q=0.9, "
    "application/n-triples;q=0.9, text/turtle;q=0.8, application/rdf+xml;q=0.5"
)
_CHUNK = 1 << 16


def endpoints(url: str) -> tuple[str, str]:
    """(query endpoint, update endpoint) for a ``--store`` URL (see the module's documentation).

    ``http://h/sparql?query=Q&update=U`` names both explicitly (Q and U URL-encoded).
    """
    parts = urllib.parse.urlsplit(url)
    given = urllib.parse.parse_qs(parts.query)
    if "query" in given or "update" in given:
        query = given.get("query", given.get("update"))[0]
        update = given.get("update", given.get("query"))[0]
        return query, update
    if not parts.path or parts.path.endswith("/"):
        base = url if url.endswith("/") else url + "/"
        return base + "query", base + "update"
    return url, url


class TripleResults:
    """The graph a CONSTRUCT or DESCRIBE query returned, as a stream of triples."""

    def __init__(self, triples: Iterator[ox.Triple]):
        self._triples = triples

    def __iter__(self) -> Iterator[ox.Triple]:
        return self._triples


class HttpStore:
    """The Store protocol over SPARQL 1.1 Query and Update (and nothing but stdlib HTTP)."""

    def __init__(self, url: str, *, read_only: bool = False, timeout: float | None = 300.0):
        self.location = url
        self.read_only = read_only
        self.timeout = timeout
        self.query_url, self.update_url = endpoints(url)
        self._open: weakref.WeakSet = weakref.WeakSet()  # responses still being read
        self._ask("ASK {}")  # fails now, with one clear line, when the server is not there

    # -- HTTP ------------------------------------------------------------------------------------
    def _post(self, url: str, body: str, content_type: str, accept: str | None = None):
        headers = {"Content-Type": content_type + "; charset=utf-8", "User-Agent": "oifgraph"}
        if accept:
            headers["Accept"] = accept
        request = urllib.request.Request(url, data=body.encode("utf-8"), headers=headers, method="POST")
        try:
            response = urllib.request.urlopen(request, timeout=self.timeout)
        except urllib.error.HTTPError as exc:
            detail = exc.read(2000).decode("utf-8", "replace").strip().splitlines()
            reason = detail[0] if detail else exc.reason
            if exc.code in (400, 422):
                raise QueryError(f"the SPARQL server refused the request: {reason}") from exc
            if exc.code in (401, 403):
                raise StoreError(
                    f"the SPARQL server at {url} refused access (HTTP {exc.code}): {reason}"
                ) from exc
            raise StoreError(f"the SPARQL server at {url} failed (HTTP {exc.code}): {reason}") from exc
        except urllib.error.URLError as exc:
            why = (
                exc.reason.strerror if isinstance(exc.reason, OSError) and exc.reason.strerror else exc.reason
            )
            raise StoreError(f"cannot reach the SPARQL server at {url}: {why}") from exc
        except TimeoutError as exc:
            raise StoreError(f"the SPARQL server at {url} did not answer in {self.timeout:g} s") from exc
        except OSError as exc:
            raise StoreError(f"cannot reach the SPARQL server at {url}: {exc}") from exc
        return response

    def _select(self, sparql: str) -> ox.QuerySolutions:
        """Rows of a SELECT, streamed."""
        results = self.query(sparql)
        if not isinstance(results, ox.QuerySolutions):
            raise StoreError(f"the SPARQL server at {self.query_url} did not answer a SELECT with rows")
        return results

    def _rows(self, sparql: str) -> list[ox.QuerySolution]:
        """Rows of a small SELECT, read whole (the connection is closed at once)."""
        results = self._select(sparql)
        try:
            return list(results)
        except SyntaxError as exc:
            raise StoreError(f"unreadable answer from the SPARQL server: {exc}") from exc

    def _ask(self, sparql: str) -> bool:
        response = self._post(
            self.query_url, sparql, "application/sparql-query", "application/sparql-results+json"
        )
        with response:
            payload = response.read()
        try:
            return bool(json.loads(payload)["boolean"])
        except (ValueError, KeyError, TypeError) as exc:
            raise StoreError(f"{self.query_url} does not answer like a SPARQL endpoint") from exc

    def update(self, sparql: str) -> None:
        if self.read_only:
            raise StoreError("this store was opened read-only")
        with self._post(self.update_url, sparql, "application/sparql-update") as response:
            response.read()

    # -- the Store protocol: writing ------------------------------------------------------------
    def document_hash(self, doc_iri: str) -> str | None:
        g = str(ox.NamedNode(doc_iri))
        for solution in self._rows(f"SELECT ?h WHERE {{ GRAPH {g} {{ {g} oif:contentHash ?h }} }} LIMIT 1"):
            return solution["h"].value
        return None

    def replace_document(self, doc_iri: str, quads: Iterable[ox.Quad], *, new: bool = False) -> None:
        g = str(ox.NamedNode(doc_iri))
        body = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
        self.update(f"DROP SILENT GRAPH {g} ;\nINSERT DATA {{ GRAPH {g} {{\n{body}\n}} }}")

    def remove_document(self, doc_iri: str) -> None:
        self.update(f"DROP SILENT GRAPH {ox.NamedNode(doc_iri)}")

    def lookup_keys(self, keys: Iterable[str]) -> dict[str, Resolved]:
        return lookup_all(keys, self._rows)

    # -- reading ---------------------------------------------------------------------------------
    def query(self, sparql: str):
        """Rows (``ox.QuerySolutions``), a boolean (``ox.QueryBoolean``) or :class:`TripleResults`.

        The answer is parsed as it arrives from the server, so large results stream.
        """
        response = self._post(self.query_url, _PROLOGUE + sparql, "application/sparql-query", _ACCEPT)
        self._open.add(response)
        media = response.headers.get_content_type()
        reader = io.BufferedReader(response, _CHUNK)
        try:
            if media in _SELECT_TYPES:
                return ox.parse_query_results(reader, _SELECT_TYPES[media])
            if media in _GRAPH_TYPES:
                return TripleResults(
                    q.triple for q in ox.parse(reader, _GRAPH_TYPES[media], base_iri=self.query_url)
                )
        except SyntaxError as exc:
            raise QueryError(f"unreadable answer from the SPARQL server: {exc}") from exc
        response.close()
        raise StoreError(f"the SPARQL server answered with an unexpected media type {media!r}")

    def _document_quads(self) -> Iterator[ox.Quad]:
        rows = self._select(
            "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?g a oif:Document } GRAPH ?g { ?s ?p ?o } }"
        )
        for row in rows:
            yield ox.Quad(row["s"], row["p"], row["o"], row["g"])

    def dump(self, output, fmt: ox.RdfFormat, *, union: bool = False) -> None:
        """Every document graph, streamed from the server into ``output`` in ``fmt``."""
        if fmt.supports_datasets and not union:
            ox.serialize(self._document_quads(), output, fmt, prefixes=PREFIXES)
            return
        rows = self._select(
            "SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?g a oif:Document } GRAPH ?g { ?s ?p ?o } }"
        )
        triples = (ox.Triple(r["s"], r["p"], r["o"]) for r in rows)
        ox.serialize(triples, output, fmt, prefixes=PREFIXES if fmt != ox.RdfFormat.N_TRIPLES else None)

    def __len__(self) -> int:
        rows = self._rows(
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?g a oif:Document } GRAPH ?g { ?s ?p ?o } }"
        )
        return next(int(r["n"].value) for r in rows)

    def close(self) -> None:
        for response in list(self._open):
            response.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()
