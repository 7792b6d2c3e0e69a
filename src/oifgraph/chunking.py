"""Long texts in pieces: spaCy refuses texts over ``nlp.max_length`` (1,000,000 characters) and its
parser needs memory in proportion to the text, so a long document is analysed paragraph group by
paragraph group and the pieces' records are merged back into one :class:`Extraction`.

Pure functions over records; nothing here imports spaCy.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from .records import Entity, Extraction, one_way

CHUNK_CHARS = 100_000  # characters per piece given to spaCy (its documented rule of thumb)

# Where a piece may end, best first: a blank line, a line break, a sentence end, a space.
_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"[.!?…][»\")]?\s"), re.compile(r"\s"))


def split_text(text: str, max_chars: int | None = None) -> Iterator[tuple[int, str]]:
    """``(offset, piece)`` pairs covering ``text`` exactly, each piece at most ``max_chars`` long.

    Pieces end at the last paragraph break before the limit, else the last line break, sentence end
    or space; a run of ``max_chars`` characters without any of them is cut where the limit falls.
    """
    max_chars = max_chars or CHUNK_CHARS
    start = 0
    while len(text) - start > max_chars:
        window = text[start : start + max_chars]
        cut = max_chars
        for pattern in _BREAKS:
            ends = [m.end() for m in pattern.finditer(window, max_chars // 2)]
            if ends:
                cut = ends[-1]
                break
        yield start, text[start : start + cut]
        start += cut
    yield start, text[start:]


def merge_extractions(parts: Sequence[tuple[int, Extraction]], text: str) -> Extraction:
    """One extraction from the extractions of a document's pieces (offsets made document-wide).

    An entity found in several pieces keeps the type of its first piece and the union of its mentions;
    of two opposite one-way relations found in different pieces, the less confident goes (as within
    one piece).
    """
    if len(parts) == 1 and parts[0][0] == 0:
        return parts[0][1]
    entities: dict[str, Entity] = {}
    relations = []
    for offset, part in parts:
        for e in part.entities:
            seen = entities.get(e.name)
            if seen is None:
                entities[e.name] = e
            else:
                mentions = tuple(dict.fromkeys((*seen.mentions, *e.mentions)))
                entities[e.name] = Entity(seen.name, seen.type, mentions, seen.count + e.count)
        for r in part.relations:
            if r.subject in entities and r.object in entities:
                relations.append(replace(r, start=r.start + offset, end=r.end + offset))
    return Extraction(
        document=parts[0][1].document,
        text=text,
        entities=tuple(entities.values()),
        relations=tuple(one_way(list(dict.fromkeys(relations)))),
    )
