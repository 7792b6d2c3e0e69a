"""The learned classifiers that oifgraph adds to its rules, trained on annotated articles
(``oifgraph train``, :mod:`oifgraph.training`):

- the entity typer: for each name of a document, a type, from the rules' votes, the contexts of
  its mentions and its shape (features: :mod:`.mentions`);
- the relation classifier: for each pair of entities named in one sentence, a probability for
  every relation their types allow and for none (features: :mod:`.pairs`). The rules find
  relations first; it adds those they missed whose probability reaches the threshold.

Both are multinomial logistic regressions. Their weights are plain JSON, read without any
machine-learning library: scoring sums a few rows of a matrix.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

from ..errors import InputError
from . import mentions, pairs

FORMAT = "oifgraph-classifier"
DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "classifier.json"


class LinearModel:
    """One multinomial logistic regression: a bias per label and, per feature, (label, weight) pairs."""

    __slots__ = ("labels", "bias", "weights", "_none", "_index", "_rows", "_matrix")

    def __init__(self, labels: list[str], bias: list[float], weights: dict[str, list]):
        import numpy as np

        self.labels = list(labels)
        self.bias = [float(b) for b in bias]
        self.weights: dict[str, list[tuple[int, float]]] = {
            f: [(int(k), float(w)) for k, w in ws] for f, ws in weights.items()
        }
        self._index = {label: k for k, label in enumerate(self.labels)}
        self._none = self._index.get("none")
        # The weights as a matrix, a row per feature, the bias last: a score sums a few rows.
        self._rows = {f: r for r, f in enumerate(self.weights)}
        matrix = np.zeros((len(self.weights) + 1, len(self.labels)))
        matrix[-1] = self.bias
        for r, ws in enumerate(self.weights.values()):
            for k, w in ws:
                matrix[r, k] = w
        self._matrix = matrix

    @classmethod
    def from_json(cls, data: dict) -> LinearModel:
        return cls(data["labels"], data["bias"], data["weights"])

    def as_json(self) -> dict:
        return {
            "labels": self.labels,
            "bias": self.bias,
            "weights": {f: [[k, w] for k, w in ws] for f, ws in self.weights.items()},
        }

    def probabilities(
        self, features: Iterable[str], labels: Iterable[str], *, against_none: bool = True
    ) -> dict[str, float]:
        """The probability of each of ``labels`` (those allowed here) against none, or against
        each other only when ``against_none`` is false or the model has no "none"."""
        return self._softmax(self.scores([features])[0], labels, against_none)

    def probabilities_many(
        self, examples: Iterable[tuple[Iterable[str], Iterable[str]]], *, against_none: bool = True
    ) -> list[dict[str, float]]:
        """:meth:`probabilities` of many (features, labels), scored in one matrix operation."""
        examples = list(examples)
        if not examples:
            return []
        scores = self.scores([features for features, _ in examples])
        return [
            self._softmax(s, labels, against_none) for s, (_, labels) in zip(scores, examples, strict=True)
        ]

    def scores(self, feature_lists: list[Iterable[str]]) -> list[list[float]]:
        """Each label's score for each list of features: the sum of their rows and the bias."""
        import numpy as np

        rows, bias = self._rows, len(self._rows)
        picked: list[int] = []
        starts: list[int] = []
        for features in feature_lists:
            starts.append(len(picked))
            picked.extend(r for f in features if (r := rows.get(f)) is not None)
            picked.append(bias)
        return np.add.reduceat(self._matrix[picked], starts, axis=0).tolist()

    def _softmax(self, scores: list[float], labels: Iterable[str], against_none: bool) -> dict[str, float]:
        index = self._index
        allowed = [(label, index[label]) for label in labels if label in index]
        rest = [scores[self._none]] if against_none and self._none is not None else []
        top = max([*rest, *(scores[k] for _, k in allowed)])
        exps = {label: math.exp(scores[k] - top) for label, k in allowed}
        total = sum(math.exp(x - top) for x in rest) + sum(exps.values())
        return {label: e / total for label, e in exps.items()}


class Classifier:
    """The entity typer and the relation classifier of one training run (either may be absent)."""

    def __init__(
        self,
        *,
        types: LinearModel | None = None,
        relations: LinearModel | None = None,
        threshold: float = 0.5,
        info: dict | None = None,
    ):
        self.types = types
        self.relations = relations
        self.threshold = threshold
        self.info = info or {}

    @classmethod
    def from_json(cls, data: dict) -> Classifier:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise InputError(f"not an oifgraph classifier (no 'format': '{FORMAT}')")
        expected = {"types": mentions.FEATURES_VERSION, "relations": pairs.FEATURES_VERSION}
        parts = {}
        for part, version in expected.items():
            if (section := data.get(part)) is None:
                continue
            if section.get("features_version") != version:
                raise InputError(
                    f"the classifier's {part} were trained on features version "
                    f"{section.get('features_version')}, this oifgraph computes version {version}: "
                    "retrain it with 'oifgraph train'"
                )
            parts[part] = LinearModel.from_json(section)
        return cls(**parts, threshold=float(data.get("threshold", 0.5)), info=data.get("info", {}))

    @classmethod
    def load(cls, path: str | Path) -> Classifier:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(f"cannot read the classifier {path}: {exc}") from exc
        return cls.from_json(data)

    def as_json(self) -> dict:
        out: dict = {"format": FORMAT, "threshold": self.threshold}
        if self.types is not None:
            out["types"] = {"features_version": mentions.FEATURES_VERSION, **self.types.as_json()}
        if self.relations is not None:
            out["relations"] = {"features_version": pairs.FEATURES_VERSION, **self.relations.as_json()}
        out["info"] = self.info
        return out

    def retype(self, doc) -> None:
        """Each name of ``doc`` gets the type the typer finds likeliest (nothing without a typer)."""
        if self.types is not None:
            mentions.retype(doc, self.types)

    def relations_of(self, resolver, refs=None) -> Iterator[tuple[str, object, object, float, object]]:
        """(predicate, subject Ref, object Ref, probability, sentence) for every label of every
        candidate pair at or above the threshold (``refs``: the mentions, token → Ref; by default
        the resolver's)."""
        if self.relations is None:
            return
        candidates = list(pairs.candidates(resolver, refs))
        scored = self.relations.probabilities_many((c.features, c.labels) for c in candidates)
        for cand, probabilities in zip(candidates, scored, strict=True):
            for label, p in probabilities.items():
                if p >= self.threshold:
                    pred, subj, obj = pairs.orient(label, cand.first, cand.second)
                    yield pred, subj, obj, p, cand.sent


@cache
def default_classifier() -> Classifier | None:
    """The classifier shipped with oifgraph (None when the package has none)."""
    return Classifier.load(DEFAULT_PATH) if DEFAULT_PATH.is_file() else None
