"""Name keys shared by resolution, IRI minting and evaluation (pure functions, no dependencies)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_LEADING_DETERMINER = re.compile(r"^(?:l['’]|d['’]|la\s+|le\s+|les\s+)", re.IGNORECASE)
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
# Legal forms after a company name: "Telmaris SAS", "Zeitwerk GmbH" and "Telmaris" are one company.
_LEGAL_FORM = re.compile(
    r"(?<=\w)[\s,]+(?:sas|sasu|sa|sarl|se|gmbh|ag|inc|ltd|llc|corp|plc|nv|bv|srl|spa|oy|ab|as)\.?$",
    re.IGNORECASE,
)


def fold(text: str) -> str:
    """ASCII-fold and casefold: 'Télécom' → 'telecom'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def strip_determiner(name: str) -> str:
    """'l'Europe' → 'Europe', 'la Fnac' → 'Fnac' (only one leading article)."""
    return _LEADING_DETERMINER.sub("", name.strip(), count=1)


_VERSION = re.compile(r"(?<=\w)\s+v?\d+(?:\.\d+)+$", re.IGNORECASE)


def strip_version(name: str) -> str:
    """'Falcora 4.0' → 'Falcora': a release of a product is the product ('Mistou 2' is kept)."""
    return _VERSION.sub("", name.strip())


def strip_legal_form(name: str) -> str:
    """'Telmaris SAS' → 'Telmaris', 'Acme, Inc.' → 'Acme' (a name that is only a form is kept)."""
    return _LEGAL_FORM.sub("", name.strip())


@lru_cache(maxsize=1 << 16)  # the same names come back in every sentence and document
def match_key(name: str) -> str:
    """The key under which two spellings of one name meet.

    Case, accents, spacing, punctuation, a leading article, a trailing legal form and a dotted
    version number do not count:
    'Open Stack' / 'OpenStack', 'NVidia' / 'NVIDIA', "l'Europe" / 'Europe', 'Telmaris SAS' /
    'Telmaris' share a key.
    """
    return _NON_ALNUM.sub("", fold(strip_version(strip_legal_form(strip_determiner(name)))))


def slug(name: str) -> str:
    """A readable, IRI-safe local name: 'Wind River' → 'wind-river', 'AT&T' → 'at-t'."""
    return _NON_ALNUM.sub("-", fold(name)).strip("-")


_ORG_WORDS = ("fondation", "foundation")


def name_keys(name: str) -> list[str]:
    """Keys under which a name may be known: its own, and 'fondation X' ↔ 'X Foundation'."""
    keys = [match_key(name)]
    words = name.split()
    if len(words) >= 2:
        if words[0].lower() in _ORG_WORDS:
            keys.append(match_key(" ".join(words[1:]) + " foundation"))
        elif words[-1].lower() in _ORG_WORDS:
            keys.append(match_key("fondation " + " ".join(words[:-1])))
    return keys
