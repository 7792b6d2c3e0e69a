"""Pairs of entities named in one sentence, and what the parse says of each pair: the input of the
learned relation classifier (:mod:`.learned`).

A candidate is two different entities that the resolver finds in one sentence (by name, definite
description or pronoun), the two tokens that are closest in the sentence standing for them. Its
features are strings: the types of the pair, the dependency path between the two tokens (labels,
the lemma where they meet, the trigger class of that lemma from the lexicons of :mod:`.patterns`),
the words and triggers between them, the prepositions that introduce each, their neighbours. The
trigger classes are what lets the classifier carry over to verbs and nouns it never saw with a
label: "s'emparer" and "racheter" share none, but "acquérir" and "racheter" share "acquired".
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span

from ..records import SYMMETRIC_PREDICATES
from . import patterns as P

# Bump when the features change: a model trained on other features refuses to load.
FEATURES_VERSION = 1

# Lemma or lower-case word → the class of trigger it is.
TRIGGER_CLASSES: dict[str, str] = {
    **{noun: "role" for noun in P.ROLE_NOUNS},
    **{noun: "founder" for noun in P.FOUNDER_NOUNS},
    **{noun: "premises" for noun in P.PREMISES_NOUNS},
    **{word: "sale" for word in P.SELLING_VERBS | P.SELLING_NOUNS},
    **{word: "funding" for word in P.FUNDING_TRIGGERS},
    **{noun: "event" for noun in P.TYPE_NOUNS["Event"]},
    **{verb: "event-verb" for verb in P.EVENT_VERBS},
    **{noun: pred for noun, (pred, _, _) in P.NOUN_TRIGGERS.items()},
    **{verb: pred for verb, (pred, _) in P.VERB_TRIGGERS.items()},
}

_MAX_PATH = 5  # longer dependency paths are only counted, not spelled out
_MAX_BETWEEN = 12  # words between the two are read up to this distance
_FORMER = frozenset(
    ["ancien", "ancienne", "anciens", "anciennes", "ex", "ex-", "passé", "passée", "jusqu'alors"]
)
_CONTENT_POS = frozenset(["VERB", "NOUN", "ADP", "ADJ", "AUX"])
_SHORT = {"Organization": "Org", "Person": "Per", "Place": "Pla", "Project": "Pro", "Event": "Eve"}


@cache
def classes_for(first_type: str, second_type: str) -> tuple[str, ...]:
    """The labels a pair of these types can take: 'acquired>' (the first named is the subject),
    'acquired<' (the second is), 'partnerOf=' (symmetric)."""
    out = []
    for pred, (subjects, objects) in P.SIGNATURES.items():
        if pred in SYMMETRIC_PREDICATES:
            if first_type in subjects and second_type in objects:
                out.append(pred + "=")
            continue
        if first_type in subjects and second_type in objects:
            out.append(pred + ">")
        if second_type in subjects and first_type in objects:
            out.append(pred + "<")
    return tuple(out)


def orient(label: str, first, second) -> tuple[str, object, object]:
    """(predicate, subject, object) of a label on a pair (symmetric ones in name order)."""
    pred, direction = label[:-1], label[-1]
    subj, obj = (second, first) if direction == "<" else (first, second)
    if direction == "=" and subj.name > obj.name:
        subj, obj = obj, subj
    return pred, subj, obj


@dataclass(frozen=True, slots=True)
class Candidate:
    first: object  # the Ref named first in the sentence
    second: object
    i: int  # token standing for ``first``
    j: int
    sent: Span
    features: tuple[str, ...]
    labels: tuple[str, ...]  # the labels its types allow


class _Columns:
    """The token attributes the features read (:class:`.tokens.Columns`), conjuncts collapsed,
    with the entity each token stands for."""

    __slots__ = (
        "lower",
        "lemma",
        "pos",
        "dep",
        "head",
        "ent",
        "case",
        "punct",
        "passive",
        "names",
        "types",
        "conj",
    )

    def __init__(self, doc):
        base = doc.columns
        self.lower, self.lemma, self.pos, self.punct, self.case = (
            base.lower,
            base.lemma,
            base.pos,
            base.punct,
            base.case,
        )
        dep, head = self.dep, self.head = list(base.dep), list(base.head)
        self.passive = {base.head[i] for i, d in enumerate(base.dep) if d == "aux:pass"}
        # Conjuncts take the place of the first one ("A et B ont lancé X": B is a subject too), so
        # that the path to each of them is the path to the first.
        self.conj = [False] * len(dep)
        for i, d in enumerate(base.dep):
            h = head[i]
            if d == "conj" and h < i and head[h] != h:
                head[i], dep[i], self.conj[i] = head[h], dep[h], True
        self.ent = [t.ent_type_ for t in doc.tokens]
        self.names: list[str | None] = [None] * len(dep)  # the entity each token stands for
        self.types: list[str | None] = [None] * len(dep)

    def trigger(self, i: int) -> str | None:
        return TRIGGER_CLASSES.get(self.lemma[i]) or TRIGGER_CLASSES.get(self.lower[i])

    def chain(self, i: int) -> list[int]:
        """``i`` and its heads up to the root."""
        out = [i]
        while (h := self.head[i]) != i and len(out) < 60:
            out.append(h)
            i = h
        return out


def candidates(resolver, refs=None) -> Iterator[Candidate]:
    """Every pair of different entities named in one sentence, with its features. ``refs`` maps
    tokens to the entities they stand for (by default the resolver's)."""
    doc = resolver.doc
    cols = _Columns(doc)
    refs = resolver.refs if refs is None else refs
    for i, ref in refs.items():
        cols.names[i], cols.types[i] = ref.name, ref.type
    for sent, tokens in doc.sentence_tokens():
        by_name: dict[str, list] = {}
        for t in tokens:
            if (ref := refs.get(t.i)) is not None:
                by_name.setdefault(ref.name, []).append((t.i, ref))
        names = list(by_name)
        if len(names) < 2:
            continue
        for x, name_a in enumerate(names):
            for name_b in names[x + 1 :]:
                best = None
                for ia, ra in by_name[name_a]:
                    for ib, rb in by_name[name_b]:
                        # the closest two tokens; a name counts nearer than a description or
                        # pronoun (measured: the closest in the parse instead does worse)
                        d = abs(ia - ib) + (0 if cols.ent[ia] else 3) + (0 if cols.ent[ib] else 3)
                        if best is None or d < best[0]:
                            best = (d, ia, ib, ra, rb)
                _, i, j, first, second = best
                if i > j:
                    i, j, first, second = j, i, second, first
                labels = classes_for(first.type, second.type)
                if labels:
                    feats = features(cols, i, j, first, second)
                    yield Candidate(first, second, i, j, sent, tuple(feats), labels)


def _kind(cols: _Columns, i: int) -> str:
    """N a name, P a pronoun, S a possessive, D a description."""
    if cols.ent[i]:
        return "N"
    return {"PRON": "P", "DET": "S"}.get(cols.pos[i], "D")


def features(cols: _Columns, a: int, b: int, ref_a, ref_b) -> list[str]:
    """The features of the pair of tokens ``a`` < ``b`` standing for ``ref_a`` and ``ref_b``."""
    type_a, type_b = ref_a.type, ref_b.type
    pair = f"{_SHORT[type_a]}>{_SHORT[type_b]}"
    f = ["T:" + pair]
    chain_a, chain_b = cols.chain(a), cols.chain(b)
    on_b = set(chain_b)
    top = next((i for i in chain_a if i in on_b), None)
    if top is None:  # (no common head: two roots in one sentence)
        f.append("nolca")
        up_deps, down_deps = [], []
    else:
        up = chain_a[: chain_a.index(top)]
        down = chain_b[: chain_b.index(top)]
        up_deps = [cols.dep[i] for i in up]
        down_deps = [cols.dep[i] for i in reversed(down)]
        lemma = cols.lemma[top]
        trig = cols.trigger(top) or "-"
        where = "A" if top == a else "B" if top == b else cols.pos[top]
        ups, downs = "^".join(up_deps), "_".join(down_deps)
        length = len(up) + len(down)
        if length <= _MAX_PATH:
            f += [
                f"DP:{ups}|{where}|{downs}",
                f"DPL:{ups}|{lemma}|{downs}",
                f"DPT:{ups}|{trig}|{downs}",
                f"TDPT:{pair}|{ups}|{trig}|{downs}",
            ]
        else:
            f.append("DPlong")
        f += [f"LCA:{lemma}", f"LCAT:{trig}", f"TLCAT:{pair}|{trig}", f"TLCA:{pair}|{lemma}"]
        f.append(f"PL:{min(length, 8)}")
        for i in up[1:] + down[1:]:
            f.append("ON:" + cols.lemma[i])
            if t := cols.trigger(i):
                f += ["ONT:" + t, f"TONT:{pair}|{t}"]
        if top in cols.passive:
            f.append("PASS")
    if "obl:agent" in up_deps or "obl:agent" in down_deps:
        f.append("AGENT")
    dep_a, dep_b, case_a, case_b = cols.dep[a], cols.dep[b], cols.case[a], cols.case[b]
    if cols.conj[a] or cols.conj[b]:
        f.append(f"CONJ:{int(cols.conj[a])}{int(cols.conj[b])}")
    f += [f"AD:{dep_a}", f"BD:{dep_b}", f"AC:{case_a}", f"BC:{case_b}"]
    f += [f"ADC:{dep_a}{case_a}", f"BDC:{dep_b}{case_b}", f"K:{_kind(cols, a)}{_kind(cols, b)}"]
    n = b - a - 1
    f.append(f"NB:{n if n < 10 else (15 if n < 20 else 30)}")
    if any(cols.lower[i] in _FORMER for i in range(max(a + 1, b - 4), b)):
        f += ["FORMER", f"TFORMER:{pair}"]  # "X, ancienne ingénieure de Y": no longer there
    if n <= _MAX_BETWEEN:
        names = 0
        for i in range(a + 1, b):
            if cols.ent[i]:
                names += 1
            if (other := cols.names[i]) is not None and other not in (ref_a.name, ref_b.name):
                # another entity of either type between them: the pair is likelier not related
                if cols.types[i] == type_a:
                    f.append("MIDA")
                if cols.types[i] == type_b:
                    f.append("MIDB")
            if cols.ent[i]:
                continue
            if cols.punct[i]:
                f.append("BP:" + cols.lower[i])
                continue
            if cols.pos[i] in _CONTENT_POS:
                f.append("BW:" + cols.lemma[i])
            if t := cols.trigger(i):
                f += ["BWT:" + t, f"TBWT:{pair}|{t}"]
        f.append(f"BE:{min(names, 3)}")
        if n <= 3:
            f.append("BSEQ:" + " ".join(cols.lower[a + 1 : b]))
    else:
        f.append("FAR")
    size = len(cols.lower)
    if a > 0:
        f.append("PA:" + cols.lower[a - 1])
    f.append("PB:" + cols.lower[b - 1])
    if b + 1 < size:
        f.append("NXB:" + cols.lower[b + 1])
    f.append("NXA:" + cols.lower[a + 1])
    head_a, head_b = cols.head[a], cols.head[b]
    f += ["AH:" + cols.lemma[head_a], "BH:" + cols.lemma[head_b]]
    if t := cols.trigger(head_a):
        f.append(f"AHT:{t}{dep_a}")
    if t := cols.trigger(head_b):
        f.append(f"BHT:{t}{dep_b}")
    return list(dict.fromkeys(f))
