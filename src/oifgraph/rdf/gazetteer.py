"""Read the gazetteer (known entities with their aliases) from ``ontology/gazetteer.ttl``."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox

from ..errors import OifgraphError
from ..records import ENTITY_TYPES, KnownEntity
from .vocab import ONTOLOGY, PREFIXES

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def ontology_dir() -> Path:
    """``oifgraph/ontology`` in an installed wheel, ``ontology/`` at the top of a source checkout."""
    for candidate in (_PACKAGE_DIR / "ontology", _PACKAGE_DIR.parent.parent / "ontology"):
        if candidate.is_dir():
            return candidate
    raise OifgraphError("the ontology folder is missing from this installation of oifgraph")


def load_gazetteer(path: Path | None = None) -> list[KnownEntity]:
    path = path or ontology_dir() / "gazetteer.ttl"
    store = ox.Store()
    try:
        store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    except (OSError, SyntaxError) as exc:
        raise OifgraphError(f"cannot read the gazetteer {path}: {exc}") from exc
    names: dict[str, tuple[str, str]] = {}
    aliases: dict[str, list[str]] = defaultdict(list)
    for s in store.query(
        """SELECT ?e ?t ?l ?a WHERE { ?e a ?t ; rdfs:label ?l . OPTIONAL { ?e skos:altLabel ?a } }
           ORDER BY ?e ?a""",
        prefixes=PREFIXES,
    ):
        etype = s["t"].value.removeprefix(ONTOLOGY)
        if etype not in ENTITY_TYPES:
            continue
        names[s["e"].value] = (s["l"].value, etype)
        if s["a"] is not None:
            aliases[s["e"].value].append(s["a"].value)
    return [KnownEntity(label, etype, tuple(aliases[iri])) for iri, (label, etype) in sorted(names.items())]
