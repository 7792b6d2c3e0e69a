"""The ``oifgraph`` command: parse flags, call the API, format output. Nothing else lives here."""

from __future__ import annotations

import json
import logging
import os
import signal
import sys
import threading
import traceback
from functools import wraps

import click

from . import api
from .errors import InputError, OifgraphError
from .reading import is_jsonl

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, EXIT_LOCKED = 0, 1, 2, 3
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it

EPILOG = """\b
Exit codes: 0 done, 1 partial (some documents failed, the others are stored),
2 usage or input error, 3 the store is locked by another process,
130 ingestion interrupted (Ctrl-C; finished documents are stored).
Store: --store PATH|URL, else $OIFGRAPH_STORE, else ./oifgraph-store."""

STORE_OPTION = click.option(
    "--store",
    "store_path",
    metavar="PATH|URL",
    envvar="OIFGRAPH_STORE",
    help="Store folder (embedded Oxigraph) or SPARQL 1.1 server URL (http://HOST:PORT for "
    "oxigraph serve's /query and /update, or one endpoint URL such as http://HOST:8890/sparql). "
    "Default: $OIFGRAPH_STORE, else ./oifgraph-store.",
)


class StderrHandler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        click.echo(f"warning: {record.getMessage()}", err=True)


def handle_errors(func):
    """Library errors become one line on stderr and an exit code; --debug shows the traceback."""

    @wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except OifgraphError as exc:
            if click.get_current_context().find_root().params.get("debug"):
                traceback.print_exc()
            click.echo(f"error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except BrokenPipeError:
            sys.exit(EXIT_OK)

    return wrapper


@click.group(epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="oifgraph")
@click.option("--debug", is_flag=True, help="Show full tracebacks of errors.")
def cli(debug: bool) -> None:
    """Build a knowledge graph from French news text and query it.

    \b
    oifgraph ingest corpus/                 analyse texts, store their facts
    oifgraph query 'SELECT ?p WHERE { ?p a oif:Person }'
    oifgraph export --format turtle -o graph.ttl
    oifgraph extract article.txt --format json   (no store)
    """
    logger = logging.getLogger("oifgraph")
    if not logger.handlers:
        logger.addHandler(StderrHandler())
    logger.setLevel(logging.WARNING)


def _documents(paths: tuple[str, ...], doc_id: str | None):
    from .reading import read_stdin

    if not paths:
        raise InputError("no input: give files, folders, or - for standard input")
    documents = []
    files = [p for p in paths if p != "-"]
    if "-" in paths:
        documents.append(read_stdin(sys.stdin.buffer, doc_id=doc_id or "stdin"))
    if files:
        documents.extend(api.read_documents(files))
    return documents


def _input_stream(paths: tuple[str, ...], doc_id: str | None, fmt: str, errors: list):
    """Documents from PATHs, read lazily, and how many there are when that is known without reading."""
    from itertools import chain

    from .reading import iter_documents, iter_jsonl, open_jsonl, read_stdin

    if not paths:
        raise InputError("no input: give files, folders, or - for standard input")
    streams, count = [], 0
    texts = []
    for path in paths:
        if path == "-":
            if fmt == "jsonl":
                streams.append(iter_jsonl(sys.stdin.buffer, source="<stdin>", errors=errors))
                count = None
            else:
                streams.append(iter([read_stdin(sys.stdin.buffer, doc_id=doc_id or "stdin")]))
                count = count if count is None else count + 1
        elif fmt == "jsonl" or (fmt == "auto" and is_jsonl(path)):
            streams.append(open_jsonl(path, errors=errors))
            count = None
        else:
            texts.append(path)
    if texts:
        from .reading import iter_paths

        found = list(iter_paths(texts))  # fails early on a missing path, before the model loads
        count = count if count is None else count + len(found)
        streams.append(iter_documents(found))
    return chain.from_iterable(streams), count


class Interrupt:
    """Ctrl-C during ingestion: the first one stops after the document being written, a second aborts.

    spaCy's worker processes inherit the handler; in them it does nothing (the parent stops them).
    """

    def __init__(self) -> None:
        self.requested = False
        self._pid = os.getpid()
        self._previous = None

    def __call__(self) -> bool:
        return self.requested

    def _handle(self, signum, frame) -> None:
        if os.getpid() != self._pid:
            return
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True
        click.echo("\ninterrupted: finishing the document being written (Ctrl-C again to abort)", err=True)

    def __enter__(self) -> Interrupt:
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._handle)
        return self

    def __exit__(self, *exc) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)


@cli.command(epilog=EPILOG)
@click.argument("paths", nargs=-1, metavar="PATH... | -")
@click.option("--id", "doc_id", metavar="ID", help="Document id for text read from stdin (default: stdin).")
@click.option(
    "--format",
    "input_format",
    type=click.Choice(["auto", "text", "jsonl"]),
    default="auto",
    show_default=True,
    help="Input format. auto: *.jsonl/*.ndjson files are JSON Lines, the rest text. jsonl: one "
    '{"id", "text", "title", "date"} object per line (only "text" is required), also for -.',
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes analysing documents (normalization, spaCy, extraction). Default: the number of cores.",
)
@click.option(
    "--batch-size", type=click.IntRange(min=1), default=32, show_default=True, help="Texts per spaCy batch."
)
@click.option(
    "--base", metavar="IRI", envvar="OIFGRAPH_BASE", help="Base IRI of minted entities and documents."
)
@STORE_OPTION
@handle_errors
def ingest(
    paths: tuple[str, ...],
    doc_id: str | None,
    input_format: str,
    jobs: int | None,
    batch_size: int,
    base: str | None,
    store_path: str | None,
) -> None:
    """Analyse French texts and store their facts, one named graph per document.

    PATH is a file, a folder (searched recursively for *.txt and *.md), a JSON Lines file
    (*.jsonl) or - for stdin. Documents are streamed: any number of them can be ingested in
    constant memory. Unchanged documents are skipped; a changed document replaces its previous
    facts. Ctrl-C stops after the document being written: what is stored stays, and running the
    same command again skips it (exit code 130).

    \b
    Example: oifgraph ingest corpus/ --jobs 2
             cat article.txt | oifgraph ingest - --id my-article
             oifgraph ingest articles.jsonl
             zcat dump.jsonl.gz | oifgraph ingest --format jsonl -
    """
    bad_lines: list[tuple[str, str]] = []
    documents, count = _input_stream(paths, doc_id, input_format, bad_lines)
    jobs = jobs or api.default_jobs()
    if count is not None:
        jobs = min(jobs, count)  # no worker processes for one document
    show_bar = count is not None and count > 1 and sys.stderr.isatty()
    with api.open_store(store_path) as store, Interrupt() as interrupt:
        options = {"base": base, "jobs": jobs, "batch_size": batch_size, "stop": interrupt}
        if show_bar:
            with click.progressbar(length=count, label="Ingesting", file=sys.stderr) as bar:
                report = api.ingest(documents, store, progress=lambda _d: bar.update(1), **options)
        else:
            report = api.ingest(documents, store, **options)
    click.echo(
        f"{report.documents} document{'s' if report.documents != 1 else ''} "
        f"({report.added} added, {report.replaced} replaced, {report.unchanged} unchanged), "
        f"{report.entities} entities, {report.relations} relations, {report.triples_added:+d} triples "
        f"in {store.location}"
    )
    failed = bad_lines + report.failed
    for source, why in failed:
        click.echo(f"failed: {source}: {why}", err=True)
    if report.interrupted:
        click.echo(
            f"interrupted: {report.added + report.replaced} documents stored, none half-stored; "
            "run the same command again to continue (stored documents are skipped)",
            err=True,
        )
        sys.exit(EXIT_INTERRUPTED)
    if failed:
        sys.exit(EXIT_PARTIAL if len(failed) < report.documents + len(bad_lines) else EXIT_USAGE)


@cli.command(epilog=EPILOG)
@click.argument("path", metavar="PATH | -")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--id", "doc_id", metavar="ID", help="Document id for text read from stdin.")
@handle_errors
def extract(path: str, fmt: str, doc_id: str | None) -> None:
    """Analyse one text (or a folder) and print what was found, without a store.

    --format json prints the annotation JSON (entities with type and mentions; relations with
    subject, predicate, object, role, evidence, confidence).
    """
    documents = _documents((path,), doc_id)
    extractions = [e.as_json() for e in api.Extractor.shared().extract_many(documents)]
    if fmt == "json":
        payload = extractions[0] if len(extractions) == 1 else extractions
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    for result in extractions:
        _print_extraction(result)


def _print_extraction(result: dict) -> None:
    click.secho(f"# {result['document']}", bold=True)
    click.echo(f"Entities ({len(result['entities'])})")
    width = max((len(e["name"]) for e in result["entities"]), default=4)
    for e in result["entities"]:
        others = [m for m in e["mentions"] if m != e["name"]]
        click.echo(f"  {e['type']:<12}  {e['name']:<{width}}  {', '.join(others)}".rstrip())
    click.echo(f"Relations ({len(result['relations'])})")
    for r in result["relations"]:
        role = f" [{r['role']}]" if r.get("role") else ""
        click.echo(f"  {r['confidence']:.2f}  {r['subject']} —{r['predicate']}→ {r['object']}{role}")


@cli.command(epilog=EPILOG)
@click.argument("sparql", required=False, metavar="QUERY")
@click.option(
    "-f",
    "--file",
    "query_file",
    type=click.File("r", encoding="utf-8"),
    help="Read the query from a file (- for stdin).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "tsv", "json", "turtle", "ntriples", "jsonld"]),
    help="table|csv|tsv|json (SPARQL JSON) for SELECT/ASK; turtle|ntriples|jsonld for CONSTRUCT/DESCRIBE.",
)
@STORE_OPTION
@handle_errors
def query(sparql: str | None, query_file, fmt: str | None, store_path: str | None) -> None:
    """Run a read-only SPARQL 1.1 query over all documents.

    Prefixes oif:, rdf:, rdfs:, xsd:, skos:, dcterms:, prov:, schema:, owl: are predeclared.

    \b
    Example: oifgraph query 'SELECT ?name WHERE { ?p a oif:Person ; rdfs:label ?name }'
    """
    from .rdf.results import write_results

    if query_file is not None:
        sparql = query_file.read()
    if not sparql:
        raise InputError("no query: give it as an argument or with -f FILE")
    with api.open_store(store_path, read_only=True) as store:
        results = api.query(sparql, store)
        write_results(results, fmt, sys.stdout, sys.stdout.buffer)
        sys.stdout.flush()


@cli.command(epilog=EPILOG)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["turtle", "ntriples", "nquads", "trig", "jsonld", "graphml"]),
    default="turtle",
    show_default=True,
    help="nquads, trig and jsonld keep one named graph per document; turtle and ntriples merge them.",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Output file (default: stdout)."
)
@STORE_OPTION
@handle_errors
def export(fmt: str, output: str | None, store_path: str | None) -> None:
    """Write the whole graph as RDF, or as GraphML for Gephi, yEd, Cytoscape.

    GraphML has one node per entity (id = IRI, label, type) and one edge per relation
    (predicate, evidence, document, confidence, rule, role).
    """
    with api.open_store(store_path, read_only=True) as store:
        if output:
            try:
                with open(output, "wb") as out:
                    api.export(store, fmt, out)
            except OSError as exc:
                raise InputError(f"cannot write {output}: {exc.strerror or exc}") from exc
        else:
            out = sys.stdout.buffer
            api.export(store, fmt, out)
            out.flush()


@cli.command(epilog=EPILOG)
@click.option("--json", "as_json", is_flag=True, help="Print the statistics as JSON.")
@STORE_OPTION
@handle_errors
def stats(as_json: bool, store_path: str | None) -> None:
    """Documents, entities per type, relations per predicate and triples in the store."""
    with api.open_store(store_path, read_only=True) as store:
        numbers = api.stats(store)
    if as_json:
        click.echo(json.dumps(numbers, indent=2))
        return
    click.echo(f"documents  {numbers['documents']}")
    click.echo(f"entities   {sum(numbers['entities'].values())}")
    for name, n in numbers["entities"].items():
        click.echo(f"  {name:<16} {n}")
    click.echo(f"relations  {sum(numbers['relations'].values())}")
    for name, n in numbers["relations"].items():
        click.echo(f"  {name:<16} {n}")
    click.echo(f"triples    {numbers['triples']}")


def main() -> None:
    cli(prog_name="oifgraph")
