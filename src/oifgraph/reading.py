"""Turn paths, folders and stdin into :class:`Document` records (decoding, ids, hashes, titles)."""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import os
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import InputError
from .language import looks_french
from .records import Document

log = logging.getLogger("oifgraph")

TEXT_SUFFIXES = (".txt", ".md")
DEFAULT_MAX_SIZE = 10 * 1024 * 1024  # bytes; bigger inputs are refused unless --max-size says otherwise
_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*([kKmMgG]i?[bB]?|[bB])?")
_MD_HEADING = re.compile(r"^#{1,6}[ \t]+", re.MULTILINE)
_TITLE_MAX = 200


_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# Signatures of common binary formats that may hide behind a .txt name.
_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"%PDF", b"PK\x03\x04", b"\x1f\x8b", b"\x7fELF")
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CONTROL_MAX = 0.01  # share of control characters above which decoded "text" is binary data


def decode(data: bytes, *, source: str) -> tuple[str, str]:
    """Decode bytes: a BOM (UTF-8, UTF-16, UTF-32) decides; else UTF-8; else cp1252 with a warning.

    Binary data (a known file signature, NUL bytes, many control characters) is an :class:`InputError`.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"{source}: starts with a {codec} byte-order mark but is not {codec}"
                ) from exc
            return _check_text(text, source=source), codec.removesuffix("-sig")
    if data.startswith(_MAGIC) or b"\x00" in data:
        raise InputError(f"{source}: binary data, not text")
    try:
        return _check_text(data.decode("utf-8"), source=source), "utf-8"
    except UnicodeDecodeError:
        text = _check_text(data.decode("cp1252", errors="replace"), source=source)
        log.warning("%s is not valid UTF-8; decoded as cp1252 (Windows Latin-1)", source)
        return text, "cp1252"


def _check_text(text: str, *, source: str) -> str:
    controls = len(_CONTROL.findall(text))
    if controls and controls > _CONTROL_MAX * len(text):
        raise InputError(f"{source}: binary data, not text")
    return text


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
    if not any(c.isalpha() for c in text):
        raise InputError(f"{source}: no words in this text, nothing to process")
    if not looks_french(text):
        log.warning("%s does not look like French (few French function words); processing it anyway", source)
    return Document(
        id=doc_id,
        text=text,
        source=source,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        title=guess_title(text),
        encoding=encoding,
    )


Errors = list[tuple[str, str]]  # (path, why) of inputs reported and skipped


def _fail(errors: Errors | None, path: Path | str, why: str) -> None:
    if errors is None:
        raise InputError(f"{path}: {why}")
    errors.append((str(path), why))


def _file_problem(path: Path) -> str | None:
    """Why ``path`` cannot be read as a document (broken link, link loop, not a file), else None."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop"
        if exc.errno == errno.ENOENT and path.is_symlink():
            return "broken symbolic link"
        if exc.errno == errno.ENOENT:
            return "no such file or folder"
        return f"cannot read ({exc.strerror or exc})"
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        return "not a regular file or folder"
    return None


def _walk(folder: Path, errors: Errors | None) -> list[Path]:
    """``*.txt`` / ``*.md`` names under ``folder`` (symbolic links to folders are not followed)."""
    found = []

    def unreadable(exc: OSError) -> None:
        _fail(errors, exc.filename or folder, f"cannot read folder ({exc.strerror or exc})")

    for root, _dirs, files in os.walk(folder, onerror=unreadable):
        found.extend(Path(root, name) for name in files if Path(name).suffix.lower() in TEXT_SUFFIXES)
    return sorted(found)


def iter_paths(paths: Iterable[str | os.PathLike], errors: Errors | None = None) -> Iterator[Path]:
    """Files named directly, and ``*.txt`` / ``*.md`` files found recursively in folders, sorted.

    A path that cannot be used (missing, unreadable folder, broken symbolic link, link loop, not a
    regular file) raises :class:`InputError`; when ``errors`` is given it is appended there as
    ``(path, why)`` instead and skipped, so the other inputs are still processed.
    """
    for raw in paths:
        path = Path(raw)
        problem = _file_problem(path)
        if problem:
            _fail(errors, path, problem)
        elif path.is_dir():
            found = _walk(path, errors)
            if not found:
                _fail(errors, path, "no .txt or .md file in this folder")
            for file in found:
                problem = _file_problem(file)
                if problem:
                    _fail(errors, file, problem)
                elif file.is_file():
                    yield file
        else:
            yield path


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


def parse_size(text: str | int) -> int:
    """``"10M"`` → 10485760: a number of bytes with an optional k, M or G suffix (powers of 1024)."""
    match = _SIZE.fullmatch(str(text).strip())
    if not match:
        raise InputError(f"not a size: {text!r} (examples: 500k, 10M, 1G, 0 for no limit)")
    number, unit = match.groups()
    return int(float(number) * 1024 ** "BKMG".index((unit or "b").upper()[0]))


def format_size(size: int) -> str:
    for unit, scale in (("GB", 1024**3), ("MB", 1024**2), ("kB", 1024)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} bytes"


def _too_large(source: str, size: int, max_size: int) -> InputError:
    return InputError(
        f"{source}: {format_size(size)} is more than the {format_size(max_size)} limit "
        "(raise it with --max-size or $OIFGRAPH_MAX_SIZE)"
    )


def _read_limited(stream, *, source: str, max_size: int) -> bytes:
    """All of ``stream``, or an error as soon as it holds more than ``max_size`` bytes (0: no limit)."""
    data = stream.read(max_size + 1) if max_size else stream.read()
    if isinstance(data, str):
        data = data.encode("utf-8")
    if max_size and len(data) > max_size:
        raise _too_large(source, len(data), max_size)
    return data


def read_file(path: Path, *, doc_id: str | None = None, max_size: int = DEFAULT_MAX_SIZE) -> Document:
    """One file as a :class:`Document`; a file over ``max_size`` bytes is refused before it is read."""
    try:
        with open(path, "rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            if max_size and size > max_size:
                raise _too_large(str(path), size, max_size)
            data = _read_limited(stream, source=str(path), max_size=max_size)
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    return make_document(data, doc_id=doc_id or path.stem, source=str(path))


def read_stdin(stream, *, doc_id: str = "stdin", max_size: int = DEFAULT_MAX_SIZE) -> Document:
    data = _read_limited(stream, source="<stdin>", max_size=max_size)
    return make_document(data, doc_id=doc_id, source="<stdin>")


def iter_documents(
    paths: Iterable[str | os.PathLike], *, max_size: int = DEFAULT_MAX_SIZE, errors: Errors | None = None
) -> Iterator[Document]:
    """Documents from files and folders (recursively ``*.txt`` and ``*.md``), read one at a time:
    only the list of paths is kept, and it is made before the first document is read.

    A file that cannot be used (unreadable, binary, empty, over ``max_size`` bytes, a broken link...)
    raises :class:`InputError`; when ``errors`` is given, it is appended there as ``(path, why)``
    and the other files are still read.
    """
    return read_files(list(iter_paths(paths, errors)), max_size=max_size, errors=errors)


def read_files(
    files: list[Path], *, max_size: int = DEFAULT_MAX_SIZE, errors: Errors | None = None
) -> Iterator[Document]:
    """The documents of these files (as listed by :func:`iter_paths`), read one at a time."""
    for path, doc_id in zip(files, document_ids(files), strict=True):
        try:
            yield read_file(path, doc_id=doc_id, max_size=max_size)
        except InputError as exc:
            if errors is None:
                raise
            errors.append((str(path), str(exc).removeprefix(f"{path}: ")))


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


def iter_jsonl(
    stream, *, source: str, errors: Errors | None = None, max_size: int = DEFAULT_MAX_SIZE
) -> Iterator[Document]:
    """Documents from JSON Lines: one ``{"id", "text", "title", "date"}`` object per line.

    Only ``text`` is required; ``id`` defaults to ``<source stem>-<line number>``. Blank lines are
    skipped. A line over ``max_size`` bytes is refused like a file over the limit. A bad line raises :class:`InputError` naming its line number, or, when ``errors`` is a
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
            if max_size and len(raw) > max_size:
                raise _too_large(where, len(raw.encode("utf-8")), max_size)
            yield _jsonl_document(raw, where=where, default_id=f"{stem}-{number}")
        except InputError as exc:
            if errors is None:
                raise
            errors.append((where, str(exc).removeprefix(f"{where}: ")))


def open_jsonl(
    path: str | os.PathLike, *, errors: Errors | None = None, max_size: int = DEFAULT_MAX_SIZE
) -> Iterator[Document]:
    """Documents of a ``.jsonl`` file, streamed (the file stays open while they are consumed)."""
    try:
        handle = open(path, "rb")  # noqa: SIM115  (closed when the generator ends)
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    with handle:
        yield from iter_jsonl(handle, source=str(path), errors=errors, max_size=max_size)
