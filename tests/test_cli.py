"""End-to-end: the real French pipeline through the command line, on real text."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

from oifgraph.cli import cli
from oifgraph.evaluate import score_document

from .conftest import REFERENCE, corpus_texts, gold_of

pytestmark = pytest.mark.slow


def run(*args, input=None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)


def ingest_text(store, doc_id: str, text: str):
    """Ingest ``text`` from stdin as document ``doc_id``."""
    return run("ingest", "--store", store, "-", "--id", doc_id, input=text)


def article():
    """The reference article when ../shared is there, else the first article of our corpus."""
    return REFERENCE if REFERENCE.exists() else corpus_texts()[0]


@pytest.fixture(scope="module")
def store(tmp_path_factory, extractor):
    path = tmp_path_factory.mktemp("store") / "kg"
    result = run("ingest", "--store", path, article())
    assert result.exit_code == 0, result.output
    return path


def count_triples(store_path) -> int:
    out = run("stats", "--store", store_path, "--json")
    return json.loads(out.output)["triples"]


def test_extract_json_on_the_reference_article(extractor):
    if not REFERENCE.exists():
        pytest.skip("../shared/reference is not available")
    result = run("extract", REFERENCE, "--format", "json")
    assert result.exit_code == 0
    predicted = json.loads(result.output)
    score = score_document("reference", predicted, gold_of(REFERENCE))
    assert score.typed.tp == 15 and not score.missed_entities and not score.mistyped
    assert score.relations.tp >= 10, score.missed_relations


def test_extract_table_is_readable(extractor):
    result = run("extract", corpus_texts()[0])
    assert result.exit_code == 0
    assert "Entities (" in result.output and "Relations (" in result.output


def test_ingest_summary_and_idempotence(store):
    before = count_triples(store)
    again = run("ingest", "--store", store, article())
    assert again.exit_code == 0
    assert "1 unchanged" in again.output and "+0 triples" in again.output
    assert count_triples(store) == before


def test_who_works_for_the_foundation_with_evidence(store):
    if not REFERENCE.exists():
        pytest.skip("needs the reference article")
    result = run(
        "query",
        "--store",
        store,
        "--format",
        "json",
        """SELECT ?name ?role ?evidence WHERE {
             ?st rdf:subject ?p ; rdf:predicate oif:worksFor ; rdf:object ?org ; oif:evidence ?evidence .
             OPTIONAL { ?st oif:role ?role }
             ?p rdfs:label ?name . ?org rdfs:label "Open Infrastructure Foundation" }""",
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)["results"]["bindings"]
    assert [r["name"]["value"] for r in rows] == ["Thierry Carrez"]
    assert rows[0]["role"]["value"].startswith("vice-président")
    assert "Thierry Carrez, vice-président" in rows[0]["evidence"]["value"]


def test_which_projects_the_foundation_hosts(store):
    if not REFERENCE.exists():
        pytest.skip("needs the reference article")
    result = run("query", "--store", store, "--format", "csv", "-f", "examples/hosted-projects.rq")
    assert result.exit_code == 0
    hosted = {line.split(",")[1] for line in result.output.splitlines()[1:] if line.startswith("Open Infra")}
    assert {"Zuul", "Airship", "StarlingX", "Kata Containers"} <= hosted


def test_ask_and_construct(store):
    assert run("query", "--store", store, "ASK { ?s a oif:Person }").output.strip() == "true"
    graph = run("query", "--store", store, "CONSTRUCT { ?s a oif:Person } WHERE { ?s a oif:Person }")
    assert graph.exit_code == 0 and "oif:Person" in graph.output


@pytest.mark.parametrize(
    "args, message",
    [
        (["query", "SELEKT ?x"], "malformed SPARQL"),
        (["query", "INSERT DATA { <a:b> <a:c> <a:d> }"], "updates are refused"),
        (["query", ""], "no query"),
    ],
)
def test_query_errors_are_one_line(store, args, message):
    result = CliRunner().invoke(cli, [*args, "--store", str(store)])
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output


def test_missing_inputs_and_store(tmp_path):
    result = CliRunner().invoke(cli, ["ingest", "--store", str(tmp_path / "s"), str(tmp_path / "nope.txt")])
    assert result.exit_code == 2 and "no such file" in result.output
    result = CliRunner().invoke(cli, ["query", "--store", str(tmp_path / "none"), "ASK {}"])
    assert result.exit_code == 2 and "no store at" in result.output
    result = CliRunner().invoke(cli, ["ingest", "--store", str(tmp_path / "s"), "-"], input="  \n")
    assert result.exit_code == 2 and "empty input" in result.output


def test_changed_document_replaces_its_facts(tmp_path, extractor):
    store = tmp_path / "s"
    first = "La société Nuvola, basée à Lyon, a racheté la start-up Brisa Data.\n"
    second = "Marie Curval, directrice technique de Kestrel Labs, a présenté le projet Orvia.\n"
    assert ingest_text(store, "doc", first).exit_code == 0
    result = ingest_text(store, "doc", second)
    assert "1 replaced" in result.output
    labels = run("query", "--store", store, "--format", "csv", "SELECT ?l WHERE { ?e rdfs:label ?l }").output
    assert "Nuvola" not in labels and "Kestrel Labs" in labels
    docs = run("query", "--store", store, "SELECT (COUNT(?d) AS ?n) WHERE { ?d a oif:Document }").output
    assert "1" in docs


def test_same_entity_one_iri_across_documents(tmp_path, extractor):
    store = tmp_path / "s"
    ingest_text(store, "a", "La société OVHcloud a racheté la start-up Brisa Data.\n")
    ingest_text(store, "b", "Selon Ovhcloud, la société Brisa Data restera à Lyon.\n")
    rows = run(
        "query",
        "--store",
        store,
        "--format",
        "csv",
        'SELECT DISTINCT ?e WHERE { ?e oif:matchKey "ovhcloud" }',
    ).output.splitlines()
    assert len(rows) == 2  # header + one IRI


def test_exports_read_back(store, tmp_path):
    import igraph
    import networkx as nx
    import rdflib

    ttl, nq, jsonld, trig, gml = (tmp_path / f"g.{x}" for x in ("ttl", "nq", "jsonld", "trig", "graphml"))
    for fmt, path in (("turtle", ttl), ("nquads", nq), ("jsonld", jsonld), ("trig", trig), ("graphml", gml)):
        assert run("export", "--store", store, "--format", fmt, "-o", path).exit_code == 0
    total = count_triples(store)
    assert len(rdflib.Dataset().parse(nq, format="nquads")) == total
    as_jsonld = rdflib.Dataset()
    as_jsonld.parse(jsonld, format="json-ld")
    assert sum(len(g) for g in as_jsonld.graphs()) == total
    assert len(rdflib.Graph().parse(ttl, format="turtle")) > 0
    if shutil.which("rapper"):
        for path, syntax in ((ttl, "turtle"), (trig, "trig")):
            out = subprocess.run(["rapper", "-i", syntax, "-c", str(path)], capture_output=True, text=True)
            assert out.returncode == 0, out.stderr
    g = nx.read_graphml(gml)
    ig = igraph.Graph.Read_GraphML(str(gml))
    assert (g.number_of_nodes(), g.number_of_edges()) == (ig.vcount(), ig.ecount())
    stats = json.loads(run("stats", "--store", store, "--json").output)
    assert g.number_of_nodes() == sum(stats["entities"].values())
    assert g.number_of_edges() == sum(stats["relations"].values())
    edge = next(iter(g.edges(data=True)))[2]
    assert {"predicate", "evidence", "document", "confidence"} <= edge.keys()


def test_python_dash_m():
    out = subprocess.run([sys.executable, "-m", "oifgraph", "--help"], capture_output=True, text=True)
    assert out.returncode == 0 and "ingest" in out.stdout


def test_missing_model_names_the_package_to_install():
    from oifgraph.errors import ModelNotInstalled
    from oifgraph.nlp.pipeline import load_pipeline

    with pytest.raises(ModelNotInstalled, match="pip install fr-core-news-xx"):
        load_pipeline(model="fr_core_news_xx")


def test_the_who_works_where_example_answers_as_the_query_over_the_union(tmp_path, extractor):
    # The example joins labels inside GRAPH ?doc (over the union each label repeats once per
    # document naming the entity, and the joins multiply): the same rows either way.
    path = tmp_path / "kg"
    for text in corpus_texts()[:3]:
        assert run("ingest", "--store", path, text).exit_code == 0
    union = """SELECT DISTINCT ?person ?role ?organization ?evidence WHERE {
      ?st a oif:RelationStatement ; rdf:subject ?p ; rdf:predicate oif:worksFor ; rdf:object ?o ;
          oif:evidence ?evidence .
      OPTIONAL { ?st oif:role ?role }
      ?p rdfs:label ?person . ?o rdfs:label ?organization . }"""
    example = run("query", "--store", path, "--format", "csv", "-f", "examples/who-works-where.rq")
    expected = run("query", "--store", path, "--format", "csv", union)
    assert example.exit_code == 0 and expected.exit_code == 0
    rows = example.output.splitlines()
    assert len(rows) > 1
    assert sorted(rows) == sorted(expected.output.splitlines())
