"""Name lookups shared by the components: the gazetteer index and the French word list."""

from __future__ import annotations

from collections.abc import Iterable

from ..names import match_key, name_keys
from ..records import KnownEntity


class Gazetteer:
    """Known entities indexed by the match key of their name and of each alias."""

    def __init__(self, entries: Iterable[KnownEntity] = ()):
        self.entries: list[KnownEntity] = list(entries)
        self._by_key: dict[str, KnownEntity] = {}
        for entry in self.entries:
            for surface in (entry.name, *entry.aliases):
                self._by_key.setdefault(match_key(surface), entry)

    def __len__(self) -> int:
        return len(self.entries)

    def lookup(self, name: str) -> KnownEntity | None:
        for key in name_keys(name):
            if key and key in self._by_key:
                return self._by_key[key]
        return None

    def surface_forms(self) -> Iterable[tuple[str, KnownEntity]]:
        for entry in self.entries:
            for surface in dict.fromkeys((entry.name, *entry.aliases)):
                yield surface, entry
