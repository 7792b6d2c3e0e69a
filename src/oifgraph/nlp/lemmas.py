"""The lemmas of spaCy's French rule lemmatizer, computed faster.

spaCy's French lemmatizer looks a word up in a per-part-of-speech index that its tables store as a
list (28,000 nouns: every lookup is a scan), and tries each suffix rule against that list, so a
word it has not seen costs about half a millisecond; then it sets each token's lemma through a
Python loop. This component gives the same lemma for every (word, part of speech), from the same
tables, with the index held as sets, each answer kept per process, and the lemmas written to the
document as one array. ``load_pipeline`` puts it in the place of the model's own lemmatizer when
that lemmatizer is the French rule one; a test checks that the two agree token for token.
"""

from __future__ import annotations

import numpy
from spacy.attrs import LEMMA, ORTH, POS
from spacy.language import Language
from spacy.tokens import Doc

_NO_WORD = ("", "eol", "space")
_RULE_POS = ("noun", "verb", "adj", "adp", "adv", "aux", "cconj", "det", "pron", "punct", "sconj")


def replaceable(lemmatizer) -> bool:
    """Is this the lemmatizer whose answers :class:`FrenchLemmas` reproduces?"""
    from spacy.lang.fr.lemmatizer import FrenchLemmatizer

    return type(lemmatizer) is FrenchLemmatizer and lemmatizer.mode == "rule"


class FrenchLemmas:
    def __init__(self, shipped) -> None:
        lookups = shipped.lookups
        self.overwrite = shipped.overwrite
        self._has_rules = "lemma_rules" in lookups
        self._lookup = lookups.get_table("lemma_lookup", {})
        index = lookups.get_table("lemma_index", {})
        exceptions = lookups.get_table("lemma_exc", {})
        rules = lookups.get_table("lemma_rules", {})
        self._index = {pos: frozenset(index.get(pos, ())) for pos in _RULE_POS}
        self._exceptions = {pos: exceptions.get(pos, {}) for pos in _RULE_POS}
        self._rules = {pos: [tuple(rule) for rule in rules.get(pos, [])] for pos in _RULE_POS}
        self._cache: dict[tuple[int, int], int] = {}

    def lemma(self, text: str, pos: str) -> str:
        """The lemma of ``text`` tagged ``pos`` (a universal tag such as "VERB")."""
        pos = pos.lower()
        if pos in _NO_WORD:
            return text.lower()
        if not self._has_rules or pos not in _RULE_POS:
            found = self._lookup.get(text, text)
            return found if isinstance(found, str) else found[0]
        index = self._index[pos]
        word = text.lower()
        if word in index:
            return word
        if known := self._exceptions[pos].get(word):
            return known[0]
        unindexed = None
        for old, new in self._rules[pos]:
            if word.endswith(old):
                form = word[: len(word) - len(old)] + new
                if not form:
                    continue
                if form in index or not form.isalpha():
                    return form
                if unindexed is None:
                    unindexed = form
        if unindexed is not None:
            return unindexed
        return self._lookup.get(word, [word])[0]  # (sic: spaCy takes the first item of what it finds)

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        words = doc.to_array([ORTH, POS, LEMMA])
        strings = doc.vocab.strings
        cache = self._cache
        lemmas = words[:, 2].copy()
        for i, (orth, pos, lemma) in enumerate(words.tolist()):
            if lemma and not self.overwrite:
                continue
            value = cache.get((orth, pos))
            if value is None:
                value = strings.add(self.lemma(strings[orth], strings[pos] if pos else ""))
                cache[(orth, pos)] = value
            lemmas[i] = value
        doc.from_array([LEMMA], numpy.ascontiguousarray(lemmas))
        return doc


@Language.factory("oif_lemmas")
def make_lemmas(nlp: Language, name: str) -> FrenchLemmas:
    return FrenchLemmas(nlp.get_pipe("lemmatizer"))
