"""Write SPARQL results: a readable table, CSV, TSV, SPARQL JSON for SELECT/ASK; RDF for graphs."""

from __future__ import annotations

import io
import re
from enum import StrEnum

import pyoxigraph as ox

from ..errors import QueryError
from .guard import is_update  # noqa: F401  (re-exported: it used to live here)
from .vocab import PREFIXES


class ResultFormat(StrEnum):
    TABLE = "table"
    CSV = "csv"
    TSV = "tsv"
    JSON = "json"
    TURTLE = "turtle"
    NTRIPLES = "ntriples"
    JSONLD = "jsonld"


_TABULAR = {
    ResultFormat.CSV: ox.QueryResultsFormat.CSV,
    ResultFormat.TSV: ox.QueryResultsFormat.TSV,
    ResultFormat.JSON: ox.QueryResultsFormat.JSON,
}
_GRAPH = {
    ResultFormat.TURTLE: ox.RdfFormat.TURTLE,
    ResultFormat.NTRIPLES: ox.RdfFormat.N_TRIPLES,
    ResultFormat.JSONLD: ox.RdfFormat.JSON_LD,
}
_TABLE_SAMPLE = 500  # rows used to size the table's columns; later rows stream at those widths
_CELL_MAX = 80


def compact(term) -> str:
    """A term as a person reads it: prefixed names, literal values, ``_:b`` blank nodes."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        iri = term.value
        for prefix, ns in PREFIXES.items():
            if iri.startswith(ns) and re.fullmatch(r"[\w.-]*", iri[len(ns) :]):
                return f"{prefix}:{iri[len(ns) :]}"
        return f"<{iri}>"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def _cell(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _CELL_MAX else text[: _CELL_MAX - 1] + "…"


def write_table(solutions: ox.QuerySolutions, out: io.TextIOBase) -> int:
    names = [v.value for v in solutions.variables]
    rows: list[list[str]] = []
    iterator = iter(solutions)
    for solution in iterator:
        rows.append([_cell(compact(solution[n])) for n in names])
        if len(rows) >= _TABLE_SAMPLE:
            break
    widths = [max([len(n), *(len(r[i]) for r in rows)]) for i, n in enumerate(names)]

    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    out.write(line(names) + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    count = 0
    for row in rows:
        out.write(line(row) + "\n")
        count += 1
    for solution in iterator:
        out.write(line([_cell(compact(solution[n])) for n in names]) + "\n")
        count += 1
    out.write(f"({count} row{'s' if count != 1 else ''})\n")
    return count


def write_results(results, fmt: ResultFormat | None, out_text, out_binary) -> None:
    """Write ``results`` of a query in ``fmt`` (None: table for rows, Turtle for graphs)."""
    if not isinstance(results, ox.QuerySolutions | ox.QueryBoolean):  # a graph: triples
        fmt = ResultFormat(fmt or ResultFormat.TURTLE)
        if fmt not in _GRAPH:
            raise QueryError(f"a CONSTRUCT or DESCRIBE result is a graph: use --format {'|'.join(_GRAPH)}")
        out_text.flush()
        prefixes = PREFIXES if fmt is ResultFormat.TURTLE else None
        ox.serialize(results, out_binary, _GRAPH[fmt], prefixes=prefixes)
        return
    fmt = ResultFormat(fmt or ResultFormat.TABLE)
    if fmt in _GRAPH:
        raise QueryError(f"a SELECT or ASK result is a table: use --format {'|'.join(['table', *_TABULAR])}")
    if isinstance(results, ox.QueryBoolean):
        if fmt is ResultFormat.TABLE:
            out_text.write(("true" if bool(results) else "false") + "\n")
            return
    elif fmt is ResultFormat.TABLE:
        write_table(results, out_text)
        return
    out_text.flush()
    results.serialize(out_binary, _TABULAR[fmt])
