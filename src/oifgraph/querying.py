"""Read-only SPARQL over a store: :func:`query`, and :func:`write_query` that streams formatted
results with a deadline. Kept apart from :mod:`oifgraph.api` so that ``oifgraph query`` starts
with only what a query needs (see :mod:`oifgraph.launch`)."""

from __future__ import annotations

import os

from .errors import QueryError


def query(sparql: str, store):
    """Run a read-only SPARQL query over the union of all documents (prefixes predeclared).

    Updates and SERVICE clauses (requests to other servers) are refused with :class:`QueryError`.
    """
    from .rdf.guard import check_read_only

    if not sparql.strip():
        raise QueryError("empty query")
    check_read_only(sparql)
    return store.query(sparql)


DEFAULT_TIMEOUT = 60.0  # seconds


def write_query(
    sparql: str,
    output,
    *,
    location: str | os.PathLike | None = None,
    fmt: str | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> None:
    """Run a read-only query on the store at ``location`` and stream its results to ``output``
    (binary), in ``fmt`` (see :mod:`oifgraph.rdf.results`).

    With a ``timeout`` (seconds; None or 0: none), the query runs in a child process that is
    abandoned at the deadline with :class:`QueryError` (pyoxigraph cannot interrupt a query).
    Where processes cannot be forked (Windows), the query runs here, without a deadline.
    """
    import io

    from .deadline import DeadlineExceeded, can_abandon, run_with_deadline
    from .rdf.guard import check_read_only
    from .rdf.results import write_results
    from .rdf.store import open_store

    if not sparql.strip():
        raise QueryError("empty query")
    check_read_only(sparql)  # refused at once, before any process starts

    def job(stream) -> None:
        text = io.TextIOWrapper(stream, encoding="utf-8", write_through=True)
        try:
            with open_store(location, read_only=True) as store:
                write_results(query(sparql, store), fmt, text, stream)
            text.flush()
        finally:
            text.detach()  # a collected wrapper would close ``stream``: the caller's stdout, without a deadline
        stream.flush()

    if not timeout or not can_abandon():
        job(output)
        return
    try:
        run_with_deadline(job, output, timeout)
    except DeadlineExceeded as exc:
        raise QueryError(
            f"query {exc}: it ran longer than --timeout {timeout:g} s (add a LIMIT, or raise --timeout)"
        ) from exc
