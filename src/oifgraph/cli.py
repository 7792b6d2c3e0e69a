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
from .launch import QUERY_FORMATS

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, EXIT_LOCKED = 0, 1, 2, 3
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it

EPILOG = """\b
Exit codes: 0 done, 1 partial (some documents failed, the others are stored),
2 usage or input error (nothing usable to read, a malformed, refused or too long
query, a store that cannot be opened or written), 3 the store is locked by another
process (after --wait), 130 ingestion interrupted by Ctrl-C (finished documents are
stored). Errors are one line on stderr; --debug shows the traceback.
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


CLASSIFIER_OPTION = click.option(
    "--classifier",
    metavar="FILE|none",
    envvar="OIFGRAPH_CLASSIFIER",
    default=api.SHIPPED,
    show_default=True,
    help="The learned entity typer and relation classifier added to the rules: the ones shipped with "
    "oifgraph, a FILE made by 'oifgraph train', or none for the rules alone. Env: OIFGRAPH_CLASSIFIER.",
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


MAX_SIZE_OPTION = click.option(
    "--max-size",
    metavar="SIZE",
    envvar="OIFGRAPH_MAX_SIZE",
    default="10M",
    show_default=True,
    help="Refuse input files bigger than this (k, M, G suffixes; 0: no limit). Env: OIFGRAPH_MAX_SIZE.",
)


def seconds_option(name: str, envvar: str, default: float, help: str):
    """A duration in seconds (0 or more) with an environment variable, as --wait and --timeout."""
    return click.option(
        name,
        type=click.FloatRange(min=0),
        envvar=envvar,
        default=default,
        show_default=True,
        metavar="SECONDS",
        help=f"{help} Env: {envvar}.",
    )


def _documents(paths: tuple[str, ...], doc_id: str | None, max_size: str, errors: list):
    """The text documents of PATHs, all read now; inputs that cannot be used go to ``errors``."""
    stream, _count = _input_stream(paths, doc_id, "text", max_size, errors)
    documents = list(stream)
    if not documents and len(errors) == 1:
        raise InputError(": ".join(errors[0]))
    return documents


def _exit_code(failed: int, stored: int) -> int:
    if not failed:
        return EXIT_OK
    return EXIT_PARTIAL if stored else EXIT_USAGE


def _input_stream(paths: tuple[str, ...], doc_id: str | None, fmt: str, max_size: str, errors: list):
    """Documents from PATHs, read lazily, and how many there are when that is known without reading.

    Inputs that cannot be used go to ``errors`` as (path, why). Folders are listed before the
    first document is read, so a run where nothing can be read fails before the model loads.
    """
    from itertools import chain

    from .reading import is_jsonl, iter_jsonl, iter_paths, open_jsonl, parse_size, read_files, read_stdin

    if not paths:
        raise InputError("no input: give files, folders, or - for standard input")
    limit = parse_size(max_size)
    streams, count = [], 0
    texts = []
    for path in paths:
        if path == "-":
            if fmt == "jsonl":
                streams.append(iter_jsonl(sys.stdin.buffer, source="<stdin>", errors=errors, max_size=limit))
                count = None
                continue
            try:
                streams.append(iter([read_stdin(sys.stdin.buffer, doc_id=doc_id or "stdin", max_size=limit)]))
                count = count if count is None else count + 1
            except InputError as exc:
                errors.append(("<stdin>", str(exc).removeprefix("<stdin>: ")))
        elif fmt == "jsonl" or (fmt == "auto" and is_jsonl(path)):
            streams.append(open_jsonl(path, errors=errors, max_size=limit))
            count = None
        else:
            texts.append(path)
    if texts:
        files = list(iter_paths(texts, errors))
        streams.append(read_files(files, max_size=limit, errors=errors))
        count = count if count is None else count + len(files)
    if not streams and len(errors) == 1:
        raise InputError(": ".join(errors[0]))
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
@MAX_SIZE_OPTION
@seconds_option("--wait", "OIFGRAPH_WAIT", 5.0, "How long to wait for another process writing to the store.")
@CLASSIFIER_OPTION
@STORE_OPTION
@handle_errors
def ingest(
    paths: tuple[str, ...],
    doc_id: str | None,
    input_format: str,
    jobs: int | None,
    batch_size: int,
    base: str | None,
    max_size: str,
    wait: float,
    classifier: str,
    store_path: str | None,
) -> None:
    """Analyse French texts and store their facts, one named graph per document.

    PATH is a file, a folder (searched recursively for *.txt and *.md), a JSON Lines file
    (*.jsonl) or - for stdin. Documents are streamed: any number of them can be ingested in
    constant memory. Unchanged documents are skipped; a changed document replaces its previous
    facts. Each document is stored whole or not at all. Inputs that cannot be used (unreadable,
    binary, empty, too big, broken links, bad JSON lines) are listed and skipped; the others are
    stored (exit code 1). The store is locked only while facts are written, so queries and other
    ingestions can run. Ctrl-C stops after writing the documents already analysed: what is stored
    stays, and running the same command again skips it (exit code 130).

    \b
    Example: oifgraph ingest corpus/ --jobs 2
             cat article.txt | oifgraph ingest - --id my-article
             oifgraph ingest articles.jsonl
             zcat dump.jsonl.gz | oifgraph ingest --format jsonl -
    """
    errors: list[tuple[str, str]] = []
    documents, count = _input_stream(paths, doc_id, input_format, max_size, errors)
    if count == 0:  # every path given failed: say why before loading anything
        for source, why in errors:
            click.echo(f"failed: {source}: {why}", err=True)
        raise InputError("no document could be read")
    jobs = jobs or api.default_jobs()
    if count is not None:
        jobs = min(jobs, count)  # no worker processes for one document
    target = api.store_location(store_path, wait=wait)
    show_bar = count is not None and count > 1 and sys.stderr.isatty()
    with Interrupt() as interrupt:
        options = {
            "base": base,
            "jobs": jobs,
            "batch_size": batch_size,
            "stop": interrupt,
            "extractor": api.Extractor.shared(classifier=classifier),
        }
        if show_bar:
            with click.progressbar(length=count, label="Ingesting", file=sys.stderr) as bar:
                report = api.ingest(documents, target, progress=lambda _d: bar.update(1), **options)
        else:
            report = api.ingest(documents, target, **options)
    click.echo(
        f"{report.documents} document{'s' if report.documents != 1 else ''} "
        f"({report.added} added, {report.replaced} replaced, {report.unchanged} unchanged), "
        f"{report.entities} entities, {report.relations} relations, {report.triples_added:+d} triples "
        f"in {target.location}"
    )
    failed = errors + report.failed
    stored = report.documents - len(report.failed)
    if not report.documents and len(failed) == 1:  # the one input given could not be read
        raise InputError(": ".join(failed[0]))
    for source, why in failed:
        click.echo(f"failed: {source}: {why}", err=True)
    if not report.documents and failed and not report.interrupted:
        raise InputError("no document could be read")
    if report.interrupted:
        click.echo(
            f"interrupted: {report.added + report.replaced} documents stored, none half-stored; "
            "run the same command again to continue (stored documents are skipped)",
            err=True,
        )
        sys.exit(EXIT_INTERRUPTED)
    if failed:
        others = ", the others are stored" if stored else ""
        click.echo(f"{len(failed)} input{'s' if len(failed) != 1 else ''} failed{others}", err=True)
    sys.exit(_exit_code(len(failed), stored))


@cli.command(epilog=EPILOG)
@click.argument("path", metavar="PATH | -")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--id", "doc_id", metavar="ID", help="Document id for text read from stdin.")
@MAX_SIZE_OPTION
@CLASSIFIER_OPTION
@handle_errors
def extract(path: str, fmt: str, doc_id: str | None, max_size: str, classifier: str) -> None:
    """Analyse one text (or a folder) and print what was found, without a store.

    --format json prints the annotation JSON (entities with type and mentions; relations with
    subject, predicate, object, role, evidence, confidence).
    """
    errors: list[tuple[str, str]] = []
    documents = _documents((path,), doc_id, max_size, errors)
    for source, why in errors:
        click.echo(f"failed: {source}: {why}", err=True)
    if not documents:
        raise InputError("no document could be read")
    extractor = api.Extractor.shared(classifier=classifier)
    extractions = [e.as_json() for e in extractor.extract_many(documents)]
    if fmt == "json":
        payload = extractions[0] if len(extractions) == 1 else extractions
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for result in extractions:
            _print_extraction(result)
    sys.exit(_exit_code(len(errors), len(documents)))


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
@click.argument("gold_dir", metavar="GOLD_DIR", type=click.Path(file_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "markdown", "json"]),
    default="table",
    show_default=True,
    help="json includes every document's errors.",
)
@click.option("--verbose", "-v", is_flag=True, help="Also list each document's missed and spurious items.")
@click.option("--baseline", is_flag=True, help="Score plain spaCy NER on the same texts, side by side.")
@CLASSIFIER_OPTION
@handle_errors
def evaluate(gold_dir: str, fmt: str, verbose: bool, baseline: bool, classifier: str) -> None:
    """Score extraction against gold annotations: precision, recall and F1.

    GOLD_DIR holds NAME.txt files, each with NAME.gold.json beside it (the JSON of
    'extract --format json'). Scores are micro-averaged over the documents: entities untyped,
    typed and per type; relations overall, per predicate, and precision per confidence band.
    An entity matches by its normalized name or any alias; partnerOf and competesWith match in
    either direction. --baseline maps spaCy's labels ORG, PER, LOC, MISC to Organization,
    Person, Place, Project and finds no relations.

    \b
    Example: oifgraph evaluate corpus/dev --verbose
             oifgraph evaluate corpus/test --baseline --format markdown
    """
    from . import evalreport

    extractor = api.Extractor.shared(classifier=classifier)
    evaluation = api.evaluate(gold_dir, baseline=baseline, extractor=extractor)
    if fmt == "json":
        click.echo(json.dumps(evaluation.as_dict(details=True), ensure_ascii=False, indent=2))
        return
    if verbose:
        for result in evaluation.system.documents:
            click.echo(evalreport.errors(result) + "\n")
    rows = evalreport.table(evaluation.system, evaluation.baseline)
    render = evalreport.as_markdown if fmt == "markdown" else evalreport.as_text
    n = len(evaluation.system.documents)
    click.echo(f"{n} document{'s' if n != 1 else ''} in {gold_dir}" + ("\n" if fmt == "markdown" else ""))
    click.echo(render(rows))


@cli.command(epilog=EPILOG)
@click.argument("gold_dirs", nargs=-1, required=True, metavar="GOLD_DIR...", type=click.Path(file_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    default="classifier.json",
    show_default=True,
    help="Where to write the classifier.",
)
@click.option("--cv", is_flag=True, help="Cross-validate instead: score held-out groups, write nothing.")
@click.option(
    "--c",
    "c",
    type=click.FloatRange(min=0, min_open=True),
    default=None,
    help="Inverse regularization strength of the logistic regressions (default 1.0).",
)
@click.option(
    "--threshold",
    type=click.FloatRange(0, 1),
    default=None,
    help="Probability from which the relation classifier adds a relation (default 0.3).",
)
@handle_errors
def train(
    gold_dirs: tuple[str, ...], output: str, cv: bool, c: float | None, threshold: float | None
) -> None:
    """Train the entity typer and the relation classifier on annotated articles (NAME.txt with
    NAME.gold.json).

    The typer learns each name's type from the rules' votes, its mentions' contexts and its shape;
    the relation classifier learns, for each pair of entities named in one sentence, which gold
    relation that sentence states, from the dependency path between them, trigger words and
    neighbours. Both are logistic regressions; the relation classifier adds to the rules the
    relations they miss. Use them with --classifier FILE (or $OIFGRAPH_CLASSIFIER) on extract,
    ingest and evaluate. Training needs scikit-learn: pip install 'oifgraph[train]'.

    --cv holds out one group of documents at a time (the letters of dev-X01 or dev-XY01 names;
    otherwise each document), trains on the others and prints the held-out scores of the rules
    alone, with the typer, and with both at several thresholds.

    \b
    Example: oifgraph train corpus/dev -o my-classifier.json
             oifgraph evaluate corpus/test --classifier my-classifier.json
             oifgraph train corpus/dev --cv
    """
    if cv:
        click.echo(
            "cross-validating: parsing the documents, then one classifier per held-out group", err=True
        )
        result = api.cross_validate(
            gold_dirs, c=c, progress=lambda g: click.echo(f"  group {g} done", err=True)
        )
        rows = [("rules alone", result["rules"]), ("rules + typer", result["typer"])] + [
            (f"rules + typer + relations (p >= {t})", rep) for t, rep in result["classifier"].items()
        ]
        click.echo(f"{len(result['groups'])} held-out groups, {len(result['rules'].documents)} documents")
        width = max(len(name) for name, _ in rows)
        click.echo(f"{'':<{width}}  typed entities  relations    P      R      F1  correct/pred/gold")
        for name, rep in rows:
            s = rep.relations
            click.echo(
                f"{name:<{width}}  {rep.typed.f1:14.3f}  {'':9}  {s.precision:5.3f}  {s.recall:5.3f}  "
                f"{s.f1:5.3f}  {s.tp}/{s.tp + s.fp}/{s.tp + s.fn}"
            )
        return
    report = api.train(gold_dirs, c=c, threshold=threshold)
    try:
        with open(output, "w", encoding="utf-8") as out:
            json.dump(report.classifier.as_json(), out, ensure_ascii=False, separators=(",", ":"))
            out.write("\n")
    except OSError as exc:
        raise InputError(f"cannot write {output}: {exc.strerror or exc}") from exc
    click.echo(
        f"{report.documents} documents, {report.names} names, {report.pairs} pairs of entities "
        f"({report.pairs_related} with a relation): classifier written to {output}"
    )


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
    type=click.Choice(QUERY_FORMATS),
    help="table|csv|tsv|json (SPARQL JSON) for SELECT/ASK; turtle|ntriples|jsonld for CONSTRUCT/DESCRIBE.",
)
@seconds_option("--timeout", "OIFGRAPH_TIMEOUT", 60.0, "Abandon the query after this long (0: no limit).")
@STORE_OPTION
@handle_errors
def query(sparql: str | None, query_file, fmt: str | None, timeout: float, store_path: str | None) -> None:
    """Run a read-only SPARQL 1.1 query over all documents.

    Prefixes oif:, rdf:, rdfs:, xsd:, skos:, dcterms:, prov:, schema:, owl: are predeclared.
    Updates are refused, and so are SERVICE clauses: a query never sends requests elsewhere.
    Results are streamed as they come.

    \b
    Example: oifgraph query 'SELECT ?name WHERE { ?p a oif:Person ; rdfs:label ?name }'
    """
    if query_file is not None:
        sparql = query_file.read()
    if not sparql:
        raise InputError("no query: give it as an argument or with -f FILE")
    sys.stdout.flush()
    api.write_query(sparql, sys.stdout.buffer, location=store_path, fmt=fmt, timeout=timeout)
    sys.stdout.buffer.flush()


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
