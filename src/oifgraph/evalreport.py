"""Render an evaluation as an aligned text table, a Markdown table, or a list of errors.

Rows are scores (entities, typed entities, each type, relations, each predicate, confidence
bands); columns are precision, recall, F1 and counts for oifgraph, and the baseline beside it.
"""

from __future__ import annotations

from collections.abc import Iterator

from .evaluate import HIGH_CONFIDENCE, DocumentResult, Report, Score
from .records import ENTITY_TYPES, PREDICATES


def _rows(report: Report) -> Iterator[tuple[str, Score | None]]:
    yield "entities (untyped)", report.entities
    yield "entities (typed)", report.typed
    for t in ENTITY_TYPES:
        if t in report.per_type:
            yield f"  {t}", report.per_type[t]
    yield "relations", report.relations
    for p in PREDICATES:
        if p in report.per_predicate:
            yield f"  {p}", report.per_predicate[p]
    for band, label in (("high", f"≥ {HIGH_CONFIDENCE}"), ("low", f"< {HIGH_CONFIDENCE}")):
        if band in report.bands:
            yield f"  confidence {label} (precision)", report.bands[band]


def _cells(score: Score | None, *, precision_only: bool = False) -> list[str]:
    if score is None:
        return ["", "", "", ""]
    if precision_only:
        return [f"{score.precision:.3f}", "", "", f"{score.tp}/{score.tp + score.fp}"]
    return [
        f"{score.precision:.3f}",
        f"{score.recall:.3f}",
        f"{score.f1:.3f}",
        f"{score.tp}/{score.tp + score.fp}/{score.tp + score.fn}",
    ]


def table(system: Report, baseline: Report | None = None) -> list[list[str]]:
    """Header and rows; counts are correct/predicted/gold (predicted only for confidence bands)."""
    header = ["", "P", "R", "F1", "correct/pred/gold"]
    if baseline is not None:
        header = [*header, "spaCy P", "spaCy R", "spaCy F1", "spaCy counts"]
    base_rows = dict(_rows(baseline)) if baseline is not None else {}
    rows = [header]
    for name, score in _rows(system):
        band = "confidence" in name
        row = [name, *_cells(score, precision_only=band)]
        if baseline is not None:
            other = base_rows.get(name)
            row += _cells(other, precision_only=band) if other is not None else ["—", "", "", ""]
        rows.append(row)
    return rows


def as_text(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [row[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def as_markdown(rows: list[list[str]]) -> str:
    def line(cells: list[str]) -> str:
        return "| " + " | ".join(c.strip() or " " for c in cells) + " |"

    first = [rows[0][0] or "score", *rows[0][1:]]
    body = [[r[0].replace("  ", "· ", 1) if r[0].startswith("  ") else r[0], *r[1:]] for r in rows[1:]]
    return "\n".join([line(first), "|" + "---|" + "---:|" * (len(first) - 1), *map(line, body)])


def errors(result: DocumentResult) -> str:
    """What one document got wrong: missed, spurious and mistyped entities; missed and spurious
    relations with their evidence."""
    out = [
        f"{result.name}: entities F1 {result.entities.f1:.2f}, typed {result.typed.f1:.2f}, "
        f"relations P {result.relations.precision:.2f} R {result.relations.recall:.2f}"
    ]
    for label, items in (
        ("missed entity", result.missed_entities),
        ("spurious entity", result.spurious_entities),
        ("mistyped entity", result.mistyped),
    ):
        out += [f"  {label}: {item}" for item in items]
    for (s, p, o), evidence in result.missed_relations:
        out.append(f"  missed relation: {s} —{p}→ {o}\n      « {evidence} »")
    for (s, p, o), evidence, confidence in result.spurious_relations:
        out.append(f"  spurious relation ({confidence}): {s} —{p}→ {o}\n      « {evidence} »")
    return "\n".join(out)
