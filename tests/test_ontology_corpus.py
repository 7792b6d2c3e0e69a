"""The ontology declares every term the code writes; the corpus' gold files are consistent."""

from __future__ import annotations

import json
import re

import pytest
import rdflib

from oifgraph.rdf.gazetteer import load_gazetteer, ontology_dir
from oifgraph.rdf.iris import entity_iri
from oifgraph.rdf.vocab import DEFAULT_BASE, OIF, ONTOLOGY
from oifgraph.records import ENTITY_TYPES, PREDICATES

from .conftest import corpus_texts


@pytest.fixture(scope="module")
def ontology():
    return rdflib.Graph().parse(ontology_dir() / "oifgraph.ttl")


def test_every_term_is_declared_with_french_and_english_labels(ontology):
    for term in OIF.terms():
        iri = rdflib.URIRef(ONTOLOGY + term)
        langs = {label.language for label in ontology.objects(iri, rdflib.RDFS.label)}
        assert {"fr", "en"} <= langs, term


def test_relations_have_domain_and_range(ontology):
    for predicate in PREDICATES:
        iri = rdflib.URIRef(ONTOLOGY + predicate)
        assert (iri, rdflib.RDF.type, rdflib.OWL.ObjectProperty) in ontology
        assert ontology.value(iri, rdflib.RDFS.domain) is not None, predicate
        assert ontology.value(iri, rdflib.RDFS.range) is not None, predicate


def test_gazetteer_iris_are_the_minted_ones():
    entries = load_gazetteer()
    assert len(entries) > 100
    graph = rdflib.Graph().parse(ontology_dir() / "gazetteer.ttl")
    for entry in entries:
        iri = rdflib.URIRef(entity_iri(DEFAULT_BASE, entry.type, entry.name))
        assert (iri, rdflib.RDFS.label, rdflib.Literal(entry.name)) in graph, entry.name


@pytest.mark.parametrize("path", corpus_texts(), ids=lambda p: p.stem)
def test_gold_file_matches_its_text(path):
    gold_path = path.with_name(path.stem + ".gold.json")
    assert gold_path.exists(), f"{path.name} has no gold file"
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = path.read_text(encoding="utf-8")
    names = {e["name"] for e in gold["entities"]}
    for entity in gold["entities"]:
        assert entity["type"] in ENTITY_TYPES
        for mention in entity["mentions"]:
            assert mention in text, (entity["name"], mention)
    for rel in gold["relations"]:
        assert rel["predicate"] in PREDICATES
        assert rel["subject"] in names and rel["object"] in names, rel
        assert not rel.get("role") or rel["predicate"] == "worksFor"
        for piece in re.split(r"\s*\.\.\.\s*", rel["evidence"]):
            assert piece in text, (rel, piece)
    words = len(text.split())
    assert 250 <= words <= 600, words
