"""oifgraph's lemmas are exactly those of spaCy's French rule lemmatizer, which they replace."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.attrs import LEMMA
from spacy.tokens import Doc

from oifgraph.nlp.lemmas import FrenchLemmas

from .conftest import corpus_texts

pytestmark = pytest.mark.slow
TAGS = ["NOUN", "VERB", "ADJ", "AUX", "ADV", "ADP", "DET", "PRON", "PROPN", "NUM", "PUNCT", "X", "SCONJ", ""]


@pytest.fixture(scope="module")
def plain():
    from oifgraph.nlp.pipeline import load_plain

    return load_plain()


def without_lemmas(doc: Doc) -> Doc:
    doc = doc.copy()
    zeros = doc.to_array([LEMMA]) * 0
    doc.from_array([LEMMA], zeros)
    return doc


def both(plain, doc: Doc) -> tuple[list[str], list[str]]:
    shipped = plain.get_pipe("lemmatizer")(without_lemmas(doc))
    ours = FrenchLemmas(plain.get_pipe("lemmatizer"))(without_lemmas(doc))
    return [t.lemma_ for t in shipped], [t.lemma_ for t in ours]


def test_the_same_lemmas_on_every_corpus_article(plain):
    texts = [path.read_text(encoding="utf-8") for path in corpus_texts()]
    with plain.select_pipes(disable=["lemmatizer"]):
        docs = list(plain.pipe(texts))
    tokens = 0
    for doc in docs:
        shipped, ours = both(plain, doc)
        assert ours == shipped, [
            (t.text, t.pos_, a, b) for t, a, b in zip(doc, shipped, ours, strict=True) if a != b
        ]
        tokens += len(doc)
    assert tokens > 10_000


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.text(alphabet="abcdeéèfgilmnorstuxyzAÉS-'0123456789", min_size=1, max_size=14),
            st.sampled_from(TAGS),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_the_same_lemma_for_any_word_and_tag(plain, tagged):
    doc = Doc(plain.vocab, words=[word for word, _ in tagged])
    for token, (_, tag) in zip(doc, tagged, strict=True):
        if tag:  # else left untagged
            token.pos_ = tag
    shipped, ours = both(plain, doc)
    assert ours == shipped


def test_the_pipeline_uses_them_in_place_of_the_lemmatizer(extractor):
    names = extractor.nlp.pipe_names
    assert "lemmatizer" not in names
    assert names.index("oif_tags") < names.index("oif_lemmas") < names.index("ner")  # (after the tags)
    doc = extractor.nlp("Les fondateurs ont racheté deux sociétés.")
    assert [t.lemma_ for t in doc] == ["le", "fondateur", "avoir", "racheter", "deux", "société", "."]
