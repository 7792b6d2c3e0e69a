"""The library API, and the one place where the pipeline's order is visible:

read → normalize → nlp (spaCy + oifgraph components) → extract records → resolve → RDF → store.

spaCy is imported only when text has to be analysed, so ``query``, ``export`` and ``stats`` start fast.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError, OifgraphError
from .normalize import normalize
from .reading import document_ids, iter_paths, read_file
from .records import Document, Extraction

DEFAULT_MODEL = "fr_core_news_md"
_SHARED: dict[str, Extractor] = {}


class Extractor:
    """spaCy's French model with oifgraph's components, loaded once on first use."""

    def __init__(self, *, model: str = DEFAULT_MODEL, gazetteer_path: Path | None = None):
        self.model = model
        self.gazetteer_path = gazetteer_path
        self._nlp = None
        self._is_word = None

    @classmethod
    def shared(cls, *, model: str = DEFAULT_MODEL) -> Extractor:
        """One extractor per model and process, so the model loads once (about 4 s)."""
        if model not in _SHARED:
            _SHARED[model] = cls(model=model)
        return _SHARED[model]

    @property
    def nlp(self):
        if self._nlp is None:
            from .nlp.pipeline import load_pipeline, word_check
            from .rdf.gazetteer import load_gazetteer

            self._nlp = load_pipeline(load_gazetteer(self.gazetteer_path), model=self.model)
            self._is_word = word_check(self._nlp)
        return self._nlp

    def normalize(self, text: str) -> str:
        nlp = self.nlp  # noqa: F841  (loads the French lexicon used to repair elisions)
        return normalize(text, is_word=self._is_word) if self._is_word else normalize(text)

    def extract(self, document: Document) -> Extraction:
        return next(self.extract_many([document]))

    def extract_many(
        self, documents: Iterable[Document], *, batch_size: int = 32, jobs: int = 1
    ) -> Iterator[Extraction]:
        """Extractions in the order of ``documents``, streamed: only a few batches are in flight.

        ``jobs`` > 1 runs the whole analysis (normalization, the spaCy pipeline, extraction) in
        that many forked worker processes, ``batch_size`` documents at a time, and only records
        come back: the model is loaded once, before forking, and shared by the workers; no Doc
        has to be serialized. Where fork is not available, spaCy's ``nlp.pipe(n_process=)`` is used.
        """
        if jobs > 1 and "fork" in mp.get_all_start_methods():
            yield from self._extract_in_workers(documents, batch_size=batch_size, jobs=jobs)
            return
        from .nlp.extract import extract_doc

        nlp = self.nlp
        in_flight: deque[Document] = deque()

        def texts() -> Iterator[str]:
            for document in documents:
                in_flight.append(document)
                yield self.normalize(document.text)

        docs = nlp.pipe(texts(), batch_size=batch_size, n_process=max(1, jobs))
        try:
            for doc in docs:
                yield extract_doc(doc, in_flight.popleft())
        finally:
            close = getattr(docs, "close", None)
            if close:
                close()  # stops spaCy's worker processes when the consumer stops early

    def _extract_in_workers(
        self, documents: Iterable[Document], *, batch_size: int, jobs: int
    ) -> Iterator[Extraction]:
        global _WORKER_EXTRACTOR
        from .nlp.extract import extract_doc  # noqa: F401  (imported once, before forking)

        self.nlp  # noqa: B018  (load the model before forking: the workers share it)
        _WORKER_EXTRACTOR = self
        pool = mp.get_context("fork").Pool(jobs)
        in_flight: deque = deque()  # results of submitted batches, in document order
        finished = False
        try:
            for batch in _batches(documents, batch_size):
                in_flight.append(pool.apply_async(_extract_batch, (batch,)))
                if len(in_flight) >= 2 * jobs:  # keep every worker busy, and no more
                    yield from in_flight.popleft().get()
            while in_flight:
                yield from in_flight.popleft().get()
            finished = True
        finally:
            if finished:
                pool.close()
            else:
                pool.terminate()  # the consumer stopped early, or a batch failed
            pool.join()


_WORKER_EXTRACTOR: Extractor | None = None  # set in the parent just before the workers fork


def _extract_batch(documents: list[Document]) -> list[Extraction]:
    """In a worker process: the inherited extractor, one spaCy batch, records back."""
    assert _WORKER_EXTRACTOR is not None
    return list(_WORKER_EXTRACTOR.extract_many(documents, batch_size=len(documents), jobs=1))


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


def read_documents(paths: Iterable[str | os.PathLike]) -> list[Document]:
    """Documents from files and folders (recursively ``*.txt`` and ``*.md``)."""
    files = list(iter_paths(paths))
    return [read_file(p, doc_id=i) for p, i in zip(files, document_ids(files), strict=True)]


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
    triples_before: int = 0
    triples_after: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    interrupted: bool = False

    @property
    def triples_added(self) -> int:
        return self.triples_after - self.triples_before


def open_store(location: str | os.PathLike | None = None, *, read_only: bool = False):
    from .rdf.store import open_store as _open

    return _open(location, read_only=read_only)


def ingest(
    documents: Iterable[Document],
    store,
    *,
    base: str | None = None,
    extractor: Extractor | None = None,
    progress: Callable[[Document], None] | None = None,
    jobs: int = 1,
    batch_size: int = 32,
    stop: Callable[[], bool] | None = None,
) -> IngestReport:
    """Extract each document and write its facts into ``store`` as its own named graph.

    An unchanged document (same content hash) is skipped before any analysis; a changed one
    replaces its graph. ``documents`` may be any iterable, even an endless stream: it is consumed
    lazily, a few batches ahead of the writes, so memory does not grow with the number of documents.
    Each document is written in one transaction. When ``stop()`` turns true, ingestion ends after
    the document being written (``report.interrupted``); every document written so far stays.
    """
    from .rdf import iris
    from .rdf.mapping import document_quads
    from .rdf.vocab import DEFAULT_BASE
    from .resolve import resolve_entities

    base = base or os.environ.get("OIFGRAPH_BASE") or DEFAULT_BASE
    extractor = extractor or Extractor.shared()
    report = IngestReport(triples_before=len(store))
    existed: deque[bool] = deque()  # one entry per document sent to analysis, in order

    def mint(etype: str, name: str) -> str:
        return iris.entity_iri(base, etype, name)

    def changed_documents() -> Iterator[Document]:
        for document in documents:
            if stop is not None and stop():
                return
            old = store.document_hash(iris.document_iri(base, document.id))
            if old == document.sha256:
                report.documents += 1
                report.unchanged += 1
                if progress:
                    progress(document)
                continue
            existed.append(old is not None)
            yield document

    extractions = extractor.extract_many(changed_documents(), batch_size=batch_size, jobs=jobs)
    with closing(extractions):
        for extraction in extractions:
            document = extraction.document
            was_there = existed.popleft()
            report.documents += 1
            try:
                resolved = resolve_entities(extraction, store.lookup_keys, mint)
                doc_iri = iris.document_iri(base, document.id)
                store.replace_document(doc_iri, document_quads(extraction, resolved, base=base))
            except OifgraphError as exc:
                report.failed.append((document.source, str(exc)))
            else:
                report.replaced += was_there
                report.added += not was_there
                report.entities += len(extraction.entities)
                report.relations += len(extraction.relations)
            if progress:
                progress(document)
            if stop is not None and stop():
                break
    report.interrupted = stop is not None and stop()
    report.triples_after = len(store)
    return report


def query(sparql: str, store):
    """Run a read-only SPARQL query over the union of all documents (prefixes predeclared)."""
    from .errors import QueryError
    from .rdf.results import is_update

    if not sparql.strip():
        raise QueryError("empty query")
    if is_update(sparql):
        raise QueryError(
            "SPARQL updates are refused: 'query' is read-only (use 'ingest' to change the graph)"
        )
    return store.query(sparql)


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
    "Extractor",
    "default_jobs",
    "IngestReport",
    "InputError",
    "export",
    "extract",
    "ingest",
    "open_store",
    "query",
    "read_documents",
    "stats",
]
