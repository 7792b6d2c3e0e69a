"""Cross-document resolution: keys the store knows, and the per-ingestion cache in front of it."""

from __future__ import annotations

from oifgraph import api
from oifgraph.rdf.store import OxigraphStore
from oifgraph.reading import make_document
from oifgraph.records import Entity, Extraction
from oifgraph.resolve import KeyCache, Resolved


def resolved(key: str, iri: str | None = None) -> Resolved:
    return Resolved(iri or f"http://x/{key}", key.title(), "Organization", key)


class CountingStore:
    def __init__(self, known: dict[str, Resolved]):
        self.known, self.asked = known, []

    def lookup_keys(self, keys):
        keys = sorted(keys)
        self.asked.append(keys)
        return {k: self.known[k] for k in keys if k in self.known}


def test_a_key_is_asked_of_the_store_once_then_served_from_the_cache():
    store = CountingStore({"nuvola": resolved("nuvola")})
    cache = KeyCache()
    assert cache.lookup({"nuvola", "brume"}, store.lookup_keys) == {"nuvola": resolved("nuvola")}
    assert cache.lookup({"nuvola"}, store.lookup_keys) == {"nuvola": resolved("nuvola")}
    assert store.asked == [["brume", "nuvola"]]  # "brume" is unknown: asked again next time
    cache.lookup({"nuvola", "brume"}, store.lookup_keys)
    assert store.asked[-1] == ["brume"]


def test_remembered_identities_win_and_the_cache_is_bounded():
    store = CountingStore({})
    cache = KeyCache(size=2)
    cache.remember([resolved("a"), resolved("b")])
    cache.remember([resolved("a", "http://other/a")])  # the first identity of a key stays
    assert cache.lookup({"a"}, store.lookup_keys)["a"].iri == "http://x/a"
    cache.remember([resolved("c")])  # "b" was used least recently: it goes
    assert set(cache.lookup({"a", "b", "c"}, store.lookup_keys)) == {"a", "c"}
    assert store.asked == [["b"]]


class ListExtractor:
    """Extractions made by hand: one entity per document, named in its text."""

    def analyse(self, documents, *, batch_size=32, jobs=1):
        for document in documents:
            entity = Entity(document.text.split()[0], "Organization", (document.text.split()[0],))
            yield document, Extraction(document, document.text, entities=(entity,)), None


def test_documents_naming_the_same_company_share_one_iri(tmp_path):
    texts = ["Nuvola recrute.", "NUVOLA lève des fonds.", "Brume publie.", "Nuvola ouvre Lyon."]
    documents = [make_document(t.encode(), doc_id=f"d{i}", source="t") for i, t in enumerate(texts)]
    with OxigraphStore(tmp_path / "s") as store:
        api.ingest(documents, store, extractor=ListExtractor(), batch_size=2)
        rows = store.query("SELECT DISTINCT ?e WHERE { GRAPH ?g { ?g oif:mentions ?e } }")
        iris = sorted(r["e"].value for r in rows)
    assert len(iris) == 2 and any(i.endswith("/nuvola") for i in iris)
