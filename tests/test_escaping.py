"""Names and texts that must be escaped: every export still parses (rapper, rdflib) and reads back
isomorphic to what was stored. Records are built by hand through rdf/mapping.py, so the test does
not depend on NER finding such names."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from datetime import UTC, datetime

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from rdflib.compare import isomorphic

from oifgraph.api import export
from oifgraph.rdf import iris
from oifgraph.rdf.mapping import document_quads
from oifgraph.rdf.store import OxigraphStore
from oifgraph.records import ENTITY_TYPES, Document, Entity, Extraction, Relation
from oifgraph.resolve import resolve_entities

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's own, when parsing

BASE = "https://w3id.org/oifgraph/"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
NASTY = [
    "Quote \"double\" and 'single'",
    "<script>alert('x')</script> & &amp;",
    "back\\slash \\n \\u0041 \\",
    "new\nline\r\nand\rreturn",
    "tab\tvertical\x0bform\x0cfeed",
    "controls \x00\x01\x08\x1b\x1f\x7f\x85",
    "emoji 👩‍💻 🚀 🇫🇷",
    "עברית ‏right-to-left‎ العربية",
    "override \u202eevil\u202c",
    "x" * 10_000,
    "Société Générale — « guillemets »",
    "'''\"\"\" }{ . ; , @prefix x: <y> . _:b0 # not a comment",
    "lone surrogate \ud800 here",
    "zero\u200bwidth\ufeffbom\ufffe",
    " leading and trailing spaces ",
]
RAPPER_SYNTAX = {"turtle": "turtle", "ntriples": "ntriples", "nquads": "nquads", "trig": "trig"}


def extraction_of(names: list[str], texts: list[str], doc_id: str = "nasty") -> Extraction:
    doc = Document(id=doc_id, text=" ".join(texts), source=f"<{doc_id}>", sha256="0" * 64, title=texts[0])
    entities = tuple(
        Entity(name=n, type=ENTITY_TYPES[i % len(ENTITY_TYPES)], mentions=(n, texts[i % len(texts)]))
        for i, n in enumerate(names)
    )
    relations = tuple(
        Relation(
            subject=names[i],
            predicate="partnerOf",
            object=names[i + 1],
            evidence=texts[i % len(texts)],
            start=i,
            end=i + 10,
            rule=texts[(i + 1) % len(texts)],
            confidence=0.5,
            role=texts[(i + 2) % len(texts)],
        )
        for i in range(len(names) - 1)
    )
    return Extraction(document=doc, text=doc.text, entities=entities, relations=relations)


def quads_of(extraction: Extraction) -> list[ox.Quad]:
    resolved = resolve_entities(extraction, lambda keys: {}, lambda t, n: iris.entity_iri(BASE, t, n))
    return document_quads(extraction, resolved, base=BASE, ingested_at=datetime(2026, 1, 1, tzinfo=UTC))


def to_rdflib(term):
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        return rdflib.Literal(
            term.value, datatype=None if datatype == XSD_STRING else rdflib.URIRef(datatype)
        )
    raise AssertionError(term)


def expected(quads: list[ox.Quad]) -> tuple[rdflib.Graph, dict[str, rdflib.Graph]]:
    union, graphs = rdflib.Graph(), {}
    for q in quads:
        triple = (to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object))
        union.add(triple)
        graphs.setdefault(q.graph_name.value, rdflib.Graph()).add(triple)
    return union, graphs


def exports(quads: list[ox.Quad]) -> dict[str, bytes]:
    with tempfile.TemporaryDirectory() as folder:
        store = OxigraphStore(f"{folder}/kg")
        try:
            store.replace_document(quads[0].graph_name.value, quads)
            out = {}
            for fmt in ("turtle", "ntriples", "nquads", "trig", "jsonld"):
                buffer = io.BytesIO()
                export(store, fmt, buffer)
                out[fmt] = buffer.getvalue()
            return out
        finally:
            store.close()


def check_round_trip(quads: list[ox.Quad], data: dict[str, bytes]) -> None:
    union, graphs = expected(quads)
    for fmt, rdflib_format in (("turtle", "turtle"), ("ntriples", "nt")):
        got = rdflib.Graph().parse(data=data[fmt], format=rdflib_format)
        assert isomorphic(got, union), fmt
    for fmt, rdflib_format in (("nquads", "nquads"), ("trig", "trig"), ("jsonld", "json-ld")):
        dataset = rdflib.Dataset()
        dataset.parse(data=data[fmt], format=rdflib_format)
        got = {str(g.identifier): g for g in dataset.graphs() if len(g)}
        assert got.keys() == graphs.keys(), fmt
        for name, graph in graphs.items():
            assert isomorphic(got[name], graph), (fmt, name)


def test_nasty_names_and_texts_survive_every_export():
    extraction = extraction_of(NASTY, list(reversed(NASTY)), doc_id='doc "id" <with> spaces/and\\slashes')
    quads = quads_of(extraction)
    data = exports(quads)
    check_round_trip(quads, data)
    labels = {
        str(o)
        for s, p, o in rdflib.Graph().parse(data=data["turtle"], format="turtle")
        if p == rdflib.RDFS.label
    }
    assert "x" * 10_000 in labels and "emoji 👩‍💻 🚀 🇫🇷" in labels and "new\nline\r\nand\rreturn" in labels
    assert "lone surrogate \ufffd here" in labels  # what RDF cannot carry is replaced, not dropped
    assert "zero\u200bwidth\ufeffbom\ufffd" in labels


@pytest.mark.skipif(shutil.which("rapper") is None, reason="rapper (raptor2-utils) is not installed")
@pytest.mark.parametrize("fmt", sorted(RAPPER_SYNTAX))
def test_rapper_parses_every_export_of_nasty_names(fmt, tmp_path):
    quads = quads_of(extraction_of(NASTY, NASTY))
    path = tmp_path / f"export.{fmt}"
    path.write_bytes(exports(quads)[fmt])
    out = subprocess.run(
        ["rapper", "-q", "-i", RAPPER_SYNTAX[fmt], "-c", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert "error" not in out.stderr.lower()


def test_graphml_of_nasty_names_reads_back(tmp_path):
    import igraph
    import networkx as nx

    quads = quads_of(extraction_of(NASTY, NASTY))
    store = OxigraphStore(tmp_path / "kg")
    try:
        store.replace_document(quads[0].graph_name.value, quads)
        with open(tmp_path / "g.graphml", "wb") as out:
            export(store, "graphml", out)
    finally:
        store.close()
    graph = nx.read_graphml(tmp_path / "g.graphml")
    assert graph.number_of_nodes() == len(NASTY) and graph.number_of_edges() == len(NASTY) - 1
    assert igraph.Graph.Read_GraphML(str(tmp_path / "g.graphml")).vcount() == len(NASTY)


names = st.lists(st.text(min_size=1, max_size=40), min_size=2, max_size=5, unique=True)
texts = st.lists(st.text(max_size=60), min_size=1, max_size=3)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(names=names, texts=texts, doc_id=st.text(min_size=1, max_size=20))
def test_exports_round_trip(names, texts, doc_id):
    """Turtle, N-Triples, N-Quads, TriG and JSON-LD of any records parse back isomorphic."""
    extraction = extraction_of(names, texts, doc_id=doc_id)
    resolved = resolve_entities(extraction, lambda keys: {}, lambda t, n: iris.entity_iri(BASE, t, n))
    # spelling variants of one name ("A", "a") are one entity, whose labels would merge
    assume(len({r.iri for r in resolved.values()}) == len(names))
    quads = quads_of(extraction)
    check_round_trip(quads, exports(quads))
