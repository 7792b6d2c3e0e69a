"""A SPARQL 1.1 server as the store: the same commands against `oxigraph serve` and the embedded store."""

from __future__ import annotations

import http.server
import json
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner

from oifgraph.cli import cli
from oifgraph.errors import QueryError, StoreError
from oifgraph.rdf.http_store import HttpStore, endpoints

from .conftest import corpus_texts

GENERATED_AT = "<http://www.w3.org/ns/prov#generatedAtTime>"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def oxigraph_binary() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(found).exists():
        pytest.fail("the 'oxigraph' command is missing: pip install oxigraph (the test extra installs it)")
    return found


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """`oxigraph serve` on a free loopback port, for the whole session."""
    port = free_port()
    location = tmp_path_factory.mktemp("oxigraph-server")
    proc = subprocess.Popen(
        [
            oxigraph_binary(),
            "serve",
            "--location",
            str(location),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1).read()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"oxigraph serve did not start: {proc.stderr.read().decode()}")
            time.sleep(0.05)
    yield url
    proc.terminate()
    proc.wait(timeout=10)


def clear(url: str) -> None:
    request = urllib.request.Request(
        f"{url}/update", data=b"DROP SILENT ALL", headers={"Content-Type": "application/sparql-update"}
    )
    urllib.request.urlopen(request, timeout=10).read()


@pytest.fixture(params=["embedded", "server"])
def store(request, tmp_path):
    """An empty store of each kind, as the --store value the commands take."""
    if request.param == "embedded":
        return str(tmp_path / "store")
    url = request.getfixturevalue("server")
    clear(url)
    return url


def run(*args, input=None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)


def nquads(store_location) -> set[str]:
    result = run("export", "--store", store_location, "--format", "nquads")
    assert result.exit_code == 0, result.output
    return {line for line in result.output.splitlines() if line and GENERATED_AT not in line}


ARTICLES = corpus_texts()[:3]


# -- unit: endpoint forms, errors ----------------------------------------------------------------


@pytest.mark.parametrize(
    "url, expected",
    [
        ("http://h:7878", ("http://h:7878/query", "http://h:7878/update")),
        ("http://h:7878/", ("http://h:7878/query", "http://h:7878/update")),
        ("http://h/oxi/", ("http://h/oxi/query", "http://h/oxi/update")),
        ("http://h:8890/sparql", ("http://h:8890/sparql", "http://h:8890/sparql")),
        ("http://h:3030/ds", ("http://h:3030/ds", "http://h:3030/ds")),
        (
            "http://h?query=http%3A%2F%2Fq%3A1%2Fsparql&update=http%3A%2F%2Fu%3A2%2Fup",
            ("http://q:1/sparql", "http://u:2/up"),
        ),
    ],
)
def test_endpoint_forms(url, expected):
    assert endpoints(url) == expected


def test_server_down_is_one_line_and_exit_2():
    url = f"http://127.0.0.1:{free_port()}"
    for command in (["stats"], ["query", "ASK {}"], ["export"]):
        result = CliRunner().invoke(cli, [*command, "--store", url])
        assert result.exit_code == 2, result.output
        assert result.output.startswith(f"error: cannot reach the SPARQL server at {url}/query")
        assert result.output.count("\n") == 1 and "Traceback" not in result.output


class Refusing(http.server.BaseHTTPRequestHandler):
    """A server that answers ASK but refuses updates, as a read-only endpoint does."""

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if body.startswith(b"ASK"):
            payload = b'{"head": {}, "boolean": true}'
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        else:
            self.send_response(403)
            self.send_header("Content-Length", "28")
            self.end_headers()
            self.wfile.write(b"SPARQL_UPDATE not granted.\n\n")

    def log_message(self, *args):
        pass


def test_refused_update_is_a_store_error():
    httpd = http.server.HTTPServer(("127.0.0.1", 0), Refusing)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        store = HttpStore(f"http://127.0.0.1:{httpd.server_port}/sparql")
        with pytest.raises(StoreError, match=r"refused access \(HTTP 403\): SPARQL_UPDATE not granted"):
            store.remove_document("https://example.org/doc/x")
    finally:
        httpd.shutdown()


def test_malformed_query_is_a_query_error(server):
    with HttpStore(server) as store, pytest.raises(QueryError, match="refused the request: error at 1:"):
        store.query("SELEKT ?x")


# -- end to end, both stores ---------------------------------------------------------------------


@pytest.mark.slow
def test_ingest_is_idempotent_and_each_document_has_its_graph(store, extractor):
    first = run("ingest", "--store", store, *ARTICLES)
    assert first.exit_code == 0, first.output
    assert first.output.startswith("3 documents (3 added, 0 replaced, 0 unchanged)")
    again = run("ingest", "--store", store, *ARTICLES)
    assert "3 unchanged" in again.output and "+0 triples" in again.output
    graphs = run(
        "query",
        "--store",
        store,
        "--format",
        "json",
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?g a oif:Document } }",
    )
    names = {b["g"]["value"] for b in json.loads(graphs.output)["results"]["bindings"]}
    assert names == {f"https://w3id.org/oifgraph/doc/{p.stem}" for p in ARTICLES}


@pytest.mark.slow
def test_query_formats(store, extractor):
    run("ingest", "--store", store, ARTICLES[0])
    select = "SELECT DISTINCT ?name WHERE { ?p a oif:Person ; rdfs:label ?name } ORDER BY ?name"
    table = run("query", "--store", store, select)
    assert table.exit_code == 0 and table.output.startswith("name\n----") and "rows)" in table.output
    as_json = json.loads(run("query", "--store", store, "--format", "json", select).output)
    csv_rows = run("query", "--store", store, "--format", "csv", select).output.splitlines()[1:]
    assert [b["name"]["value"] for b in as_json["results"]["bindings"]] == csv_rows and csv_rows
    assert run("query", "--store", store, "ASK { ?s a oif:Person }").output.strip() == "true"
    assert run("query", "--store", store, "ASK { ?s a oif:Nothing }").output.strip() == "false"
    graph = run("query", "--store", store, "CONSTRUCT { ?s a oif:Person } WHERE { ?s a oif:Person }")
    assert graph.exit_code == 0
    parsed = rdflib.Graph().parse(data=graph.output, format="turtle")
    assert len(parsed) > 0
    nt = run(
        "query",
        "--store",
        store,
        "--format",
        "ntriples",
        "CONSTRUCT { ?s a oif:Person } WHERE { ?s a oif:Person }",
    )
    assert len(rdflib.Graph().parse(data=nt.output, format="nt")) == len(parsed)
    bad = CliRunner().invoke(cli, ["query", "--store", store, "SELEKT ?x"])
    assert bad.exit_code == 2 and bad.output.startswith("error:") and bad.output.count("\n") == 1
    refused = CliRunner().invoke(cli, ["query", "--store", store, "DROP ALL"])
    assert refused.exit_code == 2 and "updates are refused" in refused.output


@pytest.mark.slow
def test_exports_and_stats(store, extractor, tmp_path):
    import igraph

    run("ingest", "--store", store, *ARTICLES)
    stats = json.loads(run("stats", "--store", store, "--json").output)
    assert stats["documents"] == 3 and stats["triples"] > 100
    assert len(rdflib.Dataset().parse(data="\n".join(nquads(store)), format="nquads")) == stats["triples"] - 3
    out = {}
    for fmt in ("turtle", "ntriples", "trig", "jsonld", "graphml"):
        out[fmt] = tmp_path / f"g.{fmt}"
        assert run("export", "--store", store, "--format", fmt, "-o", out[fmt]).exit_code == 0
    turtle = rdflib.Graph().parse(out["turtle"], format="turtle")
    assert len(turtle) == len(rdflib.Graph().parse(out["ntriples"], format="nt")) > 0
    trig = rdflib.Dataset().parse(out["trig"], format="trig")
    assert sum(len(g) for g in trig.graphs()) == stats["triples"]
    ig = igraph.Graph.Read_GraphML(str(out["graphml"]))
    assert ig.vcount() == sum(stats["entities"].values())
    assert ig.ecount() == sum(stats["relations"].values())


@pytest.mark.slow
def test_changed_document_and_cross_document_identity(store, extractor):
    first = "La société OVHcloud a racheté la start-up Brisa Data.\n"
    second = "Selon Ovhcloud, la société Brisa Data restera à Lyon.\n"
    assert run("ingest", "--store", store, "-", "--id", "a", input=first).exit_code == 0
    assert run("ingest", "--store", store, "-", "--id", "b", input=second).exit_code == 0
    rows = run(
        "query",
        "--store",
        store,
        "--format",
        "csv",
        'SELECT DISTINCT ?e WHERE { ?e oif:matchKey "ovhcloud" }',
    )
    assert len(rows.output.splitlines()) == 2  # header + one IRI
    replaced = run("ingest", "--store", store, "-", "--id", "a", input="Marie Curval dirige Kestrel Labs.\n")
    assert "1 replaced" in replaced.output
    labels = run(
        "query",
        "--store",
        store,
        "--format",
        "csv",
        "SELECT ?l WHERE { GRAPH <https://w3id.org/oifgraph/doc/a> { ?e rdfs:label ?l } }",
    ).output
    assert "Kestrel Labs" in labels and "Brisa Data" not in labels


@pytest.mark.slow
def test_server_and_embedded_store_hold_the_same_graph(server, tmp_path, extractor):
    clear(server)
    embedded = tmp_path / "embedded"
    for location in (str(embedded), server):
        result = run("ingest", "--store", location, "-j", "1", *ARTICLES)
        assert result.exit_code == 0, result.output
    assert nquads(server) == nquads(embedded)


def test_lookup_keys_finds_one_entity_per_key_however_many_documents_name_it(store):
    """Resolution reads one entity per key; an entity named by many documents is still found once."""
    import pyoxigraph as ox

    from oifgraph.api import open_store

    oif = "https://w3id.org/oifgraph/ontology#"
    rdfs = "http://www.w3.org/2000/01/rdf-schema#label"
    entity = ox.NamedNode("https://w3id.org/oifgraph/id/organization/nuvola")
    with open_store(store) as s:
        for i in range(30):
            g = ox.NamedNode(f"https://w3id.org/oifgraph/doc/d{i}")
            s.replace_document(
                g.value,
                [
                    ox.Quad(
                        g,
                        ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                        ox.NamedNode(oif + "Document"),
                        g,
                    ),
                    ox.Quad(entity, ox.NamedNode(oif + "matchKey"), ox.Literal("nuvola"), g),
                    ox.Quad(entity, ox.NamedNode(rdfs), ox.Literal("Nuvola" if i else "NUVOLA"), g),
                    ox.Quad(
                        entity,
                        ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                        ox.NamedNode(oif + "Organization"),
                        g,
                    ),
                ],
            )
        found = s.lookup_keys(["nuvola", "absent", "nuvola"])
        assert s.lookup_keys([]) == {}
    assert set(found) == {"nuvola"}
    hit = found["nuvola"]
    assert (hit.iri, hit.type, hit.key) == (entity.value, "Organization", "nuvola")
    assert hit.label in {"Nuvola", "NUVOLA"}


def test_lookup_keys_answers_every_key_of_a_long_document(store):
    """A long document names hundreds of entities: their keys are looked up a few dozen per query
    (one union of hundreds of branches costs seconds), and every one of them is answered."""
    import pyoxigraph as ox

    from oifgraph.api import open_store
    from oifgraph.rdf.store import LOOKUP_KEYS_PER_QUERY

    oif = "https://w3id.org/oifgraph/ontology#"
    a = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    g = ox.NamedNode("https://w3id.org/oifgraph/doc/long")
    count = 3 * LOOKUP_KEYS_PER_QUERY + 5
    quads = [ox.Quad(g, a, ox.NamedNode(oif + "Document"), g)]
    for i in range(count):
        e = ox.NamedNode(f"https://w3id.org/oifgraph/id/organization/e{i}")
        quads += [
            ox.Quad(e, ox.NamedNode(oif + "matchKey"), ox.Literal(f"e{i}"), g),
            ox.Quad(e, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), ox.Literal(f"E{i}"), g),
            ox.Quad(e, a, ox.NamedNode(oif + "Organization"), g),
        ]
    with open_store(store) as s:
        s.replace_document(g.value, quads)
        found = s.lookup_keys([f"e{i}" for i in range(count)] + ["absent"])
    assert set(found) == {f"e{i}" for i in range(count)}
    assert all(found[f"e{i}"].label == f"E{i}" for i in range(count))


def test_the_server_store_does_not_load_spacy():
    code = "import sys, oifgraph.rdf.http_store, oifgraph.cli; assert 'spacy' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
