"""Plain records exchanged between the stages: ``nlp/`` produces them, ``rdf/`` consumes them.

They hold only ``str``, ``int``, ``float`` and tuples of those, so neither side depends on the other.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .contract import ENTITY_TYPES, PREDICATES, SYMMETRIC_PREDICATES  # noqa: F401  (re-exported)


@dataclass(frozen=True, slots=True)
class Document:
    """One text to process, as read from a file or stdin (text already decoded)."""

    id: str
    text: str
    source: str
    sha256: str
    title: str = ""
    encoding: str = "utf-8"
    date: str = ""


@dataclass(frozen=True, slots=True)
class KnownEntity:
    """A gazetteer entry: a canonical name, its type and the other names it goes by."""

    name: str
    type: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Entity:
    """One real thing named in a document, with every surface form that refers to it."""

    name: str
    type: str
    mentions: tuple[str, ...] = ()
    count: int = 1


@dataclass(frozen=True, slots=True)
class Relation:
    """A typed link between two entities (by canonical name), with its evidence."""

    subject: str
    predicate: str
    object: str
    evidence: str
    start: int
    end: int
    rule: str
    confidence: float
    role: str = ""


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything found in one document."""

    document: Document
    text: str
    entities: tuple[Entity, ...] = field(default_factory=tuple)
    relations: tuple[Relation, ...] = field(default_factory=tuple)

    def as_json(self) -> dict:
        """The annotation JSON of DESIGN.md §2."""
        return {
            "document": self.document.id,
            "entities": [
                {"name": e.name, "type": e.type, "mentions": list(e.mentions)} for e in self.entities
            ],
            "relations": [
                {
                    "subject": r.subject,
                    "predicate": r.predicate,
                    "object": r.object,
                    **({"role": r.role} if r.role else {}),
                    "evidence": r.evidence,
                    "confidence": r.confidence,
                    "rule": r.rule,
                }
                for r in self.relations
            ],
        }


ONE_WAY_PREDICATES = frozenset(["subsidiaryOf", "acquired", "created", "hosts"])


def one_way(relations: list[Relation]) -> list[Relation]:
    """Without the less confident of two relations that say opposite things: 'A subsidiaryOf B'
    and 'B subsidiaryOf A' cannot both hold (nor acquired, created, hosts both ways); on a tie,
    both stay. A triple stated more than once (in several pieces of a long text) weighs as its
    most confident statement."""
    best: dict[tuple[str, str, str], float] = {}
    for r in relations:
        key = (r.subject, r.predicate, r.object)
        best[key] = max(best.get(key, -1.0), r.confidence)
    return [
        r
        for r in relations
        if r.predicate not in ONE_WAY_PREDICATES
        or best.get((r.object, r.predicate, r.subject), -1.0) <= r.confidence
    ]
