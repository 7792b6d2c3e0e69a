"""The attribute ruler of spaCy's French models, computed faster.

``fr_core_news_md``'s attribute ruler copies each token's part of speech into its fine-grained tag
(20 patterns, one per part of speech) and fixes whitespace tokens (3 patterns). spaCy runs them
through its Matcher, token by token, which costs about 3% of the whole pipeline. This component
sets the same attributes through arrays. ``load_pipeline`` puts it in the place of the model's own
ruler only when that ruler holds exactly these patterns; a test checks that the two agree token for
token.
"""

from __future__ import annotations

import numpy
from spacy.attrs import IS_SPACE, POS, TAG
from spacy.language import Language
from spacy.symbols import IDS
from spacy.tokens import Doc

# Parts of speech whose tag the ruler sets to their own name, in the ruler's order.
_COPIED = [
    "ADJ",
    "ADP",
    "ADV",
    "AUX",
    "CONJ",
    "CCONJ",
    "DET",
    "INTJ",
    "NOUN",
    "NUM",
    "PART",
    "PRON",
    "PROPN",
    "PUNCT",
    "SCONJ",
    "SYM",
    "VERB",
    "X",
    "EOL",
    "SPACE",
]
# The three patterns about whitespace, after those (each one overrides what came before).
_SPACE_PATTERNS = [
    {"patterns": [[{"POS": "SPACE", "IS_SPACE": False}]], "attrs": {"TAG": "X", "POS": "X", "MORPH": "_"}},
    {"patterns": [[{"IS_SPACE": True, "DEP": {"NOT_IN": [""]}}]], "attrs": {"DEP": "dep"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "SPACE", "POS": "SPACE", "MORPH": "_"}},
]
PATTERNS = [{"patterns": [[{"POS": pos}]], "attrs": {"TAG": pos}, "index": 0} for pos in _COPIED] + [
    {**p, "index": 0} for p in _SPACE_PATTERNS
]


def replaceable(ruler) -> bool:
    """Is this an attribute ruler whose effect :class:`FrenchTags` reproduces?"""
    from spacy.pipeline import AttributeRuler

    return type(ruler) is AttributeRuler and ruler.patterns == PATTERNS


class FrenchTags:
    def __init__(self, nlp: Language) -> None:
        strings = nlp.vocab.strings
        size = max(IDS[pos] for pos in _COPIED) + 1
        self._tag_of_pos = numpy.zeros(size, dtype="uint64")
        self._copied = numpy.zeros(size, dtype=bool)
        for pos in _COPIED:
            self._tag_of_pos[IDS[pos]] = strings.add(pos)
            self._copied[IDS[pos]] = True
        self._space = IDS["SPACE"]

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        columns = doc.to_array([POS, TAG, IS_SPACE])
        pos, tags, spaces = columns[:, 0], columns[:, 1], columns[:, 2]
        known = pos < len(self._copied)
        copied = numpy.zeros(len(doc), dtype=bool)
        copied[known] = self._copied[pos[known]]
        tags = numpy.where(copied, self._tag_of_pos[numpy.where(known, pos, 0)], tags)
        doc.from_array([TAG], tags.reshape(-1, 1).astype("uint64"))
        for i in numpy.flatnonzero(spaces.astype(bool) | (pos == self._space)):
            token = doc[int(i)]
            if token.is_space:
                if token.dep_:
                    token.dep_ = "dep"
                token.tag_, token.pos_ = "SPACE", "SPACE"
                token.set_morph("_")
            else:  # tagged SPACE, yet no whitespace
                token.tag_, token.pos_ = "X", "X"
                token.set_morph("_")
        return doc


@Language.factory("oif_tags")
def make_french_tags(nlp: Language, name: str) -> FrenchTags:
    return FrenchTags(nlp)
