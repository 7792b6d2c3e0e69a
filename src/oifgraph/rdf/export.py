"""Exports of the whole graph: RDF serializations (Oxigraph's own writers) and GraphML."""

from __future__ import annotations

import re
from enum import StrEnum

import pyoxigraph as ox

from ..records import ENTITY_TYPES
from .store import Store
from .vocab import ONTOLOGY


class ExportFormat(StrEnum):
    TURTLE = "turtle"
    NTRIPLES = "ntriples"
    NQUADS = "nquads"
    TRIG = "trig"
    JSONLD = "jsonld"
    GRAPHML = "graphml"


_RDF_FORMATS = {
    ExportFormat.TURTLE: (ox.RdfFormat.TURTLE, True),  # (format, union of the named graphs)
    ExportFormat.NTRIPLES: (ox.RdfFormat.N_TRIPLES, True),
    ExportFormat.NQUADS: (ox.RdfFormat.N_QUADS, False),
    ExportFormat.TRIG: (ox.RdfFormat.TRIG, False),
    ExportFormat.JSONLD: (ox.RdfFormat.JSON_LD, False),
}

# Characters XML 1.0 cannot carry, even escaped.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

ENTITIES_QUERY = f"""
SELECT ?e (SAMPLE(?l) AS ?label) (SAMPLE(?t) AS ?type) WHERE {{
  VALUES ?t {{ {" ".join(f"<{ONTOLOGY}{t}>" for t in ENTITY_TYPES)} }}
  ?e a ?t ; rdfs:label ?l .
}} GROUP BY ?e ORDER BY ?e"""

RELATIONS_QUERY = """
SELECT ?st ?s ?p ?o ?evidence ?doc ?confidence ?rule ?role WHERE {
  ?st a oif:RelationStatement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
      oif:evidence ?evidence ; oif:sourceDocument ?doc ; oif:confidence ?confidence ; oif:extractedBy ?rule .
  OPTIONAL { ?st oif:role ?role }
} ORDER BY ?st"""


def _xml_safe(value: str) -> str:
    return _XML_INVALID.sub("\ufffd", value)


def to_networkx(store: Store):
    """The entity graph: one node per entity, one edge per extracted relation (scalar attributes)."""
    import networkx as nx

    graph = nx.MultiDiGraph()
    for row in store.query(ENTITIES_QUERY):
        graph.add_node(
            _xml_safe(row["e"].value),
            label=_xml_safe(row["label"].value),
            type=row["type"].value.removeprefix(ONTOLOGY),
        )
    for row in store.query(RELATIONS_QUERY):
        s, o = _xml_safe(row["s"].value), _xml_safe(row["o"].value)
        if s not in graph or o not in graph:
            continue
        graph.add_edge(
            s,
            o,
            key=_xml_safe(row["st"].value),
            predicate=row["p"].value.removeprefix(ONTOLOGY),
            evidence=_xml_safe(row["evidence"].value),
            document=_xml_safe(row["doc"].value),
            confidence=float(row["confidence"].value),
            rule=_xml_safe(row["rule"].value),
            role=_xml_safe(row["role"].value) if row["role"] is not None else "",
        )
    return graph


def export(store: Store, fmt: ExportFormat, output) -> None:
    """Write the whole graph to ``output`` (a binary file object or a path)."""
    fmt = ExportFormat(fmt)
    if fmt is ExportFormat.GRAPHML:
        import networkx as nx

        nx.write_graphml(to_networkx(store), output, named_key_ids=True)
        return
    rdf_format, union = _RDF_FORMATS[fmt]
    store.dump(output, rdf_format, union=union)
