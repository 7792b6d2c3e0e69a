"""Relation post-processing that needs no model."""

from __future__ import annotations

from oifgraph import chunking
from oifgraph.records import Document, Entity, Extraction, Relation, one_way


def rel(subject: str, predicate: str, obj: str, confidence: float) -> Relation:
    return Relation(subject, predicate, obj, "evidence", 0, 8, "test", confidence)


def test_of_two_opposite_one_way_relations_the_more_confident_stays():
    kept = one_way([rel("A", "subsidiaryOf", "B", 0.48), rel("B", "subsidiaryOf", "A", 0.2)])
    assert [(r.subject, r.object) for r in kept] == [("A", "B")]


def test_opposite_relations_equally_confident_both_stay():
    assert len(one_way([rel("A", "acquired", "B", 0.6), rel("B", "acquired", "A", 0.6)])) == 2


def test_relations_that_may_go_both_ways_are_kept():
    both = [rel("A", "investsIn", "B", 0.9), rel("B", "investsIn", "A", 0.5)]
    assert one_way(both) == both
    assert len(one_way([rel("A", "partnerOf", "B", 0.9), rel("A", "created", "C", 0.5)])) == 2


def test_opposite_relations_from_two_pieces_of_a_long_text_are_filtered_too():
    doc = Document("d", "", "<t>", "0" * 64)
    names = (Entity("A", "Organization"), Entity("B", "Organization"))
    first = Extraction(doc, "A rachète B. ", names, (rel("A", "acquired", "B", 0.8),))
    second = Extraction(doc, "B rachète A.", names, (rel("B", "acquired", "A", 0.3),))
    merged = chunking.merge_extractions([(0, first), (13, second)], "A rachète B. B rachète A.")
    assert [(r.subject, r.object, r.start) for r in merged.relations] == [("A", "B", 0)]


def test_a_triple_stated_twice_weighs_as_its_most_confident_statement():
    # A acquired B at 0.8 and again at 0.2 (two pieces of a long text); B acquired A at 0.5: the
    # 0.8 statement wins, so B -> A goes (the 0.2 statement goes too, being below 0.5).
    kept = one_way(
        [rel("A", "acquired", "B", 0.8), rel("B", "acquired", "A", 0.5), rel("A", "acquired", "B", 0.2)]
    )
    assert [(r.subject, r.confidence) for r in kept] == [("A", 0.8)]
