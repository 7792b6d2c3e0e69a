import pytest

from oifgraph.rdf.results import is_update


@pytest.mark.parametrize(
    "sparql",
    [
        "INSERT DATA { <a:b> <a:c> <a:d> }",
        "PREFIX x: <http://x/> DELETE WHERE { ?s ?p ?o }",
        "# a comment\n  drop all",
        "LOAD <http://example.org/data.ttl>",
        "CLEAR GRAPH <a:g>",
        "BASE <http://x/> PREFIX a: <http://a#> WITH <a:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    ],
)
def test_updates_are_recognised(sparql):
    assert is_update(sparql)


@pytest.mark.parametrize(
    "sparql",
    [
        "SELECT * WHERE { ?s ?p ?o }",
        "PREFIX ex: <http://ex/#insert> SELECT ?s WHERE { ?s ex:p 'DELETE' }",
        "# INSERT\nASK { ?s ?p ?o }",
        "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
    ],
)
def test_queries_are_not_updates(sparql):
    assert not is_update(sparql)
