from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared" / "reference"
REFERENCE = SHARED / "openinfra-article.txt"


def facts_store(path: Path, count: int, graphs: int = 1) -> Path:
    """A store of ``count`` facts ex:s{i} ex:p "v{i}" spread over ``graphs`` named graphs, written
    with pyoxigraph directly (no spaCy needed)."""
    import pyoxigraph as ox

    ex = "http://example.org/"
    db = ox.Store(str(path))
    db.extend(
        ox.Quad(
            ox.NamedNode(f"{ex}s{i}"),
            ox.NamedNode(f"{ex}p"),
            ox.Literal(f"v{i}"),
            ox.NamedNode(f"{ex}g{i % graphs}"),
        )
        for i in range(count)
    )
    del db
    return path


def corpus_texts() -> list[Path]:
    return sorted(CORPUS.rglob("*.txt"))


def gold_of(path: Path) -> dict:
    return json.loads(path.with_name(path.stem + ".gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def extractor():
    """The real French pipeline, loaded once for the whole session."""
    from oifgraph.api import Extractor

    return Extractor.shared()


@pytest.fixture(scope="session")
def reference_text() -> str:
    """The reference article when ../shared is there, else a corpus article of ours."""
    if REFERENCE.exists():
        return REFERENCE.read_text(encoding="utf-8")
    pytest.skip("../shared/reference is not available")
