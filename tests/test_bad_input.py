"""Bad input: a correct result, or one clear line on stderr and a documented exit code; never a
traceback, and never a change to the store for the document that failed."""

from __future__ import annotations

import errno
import json
import os

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from oifgraph import chunking, reading
from oifgraph.cli import cli
from oifgraph.records import Document, Entity, Extraction, Relation

pytestmark = pytest.mark.slow

GOOD = "Nuvola rachète Brisa Data\n\nLa société Nuvola, basée à Lyon, a racheté la start-up Brisa Data.\n"


def run(*args, input=None, env=None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input, env=env)


def snapshot(store) -> set[str]:
    db = ox.Store.read_only(str(store))
    try:
        return {str(q) for q in db}
    finally:
        del db


def no_traceback(result) -> None:
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception


@pytest.fixture(scope="module")
def store(tmp_path_factory, extractor):
    """A store already holding document 'doc', which bad inputs named doc.txt must not touch."""
    folder = tmp_path_factory.mktemp("bad")
    (folder / "doc.txt").write_text(GOOD, encoding="utf-8")
    path = folder / "kg"
    assert run("ingest", "--store", path, folder / "doc.txt").exit_code == 0
    return path


def title_of(store, doc_id: str) -> str:
    result = run(
        "query",
        "--store",
        store,
        "--format",
        "json",
        f'SELECT ?t WHERE {{ ?d oif:documentId "{doc_id}" ; dcterms:title ?t }}',
    )
    assert result.exit_code == 0, result.output
    [row] = json.loads(result.stdout)["results"]["bindings"]
    return row["t"]["value"]


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty input"),
        (b"  \n\t \r\n  ", "empty input"),
        (b"!!! ... ??? --- ;;; \xc2\xab \xc2\xbb\n", "no words in this text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary data"),
        (b"La soci\xc3\xa9t\xc3\xa9 Nuvola\x00\x00\x00 a rachet\xc3\xa9", "binary data"),
        (bytes(range(1, 32)) * 40 + "é".encode(), "binary data"),
    ],
    ids=["empty", "whitespace", "punctuation", "png", "nul-bytes", "control-characters"],
)
def test_unusable_file_is_one_line_exit_2_and_store_untouched(store, tmp_path, data, message):
    before = snapshot(store)
    path = tmp_path / "doc.txt"  # same id as the stored document
    path.write_bytes(data)
    result = run("ingest", "--store", store, path)
    no_traceback(result)
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [f"error: {path}: {result.stderr.split(': ', 2)[2].strip()}"]
    assert message in result.stderr
    assert snapshot(store) == before


def test_debug_shows_the_traceback(store, tmp_path):
    (tmp_path / "doc.txt").write_bytes(b"")
    result = run("--debug", "ingest", "--store", store, tmp_path / "doc.txt")
    assert result.exit_code == 2 and "Traceback" in result.stderr and "empty input" in result.stderr


@pytest.mark.parametrize(
    "encode, warning",
    [
        (lambda t: b"\xff\xfe" + t.encode("utf-16-le"), None),
        (lambda t: b"\xfe\xff" + t.encode("utf-16-be"), None),
        (lambda t: t.encode("utf-8-sig"), None),
        (lambda t: t.encode("cp1252"), "not valid UTF-8"),
        (lambda t: t.encode("latin-1"), "not valid UTF-8"),
    ],
    ids=["utf-16-le", "utf-16-be", "utf-8-bom", "cp1252", "latin-1"],
)
def test_encodings_are_decoded_and_accents_survive(store, tmp_path, encode, warning):
    text = GOOD.replace("Nuvola rachète", "Nuvola, société lyonnaise, rachète")
    doc_id = f"enc-{tmp_path.name}"
    (tmp_path / f"{doc_id}.txt").write_bytes(encode(text))
    result = run("ingest", "--store", store, tmp_path / f"{doc_id}.txt")
    no_traceback(result)
    assert result.exit_code == 0, result.output
    assert title_of(store, doc_id) == "Nuvola, société lyonnaise, rachète Brisa Data"
    if warning:
        assert f"warning: {tmp_path / doc_id}.txt is {warning}" in result.stderr
    else:
        assert "warning" not in result.stderr


def test_cp1252_typographic_characters():
    text, encoding = reading.decode("L’œuvre « coûte » 5 € – déjà".encode("cp1252"), source="x")
    assert (text, encoding) == ("L’œuvre « coûte » 5 € – déjà", "cp1252")


def extraction_json(path) -> dict:
    result = run("extract", path, "--format", "json")
    no_traceback(result)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    data.pop("document")
    return data


def test_mixed_line_endings_give_the_same_result(tmp_path, extractor):
    lines = [
        "Marie Curval rejoint Kestrel Labs",
        "",
        "Marie Curval, directrice technique de Kestrel Labs, a présenté le projet Orvia.",
        "La société Nuvola, basée à Lyon, a racheté la start-up Brisa Data.",
        "",
    ]
    (tmp_path / "unix.txt").write_bytes("\n".join(lines).encode())
    mixed = lines[0] + "\r\n" + lines[1] + "\r" + lines[2] + "\n" + lines[3] + "\r\n"
    (tmp_path / "mixed.txt").write_bytes(mixed.encode())
    unix, mixed = extraction_json(tmp_path / "unix.txt"), extraction_json(tmp_path / "mixed.txt")
    assert unix == mixed
    assert {"Marie Curval", "Kestrel Labs", "Nuvola"} <= {e["name"] for e in mixed["entities"]}


def test_a_one_megabyte_line_without_newline(tmp_path, extractor):
    """Over spaCy's max_length (1,000,000 characters): analysed in pieces, nothing lost or crashing."""
    blob = "".join("abcdefghij0123456789ABCDEFGHIJ"[(i * 7) % 30] for i in range(1_048_576))
    text = "La société Nuvola, basée à Lyon, a racheté la start-up Brisa Data. " + blob
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    data = extraction_json(tmp_path / "long.txt")
    assert {"Nuvola", "Lyon", "Brisa Data"} <= {e["name"] for e in data["entities"]}


def test_long_text_in_pieces_keeps_relations_and_offsets(tmp_path, extractor, monkeypatch):
    """With tiny pieces, a one-line text of many sentences is analysed piecewise and merged back."""
    monkeypatch.setattr(chunking, "CHUNK_CHARS", 300)
    sentences = [
        "La société Nuvola, basée à Lyon, a racheté la start-up Brisa Data.",
        "Marie Curval, directrice technique de Kestrel Labs, a présenté le projet Orvia.",
    ] * 10
    text = " ".join(sentences)
    extraction = extractor.extract(Document("long", text, "<test>", "0" * 64))
    works = [r for r in extraction.relations if (r.subject, r.predicate) == ("Marie Curval", "worksFor")]
    pieces = [p for _, p in chunking.split_text(text)]
    # the extractor keeps one relation per (subject, predicate, object) and text: one per piece here
    assert len({r.start for r in works}) == sum("Marie Curval" in p for p in pieces) > 3
    for r in works:
        assert extraction.text[r.start : r.end].startswith("Marie Curval, directrice technique"), r
    names = [e.name for e in extraction.entities]
    assert len(names) == len(set(names))
    assert next(e for e in extraction.entities if e.name == "Nuvola").count >= 10


def test_split_text_covers_the_text_and_prefers_paragraphs():
    text = ("Une phrase. " * 30 + "\n\n") * 20
    pieces = list(chunking.split_text(text, 1000))
    assert "".join(p for _, p in pieces) == text
    assert all(len(p) <= 1000 for _, p in pieces)
    assert all(p.endswith("\n\n") for _, p in pieces[:-1])
    assert [o for o, _ in pieces] == [sum(len(p) for _, p in pieces[:i]) for i in range(len(pieces))]
    line = "x" * 2500
    assert [len(p) for _, p in chunking.split_text(line, 1000)] == [1000, 1000, 500]


def test_merge_extractions_shifts_offsets_and_unions_mentions():
    doc = Document("d", "", "<t>", "0" * 64)
    rel = Relation("A", "partnerOf", "B", "A et B", 0, 6, "rule", 0.5)
    first = Extraction(doc, "A et B. ", (Entity("A", "Organization", ("A",)), Entity("B", "Project")), (rel,))
    second = Extraction(doc, "A et B", (Entity("A", "Person", ("A", "elle")), Entity("B", "Project")), (rel,))
    merged = chunking.merge_extractions([(0, first), (8, second)], "A et B. A et B")
    assert [(e.name, e.type, e.mentions, e.count) for e in merged.entities] == [
        ("A", "Organization", ("A", "elle"), 2),
        ("B", "Project", (), 2),
    ]
    assert [(r.start, r.end) for r in merged.relations] == [(0, 6), (8, 14)]


def test_english_text_is_processed_with_a_warning(tmp_path, extractor):
    text = (
        "The OpenStack Foundation announced on Tuesday that it is changing its name to the Open "
        "Infrastructure Foundation. Microsoft joined as a platinum member, and the projects keep "
        "their own governance and their developers all over the world.\n"
    )
    (tmp_path / "english.txt").write_text(text)
    result = run("ingest", "--store", tmp_path / "kg", tmp_path / "english.txt")
    no_traceback(result)
    assert result.exit_code == 0
    assert "does not look like French" in result.stderr and "1 added" in result.stdout


def test_french_text_gives_no_language_warning(tmp_path, extractor):
    (tmp_path / "fr.txt").write_text(GOOD * 3)
    result = run("extract", tmp_path / "fr.txt")
    assert result.exit_code == 0 and "warning" not in result.stderr


# -- size limit ----------------------------------------------------------------------------------


def test_a_50_megabyte_file_is_refused_by_the_default_limit(tmp_path, store):
    before = snapshot(store)
    big = tmp_path / "big.txt"
    paragraph = ("La société Nuvola, basée à Lyon, a racheté la start-up Brisa Data. " * 10 + "\n\n").encode()
    with big.open("wb") as out:
        for _ in range(50 * 1024 * 1024 // len(paragraph) + 1):
            out.write(paragraph)
    result = run("ingest", "--store", store, big)
    no_traceback(result)
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"error: {big}: 50.0 MB is more than the 10.0 MB limit (raise it with --max-size or $OIFGRAPH_MAX_SIZE)"
    )
    assert snapshot(store) == before


def test_the_size_limit_is_configurable(tmp_path, store):
    (tmp_path / "doc.txt").write_text(GOOD * 40)  # about 4 kB
    result = run("ingest", "--store", store, "--max-size", "2k", tmp_path / "doc.txt")
    assert result.exit_code == 2 and "more than the 2.0 kB limit" in result.stderr
    result = run("ingest", "--store", store, tmp_path / "doc.txt", env={"OIFGRAPH_MAX_SIZE": "1k"})
    assert result.exit_code == 2 and "more than the 1.0 kB limit" in result.stderr
    result = run("ingest", "--store", store, "-", "--max-size", "1k", input=GOOD * 40)
    assert result.exit_code == 2 and "<stdin>: more than" not in result.stderr
    assert "is more than the 1.0 kB limit" in result.stderr
    result = run("ingest", "--store", store, "--max-size", "lots", tmp_path / "doc.txt")
    assert result.exit_code == 2 and "not a size: 'lots'" in result.stderr
    no_traceback(result)


# -- folders ---------------------------------------------------------------------------------------


def bad_folder(root):
    (root / "sub").mkdir(parents=True)
    (root / "a-good.txt").write_text(GOOD)
    (root / "sub" / "b-good.md").write_text("# Kestrel Labs\n\nMarie Curval dirige Kestrel Labs à Nantes.\n")
    (root / "c-binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (root / "d-empty.txt").write_bytes(b"")
    (root / "e-locked.txt").write_text(GOOD.replace("Nuvola", "Verrou"))
    (root / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")  # not a .txt or .md: not looked at
    os.symlink(root / "nowhere.txt", root / "f-broken.txt")
    os.symlink(root / "g-loop.txt", root / "g-loop.txt")
    os.symlink(root / "sub", root / "sub" / "h-cycle")  # a folder link to itself: not followed


def test_a_folder_with_bad_files_is_partial(tmp_path, extractor, monkeypatch):
    """Unreadable, binary, empty files, a broken link and a link loop are reported and skipped."""
    root = tmp_path / "in"
    bad_folder(root)
    real_open = open

    def failing_open(path, *args, **kwargs):  # permission denied, even for root
        if str(path).endswith("e-locked.txt"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(reading, "open", failing_open, raising=False)
    result = run("ingest", "--store", tmp_path / "kg", root)
    no_traceback(result)
    assert result.exit_code == 1
    assert result.stdout.startswith("2 documents (2 added, 0 replaced, 0 unchanged)")
    failed = sorted(line for line in result.stderr.splitlines() if line.startswith("failed: "))
    assert failed == [
        f"failed: {root}/c-binary.txt: binary data, not text",
        f"failed: {root}/d-empty.txt: empty input, nothing to process",
        f"failed: {root}/e-locked.txt: cannot read (Permission denied)",
        f"failed: {root}/f-broken.txt: broken symbolic link",
        f"failed: {root}/g-loop.txt: symbolic link loop",
    ]
    assert "5 inputs failed, the others are stored" in result.stderr
    docs = run(
        "query", "--store", tmp_path / "kg", "--format", "csv", "SELECT ?i WHERE { ?d oif:documentId ?i }"
    )
    assert sorted(docs.stdout.splitlines()[1:]) == ["a-good", "b-good"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_a_really_unreadable_file(tmp_path, extractor):
    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / "secret.txt").write_text(GOOD)
    (tmp_path / "secret.txt").chmod(0)
    result = run("ingest", "--store", tmp_path / "kg", tmp_path)
    assert result.exit_code == 1
    assert f"failed: {tmp_path}/secret.txt: cannot read (Permission denied)" in result.stderr


def test_all_inputs_failing_is_exit_2(tmp_path, store):
    before = snapshot(store)
    (tmp_path / "doc.txt").write_bytes(b"\x00\x01")
    (tmp_path / "other.txt").write_bytes(b"   ")
    result = run(
        "ingest", "--store", store, tmp_path / "doc.txt", tmp_path / "other.txt", tmp_path / "nope.txt"
    )
    no_traceback(result)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[-1] == "error: no document could be read"
    assert sorted(lines[:-1]) == [
        f"failed: {tmp_path}/doc.txt: binary data, not text",
        f"failed: {tmp_path}/nope.txt: no such file or folder",
        f"failed: {tmp_path}/other.txt: empty input, nothing to process",
    ]
    assert snapshot(store) == before


def test_a_failing_analysis_fails_one_document_only(tmp_path, extractor, monkeypatch):
    """An unforeseen exception in the analysis of one text is that document's failure, not a crash."""
    from oifgraph.api import Extractor

    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "b.txt").write_text(GOOD.replace("Nuvola", "Poison"))
    real = Extractor.normalize

    def normalize(self, text):
        if "Poison" in text:
            raise RuntimeError("boom")
        return real(self, text)

    monkeypatch.setattr(Extractor, "normalize", normalize)
    result = run("ingest", "--store", tmp_path / "kg", tmp_path)
    no_traceback(result)
    assert result.exit_code == 1
    assert f"failed: {tmp_path}/b.txt: analysis failed: RuntimeError: boom" in result.stderr
    assert "1 added" in result.stdout


def test_extract_on_a_folder_with_bad_files_is_partial(tmp_path, extractor):
    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / "bad.txt").write_bytes(b"\x00\x00")
    result = run("extract", tmp_path, "--format", "json")
    no_traceback(result)
    assert result.exit_code == 1
    assert result.stderr.strip() == f"failed: {tmp_path}/bad.txt: binary data, not text"
    assert json.loads(result.stdout)["document"] == "good"


def test_an_unreadable_subfolder_is_reported(tmp_path, monkeypatch):
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "a.txt").write_text(GOOD)
    (tmp_path / "closed").mkdir()
    (tmp_path / "closed" / "b.txt").write_text(GOOD)
    real_scandir = os.scandir

    def scandir(path="."):
        if str(path).endswith("closed"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    errors: list = []
    found = list(reading.iter_paths([tmp_path], errors))
    assert [p.name for p in found] == ["a.txt"]
    assert errors == [(f"{tmp_path}/closed", "cannot read folder (Permission denied)")]


@pytest.mark.parametrize(
    "base, message",
    [("not an iri/", "not a valid base IRI"), ("http://example.org/kg", "must end with '/' or '#'")],
)
def test_a_bad_base_iri_is_one_line(tmp_path, extractor, base, message):
    (tmp_path / "a.txt").write_text(GOOD)
    result = run("ingest", "--store", tmp_path / "kg", "--base", base, tmp_path / "a.txt")
    no_traceback(result)
    assert result.exit_code == 2 and message in result.stderr
    assert not (tmp_path / "kg").exists()
