"""A read-only view of a Doc that builds each Token object once."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token


class Tokens:
    """A Doc whose tokens are built once. spaCy makes a new Token object at every ``doc[i]`` and
    every iteration, and extraction reads each token many times: this view indexes and iterates a
    list of them instead. Slices are still the Doc's Spans; any other attribute is the Doc's.

    The view holds while the Doc's tokens stay as they are: make a new one after a retokenization."""

    __slots__ = ("doc", "tokens", "_texts", "_sentences")

    def __init__(self, doc: Doc):
        self.doc = doc
        self.tokens = list(doc)
        self._texts: list[str] | None = None
        self._sentences: list[Span] | None = None

    @property
    def texts(self) -> list[str]:
        """Each token's text."""
        if self._texts is None:
            self._texts = [t.text for t in self.tokens]
        return self._texts

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
