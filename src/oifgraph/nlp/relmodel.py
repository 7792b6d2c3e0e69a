"""The learned relation classifier: a multinomial logistic regression over the features of
:mod:`.pairs`, trained on annotated articles (``oifgraph train``, :mod:`oifgraph.training`).

For each pair of entities in a sentence it gives a probability to every relation the pair's types
allow, and to none. The rules of :mod:`.extract` find relations first; the classifier adds those
they missed whose probability reaches the model's threshold. The weights are plain JSON, read
without any machine-learning library: a dot product over the pair's feature strings.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

from ..errors import InputError
from . import pairs

FORMAT = "oifgraph-relation-model"
DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "relation-model.json"


class RelationModel:
    """Weights of one multinomial model: a bias per label and, per feature, (label, weight) pairs."""

    __slots__ = ("labels", "bias", "weights", "threshold", "info", "_none", "_index", "_rows", "_matrix")

    def __init__(self, data: dict):
        if data.get("format") != FORMAT:
            raise InputError("not an oifgraph relation model (no 'format': 'oifgraph-relation-model')")
        if data.get("features_version") != pairs.FEATURES_VERSION:
            raise InputError(
                f"the relation model was trained on features version {data.get('features_version')}, "
                f"this oifgraph computes version {pairs.FEATURES_VERSION}: retrain it with 'oifgraph train'"
            )
        self.labels: list[str] = list(data["labels"])
        self.bias: list[float] = [float(b) for b in data["bias"]]
        self.weights: dict[str, list[tuple[int, float]]] = {
            f: [(int(k), float(w)) for k, w in pairs_] for f, pairs_ in data["weights"].items()
        }
        self.threshold = float(data.get("threshold", 0.5))
        self.info: dict = data.get("info", {})
        self._index = {label: k for k, label in enumerate(self.labels)}
        self._none = self._index["none"]
        # The weights as a matrix, a row per feature: scoring a pair sums a few rows.
        import numpy as np

        self._rows = {f: r for r, f in enumerate(self.weights)}
        matrix = np.zeros((len(self.weights) + 1, len(self.labels)))
        matrix[-1] = self.bias  # the last row: the bias, in every sum
        for r, ws in enumerate(self.weights.values()):
            for k, w in ws:
                matrix[r, k] = w
        self._matrix = matrix

    @classmethod
    def load(cls, path: str | Path) -> RelationModel:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(f"cannot read the relation model {path}: {exc}") from exc
        return cls(data)

    def as_json(self) -> dict:
        return {
            "format": FORMAT,
            "features_version": pairs.FEATURES_VERSION,
            "threshold": self.threshold,
            "labels": self.labels,
            "bias": self.bias,
            "weights": {f: [[k, w] for k, w in ws] for f, ws in self.weights.items()},
            "info": self.info,
        }

    def probabilities(self, features: Iterable[str], labels: Iterable[str]) -> dict[str, float]:
        """The probability of each of ``labels`` (those the pair's types allow), against none."""
        rows, index = self._rows, self._index
        picked = [rows[f] for f in features if f in rows]
        picked.append(len(rows))
        scores = self._matrix[picked].sum(axis=0).tolist()
        allowed = [(label, index[label]) for label in labels if label in index]
        top = max([scores[self._none], *(scores[k] for _, k in allowed)])
        exps = {label: math.exp(scores[k] - top) for label, k in allowed}
        total = math.exp(scores[self._none] - top) + sum(exps.values())
        return {label: e / total for label, e in exps.items()}

    def predict(self, resolver, refs=None) -> Iterator[tuple[str, object, object, float, object]]:
        """(predicate, subject Ref, object Ref, probability, sentence) for every label of every
        candidate pair at or above the threshold (``refs``: the mentions, token → Ref; by default
        the resolver's)."""
        for cand in pairs.candidates(resolver, refs):
            for label, p in self.probabilities(cand.features, cand.labels).items():
                if p >= self.threshold:
                    pred, subj, obj = pairs.orient(label, cand.first, cand.second)
                    yield pred, subj, obj, p, cand.sent


@cache
def default_model() -> RelationModel | None:
    """The model shipped with oifgraph (None when the package has none)."""
    return RelationModel.load(DEFAULT_PATH) if DEFAULT_PATH.is_file() else None
