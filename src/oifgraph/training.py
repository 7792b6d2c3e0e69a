"""Training the relation classifier (:mod:`oifgraph.nlp.relmodel`) on annotated articles.

Every pair of entities named in one sentence (:mod:`oifgraph.nlp.pairs`) becomes an example. Its
label is the gold relation between the two entities whose evidence lies in that sentence (or
"none"), after the extracted entities are aligned with the gold ones as ``evaluate`` aligns them.
The model is scikit-learn's multinomial logistic regression (``pip install 'oifgraph[train]'``);
the weights are written as JSON that oifgraph reads without scikit-learn.

Cross-validation holds out groups of documents in turn (``--folds``; by default the letter of
``dev-X...`` names, one group per batch of articles written together), trains on the others and
scores the held-out ones with the rules and the classifier together, the way ``evaluate`` does.
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
    gold: frozenset[str]  # the labels this pair has in the gold file ("none" when empty)


@dataclass
class AnnotatedDocument:
    document: Document
    gold: dict
    examples: list[Example] = field(default_factory=list)
    group: str = ""
    # what is needed to score it again with another model, without parsing it again
    state: object = None


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
    import re as _re

    pattern = r"\s+".join(_re.escape(w) for w in _plain(evidence).split())
    pattern = pattern.replace("'", "['’]")
    return [(m.start(), m.end()) for m in _re.finditer(pattern, text)]


def _group(document: Document) -> str:
    m = re.match(r"[a-z]+-([a-z])\d", document.id)
    return m.group(1) if m else document.id


def annotate(documents: Sequence[Document], golds: Sequence[dict], extractor, progress=None):
    """Parse each document, run the rules and build its examples."""
    from .evaluate import align_entities
    from .nlp import extract as X
    from .nlp import pairs

    texts = (extractor.normalize(d.text) for d in documents)
    out = []
    for document, gold, doc in zip(documents, golds, extractor.nlp.pipe(texts), strict=True):
        resolver, finder = X.run_rules(doc)
        predicted = X.extraction(document, resolver, finder).as_json()
        alignment = align_entities(predicted["entities"], gold["entities"])
        stated: dict[tuple[str, str], list[tuple[str, str, list]]] = {}
        for r in gold["relations"]:
            evidence = r.get("evidence", "")
            stated.setdefault((r["subject"], r["object"]), []).append(
                (r["predicate"], evidence, _find_all(doc.text, evidence))
            )
        item = AnnotatedDocument(document, gold, group=_group(document))
        for cand in pairs.candidates(resolver, X.model_refs(finder, resolver)):
            words = _words(cand.sent.text)
            ga, gb = alignment.get(cand.first.name), alignment.get(cand.second.name)
            labels = set()
            for subj, obj, direction in ((ga, gb, ">"), (gb, ga, "<")):
                for pred, evidence, spans in stated.get((subj, obj), ()):
                    if _states(cand.sent, words, evidence, spans):
                        labels.add(pred + ("=" if pred in SYMMETRIC_PREDICATES else direction))
            item.examples.append(Example(cand.features, cand.labels, frozenset(labels & set(cand.labels))))
        item.state = (resolver, finder)
        out.append(item)
        if progress:
            progress(document)
    return out


def fit(items: Sequence[AnnotatedDocument], *, c: float = DEFAULT_C, threshold: float = DEFAULT_THRESHOLD):
    """A model trained on the examples of ``items``."""
    try:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression
    except ImportError as exc:
        raise TrainingUnavailable(
            "training needs scikit-learn: pip install 'oifgraph[train]' (or pip install scikit-learn)"
        ) from exc
    import numpy as np
    import scipy.sparse as sp

    from .nlp.pairs import FEATURES_VERSION
    from .nlp.relmodel import FORMAT, RelationModel

    rows, targets = [], []
    for item in items:
        for ex in item.examples:
            for label in sorted(ex.gold) or ["none"]:
                rows.append(dict.fromkeys(ex.features, 1))
                targets.append(label)
    if len(set(targets)) < 2:
        raise InputError("too few annotated relations to train on")
    vectorizer = DictVectorizer()
    matrix = sp.csr_matrix(vectorizer.fit_transform(rows))
    matrix.indices = matrix.indices.astype(np.int32)
    matrix.indptr = matrix.indptr.astype(np.int32)
    lr = LogisticRegression(C=c, max_iter=3000).fit(matrix, targets)
    labels = [str(x) for x in lr.classes_]
    coef = lr.coef_ if len(labels) > 2 else np.vstack([-lr.coef_[0], lr.coef_[0]]) / 2
    bias = lr.intercept_ if len(labels) > 2 else np.array([-lr.intercept_[0], lr.intercept_[0]]) / 2
    weights = {}
    for name, column in zip(vectorizer.get_feature_names_out(), coef.T, strict=True):
        # (weights under 0.01 change no probability by more than a percent or so: left out, the
        # file is a third of the size)
        kept = [[k, round(float(w), 3)] for k, w in enumerate(column) if abs(w) >= 0.01]
        if kept:
            weights[str(name)] = kept
    import sklearn

    return RelationModel(
        {
            "format": FORMAT,
            "features_version": FEATURES_VERSION,
            "threshold": threshold,
            "labels": labels,
            "bias": [round(float(b), 4) for b in bias],
            "weights": weights,
            "info": {
                "examples": len(rows),
                "documents": len(items),
                "c": c,
                "scikit-learn": sklearn.__version__,
            },
        }
    )


def fingerprint(documents: Iterable[Document], golds: Iterable[dict]) -> str:
    """A digest of the texts and gold files a model was trained on."""
    import hashlib
    import json

    digest = hashlib.sha256()
    for document, gold in sorted(zip(documents, golds, strict=True), key=lambda pair: pair[0].id):
        text = json.dumps(gold, sort_keys=True, ensure_ascii=False)
        digest.update(f"{document.id}\0{document.sha256}\0{text}\0".encode())
    return digest.hexdigest()


def score(items: Sequence[AnnotatedDocument], model, *, threshold: float | None = None, report=None):
    """The ``evaluate`` report of the rules plus ``model`` (None: rules alone) on ``items``, added
    to ``report`` when one is given."""
    import copy

    from .evaluate import Report, score_document
    from .nlp import extract as X

    report = Report() if report is None else report
    for item in items:
        resolver, finder = item.state
        finder = copy.copy(finder)
        finder.found = dict(finder.found)
        if model is not None:
            saved = model.threshold
            model.threshold = saved if threshold is None else threshold
            try:
                X.add_model_relations(finder, resolver, model)
            finally:
                model.threshold = saved
        report.add(
            score_document(
                item.document.id, X.extraction(item.document, resolver, finder).as_json(), item.gold
            )
        )
    return report


def cross_validate(
    items: Sequence[AnnotatedDocument],
    *,
    c: float = DEFAULT_C,
    thresholds: Sequence[float] = (0.2, 0.3, 0.4, 0.5, 0.6),
    progress: Callable[[str], None] | None = None,
) -> dict:
    """Held-out scores, group by group: the rules alone, and with the classifier at each threshold."""
    from .evaluate import Report

    groups = sorted({item.group for item in items})
    if len(groups) < 2:
        raise InputError("cross-validation needs documents of at least two groups")
    rules, by_threshold = Report(), {t: Report() for t in thresholds}
    for group in groups:
        held = [i for i in items if i.group == group]
        model = fit([i for i in items if i.group != group], c=c)
        score(held, None, report=rules)
        for t in thresholds:
            score(held, model, threshold=t, report=by_threshold[t])
        if progress:
            progress(group)
    return {"rules": rules, "model": by_threshold}


def read_annotated(folders: Iterable[str | Path]) -> tuple[list[Document], list[dict]]:
    from .api import read_documents
    from .evaluate import gold_path, load_gold

    documents = [d for d in read_documents([Path(f) for f in folders]) if gold_path(Path(d.source)).is_file()]
    if not documents:
        raise InputError("no NAME.txt with a NAME.gold.json beside it in " + ", ".join(map(str, folders)))
    return documents, [load_gold(gold_path(Path(d.source))) for d in documents]
