"""What a query may not do, read from its tokens: SPARQL updates, and SERVICE (outbound requests).

A small SPARQL lexer reads comments, the four kinds of strings, IRIs, variables and prefixed names as
whole tokens, so a keyword inside them ("SERVICE" in a string, ``ex:service``, ``?service``,
``<http://x/SERVICE>``) is never taken for the keyword itself. An IRI token follows the grammar's
IRIREF (no spaces, quotes, braces or angle brackets inside), so the comparison ``?a < ?b`` is not an IRI.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..errors import QueryError

_TOKEN = re.compile(
    r"""
      (?P<comment>\#[^\n\r]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                 |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+)
    | (?P<name>(?:[^\W\d][\w.\-]*)?:(?:[\w:%\\-]|\.(?=[\w:%\\-]))*|@[A-Za-z]+(?:-[A-Za-z0-9]+)*|[^\W\d][\w\-]*)
    | (?P<other>\S)
    """,
    re.VERBOSE | re.DOTALL,
)

_UPDATE_KEYWORDS = frozenset(
    ["INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"]
)


def keywords(sparql: str) -> Iterator[str]:
    """The bare words of ``sparql`` in upper case: keywords and function names, nothing quoted."""
    for match in _TOKEN.finditer(sparql):
        if match.lastgroup == "name" and ":" not in match.group() and not match.group().startswith("@"):
            yield match.group().upper()


def uses_service(sparql: str) -> bool:
    """True when the query has a SERVICE clause (a request to another endpoint)."""
    return "SERVICE" in keywords(sparql)


def is_update(sparql: str) -> bool:
    """True for a SPARQL Update request (its first keyword after the prologue changes the graph)."""
    return _starts_an_update(list(keywords(sparql)))


def _starts_an_update(words: list[str]) -> bool:
    body = [w for w in words if w not in ("PREFIX", "BASE")]
    return bool(body) and body[0] in _UPDATE_KEYWORDS


def check_read_only(sparql: str) -> None:
    """Refuse what ``query`` must never do: change the graph, or send requests to other servers."""
    words = list(keywords(sparql))  # one pass of the lexer for both checks
    if _starts_an_update(words):
        raise QueryError(
            "SPARQL updates are refused: 'query' is read-only (use 'ingest' to change the graph)"
        )
    if "SERVICE" in words:
        raise QueryError(
            "SERVICE clauses are refused: a query only reads the local store and never sends requests"
        )
