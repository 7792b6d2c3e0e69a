"""The house rules of DESIGN.md, checked."""

import ast
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "oifgraph"


def imported_modules(package: str) -> set[str]:
    names = set()
    for path in (SRC / package).glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom):
                names.add(("." * node.level) + (node.module or ""))
            elif isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
    return names


def test_nlp_and_rdf_meet_only_in_records():
    nlp, rdf = imported_modules("nlp"), imported_modules("rdf")
    assert not any("rdf" in m or "oxigraph" in m or "networkx" in m for m in nlp)
    assert not any(".nlp" in m or m.startswith("spacy") for m in rdf)


def test_only_nlp_imports_spacy():
    for path in SRC.rglob("*.py"):
        if "nlp" in path.parts:
            continue
        assert "import spacy" not in path.read_text(), path


def test_query_commands_do_not_load_spacy():
    code = (
        "import sys, oifgraph.cli, oifgraph.api, oifgraph.rdf.store, oifgraph.rdf.results, oifgraph.rdf.export;"
        "assert 'spacy' not in sys.modules, 'spacy imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_every_command_has_help():
    from click.testing import CliRunner

    from oifgraph.cli import cli

    for name, command in cli.commands.items():
        assert command.help, name
        result = CliRunner().invoke(cli, [name, "--help"])
        assert result.exit_code == 0 and "Exit codes" in result.output, name
