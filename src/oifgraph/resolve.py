"""Cross-document resolution: give each extracted entity the IRI of the same real thing already known.

Within a document the NLP stage has already merged mentions. Across documents, an entity whose
match key (see :mod:`names`) is already in the store reuses that IRI, label and type; otherwise a new
IRI is minted from its type and name. The store is asked once per document for just the keys of that
document, so the cost does not grow with the size of the store.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .names import match_key, name_keys

if TYPE_CHECKING:
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


class KeyCache:
    """The identities of recently resolved keys, so that an entity named in many documents of one
    ingestion is looked up in the store once. Only what the store itself answers, or will answer
    once the document is written, is kept; at most ``size`` keys (least recently used go first)."""

    def __init__(self, size: int = 50_000):
        self.size = size
        self._known: OrderedDict[str, Resolved] = OrderedDict()

    def lookup(self, keys: Iterable[str], store_lookup: Lookup) -> dict[str, Resolved]:
        keys = set(keys)
        out = {k: self._known[k] for k in keys if k in self._known}
        for k in out:
            self._known.move_to_end(k)
        missing = keys - out.keys()
        if missing:
            found = store_lookup(missing)
            out.update(found)
            self.remember(found.values())
        return out

    def remember(self, resolved: Iterable[Resolved]) -> None:
        for r in resolved:
            self._known.setdefault(r.key, r)
            self._known.move_to_end(r.key)
        while len(self._known) > self.size:
            self._known.popitem(last=False)
