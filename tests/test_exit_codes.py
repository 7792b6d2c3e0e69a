"""The exit codes are documented where users look: the top-level --help and the README."""

from __future__ import annotations

import re

from click.testing import CliRunner

from oifgraph.cli import EXIT_LOCKED, EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, cli
from oifgraph.errors import InputError, OifgraphError, QueryError, StoreError, StoreLocked

from .conftest import ROOT


def test_codes_are_what_the_documentation_says():
    assert (EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, EXIT_LOCKED) == (0, 1, 2, 3)
    assert (
        OifgraphError.exit_code == InputError.exit_code == QueryError.exit_code == StoreError.exit_code == 2
    )
    assert StoreLocked.exit_code == 3


def test_top_level_help_lists_every_exit_code():
    text = " ".join(CliRunner().invoke(cli, ["--help"]).output.split())
    assert "Exit codes: 0 done, 1 partial (some documents failed, the others are stored)," in text
    assert "2 usage or input error" in text and "3 the store is locked by another process" in text


def test_readme_has_an_exit_codes_section():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    rows = dict(re.findall(r"^\| (\d) \| (.+) \|$", section, re.MULTILINE))
    assert sorted(rows) == ["0", "1", "2", "3"]
    assert rows["1"].startswith("partial") and "locked" in rows["3"]
