"""Doc → records: entities with their mentions, and relations found by generic dependency matchers.

The Doc comes out of :func:`pipeline.load_pipeline`: entities are merged into single tokens whose
``ent_type_`` is an oifgraph type and ``ent_kb_id_`` the canonical name. Matchers read the trigger
lexicons of :mod:`patterns`; each relation records the rule that found it and a confidence.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..records import SYMMETRIC_PREDICATES, Document, Entity, Extraction, Relation, one_way
from . import patterns as P
from .learned import default_classifier
from .tokens import Tokens

DEFAULT = object()  # extract_doc's classifier when none is given: the shipped one

_TYPE_OF_NOUN = {noun: t for t, nouns in P.TYPE_NOUNS.items() for noun in nouns}
_DEFINITE = {"le", "la", "l'", "les", "ce", "cette", "cet", "au", "aux", "du"}  # "au projet": à + le
_ROLE_VERBS = frozenset(
    {
        "être",
        "devenir",
        "avoir",
        "nommer",
        "rester",
        "promouvoir",
        "désigner",
        "élire",
        "venir",
        "rejoindre",
        "prendre",
    }
)
_RENAMING_VERBS = frozenset(lemma for lemma, (pred, _) in P.VERB_TRIGGERS.items() if pred == "renamedTo")
_CLAUSE_OPENERS = frozenset(["tandis", "alors", "mais", "lorsque", "quand", "puisque"])
_MARKETS = frozenset(["marché", "secteur", "segment", "créneau"])
_QUANTITY_NOUNS = frozenset(
    ["dizaine", "douzaine", "vingtaine", "trentaine", "quarantaine", "cinquantaine", "soixantaine"]
    + ["centaine", "centaines", "millier", "milliers", "nombre", "série", "poignée"]
)
_CLAUSE_BREAKS = {".", ";", "!", "?", ":", "«", "»", '"'}
# Words between a name and its role: "au poste de", "en tant que", "comme".
_ROLE_LEADS = frozenset(["au", "poste", "de", "d'", "en", "tant", "que", "qu'", "comme", "titre", "fonction"])
_APPOINTING_VERBS = frozenset(
    ["nommer", "recruter", "embaucher", "désigner", "promouvoir", "choisir", "élire"]
)
_FOUNDING_VERBS = frozenset(["fonder", "créer", "cofonder", "cocréer"])
_RELATIVE_PRONOUNS = frozenset(
    ["laquelle", "lequel", "lesquels", "lesquelles", "qui", "dont", "où", "auquel", "auxquels", "auxquelles"]
)
_JOINING = frozenset(["rejoindre", "intégrer", "entrer"])  # verbs by which a person joins an employer
_LIST_OPENERS = frozenset(["dont", "comme", "notamment", "lesquels", "lesquelles", "savoir"])  # "à savoir"
_DATE_WORDS = frozenset(
    ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "janvier", "février"]
    + ["mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre"]
    + ["décembre", "1er", "dernier", "prochain"]
)
# Relational nouns that open a phrase describing the sentence's subject: "Filiale de X, Y ...".
_FRONTED_NOUNS = frozenset(
    [
        "membre",
        "filiale",
        "partenaire",
        "actionnaire",
        "client",
        "cliente",
        "concurrent",
        "adhérent",
        "mécène",
    ]
)
_PRODUCT_NOUNS = P.TYPE_NOUNS["Project"]
_FORMER = frozenset(["ancien", "ancienne", "anciens", "anciennes", "ex", "ex-", "feu"])
_CAME_FROM = frozenset(["venu", "venue", "venus", "venues", "issu", "issue", "issus", "issues"])
_WENT_THROUGH = frozenset(["passé", "passée", "passés", "passées"])


_PARTICIPLE_ENDINGS = (
    ("ées", "é"),
    ("és", "é"),
    ("ée", "é"),
    ("ues", "u"),
    ("ue", "u"),
    ("ies", "i"),
    ("ie", "i"),
)
_IRREGULAR_PARTICIPLES = {
    "conçu": "concevoir",
    "acquis": "acquérir",
    "repris": "reprendre",
    "établi": "établir",
}


def name_taken(token) -> bool:
    """Whether ``token`` is the name in 'prend le nom de X', 'connue sous le nom de X'."""
    noun = token.head
    return (
        token.dep_ == "nmod"
        and noun.lower_ == "nom"
        and noun.head != noun
        and noun.head.lemma_ in P.RENAMING_BY_NAME
    )


def _wholly(verb: Token) -> bool:
    """'détenue à 100 %', 'en totalité', 'intégralement': the whole of it."""
    for child in verb.children:
        words = [t.lower_ for t in child.subtree]
        if (
            "100" in words
            and ("%" in words or "pour" in words)
            or child.lower_ in ("intégralement", "totalité")
        ):
            return True
    return False


def _before_finite_verb(noun: Token) -> bool:
    """The noun (with its adjectives) comes right before a conjugated verb or an auxiliary: it is
    that verb's subject, whatever the parse made of it."""
    doc, k = noun.doc, noun.i + 1
    while k < len(doc) and doc[k].pos_ == "ADJ":
        k += 1
    return k < len(doc) and (doc[k].pos_ == "AUX" or doc[k].morph.get("VerbForm") == ["Fin"])


def _outside_relatives(token: Token, top: Token) -> bool:
    """Whether no relative clause lies between ``token`` and its ancestor ``top`` (or the root)."""
    for _ in range(len(token.doc)):  # (bounded: a parse is a tree, but do not rely on it)
        if token.i == top.i or token.head.i == token.i:
            break
        if token.dep_ == "acl:relcl":
            return False
        token = token.head
    return True


def _in_fronted_phrase(token: Token) -> bool:
    """Whether the name is inside a participial phrase that opens the sentence: in 'Issue de X
    (IDN), la société ...' or 'Rachetée par X, la start-up ...', what follows the comma is the
    clause's subject, not an apposition to X."""
    first = token.sent[0]
    if first.i == token.i or not _fronted_opener(first):
        return False
    return not any(t.text in (",", ";", ":") for t in token.doc[first.i : token.i])


def _clause_start(token: Token) -> Token:
    """The first word of the token's sentence, or after the last colon or semicolon before it."""
    sent = token.sent
    for t in reversed(token.doc[sent.start : token.i]):
        if t.text in (":", ";") and t.i + 1 < token.i:
            return token.doc[t.i + 1]
    return sent[0]


def _fronted_opener(first: Token) -> bool:
    """A sentence's first word that opens a participial phrase ('Fondée', 'Issue', 'Rachetée') or
    a relational noun's phrase describing the subject ('Membre du cluster X, la société ...')."""
    return first.text[:1].isupper() and (
        first.morph.get("VerbForm") == ["Part"]
        or first.lower_.endswith(("é", "ée", "és", "ées", "issu", "issue"))
        or (
            first.lower_ in _FRONTED_NOUNS
            and first.i + 1 < len(first.doc)
            and first.doc[first.i + 1].lower_ in ("de", "du", "d'", "des")
        )
    )


def _fronted(verb: Token) -> bool:
    """A participle that opens its sentence: 'Fondée en 2016 par X, la société ...'."""
    return verb.i == verb.sent.start and verb.morph.get("VerbForm") == ["Part"] and verb.text[:1].isupper()


def opening_participle(token: Token) -> str | None:
    """The verb of a capitalised past participle opening a sentence ('Installée à Lyon, ...',
    'Rachetée par X, ...'), which the tagger often reads as a proper noun; None otherwise."""
    if not (token.is_sent_start and token.text[:1].isupper() and token.pos_ in ("PROPN", "NOUN", "ADJ", "X")):
        return None
    word = token.lower_
    for ending, base in _PARTICIPLE_ENDINGS:
        if word.endswith(ending):
            word = word[: -len(ending)] + base
            break
    lemma = _IRREGULAR_PARTICIPLES.get(word) or (word[:-1] + "er" if word.endswith("é") else None)
    return lemma if lemma in P.VERB_TRIGGERS else None


# Nouns that say what trade an organization is in: "l'éditeur" is not "the hébergeur" named before.
_TRADE_NOUNS = frozenset(
    [
        "éditeur",
        "hébergeur",
        "fonds",
        "banque",
        "cabinet",
        "assureur",
        "opérateur",
        "constructeur",
        "fabricant",
        "intégrateur",
        "équipementier",
        "fondeur",
        "transporteur",
        "distributeur",
        "enseigne",
        "laboratoire",
        "université",
        "école",
        "association",
        "fondation",
        "consortium",
        "coopérative",
        "mutuelle",
        "prestataire",
    ]
)
# Nouns for a business, and those for organizations that are none: "la start-up" is not the fonds.
_COMPANY_NOUNS = frozenset(
    ["société", "entreprise", "start-up", "startup", "jeune pousse", "pousse", "firme", "pme", "eti"]
    + ["fintech", "insurtech", "biotech", "medtech", "healthtech", "legaltech", "scale-up", "pépite"]
)
# ... and "la start-up" is no bank or group either, by its description or by its name ("la Banque X")
_YOUNG_NOUNS = frozenset(
    ["start-up", "startup", "jeune pousse", "pousse", "fintech", "insurtech", "biotech", "medtech"]
    + ["healthtech", "legaltech", "scale-up", "pépite"]
)
_NOT_YOUNG = frozenset(["banque", "caisse", "crédit", "groupe", "mutuelle", "assureur", "opérateur"])
_NOT_COMPANIES = frozenset(
    [
        "fonds",
        "université",
        "école",
        "association",
        "fondation",
        "consortium",
        "laboratoire",
        "institut",
        "ministère",
        "gouvernement",
        "syndicat",
        "fédération",
        "alliance",
        "collectivité",
    ]
)
# How a descriptor noun is written inside names: 'le groupe' is 'Malvaux Group' or 'Groupe Ferrand'.
_NOUN_IN_NAMES = {
    "groupe": ("groupe", "group"),
    "fondation": ("fondation", "foundation"),
}


def verb_lemma(token: Token) -> str:
    """The token's lemma, mended when the lemmatizer left a verb form as is ('mesure' → 'mesurer')."""
    lemma = token.lemma_.lower()
    if lemma == "mettre" and any(
        c.lower_ == "point" and any(g.lower_ == "au" for g in c.children) for c in token.children
    ):
        return "mettre au point"  # "l'assistant qu'elle a mis au point": developed
    if lemma == "faire" and any(
        c.dep_ == "obj" and c.lower_ == "entrée" and any(d.lower_ in P.POSSESSIVES for d in c.children)
        for c in token.children
    ):
        return "entrer"  # "X fera son entrée au conseil de Y": X enters it
    if lemma in P.VERB_TRIGGERS or token.pos_ != "VERB":
        return lemma
    for guess in (lemma + "r", lemma.removesuffix("nt") + "r", lemma.removesuffix("ent") + "er"):
        if guess in P.VERB_TRIGGERS:
            return guess
    return lemma


def _same_stem(a: str, b: str) -> bool:
    """'suédois' and 'suédoise', 'lyonnais' and 'lyonnaises': one adjective in its forms."""
    return len(a) > 3 and len(b) > 3 and a.rstrip("es") == b.rstrip("es")


def _subject_types(verb: Token) -> frozenset[str] | None:
    """The entity types a trigger verb takes as its subject (its object's when the verb is
    passive: 'il a été créé par X'); None for other verbs."""
    lemma = verb_lemma(verb)
    if lemma not in P.VERB_TRIGGERS:
        return None
    subjects, objects = P.SIGNATURES[P.VERB_TRIGGERS[lemma][0]]
    reversed_ = lemma in P.REVERSED_VERBS
    if any(c.dep_ == "aux:pass" for c in verb.children):
        reversed_ = not reversed_
    return objects if reversed_ else subjects


# The gender a subject pronoun asks of the person it stands for.
_PRONOUN_GENDERS = {"il": "Masc", "elle": "Fem"}


def _agrees(pronoun: str, name: str, genders: dict[str, str]) -> bool:
    """Whether the pronoun can stand for the name: its gender is unknown, or it is the
    pronoun's ('lui' goes with either)."""
    asked, known = _PRONOUN_GENDERS.get(pronoun), genders.get(name)
    return asked is None or known is None or asked == known


# The verbs of "X en est / en devient / en reste le directeur".
_EN_VERBS = frozenset(["être", "devenir", "rester", "demeurer"])
_EN_SPONSORED = frozenset(["Event", "Project"])

# A description in one of these relations to a verb is one of the verb's arguments.
_ARGUMENT_DEPS = frozenset(["obj", "iobj", "obl", "obl:arg", "obl:mod", "obl:agent"])
_CLIMB_DEPS = _ARGUMENT_DEPS | {"nmod", "acl", "xcomp"}


# Roles that are a seat on a board ("administratrice indépendante de Y"): memberOf, not worksFor.
_BOARD_SEATS = frozenset(["administrateur", "administratrice", "administrateurs", "administratrices"])


def _prep_form(word: str) -> str:
    return P.PREPOSITION_FORMS.get(word, word)


def _preposition(token: Token) -> str:
    """The token's preposition in plain form ('au' → 'à'), or ''."""
    for child in token.children:
        if child.dep_ == "case":
            return _prep_form(child.lower_)
    return ""


# The lexicons' prepositions in plain form, as ``RelationFinder._prep`` returns them.
_VERB_PREPS = {lemma: frozenset(map(_prep_form, preps)) for lemma, (_, preps) in P.VERB_TRIGGERS.items()}

# Relative pronouns that follow a preposition or contain one ('auquel': 'à'; '': read the word
# before).
_PREP_RELATIVES = {
    "auquel": "à",
    "auxquels": "à",
    "auxquelles": "à",
    **dict.fromkeys(["lequel", "laquelle", "lesquels", "lesquelles"], ""),
}


def _present_forms(lemma: str) -> list[str]:
    """'concurrencer' → concurrence, concurrencent; 'siéger' → siège, siègent (3rd persons)."""
    if not lemma.endswith("er") or " " in lemma or "'" in lemma:
        return []
    stem = lemma[:-2]
    stems = {stem}
    if "é" in stem:
        k = stem.rindex("é")
        stems.add(stem[:k] + "è" + stem[k + 1 :])
    return [form for st in stems for form in (st + "e", st + "ent")]


# Finite forms of trigger verbs that are also nouns ("concurrence", "siège"): the tagger may read
# "X concurrence Y" as a noun; these forms get a reading from the words around them.
_HOMOGRAPHS = {form: lemma for lemma in P.VERB_TRIGGERS for form in _present_forms(lemma)}

_NOUN_PREPS = {
    noun: (frozenset(map(_prep_form, objs)), frozenset(map(_prep_form, subjs)))
    for noun, (_, objs, subjs) in P.NOUN_TRIGGERS.items()
}


@dataclass(frozen=True)
class Ref:
    """An argument resolved to an entity, with how sure we are that it refers to it."""

    name: str
    type: str
    certainty: float = 1.0


class Resolver:
    """Maps tokens to entities: entity tokens, definite descriptions and pronouns (document level)."""

    def __init__(self, doc: Doc | Tokens):
        self.doc = doc = doc if isinstance(doc, Tokens) else Tokens(doc)
        self.types: dict[str, str] = {}
        self.counts: Counter = Counter()
        self.renamed: dict[str, str] = {}
        self.refs: dict[int, Ref] = {}
        self._last_seen: dict[str, int] = {}
        self._first_seen: dict[str, int] = {}
        self.mentions: dict[str, dict[str, None]] = {}
        self.groups: dict[int, Token] = {}  # a plural apposition → the name of the coordination
        self.described: dict[str, set[str]] = {}  # name → the nouns that describe it ("éditeur")
        for token in doc:
            if token.ent_type_:
                name = token.ent_kb_id_ or token.text
                self.types.setdefault(name, token.ent_type_)
                self.refs[token.i] = Ref(name, self.types[name])
                self.mentions.setdefault(name, {})[token.text] = None
                self._descriptor(token)
        for token in doc:  # after the descriptors: "X, la société Y" describes Y, not X
            if token.ent_type_:
                self._appositive(token)

    def _appositive(self, token: Token) -> None:
        """'Keycloak, un projet hébergé par ...', 'Zephyr, le système ... hébergé par ...': the noun
        of an apposition right after a name stands for it, whatever the parse made of it."""
        doc, i = self.doc, token.i + 1
        if i + 3 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")":
            i += 3  # "la Cloud Native Computing Foundation (CNCF), une fondation qui ..."
        if i + 2 >= len(doc) or doc[i].text != "," or _in_fronted_phrase(token):
            return
        if doc[i + 1].pos_ == "DET":
            j = i + 2
        elif doc[i + 1].lower_ in P.BRANCH_NOUNS:
            j = i + 1  # "X, filiale à 100 % du groupe": a bare noun, as branches are often written
        else:
            return
        while j < len(doc) and doc[j].pos_ in ("ADJ", "NUM") and j < i + 4:  # "les deux offres"
            j += 1
        noun = doc[j] if j < len(doc) else None
        if noun is None or noun.pos_ != "NOUN" or not noun.text.islower() or noun.i in self.refs:
            return
        if noun.dep_ in ("nsubj", "nsubj:pass") and _fronted_opener(_clause_start(token)):
            return  # "Fondée par A et B, deux anciens de X, la start-up édite ...": the subject
        if _before_finite_verb(noun):
            return  # "..., tous deux passés par X, la start-up a bouclé ...": a subject
        ref = self.refs[token.i]
        expected = _TYPE_OF_NOUN.get(noun.lower_)
        if noun.lower_ in P.ROLE_NOUNS or ref.type in ("Place", "Person") or expected not in (None, ref.type):
            return
        self.refs[noun.i] = ref
        self.described.setdefault(ref.name, set()).add(noun.lower_)
        if noun.morph.get("Number") == ["Plur"]:  # "A et B, les deux offres ...": all of them
            self.groups[noun.i] = token

    def _descriptor(self, token: Token) -> None:
        """'au projet Kestrel', 'la start-up Brumal Systems': the descriptor noun before a name
        stands for it, so a verb whose argument is the noun reaches the name."""
        doc, j = self.doc, token.i - 1
        if j > 0 and doc[j].pos_ == "DET" and doc[j].text[:1].isupper():
            j -= 1  # "la coopérative Les Moissons du Gers": the article belongs to the name
        if j > 1 and doc[j].text == "," and self._after_possessive(j - 1):
            j -= 1  # "Son offre phare, Nimba Pro, vise ...": the possessive's noun, set before the name
        if j > 2 and doc[j].text == ")" and doc[j - 2].text == "(":
            j -= 3  # "l'entreprise de services du numérique (ESN) X": over the acronym
        adjectives = []
        while j > 0 and doc[j].pos_ == "ADJ" and token.i - j < 3:
            adjectives.append(doc[j].lower_)  # "la start-up lyonnaise X", "le groupe milanais X"
            j -= 1
        # "le fabricant d'emballages X", "l'entreprise de services du numérique X": over noun
        # complements, back to a noun that types the name.
        k = j
        for _ in range(3 if doc[j].lower_ not in _TYPE_OF_NOUN else 0):  # "filiale du constructeur X"
            if not (
                k > 1
                and doc[k].pos_ == "NOUN"
                and doc[k - 1].lower_ in ("de", "d'", "du", "des")
                and doc[k - 2].pos_ == "NOUN"
            ):
                break
            k -= 2
            if doc[k].lower_ in _TYPE_OF_NOUN:
                j = k
                break
        noun = doc[j] if j >= 0 else None
        if noun is None or noun.i in self.refs or not noun.text.islower():
            return
        determined = j > 0 and self.doc[j - 1].pos_ == "DET"
        # (lower case already checked: a tagger's PROPN on "start-up" is still a common noun)
        if (noun.lower_ in _TYPE_OF_NOUN and noun.pos_ in ("NOUN", "PROPN")) or (
            determined and noun.pos_ in ("NOUN", "PROPN", "ADJ") and noun.lower_ not in P.ROLE_NOUNS
        ):
            self.refs[noun.i] = self.refs[token.i]
            self.described.setdefault(self.refs[token.i].name, set()).update([noun.lower_, *adjectives])

    def _after_possessive(self, k: int) -> bool:
        """Whether token ``k`` ends 'Son offre', 'Sa nouvelle plateforme phare' opening a clause: a
        possessive, adjectives, a noun that types names (not 'ses concurrents', not a role),
        adjectives."""
        doc = self.doc
        while k > 0 and doc[k].pos_ == "ADJ":
            k -= 1
        if doc[k].pos_ != "NOUN" or doc[k].lower_ not in _TYPE_OF_NOUN:
            return False
        k -= 1
        while k > 0 and doc[k].pos_ == "ADJ":
            k -= 1
        opens = k == 0 or doc[k].is_sent_start or doc[k - 1].is_punct  # not "Comme nombre de ses ..."
        return k >= 0 and doc[k].lower_ in P.POSSESSIVES and opens

    def resolve_references(self) -> None:
        """Definite descriptions ('la fondation', 'la société') and pronouns ('il', 'lui')."""
        seen: Counter = Counter()
        persons: list[str] = []  # the persons named so far, the latest last
        genders = self._genders()
        for token in self.doc:
            ref = self.refs.get(token.i)
            if ref and token.ent_type_:
                seen[ref.name] += 1
                self._last_seen[ref.name] = token.i
                self._first_seen.setdefault(ref.name, token.i)
                if ref.type == "Person":
                    if ref.name in persons:
                        persons.remove(ref.name)
                    persons.append(ref.name)
                continue
            if ref:
                continue  # a descriptor or apposition already tied to its name
            lower = token.lower_
            if lower in ("lui", "elle", "eux", "elles") and (emphasized := self._emphasized(token)):
                self._refer(token, emphasized)  # "Tessellane, elle, organisera ...", "X avait, lui, fait"
            elif (
                lower in ("il", "elle")
                and token.dep_ in ("nsubj", "nsubj:pass")
                and (previous := self._verb_fitting(token, self._previous_subject(token)))
                and _agrees(lower, previous.name, genders)
            ):
                self._refer(token, previous)
            elif (
                lower in P.NATIONALITY_NOUNS
                and self._is_definite(token)
                and (target := self._of_nationality(lower, seen))
            ):
                self._refer(token, target)  # "le britannique l'a emporté": the name described so
            elif (
                lower in P.PERSON_PRONOUNS
                and token.pos_ == "PRON"
                and (person := next((n for n in reversed(persons) if _agrees(lower, n, genders)), None))
            ):
                # the latest person the pronoun can stand for: "il" is no "directrice"
                self._refer(token, Ref(person, "Person", 0.8))
            elif (
                lower in _TYPE_OF_NOUN
                and (token.pos_ == "NOUN" or " " in token.text)  # "jeune pousse", merged, tagged ADJ
                # "Rancher, le logiciel libre": describes its head (unless a verb follows)
                and (token.dep_ != "appos" or _before_finite_verb(token))
                and self._is_definite(token)
            ):
                exclude = self._fronted_names(token) | self._co_subjects(token)
                target = self._salient(token, _TYPE_OF_NOUN[lower], seen, exclude)
                if target:
                    self._refer(token, Ref(target, self.types[target], 0.7))

    def _genders(self) -> dict[str, str]:
        """Each person's grammatical gender, when the nouns the text gives them agree: 'X,
        directrice générale', 'la présidente X', 'X, une ancienne consultante' ('Fem' or 'Masc')."""
        doc = self.doc
        votes: dict[str, Counter] = {}
        for i, ref in self.refs.items():
            token = doc[i]
            if token.ent_type_ != "Person":
                continue
            nouns = []
            j = token.i + 1
            if j < len(doc) and doc[j].text == ",":
                j += 1
                while j < len(doc) and j <= token.i + 4 and doc[j].pos_ in ("DET", "ADJ"):
                    j += 1
                if j < len(doc) and doc[j].pos_ == "NOUN":
                    nouns.append(doc[j])
            if token.i > 1 and doc[token.i - 1].pos_ == "NOUN" and doc[token.i - 2].pos_ == "DET":
                nouns.append(doc[token.i - 1])  # "la présidente X"
            for noun in nouns:
                for gender in noun.morph.get("Gender"):
                    votes.setdefault(ref.name, Counter())[gender] += 1
        return {name: c.most_common(1)[0][0] for name, c in votes.items() if len(c) == 1}

    def _of_nationality(self, word: str, seen: Counter) -> Ref | None:
        """The organization named so far that the text described with this nationality ('le
        britannique' after 'le fonds britannique X'), the most mentioned one."""
        names = [
            n
            for n in seen
            if self.types.get(n) == "Organization"
            and any(_same_stem(word, w) for w in self.described.get(n, ()))
        ]
        if not names:
            return None
        best = max(names, key=lambda n: (seen[n], self._last_seen.get(n, -1)))
        return Ref(self.current_name(best), "Organization", 0.7)

    def _emphasized(self, pronoun: Token) -> Ref | None:
        """A stressed pronoun set off by commas stands for the name just before it in its
        sentence: 'Tessellane, elle, organisera ...', 'L'allemand X avait, lui, fait ...'."""
        doc, i = self.doc, pronoun.i
        if not (0 < i < len(doc) - 1 and doc[i - 1].text == "," and doc[i + 1].text == ","):
            return None
        for t in reversed(doc[pronoun.sent.start : i - 1]):
            if t.ent_type_ and (ref := self.refs.get(t.i)) and ref.type in ("Organization", "Person"):
                return Ref(ref.name, ref.type, 0.8)
        return None

    def _verb_fitting(self, pronoun: Token, previous: Ref | None) -> Ref | None:
        """The subject pronoun's antecedent, checked against its verb. When the verb is a trigger
        whose subject cannot be the previous subject ('X dirige la start-up Y. Elle affronte Z':
        a person competes with nobody), or there is none, the antecedent is a name of a type the
        verb allows: the nearest earlier in the sentence, else in the previous sentence the
        main clause's subject, another subject, then its first such name."""
        allowed = _subject_types(pronoun.head)
        if allowed is None or (previous is not None and previous.type in allowed):
            return None if previous is None else Ref(previous.name, previous.type, 0.75)
        for t in reversed(self.doc[pronoun.sent.start : pronoun.i]):
            # "Quant à l'assureur X, il a retenu ..."
            if t.ent_type_ and (ref := self.refs.get(t.i)) and ref.type in allowed:
                return Ref(ref.name, ref.type, 0.6)
        if pronoun.sent.start == 0:
            return None
        sentence = self.doc[pronoun.sent.start - 1].sent
        subjects = sorted(
            (t for t in sentence if t.dep_ in ("nsubj", "nsubj:pass")), key=lambda t: t.head.dep_ != "ROOT"
        )
        for top in [*subjects, sentence.root]:
            # a subject resolved to a name ("La jeune entreprise, dans laquelle ..."), a name in
            # it ("Le finlandais X, installé à Helsinki, ..."), then any name of the sentence
            for t in (top, *top.subtree):
                if (t is top or t.ent_type_) and (ref := self.refs.get(t.i)) and ref.type in allowed:
                    return Ref(ref.name, ref.type, 0.6)
        return None

    def _previous_subject(self, pronoun: Token) -> Ref | None:
        """'Brisa Data ... . Elle a levé ...': a subject pronoun continues the previous sentence's
        subject when that subject is a named organization or person."""
        sent = pronoun.sent
        if pronoun.i - sent.start > 3:
            # "La CNCF présentera ... la conférence qu'elle organise": the main clause's subject.
            subjects = [
                (token, ref)
                for token in sent
                if token.i < pronoun.i and token.dep_ == "nsubj" and (ref := self.refs.get(token.i))
            ]
            # (the first subject when the parse hung the main verb elsewhere: "L'allemand X
            # avait, lui, fait le déplacement pour présenter Y, qu'il a conçu")
            main = [pair for pair in subjects if pair[0].head.dep_ == "ROOT"] or subjects[:1]
            if main:
                ref = main[0][1]
                return ref if ref.type in ("Organization", "Person") else None
            if pronoun.head.dep_ != "ROOT":
                return None
            if sent[0].lower_ == "quant":  # "Quant à l'assureur X, il a retenu ...": X
                for t in self.doc[sent.start : pronoun.i]:
                    if t.ent_type_ and (ref := self.refs.get(t.i)) and ref.type in ("Organization", "Person"):
                        return ref
            # "Dans la foulée, elle annonce ...": the main clause's subject after an opening phrase
            # continues the previous sentence's, as at the start of a sentence.
        if sent.start == 0:
            return None
        previous = self.doc[sent.start - 1].sent
        subjects = [t for t in previous if t.dep_ in ("nsubj", "nsubj:pass")]
        # The main clause's subject; when the parse hung the main verb elsewhere ("Installée à
        # Lille, la start-up X a conçu Y, une offre ..." rooted on "offre"), the first subject.
        main = [t for t in subjects if t.head.dep_ == "ROOT"] or subjects[:1]
        if main:
            ref = self.refs.get(main[0].i)
            if ref and ref.type in ("Organization", "Person"):
                return ref
        return None

    def _refer(self, token: Token, ref: Ref) -> None:
        self.refs[token.i] = ref
        phrase = token.text if token.pos_ == "PRON" else f"{self.doc[token.i - 1].text} {token.text}"
        self.mentions.setdefault(ref.name, {})[phrase.replace("' ", "'")] = None

    def _is_definite(self, token: Token) -> bool:
        j = token.i - 1
        while j > 0 and token.i - j <= 2 and self.doc[j].pos_ == "ADJ":
            j -= 1  # "la jeune entreprise", "le nouveau groupe"
        if j < 0 or self.doc[j].lower_ not in _DEFINITE:
            return False
        if self.doc[j].lower_ in ("les", "aux"):
            return False  # "vise les PME", "destiné aux start-up": a kind, not one of the names
        nxt = self.doc[token.i + 1] if token.i + 1 < len(self.doc) else None
        if nxt is not None and nxt.pos_ == "DET" and nxt.text[:1].isupper() and nxt.i + 1 < len(self.doc):
            nxt = self.doc[nxt.i + 1]  # "la coopérative Les Moissons du Gers"
        # "la société Nuvola" is a descriptor of the name that follows, not a reference.
        return not (nxt is not None and (nxt.ent_type_ or nxt.pos_ == "PROPN"))

    def _fronted_names(self, token: Token) -> set[str]:
        """The names of the participial phrase that opens the sentence, when ``token`` follows it:
        in 'Issue de X, la société ...' or 'Rachetée par X, la start-up ...', 'la société' is
        not X."""
        doc, first = self.doc, token.sent[0]
        if first.i == token.i or not _fronted_opener(first):
            return set()
        # (the comma that closes the phrase: the last before the description. "Fondée à X par A
        # et B, deux anciens de C, la start-up ...": not C either)
        comma = next((t.i for t in reversed(doc[first.i : token.i]) if t.text == ","), None)
        if comma is None or token.i - comma > 3:
            return set()
        return {r.name for t in doc[first.i : comma] if (r := self.refs.get(t.i))}

    def _co_subjects(self, token: Token) -> set[str]:
        """The names that are the subject of the verb a description is an object or complement of
        (directly, or through the noun it completes): in 'X a racheté ce fournisseur', 'Y a été
        racheté par la société', 'X a repris les actifs de la société', the description is not
        the subject. A predicative noun ('X est la société qui ...') is its subject: none."""
        if any(c.dep_ == "cop" for c in token.children):
            return set()
        node = token
        for _ in range(4):  # up through nouns completed, and participles without a subject
            if node.dep_ not in _CLIMB_DEPS or node.head.i == node.i:
                return set()
            node = node.head
            if node.pos_ in ("VERB", "AUX") and (
                subjects := [c for c in node.children if c.dep_ in ("nsubj", "nsubj:pass")]
            ):
                return {r.name for c in subjects if (r := self.refs.get(c.i))}
        return set()

    def _salient(
        self, token: Token, etype: str, seen: Counter, exclude: set[str] = frozenset()
    ) -> str | None:
        """What 'la fondation', 'la société' refers to: a name that contains the noun, else the
        most mentioned name of the type so far (the latest on a tie). Measured on corpus/dev,
        preferring the latest mention loses more than it wins."""
        noun = token.lower_
        candidates = [n for n in seen if self.types.get(n) == etype and n not in exclude]
        if not candidates:
            return None
        if noun in _TRADE_NOUNS:
            # "l'éditeur" is a name described as an éditeur, or one described as no other trade
            # (not the hébergeur, not the fonds).
            same = [n for n in candidates if noun in self.described.get(n, ())]
            free = [n for n in candidates if not self.described.get(n, set()) & _TRADE_NOUNS]
            candidates = same or free or candidates
        elif noun in _COMPANY_NOUNS:  # "la jeune pousse" is no fonds, no université
            unlike = _NOT_COMPANIES | (_NOT_YOUNG if noun in _YOUNG_NOUNS else frozenset())
            same = [n for n in candidates if noun in self.described.get(n, ())]  # "la fintech X"
            candidates = (
                same
                or [
                    n
                    for n in candidates
                    if not self.described.get(n, set()) & unlike and n.split()[0].lower() not in unlike
                ]
                or candidates
            )
        if self.doc[token.i - 1].lower_ in ("nouvelle", "nouveau", "nouvel") and not self._demonstrative(
            token
        ):
            # "la nouvelle société", "le nouvel ensemble": the organization named last for the first time
            return self.current_name(max(candidates, key=lambda n: self._first_seen.get(n, -1)))
        if same := [n for n in candidates if noun in self.described.get(n, ())]:
            candidates = same  # "la filiale", "le studio": a name the text described so
        after = self.doc[token.i + 1] if token.i + 1 < len(self.doc) else None
        if (
            after is not None
            and after.pos_ == "ADJ"
            and (
                alike := [
                    n
                    for n in candidates
                    if any(_same_stem(after.lower_, w) for w in self.described.get(n, ()))
                ]
            )
        ):
            candidates = alike  # "le laboratoire suédois": the name described as suédois
        forms = _NOUN_IN_NAMES.get(noun, (noun[:6],))
        matching = [n for n in candidates if any(f in n.lower() for f in forms)]
        if not matching and self._demonstrative(token):
            # "cette organisation": the latest name of the type, as a demonstrative points back
            return self.current_name(max(candidates, key=lambda n: self._last_seen.get(n, -1)))
        if not matching and (recent := self._recent_subject(token, etype)):
            return self.current_name(recent)
        # On a tie, a name the text had named before this sentence: "X, associée chez Partex,
        # qui rejoint le conseil de la start-up" is about the start-up of the article, not Partex.
        start = token.sent.start
        best = max(
            matching or candidates,
            key=lambda n: (seen[n], self._first_seen.get(n, start) < start, self._last_seen.get(n, -1)),
        )
        return self.current_name(best)

    def _demonstrative(self, token: Token) -> bool:
        for t in reversed(self.doc[max(0, token.i - 3) : token.i]):
            if t.pos_ == "DET":
                return t.lower_ in ("ce", "cet", "cette")
        return False

    def _recent_subject(self, token: Token, etype: str) -> str | None:
        """A name of the type that is the subject of this sentence before the description, or of the
        previous sentence: 'X a levé 10 M€. La société compte ...' is about X."""
        sent = token.sent
        sentences = [sent]
        if sent.start > 0:
            sentences.append(self.doc[sent.start - 1].sent)
        tokens = self.doc.tokens
        for s in sentences:
            for t in tokens[s.start : min(s.end, token.i)]:
                ref = self.refs.get(t.i) if t.ent_type_ else None
                if t.dep_ in ("nsubj", "nsubj:pass") and ref is not None and ref.type == etype:
                    return ref.name
        return None

    def current_name(self, name: str) -> str:
        """The latest name of something renamed in the text ('X devient Y' → Y). Renamings can
        form a cycle ('A devient B', later 'B redevient A'): each name is visited once."""
        visited = {name}
        while (nxt := self.renamed.get(name)) is not None and nxt not in visited:
            visited.add(nxt)
            name = nxt
        return name

    def ref(self, token: Token | None) -> Ref | None:
        return None if token is None else self.refs.get(token.i)

    def _listed_beside(self, token: Token) -> list[Token]:
        """'sponsorisé par A, B et C' parsed with B and C as conjuncts of the verb: names that
        follow ``token`` with only commas, 'et', 'ou' and articles between them, hung from its head."""
        siblings = {c.i: c for c in token.head.children if c.dep_ == "conj" and c.i > token.i}
        out: list[Token] = []
        i = token.i + 1
        while i < len(self.doc):
            t = self.doc[i]
            if t.i in siblings and self.ref(t) is not None and t.pos_ not in ("VERB", "AUX"):
                out.append(t)
            elif t.dep_ == "appos" and t.head.i in (token.i, *(o.i for o in out)) and not self.ref(t):
                i = t.right_edge.i + 1  # "par A, son PDG, et B": over A's role
                continue
            elif not (t.text == "," or t.lower_ in ("et", "ou") or t.pos_ == "DET"):
                break
            i += 1
        return out

    def _coordinated_after(self, token: Token) -> list[Token]:
        """'face à Snowflake et à Databricks', 'concurrent d'AWS et de Google Cloud': names that
        follow with 'et', 'ou' or a comma and the same preposition again, which the parser hung
        elsewhere. Only names written out count, not descriptions."""
        doc = self.doc
        prep = next((_prep_form(c.lower_) for c in token.children if c.dep_ == "case"), "")
        out: list[Token] = []
        i = token.i + 1
        end = min(len(doc), token.i + 16)
        while i < end and doc[i].lower_ in ("et", "ou", ","):
            k = i + 1
            if k < end and prep and _prep_form(doc[k].lower_) == prep:
                k += 1
            while k < end and doc[k].pos_ == "DET":
                k += 1
            for _ in range(2 if doc[i].text != "," else 0):  # "et au britannique Y", "et à la société Y"
                if k + 1 < end and doc[k].text.islower() and doc[k].pos_ in ("ADJ", "NOUN", "PROPN"):
                    k += 1
            if k < end and doc[k].ent_type_ and self.ref(doc[k]) is not None:
                out.append(doc[k])
                i = k + 1
            else:
                break
        return out

    def _also_after_clause(self, token: Token, ref: Ref) -> list[tuple[Token, Ref]]:
        """'se mesure à A, qui mise aussi sur le silicium, ainsi qu'à B', 'affronte A, B, ainsi
        que l'américain C': a name added with 'ainsi que' after the first one's apposition or
        relative clause, in the same sentence."""
        doc = self.doc
        if token.i + 1 >= len(doc) or doc[token.i + 1].text != ",":
            return []
        end = min(len(doc), token.i + 30)
        k = next(
            (
                t.i
                for t in doc[token.i + 2 : end]
                if t.lower_ == "ainsi" or t.text in (".", ";", ":", "»", "«")
            ),
            None,
        )
        if k is None or doc[k].lower_ != "ainsi" or k + 1 >= end or doc[k + 1].lower_ not in ("que", "qu'"):
            return []
        listed = any(t.ent_type_ and doc[t.i - 1].text == "," for t in doc[token.i + 2 : k])
        if k <= token.i + 3 or listed:
            return []  # a clause between, and no list: else 'ainsi que' adds to another name
        k += 2
        while k < end and (doc[k].pos_ in ("ADP", "DET") or (doc[k].text.islower() and doc[k].pos_ == "ADJ")):
            k += 1  # "ainsi qu'à l'américain B", "ainsi qu'aux offres de"
        if (
            k < end
            and doc[k].ent_type_
            and (r := self.ref(doc[k]))
            and r.type == ref.type
            and r.name != ref.name
        ):
            return [(doc[k], r)]
        return []

    def _coordinated_over_apposition(self, token: Token, ref: Ref) -> list[Token]:
        """'fondée par A, une ingénieure passée par Suez, et B': a person coordinated with another
        past the first one's apposition (a phrase without a finite verb between two commas)."""
        doc = self.doc
        if ref.type != "Person" or token.i + 2 >= len(doc) or doc[token.i + 1].text != ",":
            return []
        j = token.i + 2
        while j < min(len(doc), token.i + 16) and doc[j].text != ",":
            finite = doc[j].pos_ in ("VERB", "AUX") and doc[j].morph.get("VerbForm") == ["Fin"]
            if doc[j].text in (".", ";", ":", "«", "»") or finite and doc[j - 1].pos_ != "NOUN":
                return []  # (a "verb" right after a noun is an adjective misread: "ingénieure hydraulicienne")
            if (other := self.ref(doc[j])) is not None and other.type == "Person":
                return []
            j += 1
        k = j + 1
        if k + 1 >= len(doc) or doc[j].text != "," or doc[k].lower_ != "et":
            return []
        named = doc[k + 1]
        other = self.ref(named)
        return [named] if named.ent_type_ and other is not None and other.type == "Person" else []

    def _named_by(self, token: Token) -> Ref | None:
        """'la jeune pousse française Fluxéa' parsed with the name under the adjective: a name
        attached to a conjunct without a preposition."""
        for child in token.children:
            if (
                child.dep_ in ("nmod", "appos", "flat:name")
                and child.i == token.i + 1
                and (r := self.ref(child))
                and not any(c.dep_ == "case" for c in child.children)
            ):
                return r
        return None

    def expand(self, token: Token) -> list[tuple[Token, Ref]]:
        """The entities an argument token stands for: itself and its conjuncts, or the names a
        generic noun enumerates ('des projets comme X ou Y', 'contributeurs comme A ou B')."""
        out: list[tuple[Token, Ref]] = []
        ref = self.ref(token)
        if ref:
            out.append((token, ref))
            group = self.groups.get(token.i)
            conjuncts = (*token.conjuncts, *(group.conjuncts if group is not None else ()))
            for conj in conjuncts or self._listed_beside(token) or self._coordinated_after(token):
                if (r := self.ref(conj) or self._named_by(conj)) and r.name != ref.name:
                    out.append((conj, r))
            if len(out) == 1:  # "par A, une ingénieure passée par Suez, et B"
                out += [(c, r) for c in self._coordinated_over_apposition(token, ref) if (r := self.ref(c))]
            if len(out) == 1:  # "A, qui a levé 300 millions, ainsi qu'à B"
                out += self._also_after_clause(token, ref)
            return out
        if token.dep_ == "appos" and (head := self.ref(token.head)):
            return [(token.head, head)]  # "Zephyr, le système ... hébergé par Y"
        if listed := self._listed_after(token):
            return listed
        if token.lower_ in _RELATIVE_PRONOUNS:
            # "la jeune entreprise, dans laquelle X a pris une participation": the antecedent
            clause = token.head
            while clause.dep_ == "conj" and clause.head != clause:
                clause = clause.head
            if clause.dep_ == "acl:relcl" and clause.head != token:
                return self.expand(clause.head)
        if token.lower_ in P.BODY_NOUNS:  # "au conseil d'administration de X", "au capital de X"
            for t in token.subtree:  # the first name its complements lead to
                if t.i > token.i and t.dep_ in ("nmod", "appos") and (r := self.ref(t)):
                    return [(t, r)]
        if token.lower_ in P.STAFF_NOUNS:  # "les ingénieurs de X participent à Y"
            for child in token.children:
                of = _preposition(child) == "de"
                if child.dep_ == "nmod" and of and (r := self.ref(child)) and r.type == "Organization":
                    return [(child, r)]
        if token.lower_ in P.EDITION_NOUNS:  # "la troisième édition du Sommet X"
            for child in token.children:
                if child.dep_ == "nmod" and (r := self.ref(child)) and r.type == "Event":
                    return [(child, r)]
        if token.lower_ in P.PART_NOUNS:  # "au code de X"
            for child in token.children:
                if child.dep_ == "nmod" and (r := self.ref(child)) and r.type == "Project":
                    return [(child, r)]
        enumerating = False
        for child in token.children:
            if child.dep_ not in ("nmod", "appos", "conj") or not (r := self.ref(child)):
                continue
            # Once "comme X" opens an enumeration, coordinated names after it belong to it too.
            coordinated = any(c.dep_ == "cc" for c in child.children)
            if self._enumerated(child) or (enumerating and coordinated):
                enumerating = True
                out.append((child, r))
                out.extend((c, rc) for c in child.conjuncts if (rc := self.ref(c)))
        return list(dict.fromkeys(out))

    def _listed_after(self, token: Token) -> list[tuple[Token, Ref]]:
        """'une douzaine de projets, dont Tessel, un outil ..., et Marelle': the names listed after
        'dont', 'comme', 'notamment' or 'parmi lesquels' that follows a generic plural noun."""
        if token.lower_ in _QUANTITY_NOUNS:  # "une soixantaine d'entreprises, dont A et B"
            counted = [c for c in token.children if c.dep_ == "nmod" and c.i > token.i]
            return self._listed_after(counted[0]) if counted else []
        if token.pos_ != "NOUN" or token.morph.get("Number") != ["Plur"]:
            return []
        doc = self.doc
        end = min(len(doc), token.i + 30)
        # "les entreprises qui contribuent le plus au code, à savoir A, B": over the noun's own
        # relative clause too.
        own = {t.i for c in token.children if c.dep_ == "acl:relcl" for t in c.subtree}
        k = token.i + 1
        while (
            k < end
            and (doc[k].pos_ in ("ADJ", "ADP", "DET", "NOUN", "PUNCT") or k in own)
            and doc[k].lower_ not in _LIST_OPENERS
            and doc[k].text != ":"
        ):
            if doc[k].text in (".", ";") or k > token.i + (14 if own else 8):
                return []
            k += 1
        # "trois projets open source : la base X, le bus Y et l'orchestrateur Z"
        if k >= end or (doc[k].lower_ not in _LIST_OPENERS and doc[k].text != ":"):
            return []
        out: list[tuple[Token, Ref]] = []
        for t in doc[k + 1 : end]:
            if t.text in (".", ";", ":") or (t.pos_ == "VERB" and t.morph.get("VerbForm") == ["Fin"]):
                break
            if (ref := self.ref(t)) and ref.name not in {r.name for _, r in out}:
                out.append((t, ref))
        return out

    def _enumerated(self, token: Token) -> bool:
        return any(c.lower_ in ("comme", "dont", "tels", "telles", "notamment") for c in token.children) or (
            token.dep_ == "appos"
        )


class RelationFinder:
    """Generic matchers over the dependency parse, driven by the lexicons in :mod:`patterns`."""

    def __init__(self, resolver: Resolver):
        self.doc = resolver.doc
        self.res = resolver
        self.found: dict[tuple, Relation] = {}
        self._ends: list[int] | None = None
        self._texts: dict[tuple[int, int], str] = {}  # each evidence sentence's text, made once
        self._text: str | None = None

    # -- output ----------------------------------------------------------------------------------
    def add(
        self, subj: Ref, pred: str, obj: Ref, sent: Span, rule: str, confidence: float, role: str = ""
    ) -> None:
        if pred == "eventIn" and obj.type != "Place":
            return
        if pred == "memberOf" and subj.type == "Project" and obj.type == "Organization":
            subj, obj, pred = obj, subj, "hosts"  # a project joining a foundation is hosted by it
        if pred == "investsIn" and obj.type in ("Project", "Event"):
            pred = "sponsors"  # money for a project or an event is sponsorship, not a stake
        subjects, objects = P.SIGNATURES[pred]
        if (
            pred == "memberOf"
            and subj.type == "Person"
            and rule.split(":")[-1] in _JOINING
            and not rule.endswith(":board")
        ):
            pred = "worksFor"  # "X rejoint Y": a person joining a company works for it
        if (
            pred == "worksFor"
            and subj.type != "Person"
            or subj.type not in subjects
            or obj.type not in objects
        ):
            return
        self.store(subj, pred, obj, sent, rule, confidence, role)

    def store(
        self, subj: Ref, pred: str, obj: Ref, sent: Span, rule: str, confidence: float, role: str = ""
    ) -> None:
        """Keep a relation (the most confident of the same triple, with a role if any had one)."""
        if subj.name == obj.name:
            return
        if pred in SYMMETRIC_PREDICATES and subj.name > obj.name:
            subj, obj = obj, subj
        confidence = round(confidence * min(subj.certainty, obj.certainty), 2)
        key = (subj.name, pred, obj.name)
        old = self.found.get(key)
        if old is None or old.confidence < confidence or (role and not old.role):
            where = (sent.start, sent.end)
            if (evidence := self._texts.get(where)) is None:
                if self._text is None:
                    self._text = self.doc.doc.text
                evidence = self._texts[where] = self._text[sent.start_char : sent.end_char].strip()
            self.found[key] = Relation(
                subject=subj.name,
                predicate=pred,
                object=obj.name,
                evidence=evidence,
                start=sent.start_char,
                end=sent.end_char,
                rule=rule,
                confidence=confidence,
                role=role or (old.role if old else ""),
            )

    # -- matchers --------------------------------------------------------------------------------
    def run(self) -> list[Relation]:
        event_nouns = P.TYPE_NOUNS["Event"]
        for sent, tokens in self.doc.sentence_tokens():
            for token in tokens:
                pos, lower, lemma = token.pos_, token.lower_, token.lemma_
                lemma_lower = lemma.lower()
                if pos in ("VERB", "AUX") or lemma in P.VERB_TRIGGERS or opening_participle(token):
                    self.verb(token, sent)
                if (lemma_lower in P.NOUN_TRIGGERS or lower in P.NOUN_TRIGGERS) and pos in (
                    "NOUN",
                    "PROPN",
                    "ADJ",
                ):
                    self.noun(token, sent)
                if token.ent_type_ and (ref := self.res.ref(token)) and ref.type == "Person":
                    self.role_apposition(token, ref, sent)
                if lower in event_nouns:
                    self.unnamed_event(token, sent)
                if lower in P.PREPOSITION_TRIGGERS:
                    self.preposition(token, sent)
                if lemma_lower in P.FUNDING_TRIGGERS:
                    self.funding(token, sent)
                if lower in P.GRANT_NOUNS and pos == "NOUN":
                    self.grant(token, sent)
                if token.ent_type_ == "Place":
                    self.town_after_comma(token, sent)
                if lower == "parmi":
                    self.among(token, sent)
                if token.ent_type_ and name_taken(token):
                    self.renamed_by_name(token, sent)
                if lemma_lower == "dominer" and token.dep_ == "acl" and token.head.lower_ in _MARKETS:
                    self.dominated_market(token, sent)
                if lower in P.POSSESSIVES:
                    self.own_product(token, sent)
                if lower == "en" and pos == "PRON":
                    self.clitic_en(token, sent)
                if lower in _PRODUCT_NOUNS and pos == "NOUN":
                    self.apposed_product(token, sent)
                if lower in ("que", "qu'"):
                    self.object_relative(token, sent)
                if lower in _PREP_RELATIVES and pos == "PRON":
                    self.prep_relative(token, sent)
                if (pos == "VERB" and lemma_lower in P.SELLING_VERBS) or (
                    pos == "NOUN" and lower in P.SELLING_NOUNS
                ):
                    self.sale(token, sent)
                if pos in ("NOUN", "ADJ", "PROPN") and lower in _HOMOGRAPHS and not token.ent_type_:
                    self.misread_verb(token, _HOMOGRAPHS[lower], sent)
        return list(self.found.values())

    def object_relative(self, que: Token, sent: Span) -> None:
        """'X, l'offre de cloud que l'opérateur a lancée en 2024', 'Y, un cobot qu'elle a conçu':
        a trigger verb in a relative whose pronoun is its object. What the verb acts on is the
        name the description before 'que' belongs to ('X, DET ... que'), and its subject the name,
        pronoun or description between 'que' and the verb; read on the words, as the parse of
        such sentences often hangs the relative from the wrong noun."""
        doc, end = self.doc, min(len(self.doc), que.i + 7)
        verb = next((t for t in doc[que.i + 1 : end] if t.pos_ == "VERB"), None)
        if verb is None or any(
            c.dep_ == "obj" and c.i > verb.i and not self._after_avec(verb, c) for c in verb.children
        ):
            return  # "l'annonce que la société a lancé Z": a conjunction, not the object
        lemma = verb_lemma(verb)
        if lemma not in P.VERB_TRIGGERS or "" not in _VERB_PREPS[lemma]:
            return
        between = doc[que.i + 1 : verb.i]
        if any(t.pos_ not in ("DET", "ADJ", "NOUN", "PROPN", "PRON", "AUX", "ADV") for t in between):
            return
        subjects = [r for t in between if (r := self.res.ref(t)) is not None]
        j = que.i - 1
        while j > sent.start and que.i - j <= 16 and doc[j].text != ",":
            t = doc[j]
            if t.pos_ not in ("DET", "ADJ", "ADV", "NOUN", "ADP", "NUM", "PROPN", "VERB") or (
                t.ent_type_ and (r := self.res.ref(t)) is not None and r.type in ("Organization", "Person")
            ):  # (another name; the description itself may already stand for the antecedent)
                return
            j -= 1
        if not subjects or doc[j].text != "," or j - 1 < sent.start or j == que.i - 1:
            return
        obj = self._ref_before_comma(j)  # "l'Open Play Foundation (OPF), une fondation que ..."
        if obj is None:
            return
        pred = P.VERB_TRIGGERS[lemma][0]
        for subject in [subjects[-1], *self._cofounders(verb, lemma)]:
            self._emit(subject, pred, obj, sent, f"relative-object:{lemma}", 0.7, lemma)

    def prep_relative(self, pronoun: Token, sent: Span) -> None:
        """'X, auquel Y contribue', 'X, dans laquelle le fonds Y a investi', 'X, à laquelle
        participent A et B': a trigger verb in a relative whose pronoun is its prepositional
        complement acts on the name before the comma; its subject is the name between the pronoun
        and the verb, or the names just after the verb (inverted). Read on the words."""
        doc = self.doc
        start = pronoun.i
        prep = _PREP_RELATIVES[pronoun.lower_]
        if not prep and start > sent.start and doc[start - 1].pos_ == "ADP":
            start -= 1
            prep = _prep_form(doc[start].lower_)
        if not prep or start - 2 < sent.start or doc[start - 1].text != ",":
            return
        antecedent = self._ref_before_comma(start - 1)  # "la Fondation Z (FZ), à laquelle ..."
        end = min(self._sentence_end(pronoun), pronoun.i + 8)
        verb = next((t for t in doc[pronoun.i + 1 : end] if t.pos_ == "VERB"), None)
        if antecedent is None or verb is None:
            return
        lemma = verb_lemma(verb)
        if lemma not in P.VERB_TRIGGERS or prep not in _VERB_PREPS[lemma]:
            return
        # the last name before the verb, else the names right after it
        between = [r for t in doc[pronoun.i + 1 : verb.i] if (r := self.res.ref(t)) is not None]
        subjects = between[-1:]
        if not subjects and verb.i + 1 < len(doc) and (first := self.res.ref(doc[verb.i + 1])) is not None:
            subjects = [r for _, r in self.res.expand(doc[verb.i + 1])] or [first]
        pred = P.VERB_TRIGGERS[lemma][0]
        for subject in subjects:
            self._emit(subject, pred, antecedent, sent, f"relative-prep:{lemma}", 0.7, lemma)

    def _ref_before_comma(self, comma: int) -> Ref | None:
        """What the word before the comma at ``comma`` stands for, past an acronym in parentheses
        ('la Fondation Z (FZ), ...': Fondation Z)."""
        doc, k = self.doc, comma - 1
        start = doc[comma].sent.start
        if k < start:
            return None
        if doc[k].text == ")" and (
            opening := next((t.i for t in doc[max(start, k - 4) : k] if t.text == "("), None)
        ):
            k = opening - 1
        return self.res.ref(doc[k])

    def _cofounders(self, verb: Token, lemma: str) -> list[Ref]:
        """'X a cofondé Y avec A et B': A and B founded Y too (read on the words: the parse often
        makes A the object)."""
        if lemma not in _FOUNDING_VERBS:
            return []
        doc = self.doc
        avec = next((t for t in doc[verb.i + 1 : verb.i + 3] if t.lower_ == "avec"), None)
        if avec is None:
            return []
        first = next((t for t in doc[avec.i + 1 : avec.i + 4] if self.res.ref(t)), None)
        return [r for _, r in self.res.expand(first)] if first is not None else []

    def _subjects(self, verb: Token) -> list[tuple[Token, Ref]]:
        """The verb's subject, or that of the verb it hangs from (xcomp, conj, relative clause)."""
        if verb.dep_ not in ("acl:relcl", "acl") and self._comma_relative(verb):
            # "Y, que déploie l'enseigne X": in a relative the parse hung elsewhere, the subject
            # comes after the verb (and may be read as its object)
            after = [
                p
                for c in verb.children
                if c.dep_ in ("nsubj", "obj") and c.i > verb.i
                for p in self.res.expand(c)
            ]
            if after:
                return after
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass")]
        if len(subjects) > 1 and all(self.res.ref(c) for c in subjects):
            # "La SNCF et la société X utilisent": the parse made both subjects.
            return [pair for c in subjects for pair in self.res.expand(c)]
        # A subject that names something first: "Installée à Lyon, X a été fondée" parsed with
        # two subjects, the participle and X.
        for child in sorted(verb.children, key=lambda c: self.res.ref(c) is None):
            if child.dep_ in ("nsubj", "nsubj:pass"):
                if child.lower_ in ("qui", "lequel", "laquelle"):
                    # "la conférence qu'elle organise et qui se tiendra à X": the relative clause's
                    # antecedent, through coordinated verbs.
                    clause = verb
                    while clause.dep_ == "conj" and clause.head != clause:
                        clause = clause.head
                    if clause.dep_ == "acl:relcl":
                        found = self._antecedent_of(clause)
                        if verb.lemma_ in ("dérouler", "tenir") and not any(
                            r.type == "Event" for _, r in found
                        ):
                            # "X, la conférence organisée par la fondation, qui se déroulera à Y": what
                            # takes place is the event named before, whatever noun the parse chose
                            events = [
                                (t, r)
                                for t, r in self._sentence_refs(verb.sent)
                                if t.i < child.i and r.type == "Event"
                            ]
                            return events[-1:] or found
                        return found
                if child.lemma_.lower() in P.NOUN_TRIGGERS and (
                    named := self._apposed_name_after(child, verb)
                ):
                    return named  # "Le principal concurrent de X, le distributeur Y, s'appuie sur Z": Y
                # "Côté clients, la SNCF et Decathlon utilisent": a subject that names nothing
                # may be a parse error; the names just before the verb are then its subject.
                return self._left_coordinated(child) + self.res.expand(child) or self._adjacent_subject(verb)
        if (
            verb.morph.get("VerbForm") == ["Part"]
            and not any(c.dep_.startswith("aux") for c in verb.children)
            and verb.i >= 2
            and self.doc[verb.i - 1].text == ","
            and (named := self.res.expand(self.doc[verb.i - 2]))
        ):
            # "le finlandais Aiven, installé à Helsinki": the name before the comma (that name
            # alone unless the participle is plural: "A, B et C, installés à Paris")
            if verb.morph.get("Number") != ["Plur"]:
                named = [pair for pair in named if pair[0].i == verb.i - 2] or named
            return named
        if (
            verb.morph.get("VerbForm") == ["Part"]
            and not any(c.dep_.startswith("aux") and c.pos_ == "AUX" for c in verb.children)
            and (named := self._before_apposition(verb))
        ):
            return named  # "Kerlys, une jeune pousse installée à Nantes": over the apposition
        if verb.dep_ in ("acl", "amod") and verb.morph.get("VerbForm") == ["Fin"]:
            # "Pour la gestion des identités, Santéa utilise Keycloak" with the finite verb hung
            # from a noun: a finite verb is not a modifier, the names before it are its subject.
            return self._adjacent_subject(verb)
        if verb.dep_ == "advcl" and _fronted(verb) and (detached := self._detached_subject(verb)):
            # "Fondé en 1998 à Espoo par A, X emploie ...": the parse may make A the main verb's
            # subject; the clause's subject is the name after the phrase's last comma.
            return detached
        if verb.dep_ in ("xcomp", "conj", "advcl") and verb.head != verb:
            return self._subjects(verb.head)
        if verb.dep_ in ("acl", "acl:relcl", "amod"):
            # "Apache Iceberg, le format de tables ouvert hébergé par ...": the participle may hang
            # from a noun inside the description; climb to the noun that names something.
            head = verb.head
            for _ in range(3):
                if (found := self.res.expand(head)) or head.dep_ not in ("nmod", "amod") or head.head == head:
                    return found
                head = head.head
            return self.res.expand(head)
        return self._detached_subject(verb) or self._adjacent_subject(verb)

    def _apposed_name_after(self, noun: Token, verb: Token) -> list[tuple[Token, Ref]]:
        """The name set off by commas after a noun phrase and before its verb: 'Le principal
        concurrent de X dans l'Ouest, le distributeur breton Y, s'appuie ...' → Y."""
        doc = self.doc
        comma = next((t.i for t in doc[noun.i + 1 : verb.i] if t.text == ","), None)
        if comma is None or doc[comma + 1].pos_ != "DET":
            return []
        for t in doc[comma + 2 : verb.i]:
            if t.text == ",":
                break
            if t.ent_type_ and (ref := self.res.ref(t)):
                return [(t, ref)]
        return []

    def _before_apposition(self, verb: Token) -> list[tuple[Token, Ref]]:
        """The name an apposition describes, when a participle ends the apposition: 'X, une PME de
        90 salariés basée à Y', 'X, spécialiste de la cybersécurité basé à Y'. Only nouns,
        adjectives, articles, numbers and prepositions may stand between the comma and the
        participle, and at most eight of them."""
        doc = self.doc
        j = verb.i - 1
        while j > 0 and verb.i - j <= 8 and doc[j].text != ",":
            token = doc[j]
            misread = token.pos_ == "VERB" and doc[j - 1].pos_ == "DET"  # "l'offre" tagged a verb
            if (
                token.pos_ not in ("DET", "ADJ", "NOUN", "PROPN", "NUM", "ADP")
                and not misread
                or token.ent_type_
            ):
                return []
            j -= 1
        if j < 1 or j == verb.i - 1 or doc[j].text != ",":
            return []
        ref = self.res.ref(doc[j - 1])  # that name alone: "A et B, une start-up basée à Y" is B
        return [(doc[j - 1], ref)] if ref else []

    def _comma_relative(self, verb: Token) -> Token | None:
        """The verb's 'que' right after a comma: 'la solution Y, qu'utilisent A et B'."""
        return next(
            (
                c
                for c in verb.children
                if c.lower_ in ("que", "qu'") and 2 <= c.i < verb.i and self.doc[c.i - 1].text == ","
            ),
            None,
        )

    def _antecedent_of(self, clause: Token) -> list[tuple[Token, Ref]]:
        """What a relative clause is about. 'une start-up basée à Lyon qui développe Y': the
        parser hangs the clause from the nearest noun, a place; places do not develop, so the
        clause is about the noun the place's phrase describes."""
        found = self.res.expand(clause.head)
        head = clause.head
        for _ in range(3):
            if not found or any(r.type != "Place" for _, r in found) or head.head == head:
                break
            head = head.head
            if head.pos_ in ("VERB", "AUX"):
                continue  # "basée à Lyon": up to the noun the participle describes
            found = self.res.expand(head) or found
        return self._person_over_role(found) or found

    def _person_over_role(self, found: list[tuple[Token, Ref]]) -> list[tuple[Token, Ref]]:
        """'X, associée chez Y, qui rejoint le conseil de Z': a relative after a person's role
        apposition is about the person, not the employer that ends the apposition."""
        if len(found) != 1 or found[0][1].type != "Organization":
            return []
        doc, k = self.doc, found[0][0].i - 1
        while k > 1 and found[0][0].i - k <= 6 and doc[k].text != ",":
            if doc[k].ent_type_:
                return []
            k -= 1
        if doc[k].text != "," or not any(t.lower_ in P.ROLE_NOUNS for t in doc[k + 1 : found[0][0].i]):
            return []
        person = self.res.ref(doc[k - 1])
        return [(doc[k - 1], person)] if person is not None and person.type == "Person" else []

    def _adjacent_subject(self, verb: Token) -> list[tuple[Token, Ref]]:
        """When the parse lost the subject of a finite verb: the names just before it, with their
        coordination ('la SNCF et Decathlon utilisent')."""
        form = verb.morph.get("VerbForm")
        # "X est installée à Y": a participle with its auxiliary is a finite verb too.
        finite = form == ["Fin"] or any(c.dep_.startswith("aux") and c.i < verb.i for c in verb.children)
        if not (finite or form == [] and verb.dep_ in ("ROOT", "conj")):
            return []
        out: list[tuple[Token, Ref]] = []
        listed = False  # past an "et": the commas before it separate the names of a list
        i = verb.i - 1
        while i >= 0:  # the parser may have cut the sentence before the verb: go back to a full stop
            token = self.doc[i]
            if token.text in (".", "!", "?") or "\n" in token.whitespace_:
                break
            if token.text == "," and not listed:
                break  # "président de la société, X est installée": X alone
            listed = listed or token.lower_ == "et"
            if ref := self.res.ref(token):
                out.append((token, ref))
            elif token.pos_ in ("ADV", "AUX", "DET") or token.lower_ in (
                "et",
                ",",
                "se",
                "s'",
                "ne",
                "n'",
                "y",
                "en",
            ):
                pass
            else:
                break
            i -= 1
        return out[::-1]

    def _left_coordinated(self, token: Token) -> list[tuple[Token, Ref]]:
        """'Orange et Thales figurent ...' when the parse kept only Thales as the subject."""
        out: list[tuple[Token, Ref]] = []
        if not self.res.ref(token):
            return out
        i = token.i - 1
        while i > 0 and self.doc[i].pos_ == "DET":  # "A et la société B"
            i -= 1
        # "A, B et C verb": the separator next to the subject must be "et"; commas come before it.
        if i < 1 or self.doc[i].lower_ != "et":
            return out
        while i >= 1 and self.doc[i].lower_ in ("et", ",") and (ref := self.res.ref(self.doc[i - 1])):
            if not any(c.i == i - 1 for c in token.conjuncts):
                out.insert(0, (self.doc[i - 1], ref))
            i -= 2
        return out

    def _detached_subject(self, verb: Token) -> list[tuple[Token, Ref]]:
        """'Fondée en 2021 par X, Y emploie ...', 'Installée à Lyon, Y ...': a participle opening
        the sentence describes the first name after its comma."""
        sent = verb.sent
        participle = verb.morph.get("VerbForm") == ["Part"] or opening_participle(verb) or verb.pos_ == "NOUN"
        if not participle or verb.i - sent.start > 1:
            return []
        end = self._sentence_end(verb)  # the parser often cuts the sentence at that comma
        candidates = []
        for t in self.doc[verb.i + 1 : end]:
            if t.text == ",":
                after = [(u, r) for u in self.doc[t.i + 1 : min(t.i + 5, end)] if (r := self.res.ref(u))]
                # "…, par A, X" or "…, dans la banlieue d'Y, X": an agent or a complement, not
                # the subject
                candidates += [(u, r) for u, r in after[:1] if self.doc[u.i - 1].pos_ != "ADP"]
        # "Rachetée par X, la start-up Y, basée à Lyon, nomme Z": a name the participle's
        # relation cannot take is not what it describes (Z, a person, is not bought).
        lemma = opening_participle(verb) or verb_lemma(verb)
        if (trigger := P.VERB_TRIGGERS.get(lemma)) is not None:
            subjects, objects = P.SIGNATURES[trigger[0]]
            fits = subjects if trigger[0] == "locatedIn" else objects
            candidates = [(u, r) for u, r in candidates if r.type in fits]
        # "Fondée par X, ancienne chercheuse du CEA, Y recrute": the subject of the main clause.
        subjects = [(u, r) for u, r in candidates if u.dep_.startswith("nsubj")]
        return (subjects or candidates)[:1]

    def _sentence_end(self, token: Token) -> int:
        """The index after the next full stop or line break (the parser's sentences can be shorter)."""
        if self._ends is None:  # for each token, that index, found once for the document
            tokens = self.doc.tokens
            self._ends = ends = [len(tokens)] * len(tokens)
            end = len(tokens)
            for t in reversed(tokens):
                if t.text in (".", "!", "?") or "\n" in t.whitespace_ or "\n" in t.text:
                    end = t.i + 1
                ends[t.i] = end
        return self._ends[token.i]

    def _objects(self, verb: Token, preps: frozenset[str]) -> list[tuple[Token, Ref]]:
        out = []
        for child in verb.children:
            if child.dep_ in ("obj", "mark") and child.lower_ in ("que", "qu'") and "" in preps:
                # "Rancher Labs, une société que SUSE a rachetée": the relative's antecedent.
                clause = verb
                while clause.dep_ == "conj" and clause.head != clause:
                    clause = clause.head
                if clause.dep_ in ("acl:relcl", "acl") and not any(
                    c.dep_ == "obj" and c != child for c in verb.children
                ):
                    out.extend(self.res.expand(clause.head))
                elif self._comma_relative(verb) == child:
                    # "la solution Dienstwerk, qu'utilisent A et B" with the relative hung elsewhere:
                    # the name before the comma
                    named = self.doc[child.i - 2]
                    out.extend([(named, ref)] if (ref := self.res.ref(named)) else [])
                continue
            if (
                (child.dep_ in ("obj", "xcomp") or self._loose_object(verb, child))
                and "" in preps
                or child.dep_.startswith("obl")
                and (self._prep(child) in preps)
            ):
                if child.dep_ == "obl:agent" or self._after_avec(verb, child):
                    continue
                out.extend(self.res.expand(child))
        return out

    def _after_avec(self, verb: Token, child: Token) -> bool:
        """'a cofondé avec le polonais X' parsed with X the object: a name right after 'avec' is
        a partner in the act, not what it acts on."""
        between = self.doc[verb.i + 1 : child.i]
        return child.dep_ == "obj" and len(between) <= 4 and any(t.lower_ == "avec" for t in between)

    def _loose_object(self, verb: Token, child: Token) -> bool:
        """A name right after the verb that the parser attached loosely ('a conçu Pgrid Cloud' read
        as flat:name): a direct object when nothing marks it otherwise."""
        return (
            child.dep_ in ("flat:name", "dep", "appos", "iobj")
            and child.i > verb.i
            and self.res.ref(child) is not None
            and not any(c.dep_ == "case" for c in child.children)
        )

    _prep = staticmethod(_preposition)

    def _agents(self, verb: Token) -> list[tuple[Token, Ref]]:
        """The agents of a verb: 'par X' marked obl:agent, or, after a passive participle, any
        complement with 'par' the parse labelled otherwise, also one level down ('développé à
        l'origine par l'allemand X')."""
        agents = [a for c in verb.children if c.dep_ == "obl:agent" for a in self.res.expand(c)]
        if agents or not self._passive(verb, loose=True):
            return agents
        for child in verb.children:
            if not child.dep_.startswith("obl"):
                continue
            for arg in (child, *(g for g in child.children if g.dep_ == "nmod")):
                if self._prep(arg) == "par" and (found := self.res.expand(arg)):
                    return found
        return self._agent_by_words(verb) or self._fronted_agents(verb)

    def _fronted_agents(self, verb: Token) -> list[tuple[Token, Ref]]:
        """'Fondé en 1998 à Espoo, dans la banlieue d'Helsinki, par A et B, X ...': the names after
        'par' in a phrase that opens the sentence, when the parse hung them elsewhere."""
        if not _fronted(verb):
            return []
        doc, end = self.doc, self._sentence_end(verb)
        subject = self._detached_subject(verb)
        if subject:
            end = subject[0][0].i
        found: list[tuple[Token, Ref]] = []
        k = next((t.i for t in doc[verb.i + 1 : end] if t.lower_ == "par"), None)
        while k is not None and k + 1 < end:
            k += 1
            token = doc[k]
            if (ref := self.res.ref(token)) is not None:
                found.append((token, ref))
                k = k + 1 if k + 1 < end and doc[k + 1].lower_ == "et" else None
            elif not (token.pos_ in ("DET", "ADJ") or (token.pos_ == "NOUN" and token.text.islower())):
                break  # articles, adjectives and common nouns only: "par l'entrepreneur A"
        return found

    def _agent_by_words(self, verb: Token) -> list[tuple[Token, Ref]]:
        """'développée par l'américain X', 'lancée par le groupe X' read on the words, when the
        parse lost the name: 'par', articles and adjectives or nationalities, then the name."""
        doc, k = self.doc, verb.i + 1
        while (
            k < len(doc)
            and k <= verb.i + 4
            and doc[k].lower_ != "par"
            and doc[k].pos_ in ("ADV", "ADP", "NOUN", "NUM")
        ):
            k += 1  # "lancée en 2024 par", "développée à l'origine par"
        if k >= len(doc) or doc[k].lower_ != "par":
            return []
        for t in doc[k + 1 : min(len(doc), k + 5)]:
            if (ref := self.res.ref(t)) is not None and (t.ent_type_ or t.pos_ == "NOUN"):
                return [(t, ref)]
            if t.pos_ not in ("DET", "ADJ") and not (t.text.islower() and t.pos_ in ("NOUN", "PROPN")):
                break
        return []

    def _passive(self, verb: Token, *, loose: bool = False) -> bool:
        cols = self.doc.columns
        children = cols.children(verb.i)
        deps = {cols.dep[c] for c in children}
        if "aux:pass" in deps:
            return True
        if "nsubj:pass" in deps:
            # "X a notamment conçu Y" with X labelled a passive subject: 'avoir' makes it active
            tokens = self.doc.tokens
            return not any(cols.dep[c] == "aux:tense" and tokens[c].lemma_ == "avoir" for c in children)
        participle = verb.morph.get("VerbForm") == ["Part"] or bool(opening_participle(verb))
        # A bare participle: "le logiciel créé par X", "Rachetée par X, la start-up Y ..." — but
        # not "la start-up a conçu Y", which the parser may also hang from a noun.
        active = "aux:tense" in deps or "nsubj" in deps
        return (
            participle
            and not active
            and (
                verb.dep_ in ("acl", "amod")
                or "obl:agent" in deps
                or (loose and bool(opening_participle(verb)))
                or _fronted(verb)
            )
        )

    def verb(self, verb: Token, sent: Span) -> None:
        lemma = opening_participle(verb) or verb_lemma(verb)
        if lemma not in P.VERB_TRIGGERS:
            return
        reflexive = any(c.dep_.startswith("expl") or c.lower_ in ("s'", "se") for c in verb.children)
        if lemma in P.REFLEXIVE_ONLY and not reflexive:
            return
        pred, preps = P.VERB_TRIGGERS[lemma][0], _VERB_PREPS[lemma]
        if "" in preps and (linear := self._name_verb_name(verb)):
            subject, obj = linear
            self._emit(subject[1], pred, obj[1], sent, f"word-order:{lemma}", 0.75, lemma)
            return
        agents = self._agents(verb)
        if lemma in _FOUNDING_VERBS and (verb.morph.get("VerbForm") == ["Part"] or opening_participle(verb)):
            # "Fondée en 2016 à Bordeaux par X, la société ...": a company is where it was founded.
            for _, company in self._subjects(verb):
                for _, place in self._place_in_clause(verb)[:1] if company.type == "Organization" else ():
                    self.add(company, "locatedIn", place, sent, f"passive:{lemma}:place", 0.7)
        if self._passive(verb) and pred == "renamedTo":
            # "Y a été rebaptisée Z", "Rebaptisée Z, la société ...": the old name is the subject.
            new_names = self._objects(verb, preps) or self._object_nearby(verb, preps)
            for _, old in self._subjects(verb):
                for _, new in new_names:
                    self._emit(old, pred, new, sent, f"passive:{lemma}", 0.85, lemma)
            return
        if self._passive(verb) and not agents and pred == "hosts" and "" not in preps:
            # "le projet est transféré à la fondation": the oblique receives the patient.
            for _, obj in self._subjects(verb):
                for _, subj in self._objects(verb, preps):
                    self.add(subj, pred, obj, sent, f"passive:{lemma}", 0.8)
            return
        if self._passive(verb) and pred == "uses" and not agents:
            # "le logiciel est déployé chez A, chez B et à C": who uses it
            agents = [o for c in verb.children if self._prep(c) == "chez" for o in self.res.expand(c)]
        if self._passive(verb) and pred != "locatedIn":
            patients = self._subjects(verb)
            if pred == "investsIn" and _wholly(verb):
                # "Kerlys sera détenue à 100 % par Y": not a stake, a subsidiary
                for _, part in patients:
                    for _, whole in agents:
                        self.add(part, "subsidiaryOf", whole, sent, f"passive:{lemma}:whole", 0.85)
                return
            for _, obj in patients:
                for _, subj in agents:
                    self._emit(subj, pred, obj, sent, f"passive:{lemma}", 0.85, lemma)
            if pred == "organizedBy":
                # "la KubeCon, organisée au printemps à Londres par la CNCF": where it happens.
                for _, event in patients:
                    for _, place in self._place_in_clause(verb) if event.type == "Event" else ():
                        self.add(event, "locatedIn", place, sent, f"passive:{lemma}", 0.75)
            return
        subjects = self._subjects(verb)
        objects = self._objects(verb, preps) or ("" in preps and self._object_after_year(verb)) or []
        if pred in SYMMETRIC_PREDICATES and not objects and len(subjects) >= 2 and reflexive:
            # "A et B s'allient": each with each
            for n, (_, a) in enumerate(subjects):
                for _, b in subjects[n + 1 :]:
                    self._emit(a, pred, b, sent, f"verb:{lemma}:mutual", 0.75, lemma)
            return
        if pred == "locatedIn" and not objects:
            objects = [o for c in verb.children if c.dep_.startswith("obl") for o in self.res.expand(c)]
            objects = objects or self._place_in_clause(verb)
        if pred == "locatedIn":
            objects = self._without_wider_places(objects)
        if pred == "renamedTo":
            # "X devient Y", "X devient la société Y"; not "X en devient membre, aux côtés de Y"
            predicate_noun = any(
                c.dep_ in ("obj", "xcomp")
                and c.pos_ == "NOUN"
                and not self.res.ref(c)
                and c.lower_ not in _TYPE_OF_NOUN
                for c in verb.children
            )
            objects = [
                (t, r)
                for t, r in objects
                if not predicate_noun
                and (t.head == verb or (t.head.head == verb and t.head.lower_ in _TYPE_OF_NOUN))
            ]
        confidence = 0.9 if verb.dep_ != "acl:relcl" else 0.85
        if subjects and not objects and P.SIGNATURES[pred][1] == {"Project"} and "" in preps:
            objects = self._clitic_object(verb)  # "Enedis l'utilise", "Hydrovent l'a adopté"
            confidence = 0.7
        if subjects and not objects:
            objects = self._object_nearby(verb, preps)
            confidence = 0.6
        for _, subj in subjects:
            for token, obj in objects:
                # "rejoint le conseil d'administration de Y": a seat on the board, not a job
                board = token.head.lower_ in P.BODY_NOUNS or any(
                    t.lower_ in P.BODY_NOUNS for t in self.doc[verb.i + 1 : token.i]
                )
                rule = f"verb:{lemma}:board" if board else f"verb:{lemma}"
                self._emit(subj, pred, obj, sent, rule, confidence, lemma)

    def _object_after_year(self, verb: Token) -> list[tuple[Token, Ref]]:
        """'avait racheté en 2023 Lusopag': the parse makes 'en 2023 Lusopag' one oblique whose
        preposition is the year's; the name after the year is the verb's object."""
        for child in verb.children:
            if not child.dep_.startswith("obl") or not child.ent_type_ or child.i < verb.i:
                continue
            before = self.doc[child.i - 2 : child.i] if child.i >= 2 else []
            if len(before) == 2 and before[0].lower_ == "en" and before[1].like_num:
                return self.res.expand(child)
        return []

    def _without_wider_places(self, places: list[tuple[Token, Ref]]) -> list[tuple[Token, Ref]]:
        """'basé à Odense, au Danemark', 'installée à Roanne, dans la Loire': the region or country
        after a comma situates the town; it is not a second seat ('à Rennes, à Lyon' still is)."""
        named = {t.i for t, _ in places}
        return [(token, ref) for token, ref in places if self._situated(token) not in named]

    def _situated(self, place: Token) -> int | None:
        """The town a region or country right after its comma situates ('à Odense, au Danemark':
        Odense for Danemark), or None."""
        doc, j = self.doc, place.i - 1
        while j > 1 and doc[j].pos_ == "DET":
            j -= 1
        if j > 1 and doc[j].lower_ in ("au", "aux", "en", "dans") and doc[j - 1].text == ",":
            return j - 2
        return None

    def situates_a_town(self, name: str, sent: Span) -> bool:
        """``name`` appears in ``sent`` only as the region or country of a town before it."""
        mentions = [t for t in sent if (r := self.res.ref(t)) is not None and r.name == name]
        towns = [self._situated(t) for t in mentions]
        return bool(mentions) and all(
            k is not None and (r := self.res.ref(self.doc[k])) is not None and r.type == "Place"
            for k in towns
        )

    def _clitic_object(self, verb: Token) -> list[tuple[Token, Ref]]:
        """The product an object pronoun before the verb stands for ('X l'utilise', 'Y l'a déjà
        adopté'): the latest product named before it, within the two sentences before."""
        doc, k = self.doc, verb.i - 1
        while k > 0 and doc[k].pos_ in ("AUX", "ADV") and verb.i - k <= 3:
            k -= 1
        if k < 1 or doc[k].lower_ not in ("l'", "le", "la") or doc[k - 1].pos_ == "ADP":
            return []
        sentences = 0
        for t in reversed(doc[max(0, k - 150) : k]):
            if t.is_sent_start:
                sentences += 1
            if (r := self.res.ref(t)) is not None and t.ent_type_ and r.type == "Project":
                return [(t, r)]
            if sentences > 2:
                break
        return []

    def _place_in_clause(self, verb: Token) -> list[tuple[Token, Ref]]:
        """Places the verb's complements introduce, also inside a time expression the parse hung
        them from ('se tiendra les 3 et 4 avril à Marseille', 'au printemps à Londres')."""
        found: list[tuple[Token, Ref]] = []
        frontier = [c for c in verb.children if c.dep_.startswith("obl")]
        for _depth in range(3):
            below = []
            for token in frontier:
                ref = self.res.ref(token)
                if ref is not None:
                    if ref.type == "Place" and self._prep(token) in P.PLACE_PREPOSITIONS:
                        found.append((token, ref))
                        below += [c for c in token.children if c.dep_ == "conj"]  # "à X et à Y"
                    continue
                if token.pos_ not in ("VERB", "AUX"):
                    below += [c for c in token.children if c.dep_ in ("nmod", "conj", "obl:mod")]
            frontier = below
        return found

    def misread_verb(self, token: Token, lemma: str, sent: Span) -> None:
        """'Nubéria concurrence directement AWS, Microsoft et Google', 'X siège au conseil de Y' with
        the verb tagged as a noun: the names just before are the subject, those after the objects."""
        doc = self.doc
        i = token.i - 1
        while i >= 0 and doc[i].pos_ == "ADV":
            i -= 1
        if i < 0 or self.res.ref(doc[i]) is None or any(c.dep_ == "det" for c in token.children):
            return
        subjects = [(doc[i], self.res.ref(doc[i]))]
        pred, preps = P.VERB_TRIGGERS[lemma][0], _VERB_PREPS[lemma]
        objects: list[tuple[Token, Ref]] = []
        k = token.i + 1
        end = self._sentence_end(token)
        while k < end:
            t = doc[k]
            if (r := self.res.ref(t)) is not None and not (t.lower_ in P.BODY_NOUNS and t.ent_type_ == ""):
                objects.append((t, r))
            elif t.lower_ in P.BODY_NOUNS:  # "au conseil d'administration de Y"
                nxt = next((u for u in doc[k + 1 : min(k + 5, end)] if self.res.ref(u)), None)
                if nxt is not None:
                    objects.append((nxt, self.res.ref(nxt)))
                break
            elif t.lower_ == "par" and k + 1 < end and doc[k + 1].lower_ == "ailleurs":
                k += 1  # "par ailleurs"
            elif not (
                t.pos_ in ("ADV", "DET")
                or t.text in (",", "(", ")")
                or t.lower_ in ("et", "ou")
                or (t.pos_ == "ADP" and _prep_form(t.lower_) in preps and not objects)
            ):
                break
            k += 1
        for _, subj in subjects:
            for _, obj in objects:
                self._emit(subj, pred, obj, sent, f"misread:{lemma}", 0.7, lemma)

    def _plain_between(self, a: Token, b: Token, preps: frozenset[str]) -> bool:
        """Only articles, adjectives, common nouns naming nothing and the prepositions ``preps``
        between ``a`` and ``b``."""
        doc = self.doc
        for t in doc[a.i + 1 : b.i]:
            if (
                t.like_num
                or t.text == "%"
                or (t.lower_ == "à" and t.i + 2 < b.i and doc[t.i + 1].like_num and doc[t.i + 2].text == "%")
            ):
                continue  # "filiale à 100 % de Y"
            if t.pos_ == "ADP":
                if _prep_form(t.lower_) not in preps:
                    return False
            elif t.pos_ not in ("DET", "ADJ", "NOUN") or t.ent_type_ or not t.text.islower():
                return False
        return True

    def _object_nearby(self, verb: Token, preps: frozenset[str]) -> list[tuple[Token, Ref]]:
        """When the parse gives a trigger verb no usable object: the first name after it in the
        clause, introduced by one of the trigger's prepositions (or none for a direct object),
        with the names coordinated to it."""
        end = min(self._sentence_end(verb), verb.i + 8)
        prep = ""
        for token in self.doc[verb.i + 1 : end]:
            if token.text in (",", ";", ":") or (
                token.pos_ == "VERB" and token.morph.get("VerbForm") == ["Fin"]
            ):
                return []
            if token.pos_ == "ADP":
                prep = _prep_form(token.lower_)
            elif ref := self.res.ref(token):
                if prep not in preps:
                    return []
                return self._with_conjuncts(token, ref)
        return []

    def _with_conjuncts(self, token: Token, ref: Ref) -> list[tuple[Token, Ref]]:
        """A name and the names the parse coordinated to it (no wider search than that: see
        ``Resolver.expand`` for the lists the parser split)."""
        return [(token, ref), *((c, r) for c in token.conjuncts if (r := self.res.ref(c)))]

    def _emit(self, subj: Ref, pred: str, obj: Ref, sent: Span, rule: str, conf: float, lemma: str) -> None:
        if lemma in P.REVERSED_VERBS:
            subj, obj = obj, subj
        if pred == "locatedIn" and subj.type == "Organization" and lemma in ("tenir", "dérouler"):
            pred = "eventIn"
        if pred == "renamedTo":
            if subj.type != obj.type:
                return
            self.res.renamed[subj.name] = obj.name
        if pred == "worksFor":
            self.add(subj, pred, obj, sent, rule, conf, role="président" if lemma == "présider" else "")
            return
        self.add(subj, pred, obj, sent, rule, conf)

    def noun(self, noun: Token, sent: Span) -> None:
        lemma = noun.lemma_.lower()
        if lemma not in P.NOUN_TRIGGERS:
            lemma = noun.lower_  # "actionnaire" tagged an adjective, lemmatized "actionnair"
        possessive = any(c.lower_ in P.POSSESSIVES and c.i < noun.i for c in noun.children)
        premises = lemma in P.PREMISES_NOUNS  # (premises are the possessor's, below)
        if premises and not possessive:
            self.premises_opened(noun, sent)
            return
        pred = P.NOUN_TRIGGERS[lemma][0]
        obj_preps, subj_preps = _NOUN_PREPS[lemma]
        if "de" in obj_preps and (dont := self._dont_predicate(noun)) is not None:
            # "Hyalis, dont Hautbois Deeptech est actionnaire", "Sérac, dont Nexalis est le
            # principal contributeur": 'dont' is the noun's 'de' complement, the name before the comma
            subjects, antecedent = dont
            for subject in subjects:
                self.add(subject, pred, antecedent, sent, f"dont-noun:{lemma}", 0.7)
            return
        if lemma == "siège" and possessive:
            obj_preps = obj_preps | {"de"}  # "son siège de Nantes" (not "le siège de Bilbao")
        objects, subjects = [], []
        for child in noun.children:
            # "membre de X et de l'association Y": the parse may hang the second complement, with
            # its own preposition, from the noun as a conjunct.
            coordinated = child.dep_ == "conj" and self._prep(child) and child.i > noun.i
            if child.dep_ in ("nmod", "obl:arg", "obl:mod", "appos") or coordinated:
                prep = self._prep(child)
                if prep in obj_preps and not (prep in subj_preps and objects):
                    objects.extend(self.res.expand(child) or self._complement_of(child))
                elif prep in subj_preps:
                    subjects.extend(self.res.expand(child))
        if not objects and pred == "partnerOf" and noun.dep_ == "obj":
            # "a officialisé deux partenariats, avec A et avec B": the complements hung from the verb
            objects = [
                o for c in noun.head.children if self._prep(c) in obj_preps for o in self.res.expand(c)
            ]
        if not objects and obj_preps and noun.dep_ not in ("nsubj", "nsubj:pass"):
            # "devient une filiale d'X" with X hung from the verb by the parse; "actionnaire de
            # référence de X", "la filiale informatique de X": further when only plain words
            # (articles, adjectives, common nouns, the noun's prepositions) come between
            objects = [
                (t, r)
                for t, r in self._object_nearby(noun, obj_preps)
                if t.i - noun.i <= 3 or (t.i - noun.i <= 6 and self._plain_between(noun, t, obj_preps))
            ]
        # "dont le siège est à X", "son siège se trouve à X": the noun is the subject of the clause
        # whose predicate (or oblique) is the object.
        if not objects and noun.dep_ in ("nsubj", "nsubj:pass"):  # "son siège est situé à X"
            predicate = noun.head
            candidates = [predicate] if self.res.ref(predicate) else []
            candidates += [c for c in predicate.children if c.dep_.startswith("obl")]
            objects = [o for c in candidates if self._prep(c) in obj_preps for o in self.res.expand(c)]
            if objects and not subjects:
                subjects = self._antecedent(noun, predicate)
        elif objects and not subjects and noun.dep_ in ("nsubj", "nsubj:pass"):
            # "X, dont le siège est à Y" with the place hung from the noun by the parse
            subjects = self._antecedent(noun, noun.head)
        # "X, filiale de Y" / "X est membre de Y": the noun is in apposition to (or predicate of) X.
        if not subjects and not premises:
            if noun.dep_ == "appos" or (noun.dep_ in ("nmod", "conj") and self.res.ref(noun.head)):
                subjects = self.res.expand(noun.head)
                before = [(t, r) for t, r in subjects if t.i < noun.i]
                if len(subjects) > 1 and before and noun.morph.get("Number") == ["Sing"]:
                    # "A, B et C, filiale de Y": one subsidiary, the name just before the comma
                    subjects = [max(before, key=lambda pair: pair[0].i)]
            elif any(
                c.dep_ == "cop" or (c.dep_.startswith("aux") and c.lemma_ == "être") for c in noun.children
            ):
                # (a noun with "est" parsed as an auxiliary is still a predicate: "X est client de Y")
                subjects = [s for c in noun.children if c.dep_ == "nsubj" for s in self.res.expand(c)]
            elif pred == "contributesTo" and objects == []:
                # "les principaux contributeurs comme A ou B" of projects named earlier in the clause.
                contributors = self.res.expand(noun)
                projects = [r for t, r in self._sentence_refs(sent) if r.type == "Project" and t.i < noun.i]
                if contributors and projects:
                    pairs = (
                        zip(projects, [r for _, r in contributors], strict=True)
                        if len(projects) == len(contributors)
                        else ((p, c) for p in projects for _, c in contributors)
                    )
                    for project, contributor in pairs:
                        self.add(contributor, pred, project, sent, f"noun:{noun.lemma_}", 0.6)
                return
        if not objects and possessive:
            # "X, son principal concurrent", "X, son actionnaire historique": of whom the possessive
            # says (the noun may stand for X through the apposition, whatever the parse made of it)
            if not subjects and (described := self.res.ref(noun)) is not None:
                subjects = [(noun, described)]
            if not subjects:  # "ses actionnaires historiques, A et B"
                subjects = self._names_after_comma(noun)
            if subjects:
                objects = self._possessor(noun, subjects)
        if pred == "locatedIn" and not objects and possessive:
            objects = self._where_relative(noun)  # "à Rouen, où le groupe a son siège"
        if pred == "locatedIn" and objects and not subjects and possessive:
            subjects = self._possessor(noun, objects)  # "ses usines de Saint-Nazaire"
        if pred == "partnerOf" and objects and not subjects:
            subjects = self._clause_subject(noun) or self._topic(exclude={r.name for _, r in objects})
            if len(objects) >= 2 and not subjects:
                for i, (_, a) in enumerate(objects):
                    for _, b in objects[i + 1 :]:
                        self.add(a, pred, b, sent, f"noun:{noun.lemma_}", 0.7)
                return
        if pred == "partnerOf" and not objects and not subjects:
            # "A et B ont noué un partenariat": every pair of the governing verb's subjects.
            parties = self._governing_subject(noun)
            for i, (_, a) in enumerate(parties):
                for _, b in parties[i + 1 :]:
                    self.add(a, pred, b, sent, f"noun:{noun.lemma_}", 0.75)
            return
        if subjects and not objects and not subj_preps.isdisjoint({"de"}) and not obj_preps:
            # "avec le soutien de X, l'événement ...": X supports the clause's subject.
            objects = self._governing_subject(noun) or self._detached_subject(noun)
        if not subjects and objects:
            # "X figure parmi les contributeurs de Y", "X devient membre de Y", "X fait son entrée
            # au capital de Y": the subject of the verb that governs the noun; "Membre de Y, X ...".
            subjects = (
                # "Membre de A et de l'association B, X vise ...": the name after the comma that
                # ends a noun opening the sentence, however the parse hung the words around it
                (self._detached_subject(noun) if noun.i == noun.sent.start else [])
                or self._governing_subject(noun)
                or self._possessor(noun, objects)
                or self._detached_subject(noun)
            )
        if pred == "subsidiaryOf" and (pair := self._apposed_to_name(noun, "Organization")):
            # "X, la filiale de cybersécurité du groupe": the name the noun is set beside, whatever
            # the parse made of the apposition
            subjects, objects = [pair[0]], [pair[1]]
        conf = 0.8 if subjects and all(r.certainty == 1.0 for _, r in subjects) else 0.6
        for _, subj in subjects:
            for _, obj in objects:
                self.add(subj, pred, obj, sent, f"noun:{noun.lemma_}", conf)

    def _dont_predicate(self, noun: Token) -> tuple[list[Ref], Ref] | None:
        """(subjects, antecedent) when ``noun`` is the predicate of 'X, dont S est (le) NOUN' or
        'X, dont A et B sont membres': read on the words, the parse of such relatives is seldom
        right."""
        doc = self.doc
        if not any(c.dep_ == "cop" for c in noun.children):
            return None
        k = noun.i - 1
        subjects: list[Ref] = []
        while k > noun.sent.start and noun.i - k <= 12 and doc[k].lower_ != "dont":
            t = doc[k]
            if (r := self.res.ref(t)) is not None and t.ent_type_:
                if all(r.name != s.name for s in subjects):
                    subjects.insert(0, r)
            elif t.pos_ not in ("DET", "ADJ", "ADV", "AUX", "PUNCT", "NUM", "CCONJ") and not (
                t.pos_ == "NOUN" and self.res.ref(t) is not None  # "la société Y": a descriptor
            ):
                return None
            k -= 1
        if doc[k].lower_ != "dont" or not subjects or k - 2 < noun.sent.start or doc[k - 1].text != ",":
            return None
        antecedent = self._ref_before_comma(k - 1)
        if antecedent is None or any(s.name == antecedent.name for s in subjects):
            return None
        return subjects, antecedent

    def premises_opened(self, noun: Token, sent: Span) -> None:
        """'X ouvre un bureau à Y', 'X exploite deux centres de données, à Y et à Z', 'le centre
        que X a ouvert à Y', 'X annonce l'ouverture d'un site à Y': where an organization opens,
        runs or builds premises, it is located."""
        verb = noun.head
        if noun.dep_ == "nmod" and verb.lemma_.lower() in P.PREMISES_OPENINGS:
            owners = self._governing_subject(verb)  # "l'ouverture d'un site": who opens it
        elif noun.dep_ in ("obj", "obl:arg", "obl:mod") and verb.lemma_.lower() in P.PREMISES_VERBS:
            owners = self._subjects(verb)
        else:
            verb = next(
                (c for c in noun.children if c.dep_ == "acl:relcl" and c.lemma_.lower() in P.PREMISES_VERBS),
                None,
            )
            owners = self._subjects(verb) if verb is not None else []
        owners = [(t, r) for t, r in owners if r.type == "Organization"]
        if not owners:
            return
        places = [
            (t, r)
            for c in noun.children
            if c.dep_ in ("nmod", "appos") and self._prep(c) == "à"
            for t, r in self.res.expand(c)
            if r.type == "Place"
        ]
        places = places or [(t, r) for t, r in self._place_in_clause(verb) if self._prep(t) == "à"]
        # (a town: "deux centres de données en Isère" is not annotated as a seat)
        places = self._without_wider_places(places)
        for _, owner in owners:
            for _, place in places:
                self.add(owner, "locatedIn", place, sent, f"premises:{noun.lemma_.lower()}", 0.7)

    def _where_relative(self, noun: Token) -> list[tuple[Token, Ref]]:
        """'à Rouen, où le groupe a son siège': the place a relative 'où' opening the noun's
        clause hangs from (the name just before its comma)."""
        doc = self.doc
        for k in range(noun.i - 1, max(noun.i - 9, 1), -1):
            if doc[k].text in (",", ".", ";") or doc[k].is_sent_start:
                return []
            if doc[k].lower_ == "où":
                if (
                    doc[k - 1].text == ","
                    and (r := self.res.ref(doc[k - 2])) is not None
                    and r.type == "Place"
                ):
                    return [(doc[k - 2], r)]
                return []
        return []

    def _apposed_to_name(
        self, noun: Token, named_type: str
    ) -> tuple[tuple[Token, Ref], tuple[Token, Ref]] | None:
        """'X, la filiale de services cloud de l'opérateur Y', 'X, le produit phare de Y', read on
        the words when the parse lost the apposition: the name of ``named_type`` before the comma,
        and the first organization after the noun, through nouns, adjectives and prepositions."""
        doc = self.doc
        k = noun.i - 1
        while k > 0 and doc[k].pos_ in ("DET", "ADJ") and noun.i - k <= 3:
            k -= 1
        if k < 1 or doc[k].text != ",":
            return None
        head = self._phrase_opening(doc[k - 1])
        if k == noun.i - 1 and head.i == k - 1:
            return None  # "X, filiale de Y": the parse's apposition, read in ``noun``
        named = self.res.ref(head)
        if named is None or named.type != named_type:
            return None
        described = None  # "de l'opérateur télécoms Y": the name, rather than what the noun resolved to
        for t in doc[noun.i + 1 : min(len(doc), noun.i + 11)]:
            if (ref := self.res.ref(t)) is not None and ref.type == "Organization" and ref != named:
                if t.ent_type_:
                    return (head, named), (t, ref)
                described = described or (t, ref)
                continue
            if t.pos_ not in ("ADJ", "NOUN", "ADP", "DET", "PROPN") or t.text == "," or t.ent_type_:
                break
        return ((head, named), described) if described else None

    def _phrase_opening(self, last: Token) -> Token:
        """The description that opens the sentence and ends at ``last``, through its complements
        ("L'opérateur d'infrastructures de fibre optique, filiale de Y": "opérateur"); else ``last``."""
        if self.res.ref(last) is not None:
            return last
        doc, start = self.doc, last.sent.start
        for t in reversed(doc[max(start, last.i - 8) : last.i]):
            if t.ent_type_ or t.pos_ not in ("NOUN", "ADJ", "ADP", "DET"):
                return last
            if (
                self.res.ref(t) is not None
                and t.pos_ == "NOUN"
                and (t.i == start or (t.i - 1 == start and doc[start].pos_ == "DET"))
            ):
                return t
        return last

    def apposed_product(self, noun: Token, sent: Span) -> None:
        """'Orthalis, le produit phare de Hallstedt', 'Unreal Engine, le moteur d'Epic Games': the
        organization after a product noun in apposition to a product made it (a foundation's is
        hosted by it)."""
        if (pair := self._apposed_to_name(noun, "Project")) is None:
            return
        (_, product), (_, org) = pair
        pred = "hosts" if any(w in org.name.lower() for w in ("foundation", "fondation")) else "created"
        self.add(org, pred, product, sent, f"apposition:{noun.lower_}", 0.75)

    def _complement_of(self, noun: Token) -> list[tuple[Token, Ref]]:
        """What a complement that names nothing leads to through its own 'de' complement:
        'filiale d'investissement du groupe X', 'membre du comité de pilotage de X'."""
        if noun.lower_ in P.SUBDIVISION_NOUNS:
            return []  # "adhésion à la branche européenne de X": the branch is not X
        for child in noun.children:
            if child.dep_ == "nmod" and child.i > noun.i and self._prep(child) == "de":
                return self.res.expand(child) or self._complement_of(child)
        return []

    def _name_verb_name(self, verb: Token) -> tuple[tuple[Token, Ref], tuple[Token, Ref]] | None:
        """'Malik Ouazzani rejoint Quantelis en tant que ...' parsed as a participle hung from the
        first name, the second name hung elsewhere: a name, the verb, a name, in that order, with
        no auxiliary and no agent, is a clause with its subject and object."""
        doc = self.doc
        i = verb.i
        if (
            verb.dep_ not in ("acl", "amod")
            or verb.head.i != i - 1
            or i + 1 >= len(doc)
            or any(c.dep_.startswith("aux") or c.dep_ == "obl:agent" for c in verb.children)
            or any(c.dep_ == "case" and c.lower_ == "par" for c in doc[i + 1].children)
        ):
            return None
        before, after = self.res.ref(doc[i - 1]), self.res.ref(doc[i + 1])
        if before is None or after is None or not doc[i - 1].ent_type_ or not doc[i + 1].ent_type_:
            return None
        return (doc[i - 1], before), (doc[i + 1], after)

    def renamed_by_name(self, name: Token, sent: Span) -> None:
        """'X prend le nom de Y', 'X sera désormais connue sous le nom de Y': X renamedTo Y."""
        new = self.res.ref(name)
        verb = name.head.head
        olds = self._subjects(verb)
        if not olds:  # "Dans le pôle données, Datacime, la filiale que ..., sera connue sous"
            first = next(
                (t for t in self.doc[sent.start : verb.i] if t.ent_type_ and _outside_relatives(t, verb)),
                None,
            )
            olds = [(first, self.res.ref(first))] if first is not None and self.res.ref(first) else []
        for _, old in olds:
            if new is not None and old.type == new.type:
                self._emit(old, "renamedTo", new, sent, f"noun:nom:{verb.lemma_}", 0.8, "renommer")

    def dominated_market(self, verb: Token, sent: Span) -> None:
        """'X s'attaque à un marché dominé par A et B': X competes with A and B."""
        market = verb.head
        rivals = self._agents(verb)
        players = self._governing_subject(market) or self._clause_subject(market)
        for _, player in players:
            for _, rival in rivals:
                self.add(player, "competesWith", rival, sent, "verb:dominer:market", 0.7)

    def _governing_subject(self, token: Token) -> list[tuple[Token, Ref]]:
        """The subject of the nearest verb above ``token`` (relative 'qui' resolved)."""
        head = token
        for _ in range(4):
            if head.head == head:
                break
            head = head.head
            if head.pos_ in ("VERB", "AUX"):
                return self._subjects(head)
        return []

    def _names_after_comma(self, noun: Token) -> list[tuple[Token, Ref]]:
        """The names listed right after a noun and its adjectives, past a comma: 'ses actionnaires
        historiques, A et le britannique B' (read on the words: the parse hangs such lists anywhere)."""
        doc, j = self.doc, noun.i + 1
        while j < len(doc) and doc[j].pos_ == "ADJ":
            j += 1
        if j >= len(doc) or doc[j].text != ",":
            return []
        out: list[tuple[Token, Ref]] = []
        for t in doc[j + 1 : min(len(doc), j + 12)]:
            if (ref := self.res.ref(t)) and t.ent_type_:
                out.append((t, ref))
            elif not (
                t.pos_ == "DET" or t.lower_ in (",", "et", "ou") or (out and t.lower_ in P.NATIONALITY_NOUNS)
            ):
                if t.pos_ in ("VERB", "AUX", "PRON") and out and out[-1][0].i == t.i - 1:
                    return []  # "Comme ses concurrents, X utilise ...": the clause's subject
                break
        return out

    def _possessor(self, token: Token, exclude: list[tuple[Token, Ref]]) -> list[tuple[Token, Ref]]:
        """'son siège', 'ses actionnaires': the organization the possessive points back to."""
        if not any(c.lower_ in P.POSSESSIVES for c in token.children):
            return []
        skip = {r.name for _, r in exclude}
        quoted = False  # "« ... battre Aiven ... », assure son PDG": not the names quoted
        for t in reversed(self.doc[token.sent.start : token.i]):
            if t.text in ("»", "«"):
                quoted = t.text == "»"
            elif not quoted and (r := self.res.ref(t)) and r.type == "Organization" and r.name not in skip:
                return [(t, Ref(r.name, r.type, 0.8))]
        sent = token.sent
        if sent.start > 0:  # "Kestrel Labs recrute. Son fondateur ...": the previous subject
            for t in self.doc[sent.start - 1].sent:
                if t.dep_ in ("nsubj", "nsubj:pass") and (r := self.res.ref(t)):
                    if r.type == "Organization" and r.name not in skip:
                        return [(t, Ref(r.name, r.type, 0.7))]
                    break
        return [(t, r) for t, r in self._topic(exclude=skip)]

    def _antecedent(self, noun: Token, predicate: Token) -> list[tuple[Token, Ref]]:
        """Whose noun it is: 'X, dont le siège ...' → X; 'son siège' → the organization before."""
        if any(c.lower_ == "dont" for c in (*noun.children, *predicate.children)):
            for candidate in (predicate.head, *reversed(self.doc[noun.sent.start : noun.i])):
                if (r := self.res.ref(candidate)) and r.type != "Place":
                    return [(candidate, r)]
        return self._possessor(noun, [])

    def funding(self, trigger: Token, sent: Span) -> None:
        """'X a levé 12 M€ auprès de Y et de Z', 'une levée menée par Y avec la participation de Z':
        each investor named after 'auprès de', 'par' or 'participation de' investsIn X."""
        if trigger.pos_ == "VERB":
            if trigger.lemma_.lower() != "lever":
                return
            investees = self._subjects(trigger)
        else:
            verb = self._investing_verb(trigger)
            if verb is not None:
                if trigger.lemma_.lower() != "série" or self._round_letter(trigger):  # not "une série de"
                    self._round_led(trigger, verb, sent)
                return
            if trigger.lemma_.lower() == "série":
                return  # "a levé 10 M€ en série A auprès de X": read at the verb
            investees = self._governing_subject(trigger) or self._topic(exclude=set())
        if not investees:
            return
        skip = {r.name for _, r in investees}
        collecting = False
        for token in self.doc[trigger.i + 1 : sent.end]:
            if token.lower_ in P.INVESTOR_PREPOSITIONS or token.lemma_ == "participation":
                collecting = True
            elif token.pos_ == "VERB" and P.VERB_TRIGGERS.get(verb_lemma(token), ("",))[0] in (
                "acquired",
                "created",
            ):
                break  # another act: "... et Y, racheté par Z": Z bought Y
            elif token.lower_ == "pour" or (token.pos_ == "VERB" and token.morph.get("VerbForm") != ["Part"]):
                collecting = False
            elif collecting and (ref := self.res.ref(token)) and ref.name not in skip:
                for _, investee in investees:
                    self.add(ref, "investsIn", investee, sent, "funding", 0.7)

    def _investing_verb(self, noun: Token) -> Token | None:
        """The verb of leading or joining a round that ``noun`` is the object of ('a mené le tour',
        'participe au tour de table'), by the parse or, when it went astray, right before it
        ('qui avait mené en 2022 la série A')."""
        for head in (noun.head, noun.head.head):
            if head.pos_ == "VERB" and head.i < noun.i and head.lemma_.lower() in P.INVESTING_VERBS:
                return head
        for t in reversed(self.doc[max(noun.sent.start, noun.i - 6) : noun.i]):
            if t.pos_ == "VERB":
                return t if t.lemma_.lower() in P.INVESTING_VERBS else None
            if t.pos_ not in ("DET", "NUM", "ADP", "ADV", "AUX"):
                return None
        return None

    def _round_letter(self, noun: Token) -> bool:
        nxt = self.doc[noun.i + 1] if noun.i + 1 < len(self.doc) else None
        return nxt is not None and len(nxt.text) == 1 and nxt.text.isupper()

    def _round_led(self, trigger: Token, verb: Token, sent: Span) -> None:
        """'X a mené la série A de Y', 'X participe au tour de table de Y': the verb's subjects
        invest in the organization after 'de' (else in the one the article is about)."""
        investors = [(t, r) for t, r in self._subjects(verb) if r.type in ("Organization", "Person")]
        if not investors:
            return
        skip = {r.name for _, r in investors}
        investee = None
        for prep, _, ref in self._introduced_after(trigger, 12):
            if ref.name not in skip:
                if prep == "de" and ref.type == "Organization":
                    investee = ref
                break
        confidence = 0.7
        if investee is None:
            # "X mène le tour": in the organization the article is about
            topic = self._topic(exclude=skip)
            if not topic:
                return
            investee, confidence = topic[0][1], 0.5
        for _, investor in investors:
            self.add(investor, "investsIn", investee, sent, f"round-led:{verb.lemma_.lower()}", confidence)

    def _introduced_after(self, token: Token, span: int) -> Iterator[tuple[str, Token, Ref]]:
        """(preposition, token, Ref) of each mention after ``token`` in its clause, up to ``span``
        words and the first comma or finite verb, with the preposition last seen before it ('en
        faveur de Y' counts as 'à')."""
        doc, prep = self.doc, ""
        for t in doc[token.i + 1 : min(self._sentence_end(token), token.i + span)]:
            if t.text in (",", ";", ":") or (t.pos_ == "VERB" and t.morph.get("VerbForm") == ["Fin"]):
                return
            if t.lower_ == "faveur" or (t.pos_ == "ADP" and doc[t.i - 1].lower_ == "faveur"):
                prep = "à"
            elif t.pos_ == "ADP":
                prep = _prep_form(t.lower_)
            elif (ref := self.res.ref(t)) is not None:
                yield prep, t, ref

    def town_after_comma(self, place: Token, sent: Span) -> None:
        """'le centre hospitalier du Goëlo, à Paimpol,', 'chez Airbus Defence and Space, à
        Toulouse': a town set off after an organization's or event's name is where it is."""
        doc, i = self.doc, place.i
        if i < 3 or doc[i - 1].lower_ not in ("à", "au") or doc[i - 2].text != ",":
            return
        if i + 1 < len(doc) and doc[i + 1].text not in (",", ".", ";", ")", "et"):
            return  # "X, à Lyon depuis 2019, ...": read elsewhere, if at all
        owner = self._ref_before_comma(i - 2)
        where = self.res.ref(place)
        if owner is None or where is None or owner.type not in ("Organization", "Event"):
            return
        self.add(owner, "locatedIn", where, sent, "comma-town", 0.7)

    def grant(self, noun: Token, sent: Span) -> None:
        """'La Région X a voté une subvention de 2 M€ en faveur de Y', 'Y a bénéficié d'une
        subvention de 600 000 euros de la Région X', 'X apporte une avance remboursable à Y': the
        giver (after 'de', else the subject of a verb of giving) sponsors the recipient (after 'à'
        or 'en faveur de', else the subject of a verb of receiving)."""
        doc = self.doc
        nxt = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
        if noun.lower_ in ("aide", "avance") and not (
            nxt is not None
            and (nxt.lower_ == "remboursable" or (nxt.lower_ in ("de", "à") and noun.lower_ == "aide"))
        ):
            return  # "avance" alone, "l'aide" of a helping hand: no grant
        verb = next((h for h in (noun.head, noun.head.head) if h.pos_ in ("VERB", "AUX")), None)
        receiving = verb is not None and verb.lemma_.lower() in P.RECEIVING_VERBS
        givers: list[tuple[Token, Ref]] = []
        recipients: list[tuple[Token, Ref]] = []
        for prep, t, ref in self._introduced_after(noun, 16):
            if prep == "de" and ref.type == "Organization" and not givers:
                givers = self._with_conjuncts(t, ref)
            elif prep == "à" and not recipients:
                recipients = self._with_conjuncts(t, ref)
        if verb is not None and verb.i < noun.i:
            if not recipients:
                recipients = [
                    p
                    for c in verb.children
                    if c.dep_.startswith("obl") and self._prep(c) == "à"
                    for p in self.res.expand(c)
                ]  # "a accordé au groupe une subvention"
            subjects = self._subjects(verb)
            if receiving and not recipients:
                recipients = subjects or [
                    p
                    for c in verb.children
                    if c.dep_ in ("nsubj", "nsubj:pass")
                    for p in self._complement_of(c)
                ]  # "Le développement de Loriot a bénéficié d'une subvention"
            elif not receiving and not givers:
                givers = subjects
        for _, giver in givers:
            for _, recipient in recipients:
                if giver.name != recipient.name:
                    self.add(giver, "sponsors", recipient, sent, f"grant:{noun.lower_}", 0.7)

    def own_product(self, possessive: Token, sent: Span) -> None:
        """'X a bâti sa plateforme de conteneurs Y', 'connu pour sa suite Y': a product named
        after a possessive belongs to (was created by) the organization it points back to; 'la
        cession de sa filiale Y': a subsidiary so named is the owner's."""
        noun = possessive.head
        ref = self.res.ref(noun)
        if ref is None or noun.ent_type_ or possessive.i > noun.i:
            return
        if ref.type == "Project" and _TYPE_OF_NOUN.get(noun.lower_) == "Project":
            pred, rule = "created", "possessive-product"
        elif ref.type == "Organization" and noun.lower_ == "filiale":
            pred, rule = "subsidiaryOf", "possessive-subsidiary"
        else:
            return
        governing = [(t, r) for t, r in self._governing_subject(noun) if r.name != ref.name]
        for _, owner in governing or self._possessor(noun, [(noun, ref)]):  # ("Sa plateforme, Y, ...")
            if owner.type == "Organization" and owner.name != ref.name:
                if pred == "created":
                    self.add(owner, pred, ref, sent, rule, 0.6)
                else:
                    self.add(ref, pred, owner, sent, rule, 0.6)
                return

    def sale(self, trigger: Token, sent: Span) -> None:
        """'X cède Y à Z', 'la cession de sa filiale Y à l'allemand Z', 'Y, vendue à Z': the buyer
        named after 'à' acquired what is sold. 'X cède 20 % de son capital à Z': Z invests in X."""
        doc = self.doc
        verb = trigger.pos_ == "VERB"
        patients = self._subjects(trigger) if verb and self._passive(trigger, loose=True) else []
        buyer: Ref | None = None
        stake = False
        prep = ""
        for token in doc[trigger.i + 1 : min(self._sentence_end(trigger), trigger.i + 16)]:
            if token.pos_ == "VERB" and token.morph.get("VerbForm") == ["Fin"] or token.text == ";":
                break
            if token.lower_ in ("capital", "participation", "parts", "%"):
                stake = True
            if token.pos_ == "ADP" or token.lower_ in ("au", "aux"):
                prep = _prep_form(token.lower_)
                continue
            ref = self.res.ref(token)
            if ref is None:
                continue
            if prep == "à" and buyer is None and ref.type == "Organization":
                buyer = ref
            elif not patients and not stake and prep in ("", "de"):
                patients = self._with_conjuncts(token, ref)
            prep = ""
            if buyer is not None and (patients or stake):
                break
        if buyer is None:
            return
        rule = f"sale:{trigger.lemma_.lower()}"
        if not patients and stake and verb:
            for _, seller in self._subjects(trigger):
                self.add(buyer, "investsIn", seller, sent, rule, 0.7)
        for _, sold in patients:
            self.add(buyer, "acquired", sold, sent, rule, 0.8 if verb else 0.75)

    def among(self, parmi: Token, sent: Span) -> None:
        """'X compte parmi ses actionnaires Y et Z', 'une trentaine de membres, parmi lesquels Y':
        the names that follow hold the noun's relation to the noun's owner."""
        nouns = [
            t
            for t in self.doc[max(sent.start, parmi.i - 6) : min(sent.end, parmi.i + 4)]
            if t.lemma_.lower() in P.NOUN_TRIGGERS and t.i != parmi.i
        ]
        if not nouns:
            return
        noun = nouns[0]
        pred = P.NOUN_TRIGGERS[noun.lemma_.lower()][0]
        # "parmi les clients de X figurent A et B": the noun's own complement owns it.
        owners = [
            o for c in noun.children if c.dep_ == "nmod" and self._prep(c) == "de" for o in self.res.expand(c)
        ]
        if not owners and pred == "uses":  # "Vigie compte parmi ses clients Y": a product's clients
            owners = [(t, r) for t, r in self._sentence_refs(sent) if t.i < parmi.i and r.type == "Project"][
                -1:
            ]
        owners = owners or self._possessor(noun, []) or self._governing_subject(noun)
        if not owners:  # the parse lost the clause: the organization the sentence opens with
            first = next(((t, r) for t, r in self._sentence_refs(sent) if t.i < noun.i), None)
            owners = [first] if first and first[1].type == "Organization" else []
        if pred in ("created", "acquired", "subsidiaryOf") or not owners:
            return
        members = []
        for token in self.doc[max(noun.i, parmi.i) + 1 : sent.end]:
            if (
                token.text in (".", ";")
                or (token.pos_ == "VERB" and members)
                or token.lower_ in _CLAUSE_OPENERS
            ):
                break  # "..., tandis que l'éditeur Y ...": another clause
            if (ref := self.res.ref(token)) and ref.name not in {r.name for _, r in owners}:
                members.append(ref)
        for member in dict.fromkeys(members):
            for _, owner in owners:
                self.add(member, pred, owner, sent, f"among:{noun.lemma_}", 0.7)

    def preposition(self, prep: Token, sent: Span) -> None:
        """'X se renforce face à Y': a preposition that carries the relation by itself."""
        pred = P.PREPOSITION_TRIGGERS[prep.lower_]
        nxt = self.doc[prep.i + 1] if prep.i + 1 < len(self.doc) else None
        if nxt is None or _prep_form(nxt.lower_) != "à":
            return  # "face à", "au" included
        objects = []
        for token in self.doc[prep.i + 2 : min(prep.i + 6, len(self.doc))]:
            if self.res.ref(token):
                objects = self.res.expand(token)
                break
        target = objects[0][0] if objects else prep
        subjects = (self._governing_subject(target) or self._governing_subject(prep)) if objects else []
        if objects and prep.i == prep.sent.start:
            # "Face à A et à B, ses concurrents, X mise sur ...": the clause's subject after the phrase
            named = {r.name for _, r in objects}
            subjects = [(t, r) for t, r in self._detached_subject(prep) if r.name not in named]
        if objects and not subjects and prep.i > 0 and (before := self.res.ref(self.doc[prep.i - 1])):
            # "renforce la position de l'éditeur X face à Y": the name the phrase follows
            subjects = [(self.doc[prep.i - 1], before)]
        for _, subj in subjects:
            for _, obj in objects:
                self.add(subj, pred, obj, sent, f"prep:{prep.lower_}", 0.75)

    def _sentence_refs(self, sent: Span) -> list[tuple[Token, Ref]]:
        return [(t, r) for t in sent if (r := self.res.ref(t))]

    def _clause_subject(self, token: Token) -> list[tuple[Token, Ref]]:
        head = token
        while head.dep_ not in ("ROOT",) and head.head != head:
            head = head.head
            for child in head.children:
                if child.dep_ in ("nsubj", "nsubj:pass") and (found := self.res.expand(child)):
                    return found
        return []

    def _topic(self, exclude: set[str]) -> list[tuple[Token, Ref]]:
        """The document's most mentioned organization, as the implicit party of a nominal relation."""
        counts = Counter(
            r.name for r in self.res.refs.values() if r.type == "Organization" and r.name not in exclude
        )
        if not counts:
            return []
        name = self.res.current_name(counts.most_common(1)[0][0])
        return [(self.doc[0], Ref(name, "Organization", 0.6))]

    def role_apposition(self, person: Token, ref: Ref, sent: Span) -> None:
        """'X, directrice technique de Y' and 'le PDG de Y, X': worksFor with the role as written."""
        doc = self.doc
        end = max(sent.end, self._sentence_end(person))
        # Role after the name.
        i = person.i + 1
        if (
            i + 2 < end
            and doc[i].text == "("
            and doc[i + 2].text == ")"
            and (org := self.res.ref(doc[i + 1])) is not None
            and org.type == "Organization"
            and doc[i + 1].ent_type_
        ):
            # "Inès X (Trésorly) :", "avec Paul Y (Orange) et Zoé Z (SFR)": the press's shorthand
            # for a person speaking for the organization they work for
            self.add(ref, "worksFor", org, sent, "parenthesized-org", 0.7)
            return
        if i < end and doc[i].text in (",", "("):
            self._role_window(person, ref, i + 1, end, sent, "appos-role")
            # "X, qui devient directrice générale de Y"; "X, jusqu'ici DSI de Z, est nommé
            # directeur de Y": the predicate after a relative pronoun or after the apposition.
            k = i + 1
            relative = k < end and doc[k].lower_ == "qui"
            if relative:
                k += 1
            after = self._after_role_verbs(k, end)  # (also "X, nommée directrice de Y")
            if after == k and not relative and doc[i].text == ",":
                k = next((t.i + 1 for t in doc[k : min(end, k + 15)] if t.text == ","), end)
                after = self._after_role_verbs(k, end)
            if after > k:
                self._role_window(person, ref, after, end, sent, "predicate-role")
        else:
            # "X est / devient / vient d'être nommée / rejoint ... en tant que directrice de Y"
            k = self._after_role_verbs(i, end)
            if k > i or self._appointer(person):  # "X nomme Y directeur technique"
                self._role_window(person, ref, k, end, sent, "predicate-role")
        self._had_for_role(person, ref, sent)
        # Role before the name: "le directeur général de Y, X" / "la PDG de Y X".
        j = person.i - 1
        if j >= sent.start and doc[j].text == ",":
            j -= 1
        start = j
        while start > sent.start and doc[start].text not in (",", ".", ";", ":") and person.i - start < 12:
            start -= 1
        if doc[start].text in (",", ".", ";", ":"):
            start += 1
        if start < j and doc[start].pos_ == "VERB":
            start += 1  # "», assure son directeur des opérations, X": the reporting verb goes
        if start <= j:
            self._role_window(person, ref, start, j + 1, sent, "role-appos")

    def _had_for_role(self, person: Token, ref: Ref, sent: Span) -> None:
        """'La nouvelle société aura pour directeur général X', 'Y a pour PDG X': the subject of
        'avoir pour' employs X in the role between 'pour' and the name."""
        doc, k = self.doc, person.i - 1
        while k > sent.start and person.i - k <= 5 and doc[k].lower_ != "pour":
            k -= 1
        if doc[k].lower_ != "pour" or k == person.i - 1 or doc[k + 1].lower_ not in P.ROLE_NOUNS:
            return
        verb = doc[k - 1] if k - 1 >= sent.start else None
        if (
            verb is None
            or verb.lemma_ != "avoir"
            or any(t.pos_ not in ("NOUN", "ADJ", "ADP", "DET") for t in doc[k + 1 : person.i])
        ):
            return
        for _, org in self._subjects(verb):
            if org.type == "Organization":
                self._add_role(ref, org, doc[k + 1 : person.i].text.strip(), sent, "had-for-role")

    def _after_role_verbs(self, i: int, end: int) -> int:
        """Past the verbs, auxiliaries and words that lead to a role: 'est nommée', 'devient',
        'vient d'être promu', 'au poste de', 'en tant que'."""
        doc, k = self.doc, i
        while (
            k < end
            and k < i + 9
            and (
                doc[k].lemma_ in _ROLE_VERBS
                or (doc[k].pos_ == "VERB" and doc[k].lemma_ + "r" in _ROLE_VERBS)  # "reste" left as is
                or doc[k].pos_ in ("AUX", "ADV")
                or doc[k].lower_ in _ROLE_LEADS
                or (k > i and (doc[k].lower_ in _DATE_WORDS or doc[k].pos_ == "NUM"))  # "nommée lundi 2 mars"
            )
        ):
            k += 1
        return k

    def _role_window(self, person: Token, ref: Ref, begin: int, end: int, sent: Span, rule: str) -> None:
        """A role noun at ``begin`` (after determiners, 'au poste de', 'en tant que'), then the
        organization it is held at: named, described ('de la start-up'), or implied by a
        possessive ('son directeur général'). 'et président de Z' adds a second role."""
        doc = self.doc
        k = begin
        possessive = False
        while k < end and k < begin + 6 and doc[k].lower_ not in P.ROLE_NOUNS:
            if doc[k].lower_ in _FORMER or (
                doc[k].lower_ == "jusqu'"
                and k + 1 < end
                and doc[k + 1].lower_ in ("ici", "alors", "récemment")
            ):
                return  # "ancienne chercheuse du CEA", "jusqu'ici DSI de X": a past position
            if doc[k].pos_ not in ("DET", "ADJ", "ADV", "ADP") and doc[k].lower_ not in _ROLE_LEADS:
                return
            possessive |= doc[k].lower_ in P.POSSESSIVES
            k += 1
        if k >= end or (
            doc[k].lower_ not in P.ROLE_NOUNS
            and doc[k].lemma_.lower() not in P.ROLE_NOUNS
            and doc[k].lower_.split("-")[0] not in P.ROLE_NOUNS  # "présidente-directrice générale"
        ):
            return
        role_start, m = k, k + 1
        while m < end:
            tok = doc[m]
            if tok.text == "(" and m + 2 < end and doc[m + 2].text == ")":
                m += 3  # "directrice des systèmes d'information (DSI) de Santéa"
                continue
            finite = tok.pos_ in ("VERB", "AUX") and tok.morph.get("VerbForm") != ["Part"]
            if tok.text in (",", ")") or tok.text in _CLAUSE_BREAKS or finite or tok.lower_ == "qui":
                break
            if m + 1 < end and (
                (tok.lower_ in _CAME_FROM and doc[m + 1].lower_ in ("de", "d'", "du", "des"))
                or (tok.lower_ in _WENT_THROUGH and doc[m + 1].lower_ == "par")
            ):
                return  # "un ingénieur venu d'Elvéa", "une développeuse passée par X": where they were
            org = self.res.ref(tok)
            if org and org.type == "Person":
                return
            if org and org.type == "Organization":
                prep_at = m - 1
                while prep_at > role_start and doc[prep_at].pos_ == "DET":
                    prep_at -= 1
                role_end = prep_at if doc[prep_at].lower_ in P.ORG_PREPOSITIONS else m
                self._add_role(
                    ref, org, doc[role_start:role_end].text.strip() or doc[role_start].text, sent, rule
                )
                # "directeur de X et président du conseil de Y": a second role.
                nxt = m + 1
                if nxt < end and doc[nxt].lower_ == "et":
                    nxt += 1
                    while nxt < end and doc[nxt].pos_ in ("DET", "ADJ"):
                        nxt += 1
                    if nxt < end and doc[nxt].lower_ in P.ROLE_NOUNS:
                        role_start, m = nxt, nxt + 1
                        continue
                return
            m += 1
        appointer = self._appointer(person)
        if not possessive and appointer:  # "X nomme Y au poste de directrice technique"
            self._add_role(ref, appointer, doc[role_start:m].text.strip(), sent, rule)
            return
        if possessive:  # "son directeur général": the organization the text is about
            role = doc[role_start:m].text.strip()
            for _, org in self._possessor(doc[role_start], []) or self._topic(exclude=set()):
                self._add_role(ref, Ref(org.name, org.type, min(org.certainty, 0.7)), role, sent, rule)

    def _appointer(self, token: Token) -> Ref | None:
        """The organization that appoints or hires the person in the sentence at hand."""
        verb = token.head
        if verb.lemma_ not in _APPOINTING_VERBS:
            return None
        # "X nomme Y directeur": the person after the verb is its object, whatever the parse says
        # (an appointing verb does not take its subject after it).
        token_dep = "obj" if token.dep_ == "nsubj" and token.i > verb.i else token.dep_
        if token_dep not in ("obj", "nsubj:pass"):
            return None
        agents = [r for c in verb.children if c.dep_ == "obl:agent" for _, r in self.res.expand(c)]
        if token_dep == "nsubj:pass":
            subjects = agents
        elif token_dep != token.dep_:  # the subject is before the verb, or the name it hangs from
            before = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i]
            if not before and verb.dep_ in ("parataxis", "conj") and verb.head.i < verb.i:
                before = [verb.head]
            subjects = [r for c in before for _, r in self.res.expand(c)]
        else:
            subjects = [r for _, r in self._subjects(verb)]
        return next((r for r in subjects if r.type == "Organization"), None)

    def clitic_en(self, en: Token, sent: Span) -> None:
        """'X en est le directeur technique', 'Y en devient membre', 'Z en sera le sponsor
        principal', 'qui en reste le premier contributeur': the pronoun 'en' stands for the
        complement of the noun after the verb ('directeur de ...', 'membre de ...'), something
        named before. Read on the words: the parse of these clauses varies too much."""
        doc = self.doc
        k = en.i + 1
        if k >= sent.end or doc[k].lemma_ not in _EN_VERBS:
            return
        k += 1
        while k < sent.end and k <= en.i + 7:
            if doc[k].lower_ == "à" and k + 2 < sent.end and doc[k + 2].lower_ == "tour":
                k += 3  # "en devient à son tour membre"
            elif doc[k].pos_ in ("ADV", "DET", "ADJ", "AUX", "ADP") or doc[k].lemma_ in _EN_VERBS:
                k += 1
            else:
                break
        if k >= sent.end or doc[k].ent_type_:
            return
        noun = doc[k]
        lemma = noun.lemma_.lower()
        if noun.lower_ in P.ROLE_NOUNS or lemma in P.ROLE_NOUNS:
            pred = "worksFor"
        elif lemma in P.NOUN_TRIGGERS and "de" in _NOUN_PREPS[lemma][0]:
            pred = P.NOUN_TRIGGERS[lemma][0]
        else:
            return
        subject = self._before_en(en, sent)
        if subject is None:
            return
        start, subjects = subject
        # (the sponsor or the partner 'en' points to is an event or a project: of an organization,
        # the text would rather say so)
        objects = _EN_SPONSORED if pred in ("sponsors", "partnerOf") else P.SIGNATURES[pred][1]
        obj = self._en_antecedent(start, sent, objects, exclude={r.name for r in subjects})
        if obj is None:
            return
        if pred == "partnerOf":
            pred = "sponsors"  # "X en était le partenaire principal": of the event
        for subj in subjects:
            if pred == "worksFor":
                end = k + 1
                while end < sent.end and doc[end].pos_ == "ADJ":
                    end += 1  # "le directeur technique"
                self._add_role(subj, obj, doc[k:end].text, sent, "clitic-en-role")
            else:
                self.add(subj, pred, obj, sent, f"clitic-en:{lemma}", 0.6)

    def _before_en(self, en: Token, sent: Span) -> tuple[int, list[Ref]] | None:
        """Who 'en est ...' is said of, and where that phrase starts: the names or pronoun just
        before ('A et B en sont les sponsors'), the antecedent of 'qui', or, after an apposition
        ('X, PDG de Y, en sera ...'), the name that opens the clause."""
        doc = self.doc
        j = en.i - 1
        if j < sent.start:
            return None
        if doc[j].lower_ == "qui":
            j -= 1
            if j >= sent.start and doc[j].text == ",":
                j -= 1
            ref = self.res.ref(doc[j]) if j >= sent.start else None
            return None if ref is None else (j, [ref])
        if self.res.ref(doc[j]) is not None and doc[j].text != ",":
            found, k = [], j
            while k >= sent.start and (
                (ref := self.res.ref(doc[k])) is not None or doc[k].lower_ in ("et", ",")
            ):
                if ref is not None:
                    found.append(ref)
                k -= 1
            return k + 1, found[::-1]
        if doc[j].text != ",":
            return None
        start = _clause_start(doc[j]).i
        for t in doc[start:j]:
            if (ref := self.res.ref(t)) is not None:
                return start, [ref]
        return None

    def _en_antecedent(self, before: int, sent: Span, types, exclude: set[str]) -> Ref | None:
        """What 'en' stands for: the latest name of a fitting type before the subject in its
        sentence, else the main subject of one of the two sentences before, else their latest
        name; an event or a project over an organization when the noun takes either."""
        doc = self.doc
        preferred = [t for t in ("Event", "Project") if t in types] or list(types)

        def fits(ref: Ref | None) -> bool:
            return (
                ref is not None
                and ref.type in types
                and self.res.types.get(ref.name, ref.type) == ref.type
                and ref.name not in exclude
            )

        def pick(refs: list[Ref]) -> Ref | None:
            refs = [r for r in refs if fits(r)]
            best = [r for r in refs if r.type in preferred] or refs
            return best[-1] if best else None

        here = [r for t in doc[sent.start : before] if (r := self.res.ref(t))]
        if found := pick(here):
            return found
        earlier: list[Ref] = []
        start = sent.start
        for _ in range(2):
            if start == 0:
                break
            previous = doc[start - 1].sent
            named = [(t, r) for t in previous if (r := self.res.ref(t))]
            refs = [r for _, r in named]
            on_root = [(t, r) for t, r in named if t.head.dep_ == "ROOT" and t.dep_ != "ROOT" and fits(r)]
            main = [r for t, r in on_root if t.dep_ in ("nsubj", "nsubj:pass")]
            if main and main[0].type in preferred:
                return main[0]
            # a name the main verb takes ("A a cofondé X avec B, une ancienne de Y": X, not Y)
            if found := pick([r for _, r in on_root[:1]]):
                return found
            earlier = refs + earlier
            if pick(refs):
                break
            start = previous.start
        return pick(earlier)

    def _add_role(self, person: Ref, org: Ref, role: str, sent: Span, rule: str) -> None:
        confidence = 0.9 if org.certainty == 1.0 else 0.75
        if role.split()[0].lower() in _BOARD_SEATS:
            # "X, administratrice indépendante de Y": a seat on the board, not a job
            self.add(person, "memberOf", org, sent, rule + ":board", confidence)
            return
        self.add(person, "worksFor", org, sent, rule, confidence, role=role)
        if role.split()[0].lower() in P.FOUNDER_NOUNS:
            self.add(person, "created", org, sent, rule, confidence * 0.9)

    def unnamed_event(self, event: Token, sent: Span) -> None:
        """'le prochain événement de la fondation se tiendra à Berlin' → eventIn."""
        if event.ent_type_:
            return
        orgs = [
            r
            for c in event.children
            if c.dep_ == "nmod"
            for _, r in self.res.expand(c)
            if r.type == "Organization"
        ]
        after = event.i
        if not orgs and self.res.ref(event) is None:
            # "X organisera en mars un hackathon à Y", "lors d'une journée organisée à Y"
            verb = next((c for c in event.children if c.dep_ == "acl" and c.lemma_ == "organiser"), None)
            head = event
            for _ in range(3):  # the verb above it, even through a misattached "en mars"
                if verb is not None or head.head == head:
                    break
                head = head.head
                verb = head if head.pos_ == "VERB" else None
            if verb is not None and verb.lemma_ in P.EVENT_VERBS:
                orgs = [
                    r
                    for _, r in self._subjects(verb) or self._governing_subject(verb)
                    if r.type == "Organization"
                ]
                after = min(verb.i, event.i)
        if not orgs:
            return
        places = [
            r
            for t, r in self._sentence_refs(sent)
            if r.type == "Place" and t.i > after and self._prep(t) in ("à", "en", "au", "dans")
        ]
        for org in orgs:
            for place in places[:1]:
                self.add(org, "eventIn", place, sent, "event-place", 0.7)


def _hosted_enumerations(finder: RelationFinder, resolver: Resolver) -> None:
    """'X héberge différents projets' followed, in the same paragraph, by named projects."""
    doc = finder.doc
    for sent, tokens in doc.sentence_tokens():
        for verb in tokens:
            if verb.lemma_ != "héberger":
                continue
            hosts = finder._subjects(verb)
            generic = [
                c
                for c in verb.children
                if c.dep_ == "obj" and not resolver.ref(c) and c.lower_ in ("projets", "logiciels", "outils")
            ]
            if not hosts or not generic:
                continue
            paragraph_end = next(
                (t.i for t in doc[verb.i :] if "\n" in t.text or "\n" in t.whitespace_), len(doc)
            )
            for token in doc[sent.end : paragraph_end]:
                ref = resolver.ref(token)
                if ref and ref.type == "Project" and token.ent_type_:
                    for _, host in hosts:
                        finder.add(host, "hosts", ref, sent, "verb:héberger+enumeration", 0.55)


_NAME_SUFFIXES = frozenset(
    ["foundation", "fondation", "inc", "inc.", "sa", "sas", "group", "groupe", "corporation", "ltd"]
)


def _same_name(finder: RelationFinder, resolver: Resolver) -> None:
    """'la fondation X ... la pile logicielle du même nom': the project named like the organization."""
    doc = finder.doc
    for token in doc:
        if token.lower_ != "nom" or not any(c.lower_ == "même" for c in token.children):
            continue
        window = doc[max(token.sent.start, token.i - 7) : token.i]
        head = next((t for t in reversed(window) if t.lower_ in P.TYPE_NOUNS["Project"]), None)
        if head is None or resolver.ref(head):
            continue
        sent = token.sent
        orgs = [r for t in doc[sent.start : token.i] if (r := resolver.ref(t)) and r.type == "Organization"]
        if not orgs:
            continue
        org = orgs[-1]
        words = [w for w in org.name.split() if w.lower() not in _NAME_SUFFIXES]
        if not words or len(words) == len(org.name.split()):
            continue
        name = " ".join(words)
        resolver.types.setdefault(name, "Project")
        ref = Ref(name, resolver.types[name], 0.8)
        resolver.refs[head.i] = ref
        det = head.i - 1 if head.i > 0 and doc[head.i - 1].pos_ == "DET" else head.i
        phrase = doc[det : token.i + 1].text
        resolver.mentions.setdefault(name, {})[phrase] = None
        pred = "hosts" if any(w in org.name.lower() for w in ("foundation", "fondation")) else "created"
        finder.add(org, pred, ref, sent, "same-name", 0.7)


def run_rules(doc: Doc | Tokens) -> tuple[Resolver, RelationFinder]:
    """The rules: entities resolved across the document, and the relations the matchers find."""
    resolver = Resolver(doc)
    doc = resolver.doc
    finder = RelationFinder(resolver)
    _same_name(finder, resolver)
    # Renamings first: descriptions after "X devient Y" refer to Y.
    for token in doc:
        if token.lemma_ in _RENAMING_VERBS:
            finder.verb(token, token.sent)
    resolver.resolve_references()
    finder.run()
    _hosted_enumerations(finder, resolver)
    return resolver, finder


_FIRST_PERSON = frozenset(["nous", "notre", "nos"])
_POSSESSIVE_OR_FIRST = P.POSSESSIVES | _FIRST_PERSON


def model_refs(finder: RelationFinder, resolver: Resolver) -> dict[int, Ref]:
    """What the classifier reads as mentions: the resolver's, and the organizations that
    possessives point back to ('Maëlle X, sa présidente', 'son logiciel Y': the organization the
    sentence or the one before is about) and that 'nous' / 'notre' stand for in a quote (the
    document's main organization). These are guesses the rules do not act on; the classifier
    weighs them by what it learnt of such mentions."""
    refs = dict(resolver.refs)
    topic = None
    lowers = resolver.doc.columns.lower
    for token in resolver.doc:
        lower = lowers[token.i]
        if lower not in _POSSESSIVE_OR_FIRST or token.i in refs:
            continue
        if lower in P.POSSESSIVES and token.pos_ == "DET" and token.head.i > token.i:
            noun = token.head
            own = resolver.ref(noun)
            found = finder._possessor(noun, [(noun, own)] if own else [])
        elif lower in _FIRST_PERSON:
            if topic is None:
                topic = finder._topic(exclude=set())
            found = topic
        else:
            continue
        if found:
            ref = found[0][1]
            refs[token.i] = Ref(ref.name, ref.type, 0.5)
    return refs


def add_model_relations(finder: RelationFinder, resolver: Resolver, classifier) -> None:
    """The classifier's relations that the rules did not find (rule ``model``)."""
    for pred, subj, obj, p, sent in classifier.relations_of(resolver, model_refs(finder, resolver)):
        if (subj.name, pred, obj.name) in finder.found:
            continue
        if pred == "locatedIn" and finder.situates_a_town(obj.name, sent):
            continue  # "basé à Odense, au Danemark": the rules' reading, the country is no seat
        finder.store(subj, pred, obj, sent, "model", p)


def extraction(document: Document, resolver: Resolver, finder: RelationFinder) -> Extraction:
    relations = sorted(
        one_way(list(finder.found.values())), key=lambda r: (r.start, r.subject, r.predicate, r.object)
    )
    counts = Counter(r.name for r in resolver.refs.values())
    entities = tuple(
        Entity(
            name=name,
            type=etype,
            mentions=tuple(resolver.mentions.get(name, {name: None})),
            count=counts[name],
        )
        for name, etype in resolver.types.items()
    )
    return Extraction(
        document=document, text=resolver.doc.text, entities=entities, relations=tuple(relations)
    )


def extract_doc(doc: Doc, document: Document, *, classifier=DEFAULT) -> Extraction:
    """Entities and relations of one analysed document: the learned typer retypes the names, the
    rules find relations, the relation classifier adds what they missed (``classifier``: the one
    shipped with oifgraph by default, None for the rules alone)."""
    if classifier is DEFAULT:
        classifier = default_classifier()
    view = Tokens(doc)  # one view for the typer and the rules (retyping changes no token)
    if classifier is not None:
        classifier.retype(view)
    resolver, finder = run_rules(view)
    if classifier is not None:
        add_model_relations(finder, resolver, classifier)
    return extraction(document, resolver, finder)
