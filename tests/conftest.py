from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared" / "reference"
REFERENCE = SHARED / "openinfra-article.txt"


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
