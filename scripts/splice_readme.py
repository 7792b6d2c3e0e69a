"""Replace the text between <!-- NAME:begin --> and <!-- NAME:end --> in a file with stdin.

Usage: oifgraph evaluate corpus/test --baseline --format markdown | python scripts/splice_readme.py README.md eval
"""

from __future__ import annotations

import sys
from pathlib import Path


def splice(document: str, name: str, content: str) -> str:
    begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
    head, found, rest = document.partition(begin)
    if not found or end not in rest:
        raise SystemExit(f"error: markers {begin} ... {end} not found")
    _, _, tail = rest.partition(end)
    return f"{head}{begin}\n{content.strip()}\n{end}{tail}"


def main() -> None:
    path, name = Path(sys.argv[1]), sys.argv[2]
    path.write_text(splice(path.read_text(encoding="utf-8"), name, sys.stdin.read()), encoding="utf-8")


if __name__ == "__main__":
    main()
