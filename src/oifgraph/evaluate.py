"""Compare extractions with gold annotations (DESIGN.md §2 JSON): precision, recall, F1.

Entities match by normalized name or any alias (the gold's mentions and same_as pairs count as
aliases); relations match on (subject, predicate, object) after entities are aligned, symmetric
predicates in either direction.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .names import match_key
from .records import ENTITY_TYPES, PREDICATES, SYMMETRIC_PREDICATES

# Relations at or above this confidence form the "high" band of the report.
HIGH_CONFIDENCE = 0.8

# How the baseline maps spaCy's French NER labels onto oifgraph's types.
BASELINE_TYPES = {"ORG": "Organization", "PER": "Person", "LOC": "Place", "MISC": "Project"}

_REFERRING = frozenset(
    ["il", "elle", "lui", "ils", "elles", "la", "le", "les", "l'", "ce", "cette", "sa", "son"]
)


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __iadd__(self, other: Score) -> Score:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        return self

    def as_dict(self) -> dict:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
        }


@dataclass
class DocumentResult:
    name: str
    entities: Score = field(default_factory=Score)
    typed: Score = field(default_factory=Score)
    relations: Score = field(default_factory=Score)
    missed_entities: list = field(default_factory=list)
    spurious_entities: list = field(default_factory=list)
    mistyped: list = field(default_factory=list)
    missed_relations: list = field(default_factory=list)
    spurious_relations: list = field(default_factory=list)
    per_type: dict = field(default_factory=dict)
    per_predicate: dict = field(default_factory=dict)
    bands: dict = field(default_factory=dict)


def confidence_band(confidence: float | None) -> str:
    return "high" if (confidence or 0.0) >= HIGH_CONFIDENCE else "low"


def _keys(entity: dict) -> set[str]:
    forms = [entity["name"], *entity.get("mentions", [])]
    keys = set()
    for form in forms:
        words = form.split()
        first = words[0].lower() if words else ""
        named = any(w[:1].isupper() or w[:1].isdigit() for w in words[1:])
        if form != entity["name"] and first in _REFERRING and not named:
            continue  # "la fondation", "il": references, not names ("la fondation Opalis" is one)
        if key := match_key(form):
            keys.add(key)
    return keys


def align_entities(predicted: list[dict], gold: list[dict]) -> dict[str, str]:
    """Predicted name → gold name, one to one, by shared keys (names first, then mentions)."""
    gold_keys = [(g["name"], _keys(g), match_key(g["name"])) for g in gold]
    out: dict[str, str] = {}
    used: set[str] = set()
    # Exact canonical-name matches first, then any shared alias.
    for strict in (True, False):
        for p in predicted:
            if p["name"] in out:
                continue
            pk = {match_key(p["name"])} if strict else _keys(p)
            for name, keys, main in gold_keys:
                if name in used:
                    continue
                if (main in pk) if strict else (pk & keys):
                    out[p["name"]] = name
                    used.add(name)
                    break
    return out


def score_document(name: str, predicted: dict, gold: dict) -> DocumentResult:
    result = DocumentResult(name)
    alignment = align_entities(predicted["entities"], gold["entities"])
    gold_types = {g["name"]: g["type"] for g in gold["entities"]}
    types = Counter()
    for p in predicted["entities"]:
        g = alignment.get(p["name"])
        if g is None:
            result.entities.fp += 1
            result.typed.fp += 1
            result.spurious_entities.append(f"{p['name']} ({p['type']})")
            result.per_type.setdefault(p["type"], Score()).fp += 1
            continue
        result.entities.tp += 1
        if gold_types[g] == p["type"]:
            result.typed.tp += 1
            result.per_type.setdefault(p["type"], Score()).tp += 1
        else:
            result.typed.fp += 1
            result.typed.fn += 1
            result.mistyped.append(f"{g}: {p['type']} instead of {gold_types[g]}")
            result.per_type.setdefault(p["type"], Score()).fp += 1
            result.per_type.setdefault(gold_types[g], Score()).fn += 1
        types[g] += 1
    for g in gold["entities"]:
        if g["name"] not in types:
            result.entities.fn += 1
            result.typed.fn += 1
            result.missed_entities.append(f"{g['name']} ({g['type']})")
            result.per_type.setdefault(g["type"], Score()).fn += 1

    same = {}
    for a, b in gold.get("same_as", []):
        same[a], same[b] = a, a

    def norm(s: str, p: str, o: str) -> tuple:
        s, o = same.get(s, s), same.get(o, o)
        if p in SYMMETRIC_PREDICATES and s > o:
            s, o = o, s
        return (s, p, o)

    gold_rel = {norm(r["subject"], r["predicate"], r["object"]): r for r in gold["relations"]}
    pred_rel = {}
    for r in predicted["relations"]:
        s, o = alignment.get(r["subject"], r["subject"]), alignment.get(r["object"], r["object"])
        pred_rel.setdefault(norm(s, r["predicate"], o), r)
    for key, r in pred_rel.items():
        hit = key in gold_rel
        score = result.per_predicate.setdefault(key[1], Score())
        band = result.bands.setdefault(confidence_band(r.get("confidence")), Score())
        if hit:
            result.relations.tp += 1
            score.tp += 1
            band.tp += 1
        else:
            result.relations.fp += 1
            score.fp += 1
            band.fp += 1
            result.spurious_relations.append((key, r.get("evidence", ""), r.get("confidence")))
    for key, r in gold_rel.items():
        if key not in pred_rel:
            result.relations.fn += 1
            result.per_predicate.setdefault(key[1], Score()).fn += 1
            result.missed_relations.append((key, r.get("evidence", "")))
    return result


@dataclass
class Report:
    """Micro-averaged scores over a set of documents, and each document's result."""

    documents: list[DocumentResult] = field(default_factory=list)
    entities: Score = field(default_factory=Score)
    typed: Score = field(default_factory=Score)
    relations: Score = field(default_factory=Score)
    per_type: dict[str, Score] = field(default_factory=dict)
    per_predicate: dict[str, Score] = field(default_factory=dict)
    bands: dict[str, Score] = field(default_factory=dict)

    def add(self, result: DocumentResult) -> None:
        self.documents.append(result)
        self.entities += result.entities
        self.typed += result.typed
        self.relations += result.relations
        for mine, theirs in (
            (self.per_type, result.per_type),
            (self.per_predicate, result.per_predicate),
            (self.bands, result.bands),
        ):
            for key, score in theirs.items():
                mine.setdefault(key, Score())
                mine[key] += score

    def as_dict(self, *, details: bool = False) -> dict:
        out = {
            "documents": len(self.documents),
            "entities": self.entities.as_dict(),
            "typed_entities": self.typed.as_dict(),
            "per_type": {t: self.per_type[t].as_dict() for t in ENTITY_TYPES if t in self.per_type},
            "relations": self.relations.as_dict(),
            "per_predicate": {
                p: self.per_predicate[p].as_dict() for p in PREDICATES if p in self.per_predicate
            },
            "confidence_bands": {b: self.bands[b].as_dict() for b in ("high", "low") if b in self.bands},
        }
        if details:
            out["by_document"] = [_document_dict(r) for r in self.documents]
        return out


def _relation_dict(key: tuple, evidence: str, confidence: float | None = None) -> dict:
    out = {"subject": key[0], "predicate": key[1], "object": key[2], "evidence": evidence}
    if confidence is not None:
        out["confidence"] = confidence
    return out


def _document_dict(r: DocumentResult) -> dict:
    return {
        "document": r.name,
        "entities": r.entities.as_dict(),
        "typed_entities": r.typed.as_dict(),
        "relations": r.relations.as_dict(),
        "missed_entities": r.missed_entities,
        "spurious_entities": r.spurious_entities,
        "mistyped_entities": r.mistyped,
        "missed_relations": [_relation_dict(k, e) for k, e in r.missed_relations],
        "spurious_relations": [_relation_dict(k, e, c) for k, e, c in r.spurious_relations],
    }


def gold_path(text_path: Path) -> Path:
    """``NAME.txt`` → ``NAME.gold.json`` beside it."""
    return text_path.with_name(text_path.stem + ".gold.json")


def load_gold(path: Path) -> dict:
    """A gold annotation file, checked enough that scoring cannot fail half-way."""
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"cannot read gold file {path}: {exc}") from exc
    if not isinstance(gold, dict) or not isinstance(gold.get("entities"), list):
        raise InputError(f"gold file {path} has no 'entities' list")
    gold.setdefault("relations", [])
    for e in gold["entities"]:
        if not isinstance(e, dict) or not {"name", "type"} <= e.keys():
            raise InputError(f"gold file {path}: every entity needs a name and a type: {e!r}")
    for r in gold["relations"]:
        if not isinstance(r, dict) or not {"subject", "predicate", "object"} <= r.keys():
            raise InputError(f"gold file {path}: every relation needs subject, predicate, object: {r!r}")
    return gold


def baseline_annotation(doc) -> dict:
    """What spaCy's NER alone gives: its entities with labels mapped, no relations.

    A name takes the label spaCy gives it most often in the document.
    """
    labels: dict[str, Counter] = {}
    forms: dict[str, Counter] = {}
    for ent in doc.ents:
        etype = BASELINE_TYPES.get(ent.label_)
        name = ent.text.strip()
        key = match_key(name)
        if etype and key:  # spelling variants of one name count once, as they do for oifgraph
            labels.setdefault(key, Counter())[etype] += 1
            forms.setdefault(key, Counter())[name] += 1
    entities = [
        {
            "name": forms[key].most_common(1)[0][0],
            "type": counts.most_common(1)[0][0],
            "mentions": sorted(forms[key]),
        }
        for key, counts in labels.items()
    ]
    return {"entities": entities, "relations": []}
