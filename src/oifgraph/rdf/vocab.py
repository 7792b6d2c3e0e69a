"""IRIs of the vocabularies oifgraph writes. A term missing from ``ontology/oifgraph.ttl`` is an error
(checked by the tests), and a misspelt term fails at import time through :class:`Namespace`."""

from __future__ import annotations

from ..contract import ENTITY_TYPES, PREDICATES

ONTOLOGY = "https://w3id.org/oifgraph/ontology#"
DEFAULT_BASE = "https://w3id.org/oifgraph/"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
SCHEMA = "https://schema.org/"
OWL = "http://www.w3.org/2002/07/owl#"

PREFIXES: dict[str, str] = {
    "oif": ONTOLOGY,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "prov": PROV,
    "schema": SCHEMA,
    "owl": OWL,
}

_DATA_TERMS = (
    "Document",
    "RelationStatement",
    "evidence",
    "startOffset",
    "endOffset",
    "sourceDocument",
    "extractedBy",
    "confidence",
    "role",
    "contentHash",
    "documentId",
    "mentions",
    "matchKey",
    "mentionCount",
)


class Namespace:
    """A closed namespace: ``OIF.worksFor`` is an IRI string, ``OIF.workFor`` raises AttributeError."""

    def __init__(self, base: str, terms: tuple[str, ...]):
        self._base = base
        self._terms = frozenset(terms)

    def __getattr__(self, name: str) -> str:
        if name.startswith("_") or name not in self._terms:
            raise AttributeError(f"{name!r} is not a term of {self._base}")
        return self._base + name

    def __getitem__(self, name: str) -> str:
        return self.__getattr__(name)

    def terms(self) -> frozenset[str]:
        return self._terms


OIF = Namespace(ONTOLOGY, (*ENTITY_TYPES, *PREDICATES, *_DATA_TERMS))
