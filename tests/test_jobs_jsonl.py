"""Streaming ingestion: JSON Lines input, lazy reading, worker processes, Ctrl-C."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from oifgraph import api
from oifgraph.cli import cli
from oifgraph.errors import InputError
from oifgraph.rdf.store import OxigraphStore
from oifgraph.reading import iter_documents, iter_jsonl, make_document
from oifgraph.records import Document, Extraction

from .conftest import corpus_texts

GENERATED_AT = "<http://www.w3.org/ns/prov#generatedAtTime>"


def jsonl(*records) -> bytes:
    return "".join(
        (r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records
    ).encode()


def paragraphs(limit: int | None = None) -> list[str]:
    """Paragraphs of the corpus articles, as short documents."""
    out = []
    for path in corpus_texts():
        for block in path.read_text(encoding="utf-8").split("\n\n"):
            if len(block.split()) >= 12:
                out.append(block.strip())
    return out[:limit]


def nquads_without_timestamps(store_path) -> set[str]:
    result = CliRunner().invoke(cli, ["export", "--store", str(store_path), "--format", "nquads"])
    assert result.exit_code == 0, result.output
    return {line for line in result.output.splitlines() if line and GENERATED_AT not in line}


# -- reading JSON Lines ---------------------------------------------------------------------------


def test_jsonl_records_ids_titles_dates():
    data = jsonl(
        {"id": "a", "text": "Premier texte.", "title": "Titre A", "date": "2026-11-20"},
        "",
        {"text": "Un titre en tête\nPuis le texte."},
    )
    docs = list(iter_jsonl(io.BytesIO(data), source="feed.jsonl"))
    assert [(d.id, d.title, d.date) for d in docs] == [
        ("a", "Titre A", "2026-11-20"),
        ("feed-3", "Un titre en tête", ""),
    ]
    assert docs[0].source == "feed.jsonl:1" and len(docs[0].sha256) == 64


def test_jsonl_hash_covers_title_and_date():
    def doc(**extra):
        return next(iter_jsonl(io.BytesIO(jsonl({"id": "a", "text": "Texte.", **extra})), source="x"))

    hashes = {doc().sha256, doc(title="T").sha256, doc(date="2026-01-01").sha256}
    assert len(hashes) == 3
    assert doc(title="T").sha256 == doc(title="T").sha256


def test_read_documents_reads_a_jsonl_file_line_by_line_as_the_cli_does(tmp_path):
    (tmp_path / "feed.jsonl").write_bytes(jsonl({"id": "a", "text": "Un."}, {"id": "b", "text": "Deux."}))
    (tmp_path / "note.txt").write_text("Trois.", encoding="utf-8")
    docs = api.read_documents([tmp_path / "note.txt", tmp_path / "feed.jsonl"])
    assert sorted((d.id, d.text) for d in docs) == [("a", "Un."), ("b", "Deux."), ("note", "Trois.")]


@pytest.mark.parametrize(
    "line, message",
    [
        ("not json", "not valid JSON"),
        ('["a list"]', "expected a JSON object"),
        ('{"id": "x"}', '"text" is missing'),
        ('{"text": 3}', '"text" is missing or not a string'),
        ('{"text": "  "}', "empty text"),
        ('{"text": "ok", "title": ["x"]}', '"title" must be a string'),
    ],
)
def test_bad_jsonl_lines_name_their_line(line, message):
    data = jsonl({"text": "Bon."}, line)
    with pytest.raises(InputError, match=rf"^in\.jsonl:2: .*{re.escape(message)}"):
        list(iter_jsonl(io.BytesIO(data), source="in.jsonl"))
    errors: list = []
    docs = list(iter_jsonl(io.BytesIO(data + jsonl({"text": "Encore."})), source="in.jsonl", errors=errors))
    assert [d.text for d in docs] == ["Bon.", "Encore."]
    assert [where for where, _ in errors] == ["in.jsonl:2"] and message in errors[0][1]


def test_files_are_read_one_at_a_time(tmp_path):
    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text(f"Texte {name}.")
    documents = iter_documents([tmp_path])
    assert next(documents).id == "a"
    (tmp_path / "b.txt").unlink()  # not read yet, so its absence shows only now
    with pytest.raises(InputError, match="cannot read"):
        next(documents)


# -- ingestion streams (with a stand-in for the NLP stage) ---------------------------------------


class CountingExtractor:
    """Extracts nothing, lazily, and remembers how many documents it was asked for."""

    def __init__(self, on_document=None):
        self.seen: list[str] = []
        self.on_document = on_document or (lambda n: None)

    def analyse(self, documents, *, batch_size=32, jobs=1):
        for document in documents:
            self.seen.append(document.id)
            self.on_document(len(self.seen))
            yield document, Extraction(document, document.text), None


def numbered(n: int, pulled: list[int] | None = None, text: str = "Texte {i}.") -> Iterator[Document]:
    for i in range(n):
        if pulled is not None:
            pulled.append(i)
        yield make_document(text.format(i=i).encode(), doc_id=f"d{i}", source=f"<{i}>")


def test_ingest_pulls_documents_as_it_writes_them(tmp_path):
    pulled: list[int] = []
    written = []
    with OxigraphStore(tmp_path / "s") as store:
        report = api.ingest(
            numbered(500, pulled),
            store,
            extractor=CountingExtractor(),
            progress=lambda d: written.append((d.id, len(pulled))),
            batch_size=8,
        )
        graphs = {str(g) for g in store._store.named_graphs()}
    assert report.added == report.documents == 500
    # Documents are read a few batches ahead (hashes are checked 4 batches at a time), and written
    # when 8 are analysed, or at most 16 batches later: the read-ahead is bounded.
    assert all(n - int(doc_id[1:]) <= 16 * 8 + 4 * 8 for doc_id, n in written)
    assert len(graphs) == 500  # one named graph per document


def test_unchanged_documents_are_skipped_before_analysis(tmp_path):
    with OxigraphStore(tmp_path / "s") as store:
        api.ingest(numbered(10), store, extractor=CountingExtractor())
        again = CountingExtractor()
        changed = (
            make_document(b"Nouveau texte.", doc_id=d.id, source=d.source) if d.id == "d3" else d
            for d in numbered(10)
        )
        report = api.ingest(changed, store, extractor=again)
    assert again.seen == ["d3"]
    assert (report.documents, report.unchanged, report.replaced, report.added) == (10, 9, 1, 0)


def test_stop_writes_the_documents_already_analysed_and_ends(tmp_path):
    interrupt = []  # Ctrl-C arrives while the third document is analysed
    extractor = CountingExtractor(on_document=lambda n: n == 3 and interrupt.append(True))
    with OxigraphStore(tmp_path / "s") as store:
        report = api.ingest(numbered(50), store, extractor=extractor, stop=lambda: bool(interrupt))
        assert report.interrupted and report.added == 3 and extractor.seen == ["d0", "d1", "d2"]
        rerun = api.ingest(numbered(50), store, extractor=CountingExtractor())
    assert (rerun.unchanged, rerun.added, rerun.interrupted) == (3, 47, False)


# -- the real pipeline ---------------------------------------------------------------------------


@pytest.mark.slow
def test_two_processes_give_the_same_extractions_as_one(extractor):
    documents = [
        make_document(p.encode(), doc_id=f"p{i}", source="corpus") for i, p in enumerate(paragraphs(40))
    ]
    one = [e.as_json() for e in extractor.extract_many(iter(documents), jobs=1, batch_size=8)]
    two = [e.as_json() for e in extractor.extract_many(iter(documents), jobs=2, batch_size=8)]
    assert len(one) == 40 and sum(len(e["relations"]) for e in one) > 0
    assert two == one


@pytest.mark.slow
def test_cli_jobs_2_stores_the_same_graph_as_jobs_1(tmp_path, extractor):
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(jsonl(*({"id": f"p{i}", "text": t} for i, t in enumerate(paragraphs(24)))))
    for jobs in ("1", "2"):
        result = CliRunner().invoke(cli, ["ingest", "--store", str(tmp_path / jobs), "-j", jobs, str(feed)])
        assert result.exit_code == 0, result.output
        assert "24 documents (24 added" in result.output
    assert nquads_without_timestamps(tmp_path / "1") == nquads_without_timestamps(tmp_path / "2")


@pytest.mark.slow
def test_cli_jsonl_on_stdin_reports_bad_lines(tmp_path, extractor):
    data = jsonl(
        {
            "id": "nuvola",
            "text": "La société Nuvola, basée à Lyon, a racheté la start-up Brisa Data.",
            "date": "2026-11-20",
        },
        "{oops",
        {"id": "kestrel", "title": "Kestrel", "text": "Marie Curval dirige Kestrel Labs."},
    )
    store = tmp_path / "s"
    result = CliRunner().invoke(cli, ["ingest", "--store", str(store), "--format", "jsonl", "-"], input=data)
    assert result.exit_code == 1
    assert "2 documents (2 added" in result.output
    assert "failed: <stdin>:2: not valid JSON" in result.output
    rows = CliRunner().invoke(
        cli,
        ["query", "--store", str(store), "--format", "csv", "SELECT ?d ?t WHERE { ?d dcterms:date ?t }"],
    )
    assert rows.output.splitlines()[1:] == ["https://w3id.org/oifgraph/doc/nuvola,2026-11-20"]
    store_ = ox.Store.read_only(str(store))
    assert len(list(store_.named_graphs())) == 2


@pytest.mark.slow
def test_ctrl_c_keeps_finished_documents_and_a_rerun_completes(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(jsonl(*({"id": f"p{i:03}", "text": t} for i, t in enumerate(paragraphs(100)))))
    total = 100
    store = tmp_path / "interrupted"
    command = [
        sys.executable,
        "-m",
        "oifgraph",
        "ingest",
        "-j",
        "2",
        "--batch-size",
        "4",
        "--store",
        str(store),
    ]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [*command, str(feed)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True
    )
    deadline = time.monotonic() + 120
    stored = 0
    while stored < 3 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        if (store / "CURRENT").exists():
            with contextlib.suppress(OSError, RuntimeError):  # the store may be half-created yet
                stored = len(list(ox.Store.read_only(str(store)).named_graphs()))
    assert proc.poll() is None, "ingestion ended before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "interrupted:" in err and "Traceback" not in err
    done = int(re.search(r"^(\d+) documents", out, re.M).group(1))
    assert 3 <= done < total

    rerun = subprocess.run([*command, str(feed)], capture_output=True, text=True, env=env, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{done} unchanged" in rerun.stdout
    straight = subprocess.run(
        [*command[:-1], str(tmp_path / "straight"), str(feed)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert straight.returncode == 0, straight.stderr
    # No document was half-stored: the resumed store equals one made in a single run.
    assert nquads_without_timestamps(store) == nquads_without_timestamps(tmp_path / "straight")


def test_the_embedded_store_flushes_its_write_buffers_as_documents_are_written(tmp_path, monkeypatch):
    """Without flushes RocksDB's buffers grew with every document (memory grew with the count)."""
    from oifgraph.rdf import store as store_module

    class Counting:
        def __init__(self, inner):
            self.inner, self.flushes = inner, 0

        def flush(self):
            self.flushes += 1
            self.inner.flush()

        def __getattr__(self, name):
            return getattr(self.inner, name)

        def __len__(self):
            return len(self.inner)

    monkeypatch.setattr(store_module, "FLUSH_EVERY_QUADS", 50)
    with OxigraphStore(tmp_path / "s") as store:
        store._store = counting = Counting(store._store)
        api.ingest(numbered(40), store, extractor=CountingExtractor())
        assert counting.flushes >= 3
        assert len(list(counting.inner.named_graphs())) == 40
