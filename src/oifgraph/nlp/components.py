"""spaCy components of oifgraph: gazetteer matching before the parser, entity typing after NER."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..names import match_key, strip_legal_form
from ..records import KnownEntity
from . import patterns as P
from .extract import _outside_relatives, name_taken
from .lexicon import Gazetteer
from .mentions import VOTES_KEY
from .places import is_town
from .tokens import Tokens

NER_TYPES = {"ORG": "Organization", "PER": "Person", "LOC": "Place", "MISC": "Project"}
NER_WEIGHT = {"ORG": 1.0, "PER": 1.2, "LOC": 1.0, "MISC": 0.6}
_LONE_PER_PENALTY = 0.6  # taken from PER on a one-word name: people are named in full
_VERSION = re.compile(r"^v?\d+(?:\.\d+)*[a-z]?$")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_CAMEL_CASE = re.compile(r"^[A-Z]?[a-zà-ÿ]+(?=[A-ZÀ-Þ])")
_NAME_PREFIXES = frozenset(["Mc", "Mac", "De", "Le", "La", "Di", "Da", "Du", "Van", "Von"])  # McNeil, LeBlanc


def _camel_case(word: str) -> bool:
    """'MonSéjour', 'DataPlume', 'OpenStack': a capital inside a word, as product names have."""
    match = _CAMEL_CASE.match(word)
    return match is not None and match.group() not in _NAME_PREFIXES


_DETERMINERS = {"l'", "la", "le", "les", "d'", "de", "du", "des", "un", "une", "L'", "La", "Le", "Les", "D'"}
_TYPE_ORDER = ("Organization", "Person", "Place", "Project", "Event")
_PARTICIPLE_ENDINGS = ("é", "ée", "és", "ées")  # not "-ie": "Marie" is a name before a verb form
_TITLE_WORDS = {"m.", "mme", "m", "monsieur", "madame", "dr", "me"}
# Verbs whose subject is an organization: "X a racheté", "X a levé".
_ORG_SUBJECT_VERBS = frozenset(
    ["racheter", "acquérir", "lever", "investir", "recruter", "embaucher", "licencier", "fusionner"]
)

# Verbs a place is the subject of: "Lyon compte 500 000 habitants", "la ville accueille".
_PLACE_VERBS = frozenset(
    ["être", "avoir", "compter", "accueillir", "abriter", "situer", "trouver", "devenir"]
)


def known_entities_from_config(entries: list[dict]) -> list[KnownEntity]:
    return [KnownEntity(e["name"], e["type"], tuple(e.get("aliases", ()))) for e in entries]


# Words that open a sentence after a single capital and its full stop: "une série A. Il ..." ends
# a sentence; "A. Dupont" is an initial.
_SENTENCE_OPENERS = frozenset(
    [
        "Il",
        "Elle",
        "Ils",
        "Elles",
        "On",
        "Nous",
        "Le",
        "La",
        "Les",
        "L'",
        "Ce",
        "Cet",
        "Cette",
        "Ces",
        "Un",
        "Une",
        "Des",
        "Son",
        "Sa",
        "Ses",
        "Leur",
        "Leurs",
        "Dans",
        "Pour",
        "Avec",
        "Selon",
        "Depuis",
        "Mais",
        "Et",
        "Au",
        "Aux",
        "En",
        "Cela",
    ]
)


@Language.component("oif_compounds")
def merge_compounds(doc: Doc) -> Doc:
    """Multiword nouns the parser misreads (``patterns.MULTIWORD_NOUNS``) become one token; a
    capital letter's full stop before a word that opens a sentence is split off ('en série A.')."""
    stops = [
        t
        for t in doc[:-1]
        if len(t.text) == 2
        and t.text[1] == "."
        and t.text[0].isupper()
        and doc[t.i + 1].text in _SENTENCE_OPENERS
    ]
    if stops:
        with doc.retokenize() as retokenizer:
            for t in stops:
                retokenizer.split(t, [t.text[0], "."], heads=[(t, 0), (t, 0)])
    words = [t.lower_ for t in doc]
    spans = [
        doc[i : i + 2]
        for i in range(len(words) - 1)
        if (words[i], words[i + 1]) in P.MULTIWORD_NOUNS and not doc[i].whitespace_.count("\n")
    ]
    if spans:
        with doc.retokenize() as retokenizer:
            for span in filter_spans(spans):
                retokenizer.merge(span)
    return doc


@Language.factory("oif_gazetteer", default_config={"entries": []})
def make_gazetteer_matcher(nlp: Language, name: str, *, entries: list[dict]) -> GazetteerMatcher:
    return GazetteerMatcher(nlp, Gazetteer(known_entities_from_config(entries)))


def _introduced_as_branch(doc: Tokens, span: Span) -> bool:
    """Whether a branch noun introduces the name ('sa filiale espagnole, X', 'la division X') or
    stands in apposition right after it ('X, la filiale ...')."""
    texts = doc.texts
    for k in range(span.start - 1, max(-1, span.start - 5), -1):
        word = texts[k].lower()
        if word in P.BRANCH_NOUNS:
            return True
        if not (doc[k].pos_ in ("DET", "ADJ") or word == ","):
            break
    after = texts[span.end + 1 : span.end + 4]
    return bool(after) and texts[span.end] == "," and any(w.lower() in P.BRANCH_NOUNS for w in after)


# Adverbs a name may hold ("Mieux Vivre" is capitalised; these are not); quantifiers no name holds.
_NAME_ADVERBS = frozenset(["plus", "très", "bien", "non", "ne", "pas", "y"])
_QUANTIFIERS = frozenset(["tous", "toutes", "chaque", "plusieurs", "certains", "certaines", "quelques"])


class GazetteerMatcher:
    """Marks known names as entities and keeps the parser from splitting sentences inside them.

    Also makes every line break a sentence boundary: headlines and intertitles have no full stop.
    """

    def __init__(self, nlp: Language, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.labels: dict[int, tuple[str, str]] = {}
        seen: dict[str, list] = defaultdict(list)
        for surface, entry in gazetteer.surface_forms():
            for variant in {surface, surface.upper()} if len(surface) > 3 else {surface}:
                seen[f"{entry.type}|{entry.name}"].append(variant)
        for label, variants in seen.items():
            key = nlp.vocab.strings.add(label)
            self.labels[key] = tuple(label.split("|", 1))  # type: ignore[assignment]
            self.matcher.add(label, [nlp.make_doc(v) for v in variants])

    def __call__(self, doc: Doc) -> Doc:
        # Sentences end at a full stop or a line break, nowhere else: the parser otherwise cuts
        # "Michelin et Clermont | Auvergne Métropole utilisent ..." and loses the subject.
        # Boundaries are set through one array: each ``token.is_sent_start = ...`` scans the whole
        # document (spaCy checks it has no parse yet), which made this loop quadratic.
        starts = doc.to_array([SENT_START]).astype("int64")
        final = False
        words = [(t.text, t.whitespace_, t.is_space) for t in doc]
        for i in range(1, len(words)):
            text, space, is_space = words[i - 1]
            if "\n" in text or "\n" in space:
                starts[i] = 1
                final = False
                continue
            if text in (".", "!", "?", "…", "..."):
                final = True
            elif text not in ("»", '"', ")", "”") and not is_space:
                final = False
            word = words[i][0]
            if not final or not (word[:1].isupper() or word[:1].isdigit() or word in ("«", '"', "“")):
                starts[i] = -1
        matches = self.matcher(doc)
        matched = {i for _, start, end in matches for i in range(start, end)}

        def inside_longer_name(start: int, end: int) -> bool:
            # "l'opérateur Hanseatik Telekom": the known "Telekom" is the end of another name
            return any(
                0 <= i < len(doc)
                and i not in matched
                and doc[i].pos_ in ("PROPN", "X", "NOUN")  # "Airbus Defence": an English word is X
                and doc[i].text[:1].isupper()
                and doc[i].is_alpha
                and starts[max(i, start)] != 1  # (not across a sentence start)
                for i in (start - 1, end)
            )

        spans = [
            Span(doc, start, end, label=self.labels[match_id][0], kb_id=self.labels[match_id][1])
            for match_id, start, end in matches
            if not inside_longer_name(start, end)
        ]
        spans = filter_spans(spans)
        for span in spans:
            starts[span.start + 1 : span.end] = -1
        doc.from_array([SENT_START], starts.astype("uint64").reshape(-1, 1))
        doc.set_ents(spans, default="unmodified")
        return doc


@Language.factory(
    "oif_entities",
    default_config={"entries": [], "use_lexicon": True},
)
def make_entity_typer(nlp: Language, name: str, *, entries: list[dict], use_lexicon: bool) -> EntityTyper:
    return EntityTyper(
        Gazetteer(known_entities_from_config(entries)), french_words(nlp) if use_lexicon else None
    )


def french_words(nlp: Language):
    """A predicate telling whether a lower-case string is a French word, from the lemmatizer's tables."""
    if "lemmatizer" not in nlp.pipe_names:
        return None
    lookups = nlp.get_pipe("lemmatizer").lookups
    tables = [lookups.get_table(t) for t in ("lemma_lookup",) if lookups.has_table(t)]
    words: set[str] = set()
    for name in ("lemma_index", "lemma_exc"):
        if lookups.has_table(name):
            for value in lookups.get_table(name).values():
                words.update(value)
    words.update(nlp.Defaults.stop_words)  # function words: "sans", "dont", "lors" ...
    words = frozenset(words)

    def is_word(word: str) -> bool:
        return word in words or any(word in table for table in tables)

    return is_word


class EntityTyper:
    """Cleans NER spans, adds names introduced by a descriptor noun, and types every name.

    Each mention votes for a type (gazetteer, NER label, descriptor nouns before or after it, role
    appositions, name shape, the verbs it governs); the mentions of one name in a document pool their
    votes, so a name keeps one type throughout. Span labels become oifgraph types and ``kb_id`` holds
    the canonical name.
    """

    def __init__(self, gazetteer: Gazetteer, is_word=None):
        self.gazetteer = gazetteer
        self.is_word = is_word or (lambda w: False)
        self._type_of_noun = {noun: t for t, nouns in P.TYPE_NOUNS.items() for noun in nouns}

    # -- spans -----------------------------------------------------------------------------------
    def clean(self, span: Span, doc: Tokens) -> Span | None:
        start, end = span.start, span.end
        while start < end and (doc[start].text in _DETERMINERS or doc[start].is_punct or doc[start].is_space):
            start += 1
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space) and doc[end - 1].text != ")":
            end -= 1
        if end - start > 1 and doc[start].text in _COMPANY_KINDS and doc[start + 1].text[:1].isupper():
            start += 1  # "la PME Agorane", "l'ETI Vauquois": the kind of company, then its name
        if (
            start > 0
            and doc[start - 1].lower_ in _ROUND_NOUNS
            and len(doc[start].text) == 1
            and doc[start].text.isupper()
        ):
            # "la série A de 11 millions d'euros de la start-up Cendrix Security" read as one name:
            # the round's letter is none; what follows is a name only from its capitalised words
            start = next(
                (k for k in range(start + 1, end) if doc[k].text[:1].isupper() and doc[k - 1].text.islower()),
                end,
            )
            if start >= end:
                return None
        if (
            end - start > 1
            and start > 0
            and doc[start - 1].lower_ in _BEFORE_A_YEAR
            and _YEAR.match(doc[start].text)
            and doc[start + 1].text[:1].isupper()
        ):
            start += 1  # "les deux chercheurs fondent en 2022 Glaciel Analytique": a date, then the name
        # "Rebaptisée Orvane Observability, ...": a participle opening the sentence is no part of it.
        first = doc[start]
        if (
            end - start > 1
            and first.is_sent_start
            and (span.label_ not in ("PER", "Person") or first.pos_ == "VERB")  # "Baptisé X" read as a person
            and first.lower_.endswith(_PARTICIPLE_ENDINGS)
            and self.is_word(first.lower_)
        ):
            start += 1
        for k in range(start + 1, end):
            token = doc[k]
            if (
                token.pos_ in ("VERB", "AUX")
                and token.morph.get("VerbForm") == ["Fin"]
                and token.text.islower()
            ):
                end = k  # "Quintane décroche la qualification" tagged as one name: a name has no verb
                break
            if token.text.islower() and (
                token.morph.get("Poss") == ["Yes"]
                or token.morph.get("VerbForm") == ["Inf"]
                or (token.pos_ == "ADV" and token.lower_ not in _NAME_ADVERBS)
                or token.lower_ in _QUANTIFIERS
            ):
                # "Vigie sur ses comptes", "Vigie pour traquer les dépenses", "Dynatrace sur
                # presque tous les dossiers": no name holds a possessive, an infinitive, an adverb
                # or a quantifier; the preposition before it goes too.
                end = k - 1 if k - 1 > start and doc[k - 1].pos_ == "ADP" else k
                break
        if start >= end:
            return None
        label, kb_id = span.label_, span.kb_id_
        # "la fondation OpenStack" names the foundation, not the project.
        if start > 0 and doc[start - 1].lower_ in ("fondation", "foundation"):
            start -= 1
            known = self.gazetteer.lookup(doc[start:end].text)
            kb_id = known.name if known and known.type == "Organization" else ""
            label = "Organization" if kb_id else "ORG"
        elif start > 0 and doc[start - 1].text in ("Région", "Département") and label in ("LOC", "Place"):
            # "la Région Occitanie", "le Département du Nord": the institution, not the place
            start -= 1
            label, kb_id = "ORG", ""
        first = doc[start].text
        if first[:1].islower() and not first[1:2].isupper() and doc[start].lower_ != "fondation":
            return None
        return Span(span.doc, start, end, label=label, kb_id=kb_id)

    def is_noise(self, span: Span) -> bool:
        if span.kb_id_ or self.gazetteer.lookup(span.text):
            return False
        text = span.text
        lower = text.lower()
        if lower in P.GENERIC_TERMS or lower in _TITLE_WORDS:
            return True
        if len(text) == 1:
            return True  # "une série A", "le plan B": a letter alone names nothing
        words = text.split()
        if (
            len(words) >= 2
            and span[0].is_sent_start
            and all(w.islower() for w in words[1:])
            and all(self.is_word(w.lower()) for w in words[1:])
            and (self.is_word(words[0].lower()) or span.doc.vocab.has_vector(words[0].lower()))
        ):
            return True  # "Cloud souverain : ...": common words, capitalised by the sentence
        if not any(c.isalpha() for c in text):
            return True
        if (
            len(span) == 1
            and span.label_ in ("MISC", "LOC", "ORG", "")
            and text[:1].isupper()
            and not text.isupper()
        ):
            # A capitalised common word ("Cloud", "Désormais") is not a name; nor is one that
            # opens the sentence as the head of a noun phrase, even labelled ORG ("Filiale de X,
            # l'hébergeur ...").
            opens_phrase = (
                span[0].is_sent_start
                and span.end < len(span.doc)
                and (span.doc[span.end].pos_ == "ADP" or span.doc[span.end].text == ",")
            )
            if span.label_ == "LOC" and not span[0].is_sent_start and _after_place_word(span):
                return False  # "à Rabat", "depuis Porto", "le port de Bayonne": towns named like words
            return self.is_word(lower) and (span.label_ != "ORG" or opens_phrase)
        return False

    def described_names(self, doc: Tokens) -> list[Span]:
        """Names that NER missed but a descriptor noun introduces: 'le projet Nuvola'."""
        found = []
        for token in doc[:-1]:
            if token.lower_ not in self._type_of_noun or token.pos_ != "NOUN":
                continue
            j = token.i + 1
            while j < len(doc) and doc[j].pos_ == "ADJ" and doc[j].text[:1].islower():
                j += 1  # "la start-up française Nuvola"
            k = j
            while k < len(doc) and (doc[k].text[:1].isupper() or (k > j and _VERSION.match(doc[k].text))):
                if doc[k].is_sent_start and k != token.i + 1:
                    break
                k += 1
            if k > j and not doc[j].is_sent_start:
                # "la fondation Arbalète": the foundation's name includes the word.
                start = token.i if token.lower_ == "fondation" and j == token.i + 1 else j
                found.append(Span(doc.doc, start, k, label=""))
        return found + self._described_after(doc) + self._described_before(doc)

    def _described_as_organization(self, doc: Tokens, span: Span) -> bool:
        """'le groupe danois X', 'la société X': a noun for an organization just before the name."""
        j = span.start - 1
        while j >= 0 and doc[j].pos_ == "ADJ" and doc[j].text[:1].islower():
            j -= 1
        return j >= 0 and doc[j].pos_ == "NOUN" and self._type_of_noun.get(doc[j].lower_) == "Organization"

    def _described_after(self, doc: Tokens) -> list[Span]:
        """Capitalised words that an apposition describes: 'apporte Lagune, l'agent de télémétrie
        qu'il a développé', 'vend Rempart, l'offre de cloud ...'. Inside a sentence, a capitalised
        word followed by ', le/la/un/une' and a noun that types names is a name."""
        found = []
        texts = doc.texts
        for i in range(1, len(doc) - 3):
            if texts[i + 1] != "," or not texts[i][:1].isupper() or not texts[i].isalpha():
                continue
            start = i
            while start > 0 and texts[start - 1][:1].isupper() and texts[start - 1].isalpha():
                start -= 1
            if doc[start].is_sent_start or doc[i + 2].pos_ != "DET":
                continue
            j = i + 3
            while j < len(doc) and doc[j].pos_ == "ADJ" and j < i + 5:
                j += 1
            misread = j == i + 3 and doc[j].pos_ == "VERB"  # "l'offre" tagged a verb
            if j < len(doc) and (doc[j].pos_ == "NOUN" or misread) and doc[j].lower_ in self._type_of_noun:
                found.append(Span(doc.doc, start, i + 1, label=""))
        return found

    def _described_before(self, doc: Tokens) -> list[Span]:
        """A capitalised word set off by commas after a determined noun that types names: 'Sa
        plateforme, Herse, corrèle ...', 'son nouveau logiciel, Vigie, sort en mai'."""
        texts = doc.texts
        return [
            Span(doc.doc, i, i + 1, label="")
            for i in range(3, len(doc) - 1)
            if texts[i][:1].isupper()
            and texts[i].isalpha()
            and not doc[i].is_sent_start
            and self._apposed_to_noun(doc, i, i + 1)
        ]

    def _apposed_to_noun(self, doc: Tokens, start: int, end: int) -> str | None:
        """The type of the determined noun that a name set off by commas follows ('Sa plateforme,
        Herse, ...'), if that noun types names."""
        if start < 3 or end >= len(doc) or doc[start - 1].text != "," or doc[end].text not in (",", "."):
            return None
        j = start - 2
        while j > 0 and doc[j].pos_ == "ADJ" and j > start - 4:
            j -= 1
        if doc[j].pos_ == "NOUN" and doc[j - 1].pos_ == "DET":
            return self._type_of_noun.get(doc[j].lower_)
        return None

    def name_shaped(self, doc: Tokens) -> list[Span]:
        """Names NER missed that look like names: runs of two or more capitalised words that are not
        French words ('Tessera Data'), and acronyms ('EDB'). They are kept only if the context votes
        them a type."""
        found = []
        tokens, texts = doc.tokens, doc.texts  # (a token's is_alpha and lower_ are its text's)
        bare = self._bare_capitalised(tokens)
        i = 0
        while i < len(tokens):
            text = texts[i]
            if text.isalpha() and text.isupper() and _is_acronym(text) and not self.is_word(text.lower()):
                found.append(Span(doc.doc, i, i + 1, label="ACRONYM"))
                i += 1
                continue
            k = i
            while (
                k < len(tokens)
                and texts[k].isalpha()
                and texts[k][:1].isupper()
                and texts[k].lower() not in _DETERMINERS
            ):
                if k > i and tokens[k].is_sent_start:
                    break
                k += 1
            if k - i >= 2 and not self.is_word(tokens[i].lower_):
                found.append(Span(doc.doc, i, k, label=""))
            elif (
                k - i == 1
                and not tokens[i].is_sent_start
                and not self.is_word(tokens[i].lower_)
                and len(tokens[i]) > 2
                and not doc.vocab.has_vector(tokens[i].lower_)  # a known word, only capitalised
            ):
                # "dans Quelio": an unknown word, capitalised
                found.append(Span(doc.doc, i, k, label="ACRONYM"))
            elif k - i == 1 and not tokens[i].is_sent_start and _located(doc, i):
                found.append(Span(doc.doc, i, k, label="LOCATED"))  # "installé à Valenciennes", a word too
            elif k == i and _identifier(text):
                found.append(Span(doc.doc, i, i + 1, label="IDENT"))  # "utilise pg_sillon": no French word
            elif k - i == 1 and tokens[i].text in bare:
                found.append(Span(doc.doc, i, k, label="BARE"))  # "a développé Prisme", "utilise Prisme"
            i = max(k, i + 1)
        return found

    @staticmethod
    def _bare_capitalised(tokens: list) -> set[str]:
        """French words written capitalised, without an article, inside sentences at least twice:
        'a développé Prisme, une puce ...', 'utilise Prisme'. A common noun takes an article; a word
        used so, again and again, is a name."""
        seen: Counter = Counter()
        for n, token in enumerate(tokens):
            if (
                n > 0
                and token.is_alpha
                and token.text[:1].isupper()
                and token.text[1:].islower()
                and not token.is_sent_start
                and tokens[n - 1].pos_ not in ("DET", "PUNCT", "NUM")
                and not tokens[n - 1].text[:1].isupper()
                and not (n + 1 < len(tokens) and tokens[n + 1].text[:1].isupper())
            ):
                seen[token.text] += 1
        return {word for word, count in seen.items() if count >= 2}

    # -- typing ----------------------------------------------------------------------------------
    def votes(self, span: Span, *, ner: bool = True, doc: Tokens | None = None) -> Counter:
        """The type votes of one mention: gazetteer, spaCy's label (unless ``ner`` is false), name
        shape and context."""
        votes: Counter = Counter()
        if span.kb_id_:
            votes[span.label_] += 5
        elif known := self.gazetteer.lookup(span.text):
            votes[known.type] += 5
        if ner:
            votes.update(self.ner_votes(span))
        return self.context_votes(span, votes, doc or Tokens(span.doc))

    @staticmethod
    def ner_votes(span: Span) -> Counter:
        """What spaCy's label says. A name's mentions pool it by maximum, not by sum: NER repeating
        the same guess at each mention is one piece of evidence, not several."""
        votes: Counter = Counter()
        if span.label_ in NER_TYPES:
            weight = NER_WEIGHT[span.label_]
            if span.label_ == "PER":
                # News name a person in full at least once ("Lina Mercier", then "Mercier", which
                # joins the full name); a lone word tagged PER is as often a company ("Datadog").
                weight += 0.5 if len(span) >= 2 else -_LONE_PER_PENALTY
                if any(_camel_case(t.text) for t in span):
                    weight = 0  # "MonSéjour", "DataPlume": people's names are not written so
            votes[NER_TYPES[span.label_]] += weight
        return votes

    def context_votes(self, span: Span, votes: Counter, doc: Tokens) -> Counter:
        """Name shape and context: descriptors, roles, nationalities, the verbs a name takes."""
        if span.label_ == "ACRONYM":
            votes["Organization"] += 0.5  # a bare acronym most often names an organization
        elif span.label_ == "IDENT":
            votes["Project"] += 1  # "pg_sillon", "k3s": written as code is, software
        if _located(doc, span.start):
            votes["Place"] += 1.5
        if not span.kb_id_ and is_town(span.text):  # a town's name (not a known entity's)
            votes["Place"] += 1
        words = [t.lower_ for t in span]
        if (
            (words[0] in _ORG_HEAD_WORDS and len(words) > 1)
            or words[0] in ("fondation", "groupe")
            or (words[0] == "maison" and len(words) == 2 and span[1].text[:1].isupper())  # "Maison Lartigau"
            or (span[0].text in ("Région", "Département") and len(words) > 1)  # the institution
            or (words[-1] in P.ORG_SUFFIXES and len(words) > 1 and not _event_shaped(span.text))
        ):
            votes["Organization"] += 2
        votes["Event"] += _event_shape(words, span.text)
        if len(words) > 1 and words[-1] in P.LAW_SUFFIXES:
            for etype in _TYPE_ORDER:  # "le Cloud Act", "le Cyber Resilience Act": a law
                votes[etype] -= 3
        if len(words) > 1 and _YEAR.match(words[-1]):
            votes["Event"] += 3  # "Cloud Libre Days 2026"
        if (
            span.start >= 2
            and doc[span.start - 2].lower_ == "lors"
            or (span.start >= 3 and doc[span.start - 3].lower_ == "lors")
        ):
            votes["Event"] += 1.5  # "lors de la Paris Healthcare Week", "lors du salon X"
        if span.end < len(doc) and _VERSION.match(doc[span.end].text) and "." in doc[span.end].text:
            votes["Project"] += 2
        # Descriptor noun just before: "la société X", "le projet open source X", "la ville de X".
        for back in range(span.start - 1, max(span.start - 6, -1), -1):
            noun = doc[back].lower_
            if doc[back].pos_ == "ADP" and noun not in ("de", "d'", "du"):
                break  # "un hackathon à X": X is where, not what
            if noun in P.NON_ENTITY_NOUNS:
                for etype in _TYPE_ORDER:  # "la qualification SecNumCloud", "la loi X": no entity
                    votes[etype] -= 3
                break
            # "le fabricant d'emballages X", "le groupe de distribution X": skip the complement.
            complement = doc[back].pos_ == "NOUN" and back > 0 and doc[back - 1].lower_ in ("de", "d'")
            if (
                noun in self._type_of_noun
                and (doc[back].pos_ in ("NOUN", "PROPN") or " " in noun)
                and not complement
            ):
                votes[self._type_of_noun[noun]] += 3
                break
            if noun in P.ROLE_NOUNS:
                # "le PDG X" names a person; "le PDG de X" names the employer (voted below).
                if not any(t.pos_ == "ADP" for t in doc[back + 1 : span.start]):
                    votes["Person"] += 3
                break
            if (
                doc[back].pos_ not in ("ADJ", "ADP", "DET")
                and noun not in ("open", "source")
                and not complement
            ):
                break
        if kind := self._apposed_to_noun(doc, span.start, span.end):
            votes[kind] += 2  # "Sa plateforme, Herse, corrèle ..."
        # "directrice technique de X", "ingénieur chez X": the name after a role is an employer.
        if span.start >= 2 and doc[span.start - 1].lower_ in P.ORG_PREPOSITIONS:
            window = list(doc[max(0, span.start - 7) : span.start - 1])
            roles = [k for k, t in enumerate(window) if _role_noun(t)]
            if roles and not any(t.is_punct for t in window[roles[-1] :]):
                votes["Organization"] += 2.5
        # "l'américain Workday": a nationality before a name.
        if (
            span.start >= 2
            and _nationality(doc[span.start - 1].lower_)  # "le français X", "les américains X et Y"
            and (
                doc[span.start - 2].pos_ == "DET" or doc[span.start - 2].lower_ in ("au", "aux", "du", "des")
            )
        ):
            votes["Organization"] += 2.5
        if not span.kb_id_ and span.label_ in P.TYPE_NOUNS:  # a known name extended: "KubeCon Europe"
            votes[span.label_] += 2
        # Apposition just after: "X, la start-up lyonnaise", "X, directrice technique de Y".
        i = span.end
        if i + 1 < len(doc) and doc[i].text in (",", "(", "–", "-"):
            j = i + 1
            while (
                j < len(doc)
                and j < i + 4
                and (doc[j].pos_ in ("DET", "ADJ", "NUM") or doc[j].lower_ in ("nouveau", "nouvelle"))
            ):
                j += 1  # "X, la start-up lyonnaise", "X et Y, deux éditeurs californiens"
            if j < len(doc) and not _clause_subject(doc[j]):
                noun = doc[j].lower_
                if noun in P.ROLE_NOUNS:
                    votes["Person"] += 3
                elif (
                    kind := self._type_of_noun.get(noun) or self._type_of_noun.get(_singular(noun))
                ) is not None:
                    # but "Nadège Quilès (fondation Héliotrope)", "X, la start-up Y et Z": the noun
                    # is the descriptor of the name right after it
                    if not (j + 1 < len(doc) and doc[j + 1].text[:1].isupper()):
                        votes[kind] += 2
                elif doc[j].lemma_ in _LOCATING and doc[j].pos_ == "VERB" and i + 1 == j:
                    votes["Organization"] += 1.5  # "X, basé à Paris, édite ...": a located company
        # "X est un consortium", "X est une start-up lyonnaise": the predicate noun types it.
        predicate = span.root.head
        if (
            span.root.dep_ == "nsubj"
            and any(c.dep_ == "cop" for c in predicate.children)
            and (kind := self._type_of_noun.get(predicate.lower_)) is not None
        ):
            votes[kind] += 2
        # The verb it is the subject of.
        # Places seldom act: the subject of a trigger verb ("X affronte Y", "X utilise Z") is an
        # organization unless it reads as a person.
        root = span.root
        if root.dep_ == "nsubj" and (
            root.head.lemma_ in _ORG_SUBJECT_VERBS
            or (
                root.head.lemma_ in P.VERB_TRIGGERS
                and "Person" not in P.SIGNATURES[P.VERB_TRIGGERS[root.head.lemma_][0]][0]
                and P.VERB_TRIGGERS[root.head.lemma_][0] not in ("locatedIn", "renamedTo")
            )
        ):
            votes["Organization"] += 1.5
        elif (
            root.dep_ == "nsubj"
            and span.label_ == "LOC"
            and root.head.pos_ == "VERB"
            and root.head.lemma_ not in _PLACE_VERBS
        ):
            votes["Organization"] += 1.2  # places seldom act: "Cryptalis comptait ...", "Nuvola annonce"
        if (allowed := self.expected_types(root)) is not None:
            if len(allowed) == 1:
                votes[next(iter(allowed))] += 1.5
            elif "Organization" in allowed:
                votes["Organization"] += 0.6  # the commonest of the allowed types in business news
            for etype in ("Person", "Place"):
                if etype not in allowed:
                    votes[etype] -= 1  # "rivaliser avec X": X is no person and no place
        return votes

    @staticmethod
    def expected_types(root) -> frozenset[str] | None:
        """The types a trigger verb or noun allows for this argument: 'X utilise Y' → Y is a
        Project, 'Y est hébergé par X' → X is an Organization; None when no trigger governs it."""
        head = root.head
        if head != root and head.pos_ == "NOUN" and any(c.lower_ == "comme" for c in root.children):
            return EntityTyper.expected_types(head)  # "affronte des poids lourds comme X": as the noun
        lemma = head.lemma_.lower()
        for case in (c for c in root.children if c.dep_ in ("case", "fixed")):
            if case.lower_ in P.PREPOSITION_TRIGGERS:  # "face à X"
                return P.SIGNATURES[P.PREPOSITION_TRIGGERS[case.lower_]][1]
        if head != root and head.lower_ in P.PART_NOUNS and root.dep_ == "nmod":
            return frozenset({"Project"})  # "le code de X"
        if (
            head != root
            and root.dep_ == "nmod"
            and (head.lower_ in P.BODY_NOUNS or (head.dep_ == "nmod" and head.head.lower_ in P.BODY_NOUNS))
        ):
            return frozenset({"Organization"})  # "le conseil (de surveillance) de X"
        copula = any(c.dep_ == "cop" for c in head.children)
        if head != root and lemma in P.NOUN_TRIGGERS and root.dep_ == "nsubj" and copula:
            return P.SIGNATURES[P.NOUN_TRIGGERS[lemma][0]][0]  # "X est le concurrent de Y"
        if (
            head != root
            and lemma in P.NOUN_TRIGGERS
            and lemma not in P.PREMISES_NOUNS
            and root.dep_ == "nmod"
        ):
            # "contributeurs de X", "filiale de X": the noun's object type
            pred, objs, _ = P.NOUN_TRIGGERS[lemma]
            prep = next((c.lower_ for c in root.children if c.dep_ == "case"), "")
            return P.SIGNATURES[pred][1] if prep in objs else None
        if head == root or lemma not in P.VERB_TRIGGERS:
            return None
        pred, preps = P.VERB_TRIGGERS[lemma]
        subjects, objects = P.SIGNATURES[pred]
        if lemma in P.REVERSED_VERBS:
            subjects, objects = objects, subjects
        prep = next((c.lower_ for c in root.children if c.dep_ == "case"), "")
        prep = P.PREPOSITION_FORMS.get(prep, prep)
        if root.dep_ in ("nsubj", "obl:agent"):
            allowed = subjects
        elif (
            root.dep_ in ("obj", "nsubj:pass")
            and "" in preps
            or root.dep_.startswith("obl")
            and prep
            and any(P.PREPOSITION_FORMS.get(p, p) == prep for p in preps)
        ):
            allowed = objects
        else:
            return None
        return allowed

    def __call__(self, doc: Doc) -> Doc:
        view = Tokens(doc)  # (the tokens do not change in here: only the entities do)
        institutions = institution_names(view)
        held = {t.i for s in institutions for t in s}
        spans = [
            s
            for s in (self.clean(e, view) for e in doc.ents)
            if s is not None and not self.is_noise(s) and not any(t.i in held for t in s)
        ]
        spans += institutions
        taken = {t.i for s in spans for t in s}
        spans += [
            s
            for s in self.described_names(view)
            if not any(t.i in taken for t in s)
            and s.text.lower() not in P.GENERIC_TERMS  # "une plateforme XDR"
        ]
        taken = {t.i for s in spans for t in s}
        spans += [
            s for s in self.name_shaped(view) if not any(t.i in taken for t in s) and not self.is_noise(s)
        ]
        spans = filter_spans([self.extend(s, view) for s in filter_spans(spans)])
        spans = filter_spans(spans + self.acronym_mentions(view, spans))
        if glossed := _glossed_terms(view):
            spans = [s for s in spans if " ".join(s.text.split()).lower() not in glossed]
        names: list[str] = []
        pooled: dict[str, Counter] = defaultdict(Counter)
        guesses: dict[str, Counter] = defaultdict(Counter)  # spaCy's labels, pooled by maximum
        agreement: dict[str, Counter] = defaultdict(Counter)  # coordinated names share a type
        first_name: dict[str, str] = {}  # one name per key: "Open Stack" then "OpenStack" → "Open Stack"
        for span in spans:
            known = self.gazetteer.lookup(span.text)
            name = span.kb_id_ or (known.name if known else " ".join(span.text.split()))
            if name.startswith("fondation "):
                name = "F" + name[1:]  # "la fondation Arbalète" names the Fondation Arbalète
            key = match_key(name)
            old = first_name.get(key)
            if old is not None and strip_legal_form(old) == old and strip_legal_form(name) != name:
                first_name[key] = name  # "Pgrid" then "Pgrid SAS": the legal name is the canonical one
            name = first_name.setdefault(key, name)
            names.append(name)
            context = self.votes(span, ner=False, doc=view)
            pooled[match_key(name)] += context
            for etype, weight in self.ner_votes(span).items():
                # The context can overrule the label at this mention ("dans Quelio": not a place).
                weight += min(context[etype], 0)
                guesses[match_key(name)][etype] = max(guesses[match_key(name)][etype], weight)
        for first, second in _coordinated_pairs(view, spans):  # "Kelvane Technologies et Amadeus"
            for a, b in ((first, second), (second, first)):
                if top := _firm_type(pooled[match_key(names[a])]):
                    agreement[match_key(names[b])][top] += 1
        described = {
            match_key(n)
            for span, n in zip(spans, names, strict=True)
            if _subsidiary_described(span) or self._described_as_organization(view, span)
        }
        renamed = _renamed_pairs(spans)
        for old, new in renamed:  # "X prend le nom de Y": Y is what X was
            if top := _firm_type(pooled[match_key(names[old])]):
                agreement[match_key(names[new])][top] += 3
                described.add(match_key(names[new]))  # a new name, not the old one's product
        for key, labels in guesses.items():
            pooled[key].update(labels)
        for key, labels in agreement.items():
            pooled[key].update(labels)
        headline = _headline_end(view)
        self.vote_products(names, pooled, described, [span.start < headline for span in spans])
        aliases = self.aliases(view, spans, names, pooled, renamed)
        for short, long in aliases.items():
            pooled[long] += pooled[short]
        typed = []
        kept_votes: dict[str, dict[str, float]] = {}
        for span, name in zip(spans, names, strict=True):
            key = aliases.get(match_key(name), match_key(name))
            name = first_name[key]
            votes = pooled[key]
            if not votes:
                continue
            kept_votes[name] = {t: float(votes[t]) for t in _TYPE_ORDER if votes[t]}
            # A fixed order breaks ties the same way in every run (sets of str are not ordered).
            etype = max(_TYPE_ORDER, key=lambda t: (votes[t], t == "Organization"))
            if votes[etype] <= 0:
                continue
            if etype == "Person" and _lone_word_person(name, votes):
                etype = "Organization"
            typed.append(Span(doc, span.start, span.end, label=etype, kb_id=name))
        doc.set_ents(typed + self.repeated_mentions(view, typed), default="outside")
        doc.user_data[VOTES_KEY] = kept_votes  # what the learned typer reads (nlp/mentions.py)
        return doc

    @staticmethod
    def repeated_mentions(doc: Tokens, typed: list[Span]) -> list[Span]:
        """Other occurrences of a name already found in the document, which NER missed there
        ('Pylône' tagged once, then read as a common noun): same spelling, same entity."""
        forms: dict[tuple[str, ...], Span] = {}
        for span in typed:
            if span.text[:1].isupper() or span.text[:1].isdigit():
                forms.setdefault(tuple(t.text for t in span), span)
        if not forms:
            return []
        taken = {t.i for span in typed for t in span}
        by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)  # longest forms first
        for form in sorted(forms, key=len, reverse=True):
            by_first[form[0]].append(form)
        words = doc.texts
        found: list[Span] = []
        i = 0
        while i < len(words):
            for form in by_first.get(words[i], ()):
                n = len(form)
                if tuple(words[i : i + n]) == form and not any(j in taken for j in range(i, i + n)):
                    model = forms[form]
                    found.append(Span(doc.doc, i, i + n, label=model.label_, kb_id=model.kb_id_))
                    i += n - 1
                    break
            i += 1
        return found

    @staticmethod
    def extend(span: Span, doc: Tokens) -> Span:
        """Grow a span over the capitalised words NER or the gazetteer left out: 'KubeCon' +
        'Europe', 'Alpes Capital' + 'Partenaires', 'France' in 'Météo-France'."""
        start, end = span.start, span.end
        while end < len(doc) and "\n" not in doc[end - 1].whitespace_ and not doc[end].is_sent_start:
            token = doc[end]
            if token.text[:1].isupper() and token.is_alpha and token.lower_ not in _DETERMINERS:
                end += 1
            elif (
                # "Association Francophone du Logiciel Ouvert": a name goes on after "du", "de la"
                token.lower_ in ("de", "du", "des", "d'")
                and span.label_ not in ("PER", "Person")
                and (nxt := _after_article(doc, end + 1)) is not None
                and doc[nxt].text[:1].isupper()
                and doc[nxt].is_alpha
                and not doc[nxt].is_sent_start
                and doc[nxt].ent_type_ in ("", span.label_)
            ):
                end = nxt + 1
            elif (
                token.text == "-"
                and not doc[end - 1].whitespace_
                and not token.whitespace_
                and end + 1 < len(doc)
                and doc[end + 1].text[:1].isupper()
            ):
                end += 2
            else:
                break
        end = _spelt_out_by_acronym(doc, start, end)
        left = start
        while (
            left >= 2
            and doc[left - 1].text == "-"
            and not doc[left - 2].whitespace_
            and not doc[left - 1].whitespace_
        ):
            if not doc[left - 2].text[:1].isupper():
                break
            left -= 2
        institution = (
            left == start
            and left >= 2
            and doc[left - 1].lower_ in ("de", "d'")
            and _is_acronym(doc[left - 2].text)
            and doc[left - 2].text.isupper()
            and not doc[left - 2].ent_type_
            and doc[left - 2].lower_ not in P.ROLE_NOUNS  # "le PDG de X" is a role
            and doc[left - 2].lower_ not in P.GENERIC_TERMS
            and span.label_ in ("LOC", "Place")
        )
        if institution:
            left -= 2  # "le CHU de Rennes", "la CCI d'Amiens": an institution of the town
        if (left, end) == (span.start, span.end):
            return span
        # Extended to the left, the known part is no longer the head of the name.
        label = "ORG" if institution else span.label_ if left == start else ""
        return Span(span.doc, left, end, label=label, kb_id="")

    @staticmethod
    def vote_products(
        names: list[str], pooled: dict[str, Counter], described: set[str], in_headline: list[bool]
    ) -> None:
        """'Nuvola Compute' after the company 'Nuvola SAS': a name that starts with an earlier
        organization's name and is not that organization is most often its product, unless its
        context already says it is an organization (``described``: 'sa filiale Nuvola Rail').
        A headline names companies short ('Orcival s'installe à ...', then 'Orcival Cloud passe
        ...'): an organization named only there makes no products."""
        seen_orgs: dict[str, str] = {}
        for name, headline in zip(names, in_headline, strict=True):
            key = match_key(name)
            words = name.split()
            first = match_key(words[0])
            owner = seen_orgs.get(first)
            if (
                owner is not None
                and owner != key
                and len(words) >= 2
                and not _event_shaped(name)
                and key not in described
            ):
                pooled[key]["Project"] += 2.5  # (but "Gaia-X Summit" is the organization's event)
            votes = pooled[key]
            if votes and max(votes, key=votes.get) == "Organization" and not headline:
                seen_orgs.setdefault(first, key)

    # -- names that stand for other names ----------------------------------------------------------
    @staticmethod
    def acronym_mentions(doc: Tokens, spans: list[Span]) -> list[Span]:
        """Acronyms introduced in parentheses after a name, 'Fondation Libre Commun (FLC)', and their
        later bare uses, which NER often misses."""
        acronyms: set[str] = set()
        for span in spans:
            i = span.end
            if i + 2 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")":
                word = doc[i + 1].text
                if _is_acronym(word):
                    acronyms.add(word)
        if not acronyms:
            return []
        return [Span(doc.doc, t.i, t.i + 1, label="") for t in doc if t.text in acronyms]

    def _is_maker(self, word: str, names: list[str], pooled) -> bool:
        """Whether ``word`` names an organization: known, typed so in this document, or the first
        word of an organization's name here ('Apache' of 'Apache Software Foundation')."""
        known = self.gazetteer.lookup(word)
        if known is not None:
            return known.type == "Organization"

        def organization(key: str) -> bool:
            votes = pooled.get(key)
            return bool(votes) and max(votes, key=votes.get) == "Organization"

        key = match_key(word)
        return organization(key) or any(
            len(n.split()) > 2 and match_key(n.split()[0]) == key and organization(match_key(n))
            for n in names
        )

    def aliases(
        self, doc: Tokens, spans: list[Span], names: list[str], pooled, renamed_pairs: list[tuple[int, int]]
    ) -> dict[str, str]:
        """Keys of names that are another name of the document written short → that name's key.

        'Fondation Libre Commun (FLC)' and a bare 'FLC' whose letters are the initials of a longer
        name; 'Brumal' after 'Brumal Systems'; 'Carrez' after 'Thierry Carrez'. A short form that
        could stand for two longer names is left alone.
        """
        keys = [match_key(n) for n in names]
        out: dict[str, str] = {}
        for span, key in zip(spans, keys, strict=True):  # "Long Name (ACR)"
            i = span.end
            if i + 2 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")":
                inner = match_key(doc[i + 1].text)
                if inner and inner != key and _is_acronym(doc[i + 1].text):
                    out.setdefault(inner, key)
        starts = {span.start: (span, key) for span, key in zip(spans, keys, strict=True)}
        for span, key in zip(spans, keys, strict=True):  # "ACR (Long Name)"
            inner, inner_key = starts.get(span.end + 1, (None, None))
            if (
                inner is not None
                and len(span) == 1
                and _is_acronym(span.text)
                and doc[span.end].text == "("
                and inner.end < len(doc)
                and doc[inner.end].text == ")"
                and _initials(inner.text.split()) == span.text.upper()
            ):
                out.setdefault(key, inner_key)
        multiword = {}
        for name, key in zip(names, keys, strict=True):
            if len(strip_legal_form(name).split()) >= 2:  # "Moréal Group SA" is "Moréal Group"
                multiword.setdefault(key, strip_legal_form(name))
        legal = {key for name, key in zip(names, keys, strict=True) if strip_legal_form(name) != name}
        branches = {key for span, key in zip(spans, keys, strict=True) if _introduced_as_branch(doc, span)}
        renamed: dict[str, set[str]] = defaultdict(set)
        for old, new in renamed_pairs:
            renamed[keys[old]].add(keys[new])
        for name, key in zip(names, keys, strict=True):
            if key in out or key in multiword or key in legal or self.gazetteer.lookup(name):
                continue
            candidates = set()
            for long_key, long in multiword.items():
                words = long.split()
                if len(words) == 2 and words[0].lower() in _ORG_HEADS and match_key(words[1]) == key:
                    candidates.add(long_key)  # "Opalis" after "la fondation Opalis"
                    continue
                votes = pooled[long_key]
                person = votes["Person"] > max(votes["Organization"], votes["Project"], 0)
                if not person and votes["Project"] >= votes["Organization"]:
                    # "Iceberg" after "Apache Iceberg": a product named after its maker, written
                    # without the maker's name; but "Santéa Connect" is Santéa's product, not Santéa.
                    if (
                        len(words) == 2
                        and match_key(words[-1]) == key
                        and self._is_maker(words[0], names, pooled)
                    ):
                        candidates.add(long_key)
                    continue
                initials = _is_acronym(name) and _initials(words) == name.upper()
                # The short name typed apart by its own context is another entity: "le projet
                # Kelpie" beside "Kelpie Data"; "Berthelot", a company, beside its founder's
                # grandson "Yves-Marie Berthelot".
                apart = _typed_apart(pooled[key], votes)
                first_word = (
                    len(name) >= 3
                    and not person
                    and match_key(words[0]) == key
                    and not any(w.lower() in P.BRANCH_WORDS for w in words[1:])
                    and not apart
                    and not _offer_of(pooled[key], votes, words)
                )
                surname = person and match_key(words[-1]) == key and not apart  # "Carrez" of "Thierry Carrez"
                given = person and len(words) == 2 and match_key(words[0]) == key and not apart  # "Youssef"
                if initials or first_word or surname or given:
                    candidates.add(long_key)
            candidates -= renamed.get(key, set())  # "X prend le nom de X Analytics": two names
            if len(candidates) > 1 or candidates & branches:
                # "Moréal" among Moréal Group SA, Moréal Cyber, Moréal Data: the group itself
                groups = {
                    c
                    for c in candidates - branches
                    if c in legal or _GROUP_WORDS & {w.lower() for w in multiword[c].split()}
                }
                if len(groups) == 1:
                    candidates = groups
                elif candidates & branches:
                    continue  # "Fibrance" beside "sa filiale espagnole, Fibrance Ibérica": the parent
            if len(candidates) == 1:
                out[key] = candidates.pop()
        return out


# Nouns that open an organization's name before the name proper: "Fondation Opalis" is "Opalis".
_ORG_HEADS = frozenset(["fondation", "association", "groupe", "société", "fédération"])

_SMALL_WORDS = frozenset(
    ["de", "du", "des", "d'", "la", "le", "les", "l'", "et", "of", "the", "for", "and", "en", "in"]
)


# Institutions the press names with a common noun in lower case: "l'université de Bologne", "le
# ministère de la Culture", "le tribunal de commerce de Paris", "le centre hospitalier du Goëlo",
# "l'université Masaryk". Each noun's value: how many of the words below ("technique",
# "hospitalier", "de commerce") the name may hold before the "de" of its proper name, besides the
# prepositions.
_INSTITUTION_HEADS = {
    "université": 1,
    "ministère": 0,
    "tribunal": 2,
    "hôpital": 0,
    "centre": 1,  # "centre hospitalier"
    "école": 1,
}
_INSTITUTION_WORDS = frozenset(
    [
        "technique",
        "polytechnique",
        "hospitalier",
        "universitaire",
        "de",
        "commerce",
        "des",
        "activités",
        "économiques",
        "administratif",
        "judiciaire",
    ]
)


_DEFINITE_BEFORE = frozenset(["le", "la", "l'", "du", "au"])


def institution_names(doc: Tokens) -> list[Span]:
    """'l'université de Bologne', 'le ministère de la Culture', 'le tribunal de commerce de Paris',
    'l'hôpital Saint-Tugdual': the whole phrase names an organization (NER finds the town, or
    nothing). A head noun in lower case, its few name words, then a capitalised name, directly or
    after 'de' / 'du' / 'des' (and an article)."""
    found: list[Span] = []
    n = len(doc)
    for token in doc:
        slack = _INSTITUTION_HEADS.get(token.text)
        if slack is None or token.pos_ != "NOUN":
            continue
        if token.text == "centre" and not (token.i + 1 < n and doc[token.i + 1].lower_ == "hospitalier"):
            continue
        if token.i == 0 or doc[token.i - 1].lower_ not in _DEFINITE_BEFORE:
            continue  # "un hôpital de Turin", "le premier centre hospitalier de Bretagne": no name
        j = token.i + 1
        while j < n and j - token.i - 1 < slack + 2 and doc[j].lower_ in _INSTITUTION_WORDS:
            j += 1
        # back off to the last "de"/"du"/"des"/"d'" before the name proper
        while j > token.i + 1 and doc[j - 1].lower_ in ("de", "des") and not doc[j].text[:1].isupper():
            j -= 1
        k = j
        if k < n and doc[k].lower_ in ("de", "d'", "du", "des"):
            k += 1
            if k < n and doc[k].lower_ in ("la", "l'"):
                k += 1
        if k >= n or not doc[k].text[:1].isupper() or doc[k].is_sent_start or doc[k].pos_ == "DET":
            continue
        end = k
        while end < n and doc[end].text[:1].isupper() and not doc[end].is_sent_start:
            end += 1
        if token.text == "ministère":  # "le ministère de la Transition écologique"
            while end < n and doc[end].pos_ == "ADJ" and doc[end].text.islower():
                end += 1
        found.append(Span(doc.doc, token.i, end, label="ORG"))
    return found


# Nouns a funding round's letter follows: "série A", "tour B".
_ROUND_NOUNS = frozenset(["série", "séries", "tour", "tranche"])
# Kinds of companies written in capitals before a name.
_COMPANY_KINDS = frozenset(["PME", "PMI", "TPE", "ETI", "ESN", "SSII"])
# Words before a year: "en 2022", "depuis 2019", "dès 2027", "fin 2025", "début 2026".
_BEFORE_A_YEAR = frozenset(["en", "depuis", "dès", "fin", "début", "mi", "courant", "avant", "après"])


def _after_article(doc: Doc, i: int) -> int | None:
    """Index of the word after an optional 'la' / "l'" at ``i``."""
    if i < len(doc) and doc[i].lower_ in ("la", "l'"):
        i += 1
    return i if i < len(doc) else None


_LOCATING = frozenset(
    ["baser", "installer", "situer", "implanter", "domicilier", "établir", "tenir", "dérouler"]
)


def _glossed_terms(doc: Tokens) -> set[str]:
    """Terms glossed in parentheses, 'système de gestion d'entrepôt (WMS, pour Warehouse Management
    System)': the acronym and its English expansion translate a common noun; they name nothing."""
    found: set[str] = set()
    for token in doc:
        if token.text != "(" or token.i + 4 >= len(doc):
            continue
        acronym, comma, pour = doc[token.i + 1 : token.i + 4]
        if comma.text == "," and pour.lower_ == "pour" and _is_acronym(acronym.text):
            end = next((t.i for t in doc[token.i + 4 : token.i + 16] if t.text == ")"), None)
            if end is not None:
                found.add(acronym.text.lower())
                found.add(" ".join(doc[token.i + 4 : end].text.split()).lower())
    return found


_SUBSIDIARY_NOUNS = frozenset(["filiale", "filiales", "pôle", "division", "branche"])


def _headline_end(doc: Tokens) -> int:
    """Where a headline ends: the first line, when it is short and has no final full stop; 0 when
    the text does not open with one."""
    for t in doc[:40]:
        if "\n" in t.whitespace_ or "\n" in t.text:
            return t.i + 1 if t.text not in (".", "!", "?") and t.i > 1 else 0
    return 0


def _subsidiary_described(span: Span) -> bool:
    """'une nouvelle filiale baptisée X', 'X, la filiale ferroviaire de Y', 'le second pôle, X':
    the name of a part of a group, not of a product."""
    doc = span.doc
    before = doc[max(0, span.start - 4) : span.start]
    after = doc[span.end : min(len(doc), span.end + 4)]
    return any(t.lower_ in _SUBSIDIARY_NOUNS for t in before) or (
        len(after) > 0 and after[0].text == "," and any(t.lower_ in _SUBSIDIARY_NOUNS for t in after)
    )


def _role_noun(token) -> bool:
    """'directrice', 'analystes': a role noun, singular or plural."""
    lower = token.lower_
    return lower in P.ROLE_NOUNS or (lower.endswith("s") and lower[:-1] in P.ROLE_NOUNS)


_GROUP_WORDS = frozenset(["group", "groupe", "holding"])


# First words of organizations' names: "Crédit Ardéchois", "Pôle Beffroi Numérique", "Banque X"
# ("Groupe" and "Fondation" count even alone: see context_votes).
_ORG_HEAD_WORDS = frozenset(
    [
        "banque",
        "crédit",
        "caisse",
        "mutuelle",
        "société",
        "compagnie",
        "cabinet",
        "pôle",
        "institut",
        "université",
        "association",
        "fédération",
        "syndicat",
        "agence",
        "laboratoire",
        "clinique",
        "cliniques",
        "école",
        "ministère",
    ]
)


def _nationality(word: str) -> bool:
    return word in P.NATIONALITY_NOUNS or _singular(word) in P.NATIONALITY_NOUNS


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def _lone_word_person(name: str, votes: Counter) -> bool:
    """A one-word name that only spaCy's PER label calls a person: no role, no first name, no
    surname of a full name. News name people in full; such a word is a brand far more often
    ('Intermarché', 'Forgejo')."""
    return (
        len(name.split()) == 1
        and "-" not in name
        and votes["Person"] <= NER_WEIGHT["PER"] - _LONE_PER_PENALTY + 1e-9
        and all(votes[t] <= 0 for t in _TYPE_ORDER if t != "Person")
    )


def _identifier(word: str) -> bool:
    """Software written as an identifier: 'pg_sillon', 'llama_index', 'k3s' (no French word is)."""
    return (
        not word.isalpha()
        and len(word) > 2
        and word[0].isalpha()
        and (
            ("_" in word and word.replace("_", "").isalnum())
            or (word.isalnum() and word.islower() and any(c.isdigit() for c in word[1:-1]))
        )
    )


def _firm_type(votes: Counter) -> str | None:
    """The type a name's votes give it firmly (at least 2), or None."""
    if not votes:
        return None
    top = max(_TYPE_ORDER, key=lambda t: votes[t])
    return top if votes[top] >= 2 else None


def _typed_apart(short: Counter, long: Counter) -> bool:
    """Whether a short name's own context gives it a type, firmly, other than the longer name's."""
    firm = _firm_type(short)
    return firm is not None and bool(long) and firm != max(_TYPE_ORDER, key=lambda t: long[t])


def _offer_of(short: Counter, long: Counter, words: list[str]) -> bool:
    """Whether the longer name is likely something of the short name's, not the same entity: its
    further words are no company words, and it is firmly called what the short name never is
    ('Nimbéo', a company, beside its offer 'Nimbéo Dolmen'; but 'Moréal Group SA' is Moréal)."""
    firm = _firm_type(short)
    if firm is None or any(w.lower() in P.ORG_SUFFIXES for w in words[1:]):
        return False
    return any(t != firm and long[t] >= 2 and short[t] <= 0 for t in _TYPE_ORDER)


def _renamed_pairs(spans: list[Span]) -> list[tuple[int, int]]:
    """(old, new) indices of names renamed by 'prend le nom de', 'sera connue sous le nom de': the
    old name is the verb's subject, else the name that opens the sentence."""
    pairs = []
    for n, span in enumerate(spans):
        if not name_taken(span.root):
            continue
        verb = span.root.head.head
        subjects = {c.i for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass")}
        old = next((k for k, s in enumerate(spans) if k != n and subjects & {t.i for t in s}), None)
        if old is None:  # the first name before the verb, outside relative clauses
            old = next(
                (
                    k
                    for k, s in enumerate(spans)
                    if k != n and verb.sent.start <= s.start < verb.i and _outside_relatives(s.root, verb)
                ),
                None,
            )
        if old is not None:
            pairs.append((old, n))
    return pairs


def _coordinated_pairs(doc: Tokens, spans: list[Span]) -> list[tuple[int, int]]:
    """Indices of names written one after the other with only 'et', 'ou', a comma and articles
    between them: 'Kelvane Technologies et Amadeus', 'A, B et C'."""
    pairs = []
    for n in range(len(spans) - 1):
        if not 0 < spans[n + 1].start - spans[n].end <= 3:
            continue
        # (articles aside, and a preposition repeated after the conjunction: "face à X et à Y")
        between = [
            "" if t.pos_ == "DET" or (t.pos_ == "ADP" and doc[t.i - 1].lower_ in ("et", "ou")) else t.lower_
            for t in doc[spans[n].end : spans[n + 1].start]
        ]
        if set(between) <= {"et", "ou", ",", ""} and set(between) - {""}:
            pairs.append((n, n + 1))
    return pairs


def _clause_subject(token) -> bool:
    """Whether a noun is the subject of a finite clause ('dont le siège est à X, le fabricant sera
    rattaché à Y'), not an apposition to the name before the comma ('X, l'éditeur basé à Y')."""
    head = token.head
    return (
        token.dep_ in ("nsubj", "nsubj:pass")
        and head.i > token.i
        and (head.morph.get("VerbForm") == ["Fin"] or any(c.dep_.startswith("aux") for c in head.children))
    )


_PLACE_PREPOSITIONS = frozenset(["à", "depuis", "vers", "de", "d'"])


def _after_place_word(span: Span) -> bool:
    """The span follows a preposition that introduces places ('à', 'depuis', 'de')."""
    return span.start > 0 and span.doc[span.start - 1].lower_ in _PLACE_PREPOSITIONS


def _located(doc: Doc, i: int) -> bool:
    """'basée à X', 'installé à X', 'se tiendra en mai à X': X is where something is."""
    if i < 2 or doc[i - 1].lower_ != "à":
        return False
    return any(t.lemma_ in _LOCATING or t.lower_ == "siège" for t in doc[max(0, i - 5) : i - 1])


def _event_shape(words: list[str], name: str) -> float:
    """Event votes from how a name is made (``words``: its words in lower case)."""
    weight = 0.0
    if len(words) > 1 and words[0] in P.TYPE_NOUNS["Event"] or words[0].endswith(("day", "days", "conf")):
        weight += 2  # "Sommet Open Source X", "Rencontres du Libre", "PGDay France"
    if words[-1] in P.EVENT_SUFFIXES:
        weight += 3 if len(words) > 1 else 2  # "Paris Healthcare Week" is not Paris
    if words[0].endswith("con") and len(words[0]) > 4 and name[:1].isupper():
        weight += 1.5  # KubeCon, DevCon
    return weight


def _event_shaped(name: str) -> bool:
    """'Gaia-X Summit', 'PGDay France', 'Sommet Open Source X', 'KubeCon': a name made like an event's."""
    return _event_shape(name.lower().split(), name) > 0


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return 2 <= len(letters) <= 8 and sum(c.isupper() for c in letters) >= max(2, len(letters) - 2)


def _spelt_out_by_acronym(doc: Tokens, start: int, end: int) -> int:
    """'la Caisse nationale de prévoyance des artisans (CNPA)': a name goes on over lower-case
    words when the acronym in parentheses after them is the initials of them all."""
    for k in range(end, min(end + 10, len(doc) - 2)):
        if doc[k].text == "(":
            acronym = doc[k + 1].text
            spelt = _initials([t.text for t in doc[start:k]]) == acronym.upper()
            if k > end and doc[k + 2].text == ")" and _is_acronym(acronym) and spelt:
                return k
            break
        word = doc[k].text
        if not word.islower() or not (doc[k].is_alpha or word in ("d'", "l'")) or doc[k].is_sent_start:
            break
    return end


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w.lower() not in _SMALL_WORDS and w[:1].isalpha()).upper()
