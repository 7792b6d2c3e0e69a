"""The learned relation classifier: candidate pairs and their features on hand-built parses, the
model file, training, and the shipped model."""

from __future__ import annotations

import json

import pytest
import spacy
from click.testing import CliRunner
from spacy.tokens import Doc

from oifgraph.errors import InputError
from oifgraph.nlp import pairs
from oifgraph.nlp.extract import Ref
from oifgraph.nlp.relmodel import FORMAT, RelationModel, default_model
from oifgraph.nlp.tokens import Tokens
from oifgraph.training import AnnotatedDocument, Example, _find_all, fingerprint, fit, read_annotated

from .conftest import CORPUS

NLP = spacy.blank("fr")


class Resolved:
    """What pairs.candidates reads of a resolver: the document and its mentions."""

    def __init__(self, doc: Doc, refs: dict[int, Ref]):
        self.doc = Tokens(doc)
        self.refs = refs


def parsed(words, heads, deps, pos, lemmas, names: dict[int, tuple[str, str]]) -> Resolved:
    doc = Doc(NLP.vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    for i, (_, etype) in names.items():
        doc[i].ent_type_ = etype
    return Resolved(doc, {i: Ref(name, etype) for i, (name, etype) in names.items()})


def test_a_pair_is_described_by_its_path_and_its_trigger():
    res = parsed(
        ["Kestrel Labs", "rachète", "Orvia", "."],
        [1, 1, 1, 1],
        ["nsubj", "ROOT", "obj", "punct"],
        ["PROPN", "VERB", "PROPN", "PUNCT"],
        ["Kestrel Labs", "racheter", "Orvia", "."],
        {0: ("Kestrel Labs", "Organization"), 2: ("Orvia", "Organization")},
    )
    (cand,) = pairs.candidates(res)
    assert (cand.first.name, cand.second.name) == ("Kestrel Labs", "Orvia")
    assert {"T:Org>Org", "DP:nsubj|VERB|obj", "LCAT:acquired", "TDPT:Org>Org|nsubj|acquired|obj"} <= set(
        cand.features
    )
    assert {"acquired>", "acquired<", "partnerOf=", "subsidiaryOf>"} <= set(cand.labels)
    assert "worksFor>" not in cand.labels  # no person in the pair
    pred, subj, obj = pairs.orient("acquired<", cand.first, cand.second)
    assert (subj.name, pred, obj.name) == ("Orvia", "acquired", "Kestrel Labs")


def test_a_conjunct_has_the_path_of_the_first_one():
    res = parsed(
        ["Brisa", "et", "Ondine", "rachètent", "Talpa"],
        [3, 2, 0, 3, 3],
        ["nsubj", "cc", "conj", "ROOT", "obj"],
        ["PROPN", "CCONJ", "PROPN", "VERB", "PROPN"],
        ["Brisa", "et", "Ondine", "racheter", "Talpa"],
        {0: ("Brisa", "Organization"), 2: ("Ondine", "Organization"), 4: ("Talpa", "Organization")},
    )
    by_pair = {(c.first.name, c.second.name): c for c in pairs.candidates(res)}
    assert set(by_pair) == {("Brisa", "Ondine"), ("Brisa", "Talpa"), ("Ondine", "Talpa")}
    second = set(by_pair["Ondine", "Talpa"].features)
    assert {"DP:nsubj|VERB|obj", "CONJ:10"} <= second
    assert "MIDA" in by_pair["Brisa", "Talpa"].features  # another organization stands between


def test_a_sentence_with_one_entity_has_no_candidate():
    res = parsed(
        ["Orvia", "recrute", "."],
        [1, 1, 1],
        ["nsubj", "ROOT", "punct"],
        ["PROPN", "VERB", "PUNCT"],
        ["Orvia", "recruter", "."],
        {0: ("Orvia", "Organization")},
    )
    assert list(pairs.candidates(res)) == []


def model_data(**changes) -> dict:
    data = {
        "format": FORMAT,
        "features_version": pairs.FEATURES_VERSION,
        "threshold": 0.5,
        "labels": ["acquired>", "none"],
        "bias": [-1.0, 0.0],
        "weights": {"LCAT:acquired": [[0, 3.0]]},
    }
    data.update(changes)
    return data


def test_probabilities_weigh_the_features_against_none():
    model = RelationModel(model_data())
    with_trigger = model.probabilities(["LCAT:acquired", "T:Org>Org"], ["acquired>", "partnerOf="])
    assert set(with_trigger) == {"acquired>"}  # a label the model does not know gets nothing
    assert with_trigger["acquired>"] == pytest.approx(1 / (1 + 2.718281828**-2), rel=1e-6)
    assert model.probabilities(["T:Org>Org"], ["acquired>"])["acquired>"] < 0.5


def test_a_model_file_round_trips_and_a_stale_one_is_refused(tmp_path):
    path = tmp_path / "m.json"
    path.write_text(json.dumps(RelationModel(model_data()).as_json()))
    assert RelationModel.load(path).weights == {"LCAT:acquired": [(0, 3.0)]}
    with pytest.raises(InputError, match="retrain it with 'oifgraph train'"):
        RelationModel(model_data(features_version=pairs.FEATURES_VERSION - 1))
    with pytest.raises(InputError, match="not an oifgraph relation model"):
        RelationModel(model_data(format="something else"))
    path.write_text("{not json")
    with pytest.raises(InputError, match="cannot read the relation model"):
        RelationModel.load(path)


def test_fit_learns_which_features_mark_a_relation():
    item = AnnotatedDocument(document=None, gold={})
    for _ in range(20):
        item.examples.append(
            Example(("LCAT:acquired", "T:Org>Org"), ("acquired>", "partnerOf="), frozenset({"acquired>"}))
        )
        item.examples.append(Example(("LCAT:-", "T:Org>Org"), ("acquired>", "partnerOf="), frozenset()))
    item.examples.append(
        Example(("LCAT:partnerOf", "T:Org>Org"), ("acquired>", "partnerOf="), frozenset({"partnerOf="}))
    )
    model = fit([item], c=10.0, threshold=0.4)
    assert model.threshold == 0.4 and set(model.labels) == {"acquired>", "partnerOf=", "none"}
    assert model.probabilities(["LCAT:acquired", "T:Org>Org"], ["acquired>"])["acquired>"] > 0.8
    assert model.probabilities(["LCAT:-", "T:Org>Org"], ["acquired>"])["acquired>"] < 0.2


@pytest.mark.parametrize(
    "text, evidence, found",
    [
        ("Orvia, rachetée par  Kestrel, recrute.", "rachetée par Kestrel", [(7, 28)]),
        ("L'éditeur d'Orvia recrute.", "L’éditeur d’Orvia", [(0, 17)]),  # typographic apostrophes
        ("A recrute. B aussi.", "A ... B", []),  # elided evidence: not located (word overlap then)
    ],
)
def test_gold_evidence_is_located_in_the_text(text, evidence, found):
    assert _find_all(text, evidence) == found


def test_the_shipped_model_is_trained_on_the_current_corpus():
    """Retrain with `make model` after changing corpus/dev."""
    model = default_model()  # (a model of other features would not load)
    assert model is not None
    documents, golds = read_annotated([CORPUS / "dev"])
    assert model.info["corpus"] == fingerprint(documents, golds), "corpus/dev changed: run make model"
    assert model.info["documents"] == len(documents)


@pytest.mark.slow
def test_train_command_writes_a_model_that_extract_uses(tmp_path, extractor):
    from oifgraph.cli import cli

    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    sources = sorted((CORPUS / "dev").glob("dev-[ab]0[12]-*.txt"))
    assert len(sources) == 4
    for txt in sources:
        (gold_dir / txt.name).write_text(txt.read_text(encoding="utf-8"), encoding="utf-8")
        gold = txt.with_name(txt.stem + ".gold.json")
        (gold_dir / gold.name).write_text(gold.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "model.json"
    runner = CliRunner()
    result = runner.invoke(cli, ["train", str(gold_dir), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "4 documents" in result.output and str(out) in result.output
    model = RelationModel.load(out)
    assert model.info["documents"] == 4 and model.threshold == 0.3

    result = runner.invoke(
        cli, ["extract", str(sources[0]), "--format", "json", "--relation-model", str(out)]
    )
    assert result.exit_code == 0, result.output
    rules = runner.invoke(cli, ["extract", str(sources[0]), "--format", "json", "--relation-model", "none"])
    assert all(r["rule"] != "model" for r in json.loads(rules.output)["relations"])

    result = runner.invoke(cli, ["train", str(gold_dir), "--cv"])
    assert result.exit_code == 0, result.output
    assert "2 held-out groups, 4 documents" in result.output
    assert "rules alone" in result.output and "rules + classifier (p >= 0.3)" in result.output


def test_training_without_scikit_learn_says_how_to_install_it(monkeypatch):
    import sys

    from oifgraph.errors import TrainingUnavailable

    for name in ("sklearn", "sklearn.feature_extraction", "sklearn.linear_model"):
        monkeypatch.setitem(sys.modules, name, None)  # as if it were not installed
    item = AnnotatedDocument(document=None, gold={}, examples=[Example(("a",), ("acquired>",), frozenset())])
    with pytest.raises(TrainingUnavailable, match=r"pip install 'oifgraph\[train\]'"):
        fit([item])


def test_a_missing_model_file_is_a_clear_error(tmp_path):
    from oifgraph.cli import cli

    text = tmp_path / "a.txt"
    text.write_text("Kestrel Labs rachète Orvia.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(text), "--relation-model", str(tmp_path / "nope.json")])
    assert result.exit_code == 2
    assert "cannot read the relation model" in result.output
