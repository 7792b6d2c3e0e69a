"""Cross-document resolution: give each extracted entity the IRI of the same real thing already known.

Within a document the NLP stage has already merged mentions. Across documents, an entity whose
match key (see :mod:`names`) is already in the store reuses that IRI, label and type; otherwise a new
IRI is minted from its type and name. The store is asked once per document for just the keys of that
document, so the cost does not grow with the size of the store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from .names import match_key, name_keys
from .records import Extraction


@dataclass(frozen=True, slots=True)
class Resolved:
    iri: str
    label: str
    type: str
    key: str


Lookup = Callable[[Iterable[str]], Mapping[str, Resolved]]


def resolve_entities(
    extraction: Extraction, lookup: Lookup, mint: Callable[[str, str], str]
) -> dict[str, Resolved]:
    """Map each entity name of ``extraction`` to its resolved identity."""
    wanted = {e.name: name_keys(e.name) for e in extraction.entities}
    known = lookup({k for keys in wanted.values() for k in keys if k})
    out: dict[str, Resolved] = {}
    for entity in extraction.entities:
        hit = next((known[k] for k in wanted[entity.name] if k in known), None)
        if hit is None:
            hit = Resolved(mint(entity.type, entity.name), entity.name, entity.type, match_key(entity.name))
        out[entity.name] = hit
    return out
