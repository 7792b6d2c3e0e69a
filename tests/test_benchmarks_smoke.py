"""The benchmark command: its data generators, and a --quick run end to end (no timing assertions)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

RUN = Path(__file__).resolve().parent.parent / "benchmarks" / "run.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("oifgraph_benchmarks", RUN)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_corpus_permutes_names_and_reaches_its_size(bench, tmp_path):
    originals = [text for text, _ in bench.gold_articles()]
    stream = bench.renamed_articles()
    copies = [next(stream) for _ in range(2 * len(originals))]
    assert copies[: len(originals)] != originals  # names were swapped
    assert copies[: len(originals)] != copies[len(originals) :]  # and differently in each round
    words = bench.write_corpus(tmp_path / "c.jsonl", 20_000)
    lines = (tmp_path / "c.jsonl").read_text(encoding="utf-8").splitlines()
    assert words >= 20_000 and sum(len(json.loads(x)["text"].split()) for x in lines) == words
    assert len({json.loads(x)["id"] for x in lines}) == len(lines)


def test_short_documents_are_about_a_hundred_words(bench, tmp_path):
    bench.write_short_docs(tmp_path / "s.jsonl", 50)
    sizes = [len(json.loads(x)["text"].split()) for x in (tmp_path / "s.jsonl").open(encoding="utf-8")]
    assert len(sizes) == 50 and 100 <= sum(sizes) / len(sizes) <= 160


def test_synthetic_graph_is_shaped_like_oifgraph_output(bench, tmp_path):
    quads = bench.build_graph(tmp_path / "g", 5_000)
    assert 4_500 <= quads <= 5_600
    store = ox.Store.read_only(str(tmp_path / "g"))
    graphs = {g.value for g in store.named_graphs()}
    documents = {
        r["d"].value
        for r in store.query(
            "SELECT ?d WHERE { GRAPH ?d { ?d a <https://w3id.org/oifgraph/ontology#Document> } }"
        )
    }
    assert graphs == documents and len(graphs) > 20
    types = {
        r["t"].value.rsplit("#", 1)[1]
        for r in store.query("SELECT DISTINCT ?t WHERE { GRAPH ?g { ?e a ?t } }")
    }
    assert {"Document", "RelationStatement", "Person", "Organization", "Project", "Place"} <= types


@pytest.mark.slow
def test_quick_run_prints_the_table_and_writes_json(tmp_path):
    out = tmp_path / "results.json"
    done = subprocess.run(
        [sys.executable, str(RUN), "--quick", "--workdir", str(tmp_path / "work"), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr
    for heading in ("1. Ingestion throughput", "2. Peak RSS", "3. Queries", "4. Cold start", "5. Export"):
        assert heading in done.stdout
    results = json.loads(out.read_text())
    assert results["quick"] is True and results["machine"]["cores"] >= 1
    assert results["throughput"]["ratio"] > 0 and results["throughput"]["words"] >= 3_000
    assert results["memory"]["ratio"] > 0
    assert len(results["queries"]["results"]) == 5
    for row in results["queries"]["results"].values():
        assert row["ratio"] > 0 and "server_api_s" in row  # the server comparison ran too
    assert results["cold_start"]["ratio"] > 0
    assert set(results["exports"]) == {"turtle", "nquads", "graphml"}
    assert all(e["size_mb"] > 0 for e in results["exports"].values())
