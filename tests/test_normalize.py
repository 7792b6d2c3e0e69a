import pytest
from hypothesis import given
from hypothesis import strategies as st

from oifgraph.normalize import apostrophes, normalize, repair_elisions, spaces

from .conftest import corpus_texts


@pytest.mark.parametrize(
    "text_in, text_out",
    [
        ("l’Europe", "l'Europe"),
        ("aujourd’hui", "aujourd'hui"),
        ("en devenant lOpen Infrastructure Foundation", "en devenant l'Open Infrastructure Foundation"),
        ("Dautres comme Airship", "D'autres comme Airship"),
        ("le rachat dIBM", "le rachat d'IBM"),
        ("lentreprise", "l'entreprise"),
        ("des entreprises", "des entreprises"),
        ("sont", "sont"),
        ("dune", "dune"),
        ("Dassault Systèmes", "Dassault Systèmes"),
        ("Linux et Lorient", "Linux et Lorient"),
        ("a\u00a0: b\u202fc", "a : b c"),
        ("ligne\r\nsuivante\rfin", "ligne\nsuivante\nfin"),
        ("e\u0301te\u0301", "été"),
        ("trop   d'espaces", "trop d'espaces"),
    ],
)
def test_normalize_table(text_in, text_out):
    assert normalize(text_in) == text_out


def test_steps_are_separate_pure_functions():
    assert apostrophes("l’a") == "l'a"
    assert spaces("a\u00a0b") == "a b"
    assert repair_elisions("lOpen", is_word=lambda w: False) == "l'Open"
    assert repair_elisions("lautre", is_word=lambda w: w == "autre") == "l'autre"


def test_a_full_lexicon_protects_real_words():
    words = {"lorient", "orient", "dassault"}
    assert repair_elisions("Lorient", is_word=words.__contains__) == "Lorient"


@given(st.text())
def test_normalize_is_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once


@pytest.mark.parametrize(
    "text", ["Lars Oskarsson, qui a fondé la société.", "Il part. Laura Dumas lui succède."]
)
def test_a_first_name_opening_a_sentence_is_no_elision(text, extractor):
    """With the full lexicon 'ars' and 'aura' are words: 'Lars' and 'Laura' before a capitalised
    word are first names, not "L'ars", "L'aura"."""
    assert extractor.normalize(text) == text


@pytest.mark.slow
def test_no_change_to_our_correct_corpus_text(extractor):
    """Our articles are correct French: the elision repair must not touch them."""
    changed = []
    for path in corpus_texts():
        text = apostrophes(spaces(path.read_text(encoding="utf-8")))
        if extractor.normalize(text) != text:
            a, b = text.split(), extractor.normalize(text).split()
            changed.append((path.name, [(x, y) for x, y in zip(a, b, strict=False) if x != y][:3]))
    assert changed == []
