"""Crashes and concurrency: documents are written whole or not at all, the write lock is held only
while writing, a second writer waits or fails with exit code 3, readers work beside a writer, and a
store that cannot be written gives a clear error and stays as it was."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections import defaultdict

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from oifgraph.cli import cli
from oifgraph.errors import StoreError, StoreLocked
from oifgraph.rdf.store import OxigraphStore, open_store
from oifgraph.rdf.vocab import PROV

from .conftest import corpus_texts

pytestmark = pytest.mark.slow

GENERATED_AT = f"<{PROV}generatedAtTime>"
TEXT = "La société Nuvola, basée à Lyon, a racheté la start-up Brisa Data.\n"
DOCUMENTS = 48  # three batches of 16: a kill after the first batch is mid-way


def graphs(path) -> dict[str, set[str]]:
    """Each named graph's triples (without the ingestion time), read through a read-only open."""
    db = ox.Store.read_only(str(path))
    try:
        out: dict[str, set[str]] = defaultdict(set)
        for q in db:
            if str(q.predicate) != GENERATED_AT:
                out[str(q.graph_name)].add(f"{q.subject} {q.predicate} {q.object}")
        return dict(out)
    finally:
        del db


def stored_documents(path) -> int:
    try:
        db = ox.Store.read_only(str(path))
    except (OSError, RuntimeError):  # not created yet, or being created
        return 0
    try:
        query = "SELECT (COUNT(?d) AS ?n) WHERE { GRAPH ?d { ?d a <https://w3id.org/oifgraph/ontology#Document> } }"
        return int(next(iter(db.query(query)))["n"].value)
    finally:
        del db


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("many") / "in"
    root.mkdir()
    texts = corpus_texts()
    for i in range(DOCUMENTS):
        shutil.copy(texts[i % len(texts)], root / f"doc-{i:02d}.txt")
    return root


@pytest.fixture(scope="module")
def clean(folder, tmp_path_factory):
    """The same folder ingested by the same command in one uninterrupted run, in a fresh process
    like the runs it is compared with (the NLP of a process that analysed other texts before may
    type a borderline name differently)."""
    path = tmp_path_factory.mktemp("clean") / "kg"
    out = subprocess.run(
        [sys.executable, "-m", "oifgraph", "ingest", "--store", str(path), str(folder)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert out.returncode == 0, out.stderr
    assert f"({DOCUMENTS} added, 0 replaced, 0 unchanged)" in out.stdout
    return graphs(path)


def start_ingest(folder, store, *extra):
    return subprocess.Popen(
        [sys.executable, "-m", "oifgraph", "ingest", "--store", str(store), str(folder), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for_documents(process, store, at_least: int = 1) -> int:
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        n = stored_documents(store)
        if n >= at_least or process.poll() is not None:
            return n
        time.sleep(0.02)
    raise AssertionError("ingestion made no progress")


def test_sigkill_leaves_whole_documents_and_a_rerun_completes(folder, clean, tmp_path):
    store = tmp_path / "kg"
    process = start_ingest(folder, store)
    try:
        seen = wait_for_documents(process, store)
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait()
    assert process.returncode == -signal.SIGKILL, "ingestion ended before it could be killed"
    assert seen >= 1
    crashed = graphs(store)
    stored = stored_documents(store)
    assert 1 <= stored < DOCUMENTS  # killed mid-way
    assert len(crashed) == stored  # no graph without its document record
    for graph, triples in crashed.items():
        assert triples == clean[graph], f"{graph} differs from a clean run"

    rerun = start_ingest(folder, store)
    out, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err
    assert f"({DOCUMENTS - stored} added, 0 replaced, {stored} unchanged)" in out
    final = graphs(store)
    assert final.keys() == clean.keys()  # every document is there now
    for graph, triples in crashed.items():
        assert final[graph] == triples  # and the rerun left the stored ones alone
    # The documents of the rerun are not compared triple for triple with the clean run: in another
    # process and other batches, a borderline name may be typed differently (ApacheCon as Place or
    # Event in dev-a08 seen at position 40), which changes its IRI. That is an NLP matter, not storage.


def test_ingestion_holds_the_lock_only_while_writing(folder, clean, tmp_path):
    """Mid-way through an ingestion another writer gets the lock, queries run beside it, and the
    ingestion waits for the lock and completes."""
    store = tmp_path / "kg"
    process = start_ingest(folder, store, "--wait", "120")
    try:
        wait_for_documents(process, store)
        with open_store(store, wait=60) as mine:  # the ingestion is analysing: the store is free
            assert process.poll() is None, "ingestion ended before the lock could be taken"
            mine.replace_document("http://example.org/mine", [])
            for args in (
                ["stats", "--json"],
                ["query", "ASK { ?s ?p ?o }"],
                ["export", "--format", "nquads", "-o", str(tmp_path / "x.nq")],
            ):
                out = subprocess.run(
                    [sys.executable, "-m", "oifgraph", *args, "--store", str(store)],
                    capture_output=True,
                    text=True,
                    timeout=120,
                )
                assert out.returncode == 0, (args, out.stderr)
            time.sleep(0.5)  # the ingestion's next batch now waits for us
        out, err = process.communicate(timeout=600)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, err
    assert "48 documents (48 added, 0 replaced, 0 unchanged)" in out
    final = graphs(store)
    assert final.keys() == clean.keys()
    for graph in clean:  # each document whole: its record and facts are there
        assert {t for t in clean[graph] if t.startswith(graph) and "#mentions>" not in t} <= final[graph]
        assert len(final[graph]) > 10


def test_a_locked_store_is_exit_3_and_unchanged(tmp_path, extractor):
    path = tmp_path / "kg"
    assert (
        CliRunner().invoke(cli, ["ingest", "--store", str(path), "-", "--id", "a"], input=TEXT).exit_code == 0
    )
    before = graphs(path)
    holder = ox.Store(str(path))  # another writer
    try:
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "oifgraph",
                "ingest",
                "--store",
                str(path),
                "--wait",
                "0.2",
                "-",
                "--id",
                "b",
            ],
            input=TEXT.replace("Nuvola", "Verrou"),
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert out.returncode == 3
        assert out.stderr.strip() == f"error: store {path} is in use by another process"
        result = CliRunner().invoke(
            cli, ["ingest", "--store", str(path), "-", "--id", "c"], input=TEXT, env={"OIFGRAPH_WAIT": "0.1"}
        )
        assert result.exit_code == 3 and "is in use by another process" in result.stderr
        assert "Traceback" not in result.output
    finally:
        del holder
    assert graphs(path) == before


def test_open_store_waits_for_the_lock(tmp_path):
    path = tmp_path / "kg"
    holder = open_store(path)
    with pytest.raises(StoreLocked, match="in use by another process"):
        open_store(path, wait=0.1)
    threading.Timer(0.3, holder.close).start()
    with open_store(path, wait=30) as store:
        assert len(store) == 0


def test_a_full_disk_is_a_clear_error_and_the_store_stays(tmp_path, extractor, monkeypatch):
    path = tmp_path / "kg"
    assert (
        CliRunner().invoke(cli, ["ingest", "--store", str(path), "-", "--id", "a"], input=TEXT).exit_code == 0
    )
    before = graphs(path)

    def full(self, update):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(OxigraphStore, "_update", full)
    monkeypatch.setattr(OxigraphStore, "_extend", full)
    result = CliRunner().invoke(
        cli, ["ingest", "--store", str(path), "-", "--id", "b"], input=TEXT.replace("Nuvola", "Plein")
    )
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: cannot write to store {path}: [Errno 28] No space left on device"
    assert "Traceback" not in result.output
    assert graphs(path) == before


def test_a_store_location_that_cannot_be_created(tmp_path, extractor):
    """/proc refuses new folders even to root."""
    result = CliRunner().invoke(cli, ["ingest", "--store", "/proc/oifgraph-store", "-"], input=TEXT)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: cannot open store /proc/oifgraph-store: ")
    (tmp_path / "file").write_text("not a folder")
    result = CliRunner().invoke(cli, ["ingest", "--store", str(tmp_path / "file"), "-"], input=TEXT)
    assert result.exit_code == 2 and result.stderr.startswith("error: cannot open store ")
    assert "Traceback" not in result.output


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_store_folder(tmp_path, extractor):
    path = tmp_path / "kg"
    assert (
        CliRunner().invoke(cli, ["ingest", "--store", str(path), "-", "--id", "a"], input=TEXT).exit_code == 0
    )
    before = graphs(path)
    path.chmod(0o555)
    try:
        result = CliRunner().invoke(cli, ["ingest", "--store", str(path), "-", "--id", "b"], input=TEXT)
        assert result.exit_code == 2 and result.stderr.startswith(f"error: cannot open store {path}")
    finally:
        path.chmod(0o755)
    assert graphs(path) == before


def test_a_writer_flushes_what_it_wrote_when_closed(tmp_path):
    """Writes left in RocksDB's write-ahead log are replayed by every later open of the store, so
    an ingestion's opens grew slower with each batch it wrote; closing a writer flushes them."""

    flushes = []

    class Recording:  # the store, counting its flushes (and holding it only while it is open)
        def __init__(self, store):
            self.store = store

        def flush(self):
            flushes.append(1)
            self.store.flush()

        def __getattr__(self, name):
            return getattr(self.store, name)

    doc = "https://example.org/doc/1"
    quad = ox.Quad(ox.NamedNode(doc), ox.NamedNode(GENERATED_AT[1:-1]), ox.Literal("x"), ox.NamedNode(doc))
    idle = OxigraphStore(tmp_path / "s")
    idle._store = Recording(idle._store)
    idle.close()
    assert flushes == []  # nothing written, nothing to flush
    writer = OxigraphStore(tmp_path / "s")
    writer._store = Recording(writer._store)
    writer.replace_document(doc, [quad], new=True)
    writer.close()
    assert flushes == [1]
    assert len(OxigraphStore(tmp_path / "s", read_only=True)) == 1


def test_a_reader_retries_when_a_writers_compaction_removes_a_file(tmp_path, monkeypatch):
    """A read-only open lists the store's files; a writer's flush or compaction can delete one
    before it is opened. That open is retried; a real lock and other errors are not."""
    path = tmp_path / "kg"
    open_store(path).close()
    real = ox.Store.read_only
    failures = [
        RuntimeError(
            f"Corruption: IO error: No such file or directory: While open a file for random read: {path}/000022.sst"
        ),
        FileNotFoundError(
            f"IO error: No such file or directory: while stat a file for size: {path}/000767.log"
        ),
    ]

    class Racing:
        @staticmethod
        def read_only(location):
            if failures:
                raise failures.pop(0)
            return real(location)

    monkeypatch.setattr("oifgraph.rdf.store.ox", type("ox", (), {"Store": Racing}))
    with OxigraphStore(path, read_only=True) as store:
        assert len(store) == 0 and not failures

    failures[:] = [RuntimeError("Corruption: truncated block read from /x/000009.sst")]
    with pytest.raises(StoreError, match="truncated block read") as caught:  # not "in use"
        OxigraphStore(path, read_only=True)
    assert not isinstance(caught.value, StoreLocked)
    failures[:] = [OSError(f"IO error: While lock file: {path}/LOCK: Resource temporarily unavailable")]
    with pytest.raises(StoreLocked):
        OxigraphStore(path, read_only=True)
