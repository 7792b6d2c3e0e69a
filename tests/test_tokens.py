"""The token view used by the typer and the extractor reads the Doc it wraps, unchanged."""

import spacy
from spacy.tokens import Doc, Span

from oifgraph.nlp.tokens import Tokens


def _doc() -> Doc:
    nlp = spacy.blank("fr")
    words = ["Kestrel", "rejoint", "la", "CNCF", ".", "Elle", "grandit", "."]
    starts = [True, False, False, False, False, True, False, False]
    return Doc(nlp.vocab, words=words, sent_starts=starts)


def test_indexing_and_iteration_match_the_doc():
    doc = _doc()
    view = Tokens(doc)
    assert len(view) == len(doc)
    assert [t.i for t in view] == [t.i for t in doc]
    assert view[3].text == "CNCF" and view[-1].i == len(doc) - 1
    assert view[3] is view[3]  # built once
    assert view.texts == [t.text for t in doc]


def test_slices_and_attributes_are_the_docs():
    doc = _doc()
    view = Tokens(doc)
    part = view[2:4]
    assert isinstance(part, Span) and part.text == "la CNCF"
    assert view.text == doc.text and view.vocab is doc.vocab


def test_sentence_tokens():
    view = Tokens(_doc())
    got = [(sent.text, [t.text for t in tokens]) for sent, tokens in view.sentence_tokens()]
    assert got == [
        ("Kestrel rejoint la CNCF .", ["Kestrel", "rejoint", "la", "CNCF", "."]),
        ("Elle grandit .", ["Elle", "grandit", "."]),
    ]
