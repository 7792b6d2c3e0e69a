"""Turn paths, folders and stdin into :class:`Document` records (decoding, ids, hashes, titles)."""

from __future__ import annotations

import hashlib
import logging
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import InputError
from .records import Document

log = logging.getLogger("oifgraph")

TEXT_SUFFIXES = (".txt", ".md")
_MD_HEADING = re.compile(r"^#{1,6}[ \t]+", re.MULTILINE)
_TITLE_MAX = 200


def decode(data: bytes, *, source: str) -> tuple[str, str]:
    """Decode bytes as UTF-8 (BOM allowed); fall back to cp1252 with a warning."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        log.warning("%s is not valid UTF-8; decoded as cp1252", source)
        return data.decode("cp1252", errors="replace"), "cp1252"


def guess_title(text: str) -> str:
    """The first line when it reads like a headline (short, no final full stop), else ''."""
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        line = line.lstrip("#").strip()
        if len(line) <= _TITLE_MAX and not line.endswith((".", ":", ";", ",")):
            return line
        return ""
    return ""


def make_document(data: bytes, *, doc_id: str, source: str) -> Document:
    text, encoding = decode(data, source=source)
    if source.endswith(".md"):
        text = _MD_HEADING.sub("", text)
    if not text.strip():
        raise InputError(f"{source}: empty input, nothing to process")
    return Document(
        id=doc_id,
        text=text,
        source=source,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        title=guess_title(text),
        encoding=encoding,
    )


def iter_paths(paths: Iterable[str | os.PathLike]) -> Iterator[Path]:
    """Files named directly, and ``*.txt`` / ``*.md`` files found recursively in folders, sorted."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            try:
                found = sorted(
                    p for p in path.rglob("*") if p.suffix.lower() in TEXT_SUFFIXES and p.is_file()
                )
            except OSError as exc:
                raise InputError(f"{path}: cannot read folder ({exc.strerror or exc})") from exc
            if not found:
                raise InputError(f"{path}: no .txt or .md file in this folder")
            yield from found
        elif path.is_file():
            yield path
        elif path.exists():
            raise InputError(f"{path}: not a regular file or folder")
        else:
            raise InputError(f"{path}: no such file or folder")


def document_ids(paths: list[Path]) -> list[str]:
    """File stems as ids; a stem shared by several files is prefixed with its parent folders."""
    ids = [p.stem for p in paths]
    seen: dict[str, int] = {}
    for doc_id in ids:
        seen[doc_id] = seen.get(doc_id, 0) + 1
    out = []
    for path, doc_id in zip(paths, ids, strict=True):
        if seen[doc_id] > 1:
            doc_id = f"{path.parent.name}/{path.stem}"
        out.append(doc_id)
    return out


def read_file(path: Path, *, doc_id: str | None = None) -> Document:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    return make_document(data, doc_id=doc_id or path.stem, source=str(path))


def read_stdin(stream, *, doc_id: str = "stdin") -> Document:
    data = stream.read()
    if isinstance(data, str):
        data = data.encode("utf-8")
    return make_document(data, doc_id=doc_id, source="<stdin>")
