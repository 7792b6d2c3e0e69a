"""The contract's vocabulary: entity types and relation predicates (DESIGN.md §2).

Its own module, free of classes, so that reading a store (``query``, ``stats``) does not have to
build the record classes of :mod:`oifgraph.records`.
"""

from __future__ import annotations

ENTITY_TYPES: tuple[str, ...] = ("Organization", "Person", "Place", "Project", "Event")

PREDICATES: tuple[str, ...] = (
    "worksFor",
    "memberOf",
    "hosts",
    "contributesTo",
    "partnerOf",
    "sponsors",
    "acquired",
    "investsIn",
    "created",
    "competesWith",
    "subsidiaryOf",
    "locatedIn",
    "renamedTo",
    "organizedBy",
    "eventIn",
    "uses",
)

SYMMETRIC_PREDICATES: frozenset[str] = frozenset({"partnerOf", "competesWith"})
