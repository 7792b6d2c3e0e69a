"""The library API, and the one place where the pipeline's order is visible:

read → normalize → nlp (spaCy + oifgraph components) → extract records → resolve → RDF → store.

spaCy is imported only when text has to be analysed, so ``query``, ``export`` and ``stats`` start fast.
"""

from __future__ import annotations

import logging
import os
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import InputError, OifgraphError, StoreError
from .querying import query, write_query

if TYPE_CHECKING:  # (imported where used: 'query' and 'stats' start without them)
    from .records import Document, Extraction

log = logging.getLogger("oifgraph")
DEFAULT_MODEL = "fr_core_news_md"
_SHARED: dict[tuple, Extractor] = {}
_PIPELINES: dict[tuple, tuple] = {}
_UNSET = object()


SHIPPED = "shipped"  # the classifier that comes with oifgraph


class Extractor:
    """spaCy's French model with oifgraph's components, loaded once on first use.

    ``classifier`` holds the learned entity typer and relation classifier added to the rules: the
    one shipped with oifgraph (``"shipped"``), the path of one trained with ``oifgraph train``, or
    None for the rules alone."""

    def __init__(
        self,
        *,
        model: str = DEFAULT_MODEL,
        gazetteer_path: Path | None = None,
        classifier: str | os.PathLike | None = SHIPPED,
    ):
        self.model = model
        self.gazetteer_path = gazetteer_path
        self.classifier_path = classifier
        self._nlp = None
        self._is_word = None
        self._classifier: object = _UNSET

    @classmethod
    def shared(
        cls, *, model: str = DEFAULT_MODEL, classifier: str | os.PathLike | None = SHIPPED
    ) -> Extractor:
        """One extractor per model and process, so the model loads once (about 4 s)."""
        key = (model, None if classifier is None else str(classifier))
        if key not in _SHARED:
            _SHARED[key] = cls(model=model, classifier=classifier)
        return _SHARED[key]

    @property
    def nlp(self):
        if self._nlp is None:
            key = (self.model, self.gazetteer_path)
            if key not in _PIPELINES:  # extractors that differ by their relation model share it
                _one_numeric_thread()
                from .nlp.pipeline import load_pipeline, word_check
                from .rdf.gazetteer import load_gazetteer

                nlp = load_pipeline(load_gazetteer(self.gazetteer_path), model=self.model)
                _PIPELINES[key] = (nlp, word_check(nlp))
            self._nlp, self._is_word = _PIPELINES[key]
        return self._nlp

    @property
    def classifier(self):
        """The learned typer and relation classifier (None: the rules alone), loaded on first use."""
        if self._classifier is _UNSET:
            from .nlp.learned import Classifier, default_classifier

            path = self.classifier_path
            if path is None or str(path).lower() == "none":
                self._classifier = None
            elif str(path) == SHIPPED:
                self._classifier = default_classifier()
            else:
                self._classifier = Classifier.load(path)
        return self._classifier

    def normalize(self, text: str) -> str:
        nlp = self.nlp  # noqa: F841  (loads the French lexicon used to repair elisions)
        from .normalize import normalize

        return normalize(text, is_word=self._is_word) if self._is_word else normalize(text)

    def extract(self, document: Document) -> Extraction:
        return next(self.extract_many([document]))

    def extract_many(
        self, documents: Iterable[Document], *, batch_size: int = 16, jobs: int = 1
    ) -> Iterator[Extraction]:
        """Extractions in the order of ``documents``, streamed: only a few batches are in flight.

        ``jobs`` > 1 runs the whole analysis (normalization, the spaCy pipeline, extraction) in that
        many forked worker processes, ``batch_size`` documents at a time; only records come back.
        The model is loaded once, before forking, and shared by the workers. (Where ``fork`` does
        not exist, the analysis runs in this process.) An error in the analysis is raised.
        """
        for _document, extraction, _error in self._analyse(documents, batch_size, jobs, tolerant=False):
            yield extraction

    def analyse(
        self, documents: Iterable[Document], *, batch_size: int = 16, jobs: int = 1
    ) -> Iterator[tuple[Document, Extraction | None, str | None]]:
        """As :meth:`extract_many`, as ``(document, extraction, None)``; a document whose analysis
        fails with an unforeseen error comes back as ``(document, None, why)`` and the others go on."""
        return self._analyse(documents, batch_size, jobs, tolerant=True)

    def _analyse(self, documents, batch_size: int, jobs: int, tolerant: bool):
        import multiprocessing as mp  # here, not at the top: queries start faster without it

        if jobs > 1 and "fork" in mp.get_all_start_methods():
            yield from self._in_workers(documents, batch_size=batch_size, jobs=jobs, tolerant=tolerant)
        elif tolerant:
            for batch in _batches(documents, batch_size):
                for document, (extraction, error) in zip(batch, self._tolerant(batch), strict=True):
                    yield document, extraction, error
        else:
            for extraction in self._pipe(documents, batch_size):
                yield extraction.document, extraction, None

    def _pipe(self, documents: Iterable[Document], batch_size: int) -> Iterator[Extraction]:
        """The analysis itself, streamed through ``nlp.pipe``. A text too long for spaCy in one go
        is analysed in pieces of paragraphs (see :mod:`chunking`), merged back into one extraction."""
        from .chunking import merge_extractions, split_text
        from .nlp.extract import extract_doc

        def pieces():
            for document in documents:
                text = self.normalize(document.text)
                chunks = list(split_text(text))
                for n, (offset, piece) in enumerate(chunks):
                    yield piece, (document, offset, n == len(chunks) - 1, text)

        parts: list[tuple[int, Extraction]] = []
        classifier = self.classifier
        docs = self.nlp.pipe(pieces(), as_tuples=True, batch_size=batch_size)
        for doc, (document, offset, last, text) in docs:
            parts.append((offset, extract_doc(doc, document, classifier=classifier)))
            if last:
                yield merge_extractions(parts, text)
                parts = []

    def _tolerant(self, batch: list[Document]) -> list[tuple[Extraction | None, str | None]]:
        """(extraction, None) per document; (None, why) for one the analysis fails on."""
        try:
            return [(x, None) for x in self._pipe(batch, len(batch))]
        except OifgraphError:
            raise
        except Exception as exc:  # an unforeseen failure in spaCy or a component, on one of these texts
            if len(batch) > 1:
                return [result for d in batch for result in self._tolerant([d])]
            log.debug("analysis of %s failed", batch[0].source, exc_info=True)
            return [(None, f"analysis failed: {type(exc).__name__}: {exc}")]

    def _in_workers(self, documents, *, batch_size: int, jobs: int, tolerant: bool):
        global _WORKER_EXTRACTOR
        from .nlp.extract import extract_doc  # noqa: F401  (imported once, before forking)

        self.nlp  # noqa: B018  (load the model before forking: the workers share it)
        self.classifier  # noqa: B018
        _WORKER_EXTRACTOR = self
        import multiprocessing as mp

        pool = mp.get_context("fork").Pool(jobs)
        in_flight: deque = deque()  # (batch, its pending results), in document order
        finished = False

        def done():
            batch, pending = in_flight.popleft()
            for document, (extraction, error) in zip(batch, pending.get(), strict=True):
                yield document, extraction, error

        try:
            for batch in _batches(documents, batch_size):
                in_flight.append((batch, pool.apply_async(_work, (batch, tolerant))))
                if len(in_flight) >= 2 * jobs:  # keep every worker busy, and no more
                    yield from done()
            while in_flight:
                yield from done()
            finished = True
        finally:
            if finished:
                pool.close()
            else:
                pool.terminate()  # the consumer stopped early, or a batch failed
            pool.join()


_WORKER_EXTRACTOR: Extractor | None = None  # set in the parent just before the workers fork


def _work(batch: list[Document], tolerant: bool) -> list[tuple[Extraction | None, str | None]]:
    """In a worker process: the inherited extractor analyses one batch; only records go back."""
    assert _WORKER_EXTRACTOR is not None
    if tolerant:
        return _WORKER_EXTRACTOR._tolerant(batch)
    return [(x, None) for x in _WORKER_EXTRACTOR._pipe(batch, len(batch))]


def _one_numeric_thread() -> None:
    """oifgraph runs analyses side by side in processes (``--jobs``), one per core. OpenBLAS
    starts a thread per core in each of them, which only compete with the other processes: set
    before numpy loads, one thread each took about 8% off a two-process ingestion. A setting
    of the user's own is kept."""
    import sys

    if "numpy" in sys.modules:
        return
    for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(variable, "1")


def _batches(items: Iterable, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def read_documents(
    paths: Iterable[str | os.PathLike],
    *,
    max_size: int | None = None,
    errors: list[tuple[str, str]] | None = None,
) -> list[Document]:
    """Documents from files and folders (recursively ``*.txt`` and ``*.md``); a ``*.jsonl`` or
    ``*.ndjson`` file holds one document per line, as for ``oifgraph ingest``.

    A file that cannot be used (unreadable, binary, empty, over ``max_size`` bytes, a broken link,
    a line that is no document...) raises :class:`InputError`; when ``errors`` is given, it is
    appended there as ``(path, why)`` and the other files are still read.
    """
    from .reading import DEFAULT_MAX_SIZE, is_jsonl, iter_documents, open_jsonl

    size = DEFAULT_MAX_SIZE if max_size is None else max_size
    paths = list(paths)
    texts = [p for p in paths if not is_jsonl(p)]
    documents = list(iter_documents(texts, max_size=size, errors=errors)) if texts else []
    for path in paths:
        if is_jsonl(path):
            documents.extend(open_jsonl(path, errors=errors, max_size=size))
    return documents


def extract(source: str | Document, *, extractor: Extractor | None = None) -> Extraction:
    """Extract entities and relations from a text or a :class:`Document` (no store involved)."""
    if isinstance(source, str):
        from .reading import make_document

        source = make_document(source.encode("utf-8"), doc_id="text", source="<string>")
    return (extractor or Extractor.shared()).extract(source)


@dataclass
class IngestReport:
    documents: int = 0
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    entities: int = 0
    relations: int = 0
    triples_added: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    interrupted: bool = False


def open_store(location: str | os.PathLike | None = None, *, read_only: bool = False, wait: float = 0.0):
    """The store at ``location`` (see :func:`oifgraph.rdf.store.open_store`)."""
    from .rdf.store import open_store as _open

    return _open(location, read_only=read_only, wait=wait)


def store_location(location: str | os.PathLike | None = None, *, wait: float | None = None):
    """A store that :func:`ingest` opens for writing only while it writes (the lock is held briefly)."""
    from .rdf.store import DEFAULT_WAIT, StoreLocation

    return StoreLocation(location, wait=DEFAULT_WAIT if wait is None else wait)


class _Open:
    """An already open store, seen through the interface of :class:`~oifgraph.rdf.store.StoreLocation`."""

    def __init__(self, store):
        self.store = store
        self.location = store.location

    @contextmanager
    def reading(self):
        yield self.store

    @contextmanager
    def writing(self):
        yield self.store


def ingest(
    documents: Iterable[Document],
    store,
    *,
    base: str | None = None,
    extractor: Extractor | None = None,
    progress: Callable[[Document], None] | None = None,
    jobs: int = 1,
    batch_size: int = 16,
    stop: Callable[[], bool] | None = None,
) -> IngestReport:
    """Extract each document and write its facts into ``store`` as its own named graph.

    ``documents`` may be any iterable, even an endless stream: it is consumed lazily, a few batches
    ahead of the writes, so memory does not grow with the number of documents. ``jobs`` > 1 analyses
    in that many worker processes (see :meth:`Extractor.extract_many`).

    ``store`` is an open store, or a :func:`store_location`: then the write lock is taken only to
    write a batch of analysed documents (at least ``batch_size`` of them, about once a second at
    most), never during the analysis. Each document
    is written in one transaction: a crash leaves it whole or absent. An unchanged document (same
    content hash) is skipped before any analysis; a changed one replaces its graph. A document whose
    analysis fails is listed in ``report.failed``; a store that cannot be written raises
    :class:`StoreError`. When ``stop()`` turns true, the documents already analysed are written and
    ingestion ends (``report.interrupted``); running it again skips what is stored.
    """
    from .rdf import iris
    from .rdf.mapping import document_quads
    from .rdf.vocab import DEFAULT_BASE
    from .resolve import KeyCache, resolve_entities

    base = iris.check_base(base or os.environ.get("OIFGRAPH_BASE") or DEFAULT_BASE)
    extractor = extractor or Extractor.shared()
    target = store if hasattr(store, "writing") else _Open(store)
    report = IngestReport()
    stopped = stop or (lambda: False)
    known = KeyCache()  # an entity named in many documents is looked up in the store once

    def mint(etype: str, name: str) -> str:
        return iris.entity_iri(base, etype, name)

    def write(writer, document: Document, extraction: Extraction) -> None:
        """One document's facts, in one transaction, counted in ``report``."""
        doc_iri = iris.document_iri(base, document.id)
        old = writer.document_hash(doc_iri)  # checked again: another process may have written it
        if old == document.sha256:
            report.unchanged += 1
            return
        existed = old is not None
        try:
            resolved = resolve_entities(extraction, lambda keys: known.lookup(keys, writer.lookup_keys), mint)
            quads = document_quads(extraction, resolved, base=base)
            before = _graph_size(writer, doc_iri) if existed else 0
            writer.replace_document(doc_iri, quads, new=not existed)
            known.remember(resolved.values())
        except StoreError:
            raise
        except OifgraphError as exc:
            report.failed.append((document.source, str(exc)))
            return
        report.triples_added += len(quads) - before
        report.replaced += existed
        report.added += not existed
        report.entities += len(extraction.entities)
        report.relations += len(extraction.relations)

    def changed() -> Iterator[Document]:
        """The documents that need analysis; their hashes are checked a few batches at a time."""
        for chunk in _batches(documents, 4 * batch_size):
            with target.reading() as view:
                for document in chunk:
                    if stopped():
                        return
                    doc_iri = iris.document_iri(base, document.id)
                    old = view.document_hash(doc_iri) if view is not None else None
                    if old == document.sha256:
                        report.documents += 1
                        report.unchanged += 1
                        if progress:
                            progress(document)
                        continue
                    yield document

    analysed: list[tuple[Document, Extraction | None, str | None]] = []
    last_write = time.monotonic()
    interval = WRITE_INTERVAL

    def write_analysed() -> None:
        nonlocal last_write, interval
        if not analysed:
            return
        started = time.monotonic()
        with target.writing() as writer:  # the lock is held from here ...
            opened = time.monotonic()
            for document, extraction, error in analysed:
                report.documents += 1
                if error is not None:
                    report.failed.append((document.source, error))
                elif extraction is not None:
                    write(writer, document, extraction)
                if progress:
                    progress(document)
            written = time.monotonic()
        analysed.clear()  # ... to here: the next batch is analysed without it
        last_write = time.monotonic()
        # Opening and closing (flushing) a store folder cost 0.05-0.2 s, taken from the cores
        # that analyse: write seldom enough that they stay under 5% of the time.
        overhead = (opened - started) + (last_write - written)
        interval = min(MAX_WRITE_INTERVAL, max(WRITE_INTERVAL, 20 * overhead))

    def time_to_write() -> bool:
        """Batches are written at most about every ``interval`` seconds (see above), unless many
        documents wait."""
        if len(analysed) >= 16 * batch_size:
            return True
        return len(analysed) >= batch_size and time.monotonic() - last_write >= interval

    with closing(extractor.analyse(changed(), batch_size=batch_size, jobs=jobs)) as analysis:
        for document, extraction, error in analysis:
            analysed.append((document, extraction, error))
            if time_to_write() or stopped():
                write_analysed()
            if stopped():
                break
        write_analysed()
    report.interrupted = stopped()
    return report


WRITE_INTERVAL = 1.0  # seconds between writes at least; see ingest()
MAX_WRITE_INTERVAL = 8.0  # ... and at most, however slow the store is to open


def _graph_size(store, doc_iri: str) -> int:
    rows = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{doc_iri}> {{ ?s ?p ?o }} }}")
    return int(next(iter(rows))["n"].value)


@dataclass
class Evaluation:
    """oifgraph's scores on a gold folder, and optionally plain spaCy NER's on the same texts."""

    system: object
    baseline: object | None = None

    def as_dict(self, *, details: bool = False) -> dict:
        out = {"oifgraph": self.system.as_dict(details=details)}
        if self.baseline is not None:
            out["baseline"] = self.baseline.as_dict(details=details)
        return out


@dataclass
class TrainReport:
    documents: int
    names: int  # the typer's examples
    pairs: int  # the relation classifier's examples
    pairs_related: int  # those labelled with a relation
    classifier: object = None  # the nlp.learned.Classifier


def train(
    gold_dirs: Iterable[str | os.PathLike],
    *,
    c: float | None = None,
    threshold: float | None = None,
    extractor: Extractor | None = None,
    progress: Callable[[Document], None] | None = None,
) -> TrainReport:
    """The learned typer and relation classifier, trained on every ``NAME.txt`` with a
    ``NAME.gold.json`` in ``gold_dirs`` (see :mod:`oifgraph.training`);
    ``report.classifier.as_json()`` is the file to save."""
    from . import training

    documents, golds = training.read_annotated(gold_dirs)
    items = training.annotate(documents, golds, extractor or Extractor.shared(classifier=None), progress)
    classifier = training.fit(
        items,
        c=training.DEFAULT_C if c is None else c,
        threshold=training.DEFAULT_THRESHOLD if threshold is None else threshold,
    )
    classifier.info["corpus"] = training.fingerprint(documents, golds)  # what it was trained on
    info = classifier.info
    return TrainReport(info["documents"], info["names"], info["pairs"], info["pairs_related"], classifier)


def cross_validate(
    gold_dirs: Iterable[str | os.PathLike],
    *,
    c: float | None = None,
    thresholds: Sequence[float] = (0.2, 0.3, 0.4, 0.5),
    extractor: Extractor | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict:
    """Held-out scores of the rules alone, with a typer, and with a typer and a relation classifier,
    each trained on the other groups of documents: ``{"groups": [...], "rules": Report, "typer":
    Report, "classifier": {threshold: Report}}``."""
    from . import training

    documents, golds = training.read_annotated(gold_dirs)
    items = training.annotate(documents, golds, extractor or Extractor.shared(classifier=None))
    result = training.cross_validate(
        items, c=training.DEFAULT_C if c is None else c, thresholds=thresholds, progress=progress
    )
    result["groups"] = sorted({item.group for item in items})
    return result


def evaluate(
    gold_dir: str | os.PathLike,
    *,
    extractor: Extractor | None = None,
    baseline: bool = False,
    progress: Callable[[Document], None] | None = None,
) -> Evaluation:
    """Score extraction on every ``NAME.txt`` of ``gold_dir`` that has a ``NAME.gold.json``."""
    from .evaluate import Report, baseline_annotation, gold_path, load_gold, score_document

    folder = Path(gold_dir)
    if not folder.is_dir():
        raise InputError(f"{folder} is not a folder of NAME.txt and NAME.gold.json files")
    documents = [d for d in read_documents([folder]) if gold_path(Path(d.source)).is_file()]
    if not documents:
        raise InputError(f"no NAME.txt with a NAME.gold.json beside it in {folder}")
    golds = [load_gold(gold_path(Path(d.source))) for d in documents]
    extractor = extractor or Extractor.shared()
    system = Report()
    for document, gold, extraction in zip(documents, golds, extractor.extract_many(documents), strict=True):
        system.add(score_document(document.id, extraction.as_json(), gold))
        if progress:
            progress(document)
    result = Evaluation(system)
    if baseline:
        from .nlp.pipeline import load_plain

        nlp = load_plain(extractor.model)
        result.baseline = Report()
        for document, gold, doc in zip(documents, golds, nlp.pipe(d.text for d in documents), strict=True):
            result.baseline.add(score_document(document.id, baseline_annotation(doc), gold))
    return result


def export(store, fmt: str, output) -> None:
    from .rdf.export import export as _export

    _export(store, fmt, output)


def stats(store) -> dict:
    """Documents, entities per type, relations per predicate, triples."""
    from .rdf.export import ENTITIES_QUERY
    from .rdf.vocab import ONTOLOGY

    documents = next(iter(store.query("SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a oif:Document }")))
    types = Counter(row["type"].value.removeprefix(ONTOLOGY) for row in store.query(ENTITIES_QUERY))
    relations = Counter()
    for row in store.query(
        "SELECT ?p (COUNT(*) AS ?n) WHERE { ?st a oif:RelationStatement ; rdf:predicate ?p } GROUP BY ?p"
    ):
        relations[row["p"].value.removeprefix(ONTOLOGY)] = int(row["n"].value)
    return {
        "documents": int(documents["n"].value),
        "entities": dict(sorted(types.items())),
        "relations": dict(sorted(relations.items())),
        "triples": len(store),
    }


__all__ = [
    "Evaluation",
    "Extractor",
    "default_jobs",
    "IngestReport",
    "InputError",
    "evaluate",
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
