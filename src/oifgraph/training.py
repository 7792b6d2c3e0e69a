"""Training the learned classifiers (:mod:`oifgraph.nlp.learned`) on annotated articles.

Two stages, each a multinomial logistic regression (scikit-learn: ``pip install 'oifgraph[train]'``;
the weights are written as JSON that oifgraph reads without it):

1. The entity typer. Every name the rules type in a document is an example (its features:
   :mod:`oifgraph.nlp.mentions`), labelled with the type of the gold entity it is aligned with
   (names aligned as ``evaluate`` aligns them; names with no gold entity are left out).
2. The relation classifier, on the documents retyped by that typer. Every pair of entities named
   in one sentence is an example (:mod:`oifgraph.nlp.pairs`), labelled with the gold relation
   between the two whose evidence lies in that sentence, or "none".

Cross-validation holds out groups of documents in turn (the letters of ``dev-X01`` or ``dev-XY01``
names: one group per batch of articles written together; otherwise each document), trains on the
others and scores the held-out ones as ``evaluate`` does.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError, TrainingUnavailable
from .records import SYMMETRIC_PREDICATES, Document

_WORD = re.compile(r"\w+")
DEFAULT_C = 1.0
DEFAULT_THRESHOLD = 0.3


@dataclass
class Example:
    features: tuple[str, ...]
    allowed: tuple[str, ...]
    gold: frozenset[str]  # the labels it has in the gold file (none when empty)


@dataclass
class AnnotatedDocument:
    document: Document
    gold: dict
    group: str = ""
    doc: object = None  # the analysed spaCy Doc
    original_types: list[str] = field(default_factory=list)  # its tokens' types as the rules gave them
    alignment: dict[str, str] = field(default_factory=dict)  # extracted name → gold name
    type_examples: list[Example] = field(default_factory=list)

    def restore(self) -> None:
        """The entity types of the rules, undoing any retyping."""
        for token, etype in zip(self.doc, self.original_types, strict=True):
            if token.ent_type_ != etype:
                token.ent_type_ = etype


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower().replace("’", "'")))


def _plain(text: str) -> str:
    return " ".join(text.replace("’", "'").split())


def _states(sentence, words: set[str], evidence: str, spans: list[tuple[int, int]]) -> bool:
    """Whether a sentence is (part of) a gold relation's evidence: the evidence found in the text
    overlaps it; evidence not found as written ("A ... B") shares most of its words with it."""
    if not evidence:
        return True
    if spans:
        return any(start < sentence.end_char and sentence.start_char < end for start, end in spans)
    ev = _words(evidence)
    shared = len(ev & words)
    return shared >= 0.5 * len(ev) or shared >= 0.7 * len(words)


def _find_all(text: str, evidence: str) -> list[tuple[int, int]]:
    """Where ``evidence`` occurs in ``text``, spaces and apostrophes aside (offsets of ``text``)."""
    if not evidence:
        return []
    pattern = r"\s+".join(re.escape(w) for w in _plain(evidence).split()).replace("'", "['’]")
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)]


def _group(document: Document) -> str:
    m = re.match(r"[a-z]+-([a-z]+)\d", document.id)
    return m.group(1) if m else document.id


def annotate(documents: Sequence[Document], golds: Sequence[dict], extractor, progress=None):
    """Parse each document, align what the rules extract with the gold file, and gather the
    typer's examples."""
    from .evaluate import align_entities
    from .nlp import extract as X
    from .nlp import mentions

    texts = (extractor.normalize(d.text) for d in documents)
    out = []
    for document, gold, doc in zip(documents, golds, extractor.nlp.pipe(texts), strict=True):
        predicted = X.extract_doc(doc, document, classifier=None).as_json()
        alignment = align_entities(predicted["entities"], gold["entities"])
        gold_types = {g["name"]: g["type"] for g in gold["entities"]}
        item = AnnotatedDocument(
            document,
            gold,
            group=_group(document),
            doc=doc,
            original_types=[t.ent_type_ for t in doc],
            alignment=alignment,
        )
        for name, features in mentions.entity_features(doc).items():
            if name in alignment:
                item.type_examples.append(
                    Example(features, mentions.TYPES, frozenset([gold_types[alignment[name]]]))
                )
        out.append(item)
        if progress:
            progress(document)
    return out


def relation_examples(item: AnnotatedDocument, classifier) -> list[Example]:
    """The pairs of entities of one document once ``classifier`` has retyped it, labelled."""
    from .nlp import extract as X
    from .nlp import pairs
    from .nlp.tokens import Tokens

    item.restore()
    view = Tokens(item.doc)
    classifier.retype(view)
    resolver, finder = X.run_rules(view)
    stated: dict[tuple[str, str], list[tuple[str, str, list]]] = {}
    for r in item.gold["relations"]:
        evidence = r.get("evidence", "")
        stated.setdefault((r["subject"], r["object"]), []).append(
            (r["predicate"], evidence, _find_all(item.doc.text, evidence))
        )
    examples = []
    for cand in pairs.candidates(resolver, X.model_refs(finder, resolver)):
        words = _words(cand.sent.text)
        ga, gb = item.alignment.get(cand.first.name), item.alignment.get(cand.second.name)
        labels = set()
        for subj, obj, direction in ((ga, gb, ">"), (gb, ga, "<")):
            for pred, evidence, spans in stated.get((subj, obj), ()):
                if _states(cand.sent, words, evidence, spans):
                    labels.add(pred + ("=" if pred in SYMMETRIC_PREDICATES else direction))
        examples.append(Example(cand.features, cand.labels, frozenset(labels & set(cand.labels))))
    item.restore()
    return examples


def fit_linear(examples: Iterable[Example], *, c: float, default: str | None):
    """A multinomial logistic regression over ``examples``; those without a gold label count as
    ``default`` (or are left out when it is None)."""
    try:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression
    except ImportError as exc:
        raise TrainingUnavailable(
            "training needs scikit-learn: pip install 'oifgraph[train]' (or pip install scikit-learn)"
        ) from exc
    import numpy as np
    import scipy.sparse as sp

    from .nlp.learned import LinearModel

    rows, targets = [], []
    for ex in examples:
        labels = sorted(ex.gold) or ([default] if default else [])
        for label in labels:
            rows.append(dict.fromkeys(ex.features, 1))
            targets.append(label)
    if len(set(targets)) < 2:
        raise InputError("too few annotated examples to train on")
    vectorizer = DictVectorizer()
    matrix = sp.csr_matrix(vectorizer.fit_transform(rows))
    matrix.indices = matrix.indices.astype(np.int32)  # (liblinear and lbfgs refuse 64-bit indices)
    matrix.indptr = matrix.indptr.astype(np.int32)
    lr = LogisticRegression(C=c, max_iter=3000).fit(matrix, targets)
    labels = [str(x) for x in lr.classes_]
    if len(labels) == 2:  # a binary model has one row of weights: make it one row per label
        coef, bias = np.vstack([-lr.coef_[0], lr.coef_[0]]) / 2, np.array([-1, 1]) * lr.intercept_[0] / 2
    else:
        coef, bias = lr.coef_, lr.intercept_
    weights = {}
    for name, column in zip(vectorizer.get_feature_names_out(), coef.T, strict=True):
        # (weights under 0.01 change no probability by more than a percent or so: left out, the
        # file is a third of the size)
        kept = [[k, round(float(w), 3)] for k, w in enumerate(column) if abs(w) >= 0.01]
        if kept:
            weights[str(name)] = kept
    return LinearModel(labels, [round(float(b), 4) for b in bias], weights)


def fit(items: Sequence[AnnotatedDocument], *, c: float = DEFAULT_C, threshold: float = DEFAULT_THRESHOLD):
    """The typer trained on ``items``, then the relation classifier on them retyped by it."""
    import sklearn

    from .nlp.learned import Classifier

    types = fit_linear((ex for item in items for ex in item.type_examples), c=c, default=None)
    classifier = Classifier(types=types, threshold=threshold)
    examples = [ex for item in items for ex in relation_examples(item, classifier)]
    classifier.relations = fit_linear(examples, c=c, default="none")
    classifier.info = {
        "documents": len(items),
        "names": sum(len(item.type_examples) for item in items),
        "pairs": len(examples),
        "pairs_related": sum(1 for ex in examples if ex.gold),
        "c": c,
        "scikit-learn": sklearn.__version__,
    }
    return classifier


def fingerprint(documents: Iterable[Document], golds: Iterable[dict]) -> str:
    """A digest of the texts and gold files a classifier was trained on."""
    import hashlib
    import json

    digest = hashlib.sha256()
    for document, gold in sorted(zip(documents, golds, strict=True), key=lambda pair: pair[0].id):
        text = json.dumps(gold, sort_keys=True, ensure_ascii=False)
        digest.update(f"{document.id}\0{document.sha256}\0{text}\0".encode())
    return digest.hexdigest()


def score(items: Sequence[AnnotatedDocument], classifier, *, threshold: float | None = None, report=None):
    """The ``evaluate`` report of the rules with ``classifier`` (None: rules alone) on ``items``,
    added to ``report`` when one is given."""
    from .evaluate import Report, score_document
    from .nlp import extract as X

    report = Report() if report is None else report
    saved = None if classifier is None else classifier.threshold
    if classifier is not None and threshold is not None:
        classifier.threshold = threshold
    try:
        for item in items:
            item.restore()
            extraction = X.extract_doc(item.doc, item.document, classifier=classifier)
            report.add(score_document(item.document.id, extraction.as_json(), item.gold))
            item.restore()
    finally:
        if classifier is not None:
            classifier.threshold = saved
    return report


def cross_validate(
    items: Sequence[AnnotatedDocument],
    *,
    c: float = DEFAULT_C,
    thresholds: Sequence[float] = (0.2, 0.3, 0.4, 0.5),
    progress: Callable[[str], None] | None = None,
) -> dict:
    """Held-out scores, group by group: the rules alone, with the typer, and with the typer and
    the relation classifier at each threshold."""
    from .evaluate import Report
    from .nlp.learned import Classifier

    groups = sorted({item.group for item in items})
    if len(groups) < 2:
        raise InputError("cross-validation needs documents of at least two groups")
    rules, typer, by_threshold = Report(), Report(), {t: Report() for t in thresholds}
    for group in groups:
        held = [i for i in items if i.group == group]
        classifier = fit([i for i in items if i.group != group], c=c)
        score(held, None, report=rules)
        score(held, Classifier(types=classifier.types), report=typer)
        for t in thresholds:
            score(held, classifier, threshold=t, report=by_threshold[t])
        if progress:
            progress(group)
    return {"rules": rules, "typer": typer, "classifier": by_threshold}


def read_annotated(folders: Iterable[str | Path]) -> tuple[list[Document], list[dict]]:
    from .api import read_documents
    from .evaluate import gold_path, load_gold

    folders = list(folders)
    documents = [d for d in read_documents([Path(f) for f in folders]) if gold_path(Path(d.source)).is_file()]
    if not documents:
        raise InputError("no NAME.txt with a NAME.gold.json beside it in " + ", ".join(map(str, folders)))
    return documents, [load_gold(gold_path(Path(d.source))) for d in documents]
