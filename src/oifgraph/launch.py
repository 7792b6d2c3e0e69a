"""The ``oifgraph`` console entry point.

``oifgraph query`` is the command people run again and again from scripts, so its common form
starts without loading click (whose imports cost more than opening a store and answering a small
query). The quick route takes exactly::

    oifgraph query [--store PATH|URL] [--format FMT] [--timeout SECONDS] SPARQL

and hands everything else, including ``--help``, ``-f``, a bad value or an option it does not
know, to the click command line (:mod:`oifgraph.cli`), which owns the documentation and the
usage errors. Both routes call :func:`oifgraph.querying.write_query` with the same arguments.
"""

from __future__ import annotations

import os
import sys

_VALUED = {"--store": "location", "--format": "fmt", "--timeout": "timeout"}
QUERY_FORMATS = ("table", "csv", "tsv", "json", "turtle", "ntriples", "jsonld")


def _seconds(text: str | None) -> float | None:
    try:
        value = float(text)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return value if value >= 0 else None


def plain_query(argv: list[str]) -> dict | None:
    """The arguments of ``write_query`` when ``argv`` is a plain ``query`` command, else None."""
    if not argv or argv[0] != "query":
        return None
    options: dict = {}
    sparql = None
    rest = argv[1:]
    while rest:
        word = rest.pop(0)
        name, has_value, value = word.partition("=")
        if name in _VALUED:
            if not has_value:
                if not rest:
                    return None
                value = rest.pop(0)
            if _VALUED[name] in options:
                return None  # repeated: let click decide what that means
            options[_VALUED[name]] = value
        elif word.startswith("-") or sparql is not None:
            return None
        else:
            sparql = word
    if not sparql or not sparql.strip():
        return None
    if "fmt" in options and options["fmt"] not in QUERY_FORMATS:
        return None
    timeout = options.get("timeout", os.environ.get("OIFGRAPH_TIMEOUT", "60"))
    options["timeout"] = _seconds(timeout)
    if options["timeout"] is None:
        return None
    options.setdefault("location", os.environ.get("OIFGRAPH_STORE") or None)
    return {"sparql": sparql, **options}


def main() -> None:
    arguments = plain_query(sys.argv[1:])
    if arguments is None:
        from .cli import main as full

        full()
        return
    from .errors import OifgraphError
    from .querying import write_query

    try:
        sys.stdout.flush()
        write_query(output=sys.stdout.buffer, **arguments)
        sys.stdout.buffer.flush()
    except OifgraphError as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        # stdout's reader went away (``| head``): the output was wanted no further
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
