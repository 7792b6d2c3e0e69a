"""oifgraph's tags are exactly what spaCy's French attribute ruler, which they replace, sets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from oifgraph.nlp.tags import FrenchTags, replaceable

from .conftest import corpus_texts

pytestmark = pytest.mark.slow
POS = ["NOUN", "VERB", "ADJ", "AUX", "ADV", "ADP", "DET", "PRON", "PROPN", "NUM", "PUNCT", "SPACE", "X", ""]


@pytest.fixture(scope="module")
def plain():
    from oifgraph.nlp.pipeline import load_plain

    return load_plain()


def attributes(doc: Doc) -> list[tuple]:
    return [(t.tag_, t.pos_, str(t.morph), t.dep_) for t in doc]


def both(plain, doc: Doc) -> tuple[list[tuple], list[tuple]]:
    shipped = plain.get_pipe("attribute_ruler")(doc.copy())
    ours = FrenchTags(plain)(doc.copy())
    return attributes(shipped), attributes(ours)


def test_the_model_ruler_is_the_one_reproduced(plain, extractor):
    assert replaceable(plain.get_pipe("attribute_ruler"))
    assert "oif_tags" in extractor.nlp.pipe_names and "attribute_ruler" not in extractor.nlp.pipe_names


def test_the_same_attributes_on_every_corpus_article(plain):
    texts = [path.read_text(encoding="utf-8") for path in corpus_texts()]
    texts.append("Des  espaces,\n\n\tdes tabulations   et\u00a0des blancs insécables. \n")
    names = plain.pipe_names
    with plain.select_pipes(enable=names[: names.index("attribute_ruler")]):
        docs = list(plain.pipe(texts))
    assert any(t.is_space for t in docs[-1])
    tokens = 0
    for doc in docs:
        shipped, ours = both(plain, doc)
        assert ours == shipped, [(t.text, a, b) for t, a, b in zip(doc, shipped, ours, strict=True) if a != b]
        tokens += len(doc)
    assert tokens > 10_000


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["X", "chez", "  ", "\n", "de", "Lyon", "\t", "a"]),
            st.sampled_from(POS),
            st.sampled_from(["nsubj", "obj", "", "punct", "dep"]),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_the_same_attributes_on_any_tagged_tokens(plain, tokens):
    words = [w for w, _, _ in tokens]
    doc = Doc(
        plain.vocab,
        words=words,
        spaces=[False] * len(words),
        pos=[p or None for _, p, _ in tokens] if all(p for _, p, _ in tokens) else None,
        deps=[d or "dep" for _, _, d in tokens],
        heads=list(range(len(words))),
    )
    shipped, ours = both(plain, doc)
    assert ours == shipped
