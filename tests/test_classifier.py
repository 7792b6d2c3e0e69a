"""The learned classifiers: candidate pairs and names and their features on hand-built parses, the
classifier file, training, and the shipped classifier."""

from __future__ import annotations

import json

import pytest
import spacy
from click.testing import CliRunner
from spacy.tokens import Doc

from oifgraph.errors import InputError
from oifgraph.nlp import pairs
from oifgraph.nlp.extract import Ref
from oifgraph.nlp.learned import FORMAT, Classifier, LinearModel, default_classifier
from oifgraph.nlp.tokens import Tokens
from oifgraph.records import Document
from oifgraph.training import Example, _find_all, _group, fingerprint, read_annotated

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


def test_a_name_is_described_by_its_votes_its_contexts_and_its_shape():
    from oifgraph.nlp import mentions

    doc = Doc(
        NLP.vocab,
        words=["La", "société", "Orvia Labs", "s'installe", "à", "Lyon", "."],
        heads=[1, 3, 1, 3, 5, 3, 3],
        deps=["det", "nsubj", "appos", "ROOT", "case", "obl:mod", "punct"],
        pos=["DET", "NOUN", "PROPN", "VERB", "ADP", "PROPN", "PUNCT"],
        lemmas=["le", "société", "Orvia Labs", "installer", "à", "Lyon", "."],
    )
    doc[2].ent_type_, doc[5].ent_type_ = "Organization", "Organization"
    doc.user_data[mentions.VOTES_KEY] = {"Orvia Labs": {"Organization": 5.0}, "Lyon": {"Organization": 0.5}}
    features = mentions.entity_features(doc)
    assert {
        "LAST:labs",
        "NW:2",
        "DESC:société",
        "DESCT:Organization",
        "WIN:Organization",
        "V:Organization:6",
    } <= set(features["Orvia Labs"])
    assert {"PREV:à", "CASE:à", "HEAD:obl:mod:installer", "MARGIN:1"} <= set(features["Lyon"])
    typer = LinearModel(["Organization", "Place"], [0.0, 0.0], {"CASE:à": [[1, 3.0]]})
    mentions.retype(doc, typer)
    assert (doc[2].ent_type_, doc[5].ent_type_) == ("Organization", "Place")


@pytest.mark.parametrize("weight, expected", [(0.08, "Organization"), (0.3, "Place")])
def test_the_typer_keeps_the_rules_type_on_a_near_tie(weight, expected):
    # A weight of 0.08 gives Place 52.0% against 48.0%, under the margin: the rules' type stays;
    # 0.3 gives 57.4% against 42.6%.
    from oifgraph.nlp import mentions

    doc = Doc(NLP.vocab, words=["Orvia", "recrute", "."], heads=[1, 1, 1], deps=["nsubj", "ROOT", "punct"])
    doc[0].ent_type_ = "Organization"
    typer = LinearModel(["Organization", "Place"], [0.0, 0.0], {"NW:1": [[1, weight]]})
    mentions.retype(doc, typer)
    assert doc[0].ent_type_ == expected


@pytest.mark.parametrize(
    "votes, weight, expected",
    [
        ({"Organization": 5.0}, 0.3, "Organization"),  # unanimous: 57.4% against 42.6% is not enough
        ({"Organization": 5.0}, 1.0, "Place"),  # 73.1% against 26.9%
        ({"Organization": 5.0, "Place": 1.0}, 0.3, "Place"),  # split votes: the near-tie margin only
    ],
)
def test_the_rules_unanimous_type_takes_a_wider_margin_to_change(votes, weight, expected):
    from oifgraph.nlp import mentions

    doc = Doc(NLP.vocab, words=["Orvia", "recrute", "."], heads=[1, 1, 1], deps=["nsubj", "ROOT", "punct"])
    doc[0].ent_type_ = "Organization"
    doc.user_data[mentions.VOTES_KEY] = {"Orvia": votes}
    typer = LinearModel(["Organization", "Place"], [0.0, 0.0], {"NW:1": [[1, weight]]})
    mentions.retype(doc, typer)
    assert doc[0].ent_type_ == expected


def classifier_data(**changes) -> dict:
    relations = {
        "features_version": pairs.FEATURES_VERSION,
        "labels": ["acquired>", "none"],
        "bias": [-1.0, 0.0],
        "weights": {"LCAT:acquired": [[0, 3.0]]},
    }
    relations.update(changes)
    return {"format": FORMAT, "threshold": 0.5, "relations": relations}


def test_probabilities_weigh_the_features_against_none():
    model = Classifier.from_json(classifier_data()).relations
    with_trigger = model.probabilities(["LCAT:acquired", "T:Org>Org"], ["acquired>", "partnerOf="])
    assert set(with_trigger) == {"acquired>"}  # a label the model does not know gets nothing
    assert with_trigger["acquired>"] == pytest.approx(1 / (1 + 2.718281828**-2), rel=1e-6)
    assert model.probabilities(["T:Org>Org"], ["acquired>"])["acquired>"] < 0.5


def test_types_are_weighed_against_each_other():
    model = LinearModel(["Organization", "Place"], [0.0, 0.0], {"PREV:à": [[1, 2.0]]})
    probs = model.probabilities(["PREV:à"], ["Organization", "Place"], against_none=False)
    assert probs["Place"] == pytest.approx(1 / (1 + 2.718281828**-2), rel=1e-6)
    assert sum(probs.values()) == pytest.approx(1.0)


def test_a_classifier_file_round_trips_and_a_stale_one_is_refused(tmp_path):
    path = tmp_path / "c.json"
    path.write_text(json.dumps(Classifier.from_json(classifier_data()).as_json()))
    loaded = Classifier.load(path)
    assert loaded.relations.weights == {"LCAT:acquired": [(0, 3.0)]} and loaded.types is None
    with pytest.raises(InputError, match="retrain it with 'oifgraph train'"):
        Classifier.from_json(classifier_data(features_version=pairs.FEATURES_VERSION - 1))
    with pytest.raises(InputError, match="not an oifgraph classifier"):
        Classifier.from_json({**classifier_data(), "format": "something else"})
    path.write_text("{not json")
    with pytest.raises(InputError, match="cannot read the classifier"):
        Classifier.load(path)


def test_fit_learns_which_features_mark_a_relation():
    from oifgraph.training import fit_linear

    examples = []
    for _ in range(20):
        examples.append(Example(("LCAT:acquired", "T:Org>Org"), ("acquired>",), frozenset({"acquired>"})))
        examples.append(Example(("LCAT:-", "T:Org>Org"), ("acquired>",), frozenset()))
    examples.append(Example(("LCAT:partnerOf", "T:Org>Org"), ("partnerOf=",), frozenset({"partnerOf="})))
    model = fit_linear(examples, c=10.0, default="none")
    assert set(model.labels) == {"acquired>", "partnerOf=", "none"}
    assert model.probabilities(["LCAT:acquired", "T:Org>Org"], ["acquired>"])["acquired>"] > 0.8
    assert model.probabilities(["LCAT:-", "T:Org>Org"], ["acquired>"])["acquired>"] < 0.2
    # Without a default label, examples without a gold label are left out: two types, one row each.
    typed = [Example(("PREV:à",), (), frozenset({"Place"}))] * 5 + [
        Example(("PREV:la",), (), frozenset({"Organization"}))
    ] * 5
    typer = fit_linear(typed + [Example(("PREV:x",), (), frozenset())], c=10.0, default=None)
    assert typer.labels == ["Organization", "Place"]
    assert typer.probabilities(["PREV:à"], typer.labels, against_none=False)["Place"] > 0.8


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


@pytest.mark.parametrize(
    "name, group",
    [
        ("dev-k03-veltis", "k"),
        ("dev-aa01-lumen", "aa"),  # sets past z take two letters, and are not set "a"
        ("article-sans-serie", "article-sans-serie"),  # no set: a group of its own
    ],
)
def test_cross_validation_groups_are_the_letters_of_the_set(name, group):
    assert _group(Document(id=name, text="", source=name + ".txt", sha256="")) == group


def test_the_shipped_classifier_is_trained_on_the_current_corpus():
    """Retrain with `make model` after changing corpus/dev."""
    classifier = default_classifier()  # (one trained on other features would not load)
    assert classifier is not None and classifier.types is not None and classifier.relations is not None
    documents, golds = read_annotated([CORPUS / "dev"])
    assert classifier.info["corpus"] == fingerprint(documents, golds), "corpus/dev changed: run make model"
    assert classifier.info["documents"] == len(documents)


@pytest.mark.slow
def test_train_command_writes_a_classifier_that_extract_uses(tmp_path, extractor):
    from oifgraph.cli import cli

    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    sources = sorted((CORPUS / "dev").glob("dev-[ab]0[12]-*.txt"))
    assert len(sources) == 4
    for txt in sources:
        (gold_dir / txt.name).write_text(txt.read_text(encoding="utf-8"), encoding="utf-8")
        gold = txt.with_name(txt.stem + ".gold.json")
        (gold_dir / gold.name).write_text(gold.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "classifier.json"
    runner = CliRunner()
    result = runner.invoke(cli, ["train", str(gold_dir), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "4 documents" in result.output and str(out) in result.output
    classifier = Classifier.load(out)
    assert classifier.info["documents"] == 4 and classifier.threshold == 0.3

    result = runner.invoke(cli, ["extract", str(sources[0]), "--format", "json", "--classifier", str(out)])
    assert result.exit_code == 0, result.output
    rules = runner.invoke(cli, ["extract", str(sources[0]), "--format", "json", "--classifier", "none"])
    assert all(r["rule"] != "model" for r in json.loads(rules.output)["relations"])

    result = runner.invoke(cli, ["train", str(gold_dir), "--cv"])
    assert result.exit_code == 0, result.output
    assert "2 held-out groups, 4 documents" in result.output
    assert "rules alone" in result.output and "rules + typer + relations (p >= 0.3)" in result.output


def test_training_without_scikit_learn_says_how_to_install_it(monkeypatch):
    import sys

    from oifgraph.errors import TrainingUnavailable

    for name in ("sklearn", "sklearn.feature_extraction", "sklearn.linear_model"):
        monkeypatch.setitem(sys.modules, name, None)  # as if it were not installed
    from oifgraph.training import fit_linear

    with pytest.raises(TrainingUnavailable, match=r"pip install 'oifgraph\[train\]'"):
        fit_linear([Example(("a",), ("acquired>",), frozenset())], c=1.0, default="none")


def test_a_missing_classifier_file_is_a_clear_error(tmp_path):
    from oifgraph.cli import cli

    text = tmp_path / "a.txt"
    text.write_text("Kestrel Labs rachète Orvia.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(text), "--classifier", str(tmp_path / "nope.json")])
    assert result.exit_code == 2
    assert "cannot read the classifier" in result.output
