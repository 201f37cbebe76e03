"""What a scenario defines, as lists: its equipment and its unit types, with what each side fields.

For `info SCENARIO --equipment` and `--units`: a designer writing an order of battle needs the ids
to type, and a reader of someone else's scenario wants to see what is in it without reading YAML.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from game.scenario.source import ScenarioSource


def catalog(src: ScenarioSource, equipment: bool, unit_types: bool) -> dict[str, Any]:
    """{"equipment": [...], "unit_types": [...]}, each entry with per-side counts (reinforcements included)."""
    sides = [s.id for s in src.scenario.model.sides]
    out: dict[str, Any] = {}
    if equipment:
        totals: dict[str, Counter[str]] = {sid: Counter() for sid in sides}
        for oob in src.oobs:
            for u in oob.model.units:
                totals[oob.model.side].update(u.equipment)
        out["equipment"] = [{"id": e.id, "name": e.name, "kind": e.kind.value, "file": eq.doc.file,
                             "by_side": {sid: totals[sid][e.id] for sid in sides}}
                            for eq in src.equipment for e in eq.model.equipment]
    if unit_types:
        used = {sid: Counter(u.type for oob in src.oobs if oob.model.side == sid for u in oob.model.units)
                for sid in sides}
        out["unit_types"] = [{"id": tid, "name": t.name, "symbol": t.symbol.value, "size": t.size.value,
                              "domain": t.domain.value, "movement_class": t.movement_class.value,
                              "movement_points": t.movement_points, "support_range": t.support_range,
                              "by_side": {sid: used[sid][tid] for sid in sides}}
                             for tid, t in src.rules.model.unit_types.items()]
    return out


def format_catalog(lists: dict[str, Any]) -> str:
    """Plain-text tables of ``catalog``'s lists."""
    lines: list[str] = []
    for key, title, columns in (("equipment", "Equipment", ("id", "name", "kind")),
                                ("unit_types", "Unit types", ("id", "name", "size", "movement_class",
                                                              "movement_points"))):
        rows = lists.get(key)
        if rows is None:
            continue
        sides = list(rows[0]["by_side"]) if rows else []
        table = [[*columns, *sides]] + [[_cell(r[c]) for c in columns] + [str(r["by_side"][s]) for s in sides]
                                        for r in rows]
        widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
        lines += [f"{title} ({len(rows)}):"] + ["  " + "  ".join(cell.ljust(w) for cell, w in zip(row, widths,
                                                                                                 strict=True)).rstrip()
                                                for row in table] + [""]
    return "\n".join(lines).rstrip() + "\n"


def _cell(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)
