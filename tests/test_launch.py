"""The console entry point: a plain ``oifgraph query`` runs without click, and gives exactly what
the click command line gives; every other command line goes to click."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest

from oifgraph.launch import QUERY_FORMATS, plain_query
from oifgraph.querying import write_query
from oifgraph.rdf.results import ResultFormat

from .conftest import facts_store

SELECT = "SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 3"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return str(facts_store(tmp_path_factory.mktemp("launch") / "kg", 5))


QUICK = [sys.executable, "-m", "oifgraph"]
CLICK = [sys.executable, "-c", "from oifgraph.cli import main; main()"]


def both(args: list[str], env=None):
    """The quick route's and click's results for the same command line."""
    quick = subprocess.run(QUICK + args, capture_output=True, text=True, timeout=60, env=env)
    full = subprocess.run(CLICK + args, capture_output=True, text=True, timeout=60, env=env)
    return quick, full


@pytest.mark.parametrize(
    "argv",
    [
        ["query", SELECT],
        ["query", "--store", "S", SELECT],
        ["query", "--store=S", "--format", "csv", SELECT],
        ["query", SELECT, "--timeout", "0", "--format=json"],
    ],
)
def test_plain_queries_take_the_quick_route(argv):
    arguments = plain_query(argv)
    assert arguments is not None and arguments["sparql"] == SELECT


@pytest.mark.parametrize(
    "argv",
    [
        ["query"],
        ["query", "--help"],
        ["query", "-f", "q.rq"],
        ["query", "--format", "xml", SELECT],
        ["query", "--timeout", "-1", SELECT],
        ["query", "--timeout", "soon", SELECT],
        ["query", "--store", "a", "--store", "b", SELECT],
        ["query", SELECT, "another positional"],
        ["query", "--", SELECT],
        ["query", "--store"],
        ["--debug", "query", SELECT],
        ["stats"],
        [],
    ],
)
def test_everything_else_goes_to_click(argv):
    assert plain_query(argv) is None


def test_the_quick_route_reads_the_same_environment(monkeypatch):
    monkeypatch.setenv("OIFGRAPH_STORE", "from-env")
    monkeypatch.setenv("OIFGRAPH_TIMEOUT", "2.5")
    assert plain_query(["query", SELECT]) == {"sparql": SELECT, "location": "from-env", "timeout": 2.5}
    assert plain_query(["query", "--store", "given", SELECT])["location"] == "given"
    monkeypatch.setenv("OIFGRAPH_TIMEOUT", "never")
    assert plain_query(["query", SELECT]) is None  # click reports the bad value


def test_the_format_choices_are_the_result_formats():
    assert set(QUERY_FORMATS) == {f.value for f in ResultFormat}


@pytest.mark.parametrize(
    "args",
    [
        ["query", "--store", "{store}", SELECT],
        ["query", "--store", "{store}", "--format", "csv", "--timeout", "0", SELECT],
        ["query", "--store", "{store}", "--format=json", SELECT],
        ["query", "--store", "{store}", "ASK { ?s ?p ?o }"],
        ["query", "--store", "{store}", "SELECT ?s WHERE { ?s ?p }"],  # malformed
        ["query", "--store", "{store}", "DELETE WHERE { ?s ?p ?o }"],  # refused
        ["query", "--store", "{store}", "--format", "turtle", SELECT],  # wrong format for a table
        ["query", "--store", "{store}/missing", SELECT],
    ],
)
def test_the_quick_route_answers_as_click_does(store, args):
    args = [a.replace("{store}", store) for a in args]
    assert plain_query(args) is not None
    quick, full = both(args)
    assert (quick.returncode, quick.stdout, quick.stderr) == (full.returncode, full.stdout, full.stderr)


def test_the_quick_route_does_not_load_click(store):
    code = (
        "import sys; from oifgraph import launch; "
        f"sys.argv = ['oifgraph', 'query', '--store', {store!r}, 'ASK {{ ?s ?p ?o }}']; launch.main(); "
        "print('click' in sys.modules, 'oifgraph.api' in sys.modules, 'spacy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["true", "False", "False", "False"]


def test_writing_results_without_a_deadline_leaves_the_output_open(store):
    output = io.BytesIO()
    write_query("ASK { ?s ?p ?o }", output, location=store, timeout=0)
    import gc

    gc.collect()  # a text wrapper left behind would close ``output`` when collected
    assert not output.closed and output.getvalue() == b"true\n"
