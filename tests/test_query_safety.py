"""`query` is safe: clear errors for bad SPARQL, no updates, no outbound SERVICE requests, a
deadline for queries that run too long, and results streamed rather than held in memory."""

from __future__ import annotations

import io
import json
import os
import re
import socket
import subprocess
import sys

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from oifgraph.cli import cli
from oifgraph.deadline import DeadlineExceeded, run_with_deadline
from oifgraph.errors import QueryError
from oifgraph.rdf.guard import is_update, uses_service
from oifgraph.rdf.results import write_results, write_table

from .conftest import facts_store

EXPENSIVE = "SELECT * WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f } ORDER BY ?b ?d ?f LIMIT 1"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """200 facts in 10 named graphs."""
    return facts_store(tmp_path_factory.mktemp("q") / "kg", 200, graphs=10)


def run(*args, env=None):
    return CliRunner().invoke(cli, [str(a) for a in args], env=env)


def one_error_line(result) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), lines
    return lines[0]


def test_malformed_sparql_names_line_and_column(store):
    line = one_error_line(run("query", "--store", store, "SELECT ?s\nWHERE {\n  ?s ?p\n}"))
    assert re.match(r"error: malformed SPARQL at line 4, column \d+: expected ", line), line


@pytest.mark.parametrize(
    "sparql",
    [
        "INSERT DATA { <a:b> <a:c> <a:d> }",
        "PREFIX ex: <http://ex/> DELETE WHERE { ?s ?p ?o }",
        "# comment\n drop all",
        "BASE <http://x/> WITH <a:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "LOAD <http://example.org/data.ttl>",
    ],
)
def test_updates_are_refused_and_change_nothing(store, sparql):
    before = run("query", "--store", store, "--format", "csv", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    line = one_error_line(run("query", "--store", store, sparql))
    assert "SPARQL updates are refused" in line
    after = run("query", "--store", store, "--format", "csv", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert before.stdout == after.stdout and before.stdout.split() == ["n", "200"]


SERVICE_QUERIES = [
    "SELECT * WHERE { SERVICE <{url}> { ?s ?p ?o } }",
    "select * where { service silent <{url}> { ?s ?p ?o } }",
    "SELECT * WHERE { ?x ?y ?z .SERVICE<{url}>{?s ?p ?o} }",
    "SELECT * WHERE { ?x ?y ?z FILTER(?z < 3 && ?z > 1) SERVICE <{url}> { ?s ?p ?o } }",
    "# SERVICE in a comment, then the real one\nASK { SERVICE <{url}> { ?s ?p ?o } }",
    "CONSTRUCT { ?s ?p ?o } WHERE { { ?s ?p ?o } UNION { SERVICE <{url}> { ?s ?p ?o } } }",
]


@pytest.mark.parametrize("template", SERVICE_QUERIES)
def test_service_is_refused_without_any_request(store, template):
    with socket.socket() as server:  # a real endpoint address: nothing may connect to it
        server.bind(("127.0.0.1", 0))
        server.listen()
        server.setblocking(False)
        url = f"http://127.0.0.1:{server.getsockname()[1]}/sparql"
        line = one_error_line(run("query", "--store", store, template.replace("{url}", url)))
        assert "SERVICE clauses are refused" in line
        with pytest.raises(BlockingIOError):
            server.accept()


@pytest.mark.parametrize(
    "sparql",
    [
        "SELECT ?service WHERE { ?service ?p 'SERVICE <http://x/> { }' }",
        "PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ex:SERVICE ?o }",
        "SELECT * WHERE { ?s ?p <http://example.org/SERVICE> } # SERVICE <http://x/> {}",
        'SELECT * WHERE { ?s ?p """long\nSERVICE <http://x/> {}\n""" }',
        'SELECT * WHERE { ?s ?p "v"@service }',
        "PREFIX service: <http://example.org/> SELECT * WHERE { ?s service:p ?o }",
    ],
)
def test_the_word_service_elsewhere_is_not_a_service_clause(store, sparql):
    assert not uses_service(sparql) and not is_update(sparql)
    result = run("query", "--store", store, sparql)
    assert result.exit_code == 0, result.output


def test_a_query_that_runs_too_long_is_abandoned(store):
    out = subprocess.run(
        [sys.executable, "-m", "oifgraph", "query", "--store", str(store), "--timeout", "0.5", EXPENSIVE],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 2, out.stderr
    assert out.stderr.strip() == (
        "error: query abandoned after 0.5 s: it ran longer than --timeout 0.5 s (add a LIMIT, or raise --timeout)"
    )
    assert out.stdout == ""


def test_the_timeout_comes_from_the_environment_too(store):
    result = run("query", "--store", store, EXPENSIVE, env={"OIFGRAPH_TIMEOUT": "0.3"})
    assert "ran longer than --timeout 0.3 s" in one_error_line(result)


def test_errors_in_the_worker_come_back_as_they_were(tmp_path):
    line = one_error_line(run("query", "--store", tmp_path / "none", "ASK {}"))
    assert line.startswith("error: no store at")


def test_the_worker_relays_output_as_it_comes():
    """The child writes a first line, then waits until the parent has received it: a relay that
    held the output back until the end would never deliver it, and the deadline would expire."""
    go_read, go_write = os.pipe()

    def job(stream):
        stream.write(b"first\n")
        stream.flush()
        os.read(go_read, 1)  # blocks until the parent got "first"
        stream.write(b"second\n")

    class Output(io.BytesIO):
        def write(self, data):
            if b"first" in data:
                os.write(go_write, b"x")
            return super().write(data)

    out = Output()
    try:
        run_with_deadline(job, out, 30)
    finally:
        os.close(go_read)
        os.close(go_write)
    assert out.getvalue() == b"first\nsecond\n"


def test_the_deadline_kills_a_job_that_never_ends():
    def job(stream):
        stream.write(b"started\n")
        stream.flush()
        while True:
            pass

    out = io.BytesIO()
    with pytest.raises(DeadlineExceeded, match="abandoned after 0.2 s"):
        run_with_deadline(job, out, 0.2)
    assert out.getvalue() == b"started\n"


def test_an_error_in_the_job_reaches_the_parent_whatever_its_length():
    def job(stream):
        stream.write(b"partial\n")
        raise QueryError("bad " + "x" * 200_000)  # larger than a pipe's buffer

    out = io.BytesIO()
    with pytest.raises(QueryError, match="^bad x"):
        run_with_deadline(job, out, 30)
    assert out.getvalue() == b"partial\n"


class Solutions:
    """Query solutions that count how many rows were taken from them."""

    def __init__(self, n):
        self.variables = [ox.Variable("x")]
        self.taken = 0
        self.n = n

    def __iter__(self):
        for i in range(self.n):
            self.taken += 1
            yield {"x": ox.Literal(f"row {i}")}


def test_table_rows_stream_after_a_sample():
    solutions = Solutions(20_000)
    taken_at_line: list[int] = []

    class Out(io.StringIO):
        def write(self, text):
            taken_at_line.append(solutions.taken)
            return super().write(text)

    assert write_table(solutions, Out()) == 20_000
    assert taken_at_line[0] <= 500 + 1  # the header is written after the sizing sample only
    assert taken_at_line[10] < 1_000  # and the first rows long before the last row is read


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json"])
def test_large_results_are_written_in_small_pieces(store, fmt):
    db = ox.Store.read_only(str(store))
    results = db.query(
        "SELECT ?s ?o ?x WHERE { GRAPH ?g { ?s ?p ?o } VALUES ?x { 1 2 3 4 5 6 7 8 9 10 } }",
        use_default_graph_as_union=True,
    )
    sizes: list[int] = []

    class Out(io.BytesIO):
        def write(self, data):
            sizes.append(len(data))
            return super().write(data)

    out = Out()
    write_results(results, fmt, io.StringIO(), out)
    assert sum(sizes) > 50_000 and max(sizes) <= 64 * 1024 and len(sizes) > 5
    if fmt == "json":
        assert len(json.loads(out.getvalue())["results"]["bindings"]) == 2_000


def test_a_closed_pipe_ends_quietly(store):
    shell = (
        f"{sys.executable} -m oifgraph query --store {store} --format csv "
        "'SELECT ?s ?o ?x WHERE { ?s ?p ?o VALUES ?x { 1 2 3 4 5 6 7 8 9 10 } }' | head -n 1; "
        "exit ${PIPESTATUS[0]}"
    )
    out = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and out.stderr == "" and out.stdout.strip() == "s,o,x"
