"""Text normalization before spaCy: pure ``str -> str`` steps, composed by :func:`normalize`.

Steps: Unicode NFC, typographic apostrophes and exotic spaces, line endings, and the repair of
elisions whose apostrophe was lost ("lOpen Infrastructure" → "l'Open Infrastructure",
"Dautres" → "D'autres"). The repair splits a token only where French allows an elision (before a
vowel or h), where the token itself is not a French word and where what remains is one (or a
capitalised name after a lower-case l/d), so correct French is left as it is.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

WordCheck = Callable[[str], bool]

_APOSTROPHES = re.compile("[\u2019\u2018\u02bc\u02b9\u2032\u00b4\u0060\uff07]")
_SPACES = re.compile("[\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u2008\u205f\u3000\t]")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_MULTISPACE = re.compile(r" {2,}")
_TRAILING_SPACE = re.compile(r" +\n")

_VOWELS = "aeiouhâàäéèêëîïôöûùüœæAEIOUHÂÀÄÉÈÊËÎÏÔÖÛÙÜŒÆ"
# A token glued to a lost elision: prefix, then a vowel-initial rest.
_ELISION_CANDIDATE = re.compile(
    rf"(?<![\w'-])(qu|Qu|QU|[lLdDnNsScCjJmMtT])([{_VOWELS}][\w-]*)(?![\w'])",
)

# Frequent vowel-initial French words; the pipeline adds spaCy's French lexicon to this. Only words of
# four letters or more: short ones ("ont", "es", "une") would split real words ("sont", "des", "dune")
# when no full lexicon can tell that the whole token is a word.
_CORE_WORDS = frozenset(
    word
    for word in [
        "a",
        "ai",
        "aie",
        "aient",
        "ainsi",
        "alors",
        "an",
        "ans",
        "année",
        "années",
        "après",
        "au",
        "aucun",
        "aucune",
        "aujourd'hui",
        "aussi",
        "autant",
        "autre",
        "autres",
        "aux",
        "avait",
        "avaient",
        "avant",
        "avec",
        "avoir",
        "avons",
        "ayant",
        "elle",
        "elles",
        "en",
        "encore",
        "ensemble",
        "ensuite",
        "entre",
        "entreprise",
        "entreprises",
        "équipe",
        "équipes",
        "est",
        "et",
        "été",
        "étaient",
        "était",
        "étant",
        "être",
        "eu",
        "eux",
        "événement",
        "europe",
        "habitude",
        "heure",
        "heures",
        "hier",
        "histoire",
        "homme",
        "hommes",
        "hui",
        "ici",
        "idée",
        "il",
        "ils",
        "image",
        "industrie",
        "information",
        "infrastructure",
        "infrastructures",
        "innovation",
        "intérêt",
        "on",
        "ont",
        "ou",
        "où",
        "outil",
        "outils",
        "ouvert",
        "un",
        "une",
        "unes",
        "uns",
        "usage",
        "utilisateur",
        "utilisateurs",
        "y",
    ]
    if len(word) >= 4
)


# What may follow an elided c', j', n', s', m', t': "c'est", "n'a", "s'il", "j'ai".
_CLITIC_HOSTS = frozenset(
    [
        "est",
        "était",
        "étaient",
        "été",
        "a",
        "ai",
        "as",
        "avait",
        "avaient",
        "aurait",
        "auraient",
        "ont",
        "avons",
        "avez",
        "il",
        "ils",
        "elle",
        "elles",
        "en",
        "y",
        "on",
        "un",
        "une",
        "eux",
    ]
)


def core_words(word: str) -> bool:
    """The small built-in lexicon, used when no larger one is given."""
    return word in _CORE_WORDS


def unicode_nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def apostrophes(text: str) -> str:
    """Typographic apostrophes and look-alikes → ASCII apostrophe."""
    return _APOSTROPHES.sub("'", text)


def spaces(text: str) -> str:
    """Line endings → \\n; no-break, thin and other spaces → ' '; invisible characters removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text)
    text = _MULTISPACE.sub(" ", text)
    return _TRAILING_SPACE.sub("\n", text)


def repair_elisions(text: str, *, is_word: WordCheck = core_words) -> str:
    """Put back apostrophes lost between an elided article/pronoun and the next word."""

    def known(word: str) -> bool:
        return is_word(word) or is_word(word.lower())

    def fix(match: re.Match[str]) -> str:
        prefix, rest = match.group(1), match.group(2)
        token = match.group(0)
        if known(token):
            return token
        if prefix[0].isupper():
            # A capitalised token is a name ("Thales", "Lorient") unless it starts a sentence with
            # an elided article: "Dautres comme ..." → "D'autres comme ...".
            before = text[: match.start()].rstrip(" \t")
            if prefix not in ("D", "L", "Qu") or (before and before[-1] not in ".!?»\n"):
                return token
            after = text[match.end() :].lstrip(" \t")
            if after[:1].isupper():
                return token  # "Lars Oskarsson, qui ...", "Laura Dumas a ...": a first name
        if prefix.islower() and rest[0].isupper() and prefix in ("l", "d"):
            return f"{prefix}'{rest}"  # lOpen → l'Open, dIBM → d'IBM
        if prefix.lower() not in ("l", "d", "qu") and rest.lower() not in _CLITIC_HOSTS:
            return token  # c' j' n' s' m' t' elide only before a few verbs and pronouns
        if rest[0].islower() and len(rest) >= 2 and known(rest):
            return f"{prefix}'{rest}"  # Dautres → D'autres, lentreprise → l'entreprise
        return token

    return _ELISION_CANDIDATE.sub(fix, text)


def normalize(text: str, *, is_word: WordCheck = core_words) -> str:
    """All steps, in order. Idempotent: ``normalize(normalize(t)) == normalize(t)``."""
    text = unicode_nfc(text)
    text = apostrophes(text)
    text = spaces(text)
    return repair_elisions(text, is_word=is_word)
