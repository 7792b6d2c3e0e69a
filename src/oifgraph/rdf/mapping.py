"""Records → quads (pure): one named graph per document, with provenance for every relation."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime

from pyoxigraph import Literal, NamedNode, Quad

from ..records import Extraction
from ..resolve import Resolved
from . import iris
from .vocab import DCTERMS, OIF, PROV, RDF, RDFS, SKOS, XSD

_TYPE = NamedNode(RDF + "type")
_LABEL = NamedNode(RDFS + "label")
_ALT = NamedNode(SKOS + "altLabel")
_INT = NamedNode(XSD + "integer")
_DOUBLE = NamedNode(XSD + "double")
_DATETIME = NamedNode(XSD + "dateTime")


# Lone surrogates cannot be encoded at all; U+FFFE and U+FFFF are noncharacters that RDF readers
# such as raptor refuse. Both become U+FFFD, the replacement character.
_UNCARRIABLE = re.compile("[\ud800-\udfff\ufffe\uffff]")


def _text(value: str) -> Literal:
    """A plain literal, with characters RDF cannot carry replaced by U+FFFD."""
    return Literal(_UNCARRIABLE.sub("\ufffd", value))


_DATE = NamedNode(XSD + "date")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?")


def _date(value: str) -> Literal:
    """A document date: xsd:date or xsd:dateTime when it is ISO 8601, else a plain literal."""
    value = value.strip()
    if _ISO_DATE.fullmatch(value):
        return Literal(value, datatype=_DATE)
    if _ISO_DATETIME.fullmatch(value):
        return Literal(value, datatype=_DATETIME)
    return _text(value)


_REFERRING = frozenset(
    [
        "il",
        "elle",
        "lui",
        "ils",
        "elles",
        "le",
        "la",
        "les",
        "l'",
        "ce",
        "cette",
        "cet",
        "ces",
        "sa",
        "son",
        "ses",
        "leur",
        "du",
        "de",
    ]
)


def _is_name(mention: str) -> bool:
    """A surface form worth an altLabel: a name, not "la fondation", "il" or "du même nom"."""
    first = mention.split()[0].lower() if mention.split() else ""
    return bool(first) and first not in _REFERRING and not first.startswith("l'")


# Every IRI the quads use, made once: building the same NamedNodes again for every quad took a
# third of the time of document_quads.
_OIF = {term: NamedNode(OIF[term]) for term in OIF.terms()}
_SOURCE, _TITLE, _DOC_DATE = (NamedNode(DCTERMS + t) for t in ("source", "title", "date"))
_GENERATED = NamedNode(PROV + "generatedAtTime")
_SUBJECT, _PREDICATE, _OBJECT = (NamedNode(RDF + t) for t in ("subject", "predicate", "object"))


def document_quads(
    extraction: Extraction,
    resolved: Mapping[str, Resolved],
    *,
    base: str,
    ingested_at: datetime | None = None,
) -> list[Quad]:
    doc = extraction.document
    g = NamedNode(iris.document_iri(base, doc.id))
    quads: list[Quad] = []

    def add(s, p: NamedNode, o) -> None:
        quads.append(Quad(s, p, o, g))

    when = (ingested_at or datetime.now(UTC)).isoformat(timespec="seconds")
    add(g, _TYPE, _OIF["Document"])
    add(g, _OIF["documentId"], _text(doc.id))
    add(g, _OIF["contentHash"], Literal(doc.sha256))
    add(g, _SOURCE, _text(doc.source))
    if doc.title:
        add(g, _TITLE, _text(doc.title))
    if doc.date:
        add(g, _DOC_DATE, _date(doc.date))
    add(g, _GENERATED, Literal(when, datatype=_DATETIME))

    for entity in extraction.entities:
        r = resolved[entity.name]
        e = NamedNode(r.iri)
        add(e, _TYPE, _OIF[r.type])
        add(e, _LABEL, _text(r.label))
        add(e, _OIF["matchKey"], Literal(r.key))
        for alt in dict.fromkeys((entity.name, *entity.mentions)):
            if alt != r.label and _is_name(alt):
                add(e, _ALT, _text(alt))
        add(g, _OIF["mentions"], e)

    for rel in extraction.relations:
        s, o = resolved[rel.subject], resolved[rel.object]
        subject, obj, pred = NamedNode(s.iri), NamedNode(o.iri), _OIF[rel.predicate]
        add(subject, pred, obj)
        st = NamedNode(iris.statement_iri(g.value, s.iri, rel.predicate, o.iri))
        add(st, _TYPE, _OIF["RelationStatement"])
        add(st, _SUBJECT, subject)
        add(st, _PREDICATE, pred)
        add(st, _OBJECT, obj)
        add(st, _OIF["evidence"], _text(rel.evidence))
        add(st, _OIF["startOffset"], Literal(str(rel.start), datatype=_INT))
        add(st, _OIF["endOffset"], Literal(str(rel.end), datatype=_INT))
        add(st, _OIF["sourceDocument"], g)
        add(st, _OIF["extractedBy"], _text(rel.rule))
        add(st, _OIF["confidence"], Literal(repr(float(rel.confidence)), datatype=_DOUBLE))
        if rel.role:
            add(st, _OIF["role"], _text(rel.role))
    return list(dict.fromkeys(quads))
