"""What a document says of each name it types, gathered over all its mentions: the input of the
learned entity typer (:mod:`.learned`).

The rule-based typer of :mod:`.components` lets each mention vote (gazetteer, spaCy's label,
descriptor nouns, name shape, verbs) and keeps the type with most votes. The learned typer reads
those votes as features, with the mentions' contexts (the words before and after, the noun that
describes the name, the verb it depends on and its trigger class, its preposition) and the name's
shape (last and first word, capitals, digits), and decides again; it learnt from corpus/dev which
votes to trust when they disagree.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc

from . import patterns as P
from .pairs import TRIGGER_CLASSES

FEATURES_VERSION = 1
VOTES_KEY = "oif_type_votes"  # Doc.user_data: each name's pooled votes, left there by oif_entities
TYPES = ("Organization", "Person", "Place", "Project", "Event")

_TYPE_OF_NOUN = {noun: t for t, nouns in P.TYPE_NOUNS.items() for noun in nouns}
_SMALL = frozenset(["de", "du", "des", "d'", "la", "le", "les", "l'", "et", "pour", "en", "sur", "à"])


def _bucket(x: float) -> str:
    if x <= 0:
        return "0"
    if x <= 1:
        return "1"
    if x <= 3:
        return "3"
    if x <= 6:
        return "6"
    return "9"


def mentions_by_name(doc) -> dict[str, list[int]]:
    """The tokens of each entity (one token per mention: entities are merged)."""
    out: dict[str, list[int]] = {}
    for t in doc:
        if t.ent_type_:
            out.setdefault(t.ent_kb_id_ or t.text, []).append(t.i)
    return out


def name_features(name: str, votes: dict[str, float]) -> list[str]:
    words = name.split()
    f = [f"NW:{min(len(words), 5)}", "LAST:" + words[-1].lower(), "FIRST:" + words[0].lower()]
    if any(c.isdigit() for c in name):
        f.append("DIGIT")
    if any(w.isupper() and len(w) > 1 for w in words):
        f.append("ACRO")
    if any(any(c.isupper() for c in w[1:]) and not w.isupper() for w in words):
        f.append("CAMEL")
    if "-" in name:
        f.append("HYPHEN")
    if any(w.lower() in _SMALL for w in words[1:]):
        f.append("SMALLWORD")
    if votes:
        ranked = sorted(TYPES, key=lambda t: -votes.get(t, 0.0))
        top, second = votes.get(ranked[0], 0.0), votes.get(ranked[1], 0.0)
        f += [f"WIN:{ranked[0]}", f"RUNNER:{ranked[1]}", f"MARGIN:{_bucket(top - second)}"]
        f += [f"V:{t}:{_bucket(votes.get(t, 0.0))}" for t in TYPES]
    return f


def context_features(doc, i: int) -> Iterable[str]:
    """What one mention's neighbourhood says."""
    t = doc[i]
    n = len(doc)
    prev = doc[i - 1].lower_ if i > 0 else "<s>"
    yield "PREV:" + prev
    if i > 1:
        yield f"PREV2:{doc[i - 2].lower_} {prev}"
    yield "NEXT:" + (doc[i + 1].lower_ if i + 1 < n else "</s>")
    head = t.head
    yield f"DEP:{t.dep_}"
    yield f"HEAD:{t.dep_}:{head.lemma_.lower()}"
    if trig := TRIGGER_CLASSES.get(head.lemma_.lower()):
        yield f"HEADT:{t.dep_}:{trig}"
    for c in t.children:
        if c.dep_ == "case":
            yield "CASE:" + c.lower_
    j = i - 1
    while j > 0 and doc[j].pos_ == "ADJ" and i - j < 3:
        j -= 1
    if j >= 0 and (noun := doc[j].lower_) in _TYPE_OF_NOUN:
        yield "DESC:" + noun
        yield "DESCT:" + _TYPE_OF_NOUN[noun]
    if i + 3 < n and doc[i + 1].text == "," and doc[i + 2].pos_ == "DET":
        noun = doc[i + 3].lower_
        yield "APPOS:" + noun
        if noun in _TYPE_OF_NOUN:
            yield "APPOST:" + _TYPE_OF_NOUN[noun]


def _family(name: str, types: dict[str, str]) -> list[str]:
    """How the name relates to the document's other names: 'Brennic Cloud' beside the organization
    'Brennic SAS' extends an organization's name (most often, its product)."""
    first = name.split()[0]
    out = []
    for other, etype in types.items():
        if other == name:
            continue
        other_first = other.split()[0]
        if first == other_first and len(name.split()) > 1:
            out.append(f"SHARES:{etype}")
        if name.startswith(other + " "):
            out.append(f"EXTENDS:{etype}")
        elif other.startswith(name + " "):
            out.append(f"EXTENDED:{etype}")
    return out


def entity_features(doc: Doc) -> dict[str, tuple[str, ...]]:
    """Each typed name of the document and its features."""
    votes = doc.user_data.get(VOTES_KEY, {})
    out = {}
    tokens = list(doc)
    by_name = mentions_by_name(tokens)
    types = {name: tokens[positions[0]].ent_type_ for name, positions in by_name.items()}
    for name, positions in by_name.items():
        f = dict.fromkeys(name_features(name, votes.get(name, {})))
        f[f"RULE:{types[name]}"] = None  # the rules' decision, after their own tie-breaking
        f.update(dict.fromkeys(_family(name, types)))
        f[f"MENTIONS:{min(len(positions), 4)}"] = None
        for i in positions:
            f.update(dict.fromkeys(context_features(doc, i)))
        out[name] = tuple(f)
    return out


def retype(doc: Doc, model) -> None:
    """Give each name the type ``model`` finds most likely for it."""
    decided = {}
    for name, features in entity_features(doc).items():
        probs = model.probabilities(features, TYPES, against_none=False)
        # (always the likeliest: keeping the rules' type unless the typer is sure, at 0.6 or
        # 0.75, kept fewer of its corrections than it saved errors, cross-validated)
        decided[name] = max(TYPES, key=lambda t: probs.get(t, 0.0))
    for t in doc:
        if t.ent_type_ and (new := decided.get(t.ent_kb_id_ or t.text)) and new != t.ent_type_:
            t.ent_type_ = new
