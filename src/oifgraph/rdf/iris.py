"""Deterministic, readable, safe IRIs: ``{base}id/organization/wind-river``, ``{base}doc/{id}``."""

from __future__ import annotations

import hashlib
from urllib.parse import quote

import pyoxigraph as ox

from ..errors import InputError
from ..names import slug

_MAX_SLUG = 80


def _digest(text: str, size: int = 10) -> str:
    # surrogatepass: a lone surrogate (a file name that was not UTF-8) still hashes, deterministically
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:size]


def safe_slug(name: str) -> str:
    """``slug(name)``, with a hash when nothing ASCII is left or the name is very long."""
    s = slug(name)
    if not s:
        return "x-" + _digest(name)
    if len(s) > _MAX_SLUG:
        return s[:_MAX_SLUG].rstrip("-") + "-" + _digest(name)
    return s


def entity_iri(base: str, etype: str, name: str) -> str:
    return f"{base}id/{etype.lower()}/{safe_slug(name)}"


def document_iri(base: str, doc_id: str) -> str:
    # Percent-encode everything but unreserved characters and '/', so any id makes a valid IRI.
    return f"{base}doc/{quote(doc_id, safe='/-._~', errors='surrogatepass')}"


def statement_iri(doc_iri: str, subject: str, predicate: str, obj: str) -> str:
    return f"{doc_iri}/rel/{_digest(subject + '|' + predicate + '|' + obj, 16)}"


def check_base(base: str) -> str:
    """``base`` when it is an absolute IRI ending with '/' or '#', else :class:`InputError`."""
    try:
        ox.NamedNode(base)
    except ValueError as exc:
        raise InputError(f"not a valid base IRI: {base!r} ({exc})") from exc
    if not base.endswith(("/", "#")):
        raise InputError(f"the base IRI must end with '/' or '#': {base!r}")
    return base
