"""A read-only view of a Doc that builds each Token object once."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.attrs import HEAD
from spacy.tokens import Doc, Span, Token


class Tokens:
    """A Doc whose tokens are built once. spaCy makes a new Token object at every ``doc[i]`` and
    every iteration, and extraction reads each token many times: this view indexes and iterates a
    list of them instead. Slices are still the Doc's Spans; any other attribute is the Doc's.

    The view holds while the Doc's tokens stay as they are: make a new one after a retokenization."""

    __slots__ = ("doc", "tokens", "_texts", "_sentences", "_columns")

    def __init__(self, doc: Doc):
        self.doc = doc
        self.tokens = list(doc)
        self._texts: list[str] | None = None
        self._sentences: list[Span] | None = None
        self._columns: Columns | None = None

    @property
    def texts(self) -> list[str]:
        """Each token's text."""
        if self._texts is None:
            self._texts = [t.text for t in self.tokens]
        return self._texts

    @property
    def columns(self) -> Columns:
        """The tokens' lexical and syntactic attributes as lists (not their entity types, which
        the learned typer may change)."""
        if self._columns is None:
            self._columns = Columns(self)
        return self._columns

    def __getitem__(self, i):
        return self.tokens[i] if type(i) is int else self.doc[i]

    def __iter__(self):
        return iter(self.tokens)

    def __len__(self) -> int:
        return len(self.tokens)

    def __getattr__(self, name: str):
        return getattr(self.doc, name)

    def sentence_tokens(self) -> Iterator[tuple[Span, list[Token]]]:
        """Each sentence, with its tokens."""
        if self._sentences is None:
            self._sentences = list(self.doc.sents)
        for sent in self._sentences:
            yield sent, self.tokens[sent.start : sent.end]


class Columns:
    """Attributes of every token of a document, read once: ``lower``, ``lemma`` (lower case),
    ``pos``, ``dep``, ``head`` (an index), ``punct``, and ``case``: the preposition (or
    subordinating word) that depends on each token, "-" when none does."""

    __slots__ = ("lower", "lemma", "pos", "dep", "head", "punct", "case", "_children")

    def __init__(self, view: Tokens):
        tokens = view.tokens
        self.lower = [t.lower_ for t in tokens]
        self.lemma = [t.lemma_.lower() for t in tokens]
        self.pos = [t.pos_ for t in tokens]
        self.dep = [t.dep_ for t in tokens]
        self.punct = [t.is_punct for t in tokens]
        # (from an array: Token.head makes a new Token object each time)
        offsets = view.doc.to_array(HEAD).astype("int64").tolist()
        self.head = [i + offset for i, offset in enumerate(offsets)]
        case = ["-"] * len(tokens)
        for i, d in enumerate(self.dep):
            if d in ("case", "mark") and case[self.head[i]] == "-":
                case[self.head[i]] = self.lower[i]
        self.case = case
        self._children: list[list[int]] | None = None

    def children(self, i: int) -> list[int]:
        """The indices of the tokens that depend on token ``i``, in order."""
        if self._children is None:
            self._children = [[] for _ in self.head]
            for j, h in enumerate(self.head):
                if h != j:
                    self._children[h].append(j)
        return self._children[i]
