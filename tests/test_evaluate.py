"""Scoring against gold annotations, and the ``evaluate`` command."""

from __future__ import annotations

import json
import shutil

import pytest
import spacy
from click.testing import CliRunner
from spacy.tokens import Span

from oifgraph.cli import cli
from oifgraph.errors import InputError
from oifgraph.evaluate import Report, baseline_annotation, load_gold, score_document

from .conftest import CORPUS

GOLD = {
    "entities": [
        {"name": "Nordhav", "type": "Organization", "mentions": ["Nordhav", "la société"]},
        {"name": "Brisk", "type": "Project", "mentions": ["Brisk"]},
        {"name": "Tolvane", "type": "Organization", "mentions": ["Tolvane"]},
        {"name": "Lina Mercier", "type": "Person", "mentions": ["Lina Mercier", "Mercier"]},
    ],
    "relations": [
        {"subject": "Nordhav", "predicate": "created", "object": "Brisk", "evidence": "Nordhav a créé Brisk"},
        {"subject": "Nordhav", "predicate": "partnerOf", "object": "Tolvane", "evidence": "..."},
        {"subject": "Lina Mercier", "predicate": "worksFor", "object": "Nordhav", "evidence": "..."},
    ],
}


def test_scores_match_aliases_symmetric_predicates_and_bands():
    predicted = {
        "entities": [
            {"name": "NORDHAV", "type": "Organization", "mentions": ["NORDHAV"]},
            {"name": "Brisk", "type": "Organization", "mentions": ["Brisk"]},  # mistyped
            {"name": "Tolvane", "type": "Organization", "mentions": ["Tolvane"]},
            {"name": "Mercier", "type": "Person", "mentions": ["Mercier"]},  # an alias of the gold name
            {"name": "Oslo", "type": "Place", "mentions": ["Oslo"]},  # spurious
        ],
        "relations": [
            {"subject": "NORDHAV", "predicate": "created", "object": "Brisk", "confidence": 0.9},
            {"subject": "Tolvane", "predicate": "partnerOf", "object": "NORDHAV", "confidence": 0.6},
            {"subject": "Mercier", "predicate": "worksFor", "object": "Tolvane", "confidence": 0.85},
        ],
    }
    r = score_document("doc", predicted, GOLD)
    assert (r.entities.tp, r.entities.fp, r.entities.fn) == (4, 1, 0)
    assert (r.typed.tp, r.typed.fp, r.typed.fn) == (3, 2, 1)
    assert r.mistyped == ["Brisk: Organization instead of Project"]
    assert (r.relations.tp, r.relations.fp, r.relations.fn) == (2, 1, 1)  # partnerOf either way
    assert (r.bands["high"].tp, r.bands["high"].fp) == (1, 1)
    assert (r.bands["low"].tp, r.bands["low"].fp) == (1, 0)
    report = Report()
    report.add(r)
    report.add(r)
    assert report.as_dict()["relations"]["tp"] == 4
    assert report.as_dict()["per_predicate"]["worksFor"] == {
        "tp": 0,
        "fp": 2,
        "fn": 2,
        "precision": 0.0,
        "recall": 0.0,
        "f1": 0.0,
    }


def test_baseline_maps_spacy_labels_and_pools_spellings():
    doc = spacy.blank("fr")("Nordhav et NORDHAV recrutent à Oslo avec Lina Mercier et Brisk .")
    doc.ents = [
        Span(doc, 0, 1, "ORG"),
        Span(doc, 2, 3, "ORG"),
        Span(doc, 5, 6, "LOC"),
        Span(doc, 7, 9, "PER"),
        Span(doc, 10, 11, "MISC"),
    ]
    out = baseline_annotation(doc)
    assert out["relations"] == []
    assert sorted((e["name"], e["type"]) for e in out["entities"]) == [
        ("Brisk", "Project"),
        ("Lina Mercier", "Person"),
        ("Nordhav", "Organization"),
        ("Oslo", "Place"),
    ]


@pytest.mark.parametrize("content", ["{", "[]", '{"entities": [{"name": "X"}]}'])
def test_a_bad_gold_file_is_an_input_error(tmp_path, content):
    path = tmp_path / "a.gold.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError):
        load_gold(path)


@pytest.fixture(scope="module")
def gold_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("gold")
    for text in sorted((CORPUS / "dev").glob("*.txt"))[:2]:
        shutil.copy(text, folder)
        shutil.copy(text.with_name(text.stem + ".gold.json"), folder)
    return folder


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.mark.slow
def test_evaluate_table_json_and_baseline(gold_dir, extractor):
    table = run("evaluate", gold_dir, "--baseline")
    assert table.exit_code == 0, table.output
    assert table.output.startswith("2 documents in ")
    header = table.output.splitlines()[1]
    assert "F1" in header and "spaCy F1" in header
    assert any(line.startswith("relations") for line in table.output.splitlines())
    assert "confidence ≥ 0.8 (precision)" in table.output

    data = json.loads(run("evaluate", gold_dir, "--format", "json", "--baseline").output)
    ours, spacy_only = data["oifgraph"], data["baseline"]
    assert ours["documents"] == 2 and len(ours["by_document"]) == 2
    assert (
        spacy_only["relations"]["tp"] == 0
        and spacy_only["relations"]["fn"] == ours["relations"]["tp"] + ours["relations"]["fn"]
    )
    assert ours["typed_entities"]["f1"] > spacy_only["typed_entities"]["f1"]

    markdown = run("evaluate", gold_dir, "--format", "markdown").output
    assert "| entities (typed) |" in markdown

    verbose = run("evaluate", gold_dir, "--verbose").output
    assert "relations P" in verbose


def test_evaluate_refuses_a_folder_without_gold(tmp_path):
    (tmp_path / "a.txt").write_text("Bonjour.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["evaluate", str(tmp_path)])
    assert result.exit_code == 2
    assert "no NAME.txt with a NAME.gold.json" in result.output
