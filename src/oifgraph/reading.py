"""Turn paths, folders and stdin into :class:`Document` records (decoding, ids, hashes, titles)."""

from __future__ import annotations

import hashlib
import json
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


def iter_documents(paths: Iterable[str | os.PathLike]) -> Iterator[Document]:
    """Documents from files and folders, read one at a time (only the list of paths is kept)."""
    files = list(iter_paths(paths))
    for path, doc_id in zip(files, document_ids(files), strict=True):
        yield read_file(path, doc_id=doc_id)


def is_jsonl(path: str | os.PathLike) -> bool:
    return str(path).lower().endswith((".jsonl", ".ndjson"))


_JSONL_FIELDS = frozenset({"id", "text", "title", "date"})


def _jsonl_document(line: str, *, where: str, default_id: str) -> Document:
    try:
        record = json.loads(line)
    except ValueError as exc:
        raise InputError(f"{where}: not valid JSON ({exc})") from exc
    if not isinstance(record, dict):
        raise InputError(f'{where}: expected a JSON object with at least a "text" field')
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError(f'{where}: "text" is missing or not a string')
    if not text.strip():
        raise InputError(f"{where}: empty text, nothing to process")
    for name in ("id", "title", "date"):
        value = record.get(name)
        if value is not None and not isinstance(value, str | int):
            raise InputError(f'{where}: "{name}" must be a string')
    doc_id = str(record["id"]) if record.get("id") not in (None, "") else default_id
    title = str(record["title"]) if record.get("title") is not None else guess_title(text)
    date = str(record.get("date") or "")
    # The hash covers what the graph records, so a changed title or date is ingested again.
    digest = hashlib.sha256(json.dumps([text, title, date], ensure_ascii=False).encode("utf-8"))
    return Document(id=doc_id, text=text, source=where, sha256=digest.hexdigest(), title=title, date=date)


def iter_jsonl(stream, *, source: str, errors: list[tuple[str, str]] | None = None) -> Iterator[Document]:
    """Documents from JSON Lines: one ``{"id", "text", "title", "date"}`` object per line.

    Only ``text`` is required; ``id`` defaults to ``<source stem>-<line number>``. Blank lines are
    skipped. A bad line raises :class:`InputError` naming its line number, or, when ``errors`` is a
    list, is appended to it as ``(source:line, reason)`` and skipped. Lines are read one at a time.
    """
    stem = Path(source).stem if not source.startswith("<") else "stdin"
    for number, raw in enumerate(stream, 1):
        if isinstance(raw, bytes):
            raw = raw.decode("utf-8-sig" if number == 1 else "utf-8", errors="replace")
        if not raw.strip():
            continue
        where = f"{source}:{number}"
        try:
            yield _jsonl_document(raw, where=where, default_id=f"{stem}-{number}")
        except InputError as exc:
            if errors is None:
                raise
            errors.append((where, str(exc).removeprefix(f"{where}: ")))


def open_jsonl(path: str | os.PathLike, *, errors: list[tuple[str, str]] | None = None) -> Iterator[Document]:
    """Documents of a ``.jsonl`` file, streamed (the file stays open while they are consumed)."""
    try:
        handle = open(path, "rb")  # noqa: SIM115  (closed when the generator ends)
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    with handle:
        yield from iter_jsonl(handle, source=str(path), errors=errors)
