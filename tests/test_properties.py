"""Properties (hypothesis) beyond test_normalize.py and test_names_iris.py: normalization with the
real French lexicon, and IRI minting (valid, deterministic, injective up to spelling variants).
Export round trips are in test_escaping.py."""

from __future__ import annotations

import re
import unicodedata

import pyoxigraph as ox
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from oifgraph.language import looks_french
from oifgraph.names import slug
from oifgraph.normalize import apostrophes, normalize, spaces
from oifgraph.rdf.iris import document_iri, entity_iri, statement_iri
from oifgraph.reading import decode
from oifgraph.records import ENTITY_TYPES

from .conftest import corpus_texts

BASE = "https://w3id.org/oifgraph/"
IRI_CHARS = re.compile(r"[A-Za-z0-9\-._~:/%]+")

# Text made of what French news is made of, and of what breaks naive code.
french_pieces = st.sampled_from(
    [
        "l'Open Infrastructure Foundation",
        "lOpen",
        "Dautres",
        "d'IBM",
        "aujourd’hui",
        "Société Générale",
        "e\u0301te\u0301",
        "\u00a0:",
        "\u202f",
        "\r\n",
        "\r",
        "\n\n",
        " ",
        "  ",
        "\t",
        "qu'il",
        "C'est",
        "lentreprise",
        "Lorient",
        "'",
        "’",
        "\u200b",
        "\ufeff",
    ]
)
french_like = st.lists(st.one_of(french_pieces, st.text(max_size=5)), max_size=30).map("".join)


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(text=french_like)
def test_normalization_with_the_french_lexicon_is_idempotent(extractor, text):
    once = extractor.normalize(text)
    assert extractor.normalize(once) == once


@given(text=french_like)
def test_normalization_keeps_the_words(text):
    """Normalization changes spaces, apostrophes and Unicode forms, never the letters themselves."""
    letters = [c for c in normalize(text) if c.isalnum()]
    assert letters == [c for c in unicodedata.normalize("NFC", text) if c.isalnum()]


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_no_change_to_any_paragraph_of_our_corpus(extractor, data):
    """Correct French is left alone, paragraph by paragraph too (a paragraph starts a text)."""
    path = data.draw(st.sampled_from(corpus_texts()))
    paragraphs = [p for p in apostrophes(spaces(path.read_text(encoding="utf-8"))).split("\n") if p.strip()]
    paragraph = data.draw(st.sampled_from(paragraphs))
    assert extractor.normalize(paragraph) == paragraph


@given(name=st.text(min_size=1), etype=st.sampled_from(ENTITY_TYPES))
def test_entity_iris_are_valid_deterministic_and_plain(name, etype):
    iri = entity_iri(BASE, etype, name)
    assert iri == entity_iri(BASE, etype, name)
    assert ox.NamedNode(iri).value == iri
    assert IRI_CHARS.fullmatch(iri)
    assert iri.startswith(f"{BASE}id/{etype.lower()}/") and len(iri) < len(BASE) + 120


@given(a=st.text(min_size=1), b=st.text(min_size=1))
def test_distinct_names_give_distinct_iris(a, b):
    """Names that are not spelling variants of each other (case, accents, punctuation, spacing:
    the same slug) never share an IRI; names without any Latin letter or digit never do either."""
    assume(a != b)
    if slug(a) != slug(b) or not slug(a):
        assert entity_iri(BASE, "Organization", a) != entity_iri(BASE, "Organization", b)


@given(st.lists(st.text(min_size=1, max_size=12), min_size=2, max_size=6, unique=True))
def test_distinct_document_ids_give_distinct_iris(ids):
    iris = [document_iri(BASE, i) for i in ids]
    assert len(set(iris)) == len(ids)
    for iri in iris:
        ox.NamedNode(iri)
        assert IRI_CHARS.fullmatch(iri)


@given(doc_id=st.text(min_size=1), s=st.text(), o=st.text())
def test_statement_iris_are_valid(doc_id, s, o):
    doc = document_iri(BASE, doc_id)
    assert IRI_CHARS.fullmatch(statement_iri(doc, s, "worksFor", o))


def test_surrogates_from_undecodable_file_names_still_make_iris():
    name = b"caf\xe9".decode("utf-8", "surrogateescape")  # a latin-1 file name on a UTF-8 system
    ox.NamedNode(document_iri(BASE, name))
    ox.NamedNode(entity_iri(BASE, "Place", "\ud800"))
    assert entity_iri(BASE, "Place", "\ud800") != entity_iri(BASE, "Place", "\ud801")


@given(text=st.text(min_size=1))
def test_any_utf8_or_utf16_text_decodes_to_itself(text):
    assume(any(c.isprintable() and not c.isspace() for c in text) and "\x00" not in text)
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\t\n\r\x0c" or c == "\x7f")
    assume(controls <= 0.01 * len(text))
    for data in (text.encode("utf-8"), b"\xff\xfe" + text.encode("utf-16-le"), text.encode("utf-8-sig")):
        assert decode(data, source="x")[0] == text


@pytest.mark.parametrize("path", corpus_texts()[:8], ids=lambda p: p.stem)
def test_our_french_articles_look_french(path):
    assert looks_french(path.read_text(encoding="utf-8"))
