"""The penetration table: every anti-armour weapon against every armoured type, facing and range.

Combat decides kills from one comparison — a weapon's penetration at the engagement range against
the effective armour of the facing hit — so a designer tuning the equipment file needs to see that
comparison for every pair at once, and tests need it to check the scenario's historical claims
(e.g. the 85 mm gun defeats Japanese tanks at 2,000 m). This module computes it as one numpy
broadcast (weapons x ranges against targets x facings) and prints it; the numbers stay in data.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from game.core.equipment import FACINGS, EquipmentType, Weapon

PENETRATION_RANGES_M: tuple[int, ...] = (100, 500, 1000, 1500, 2000)

# Cell markers: ASCII so the table prints on any console (Windows code pages included).
YES = "Y"
NO = "n"


def _armed(equipment: Sequence[EquipmentType]) -> list[tuple[str, Weapon]]:
    """(carrier id, weapon) for every weapon with a penetration table; others only do HE."""
    return [(e.id, w) for e in equipment for w in e.weapons if w.pen_range_m]


def penetration_matrix(weapons: Sequence[Weapon], ranges: Sequence[float]) -> np.ndarray:
    """Penetration in mm, shape (weapons, ranges), interpolated exactly as combat does."""
    r = np.asarray(ranges, dtype=float)
    rows = [np.asarray(w.penetration(r), dtype=float) for w in weapons]
    return np.array(rows, dtype=float).reshape(len(weapons), len(r))


def armor_matrix(targets: Sequence[EquipmentType]) -> np.ndarray:
    """Effective armour in mm, shape (targets, facings), facings in ``FACINGS`` order."""
    return np.array([t.armor for t in targets], dtype=float).reshape(len(targets), len(FACINGS))


def penetration_records(equipment: Sequence[EquipmentType],
                        ranges: Iterable[float] = PENETRATION_RANGES_M) -> list[dict[str, Any]]:
    """One record per (carrier, weapon, armoured target, facing, range), grouped by carrier and weapon.

    Every weapon with a penetration table is included, even where it reaches nothing at these ranges
    (close-assault weapons show 0), so the table hides no weapon. Values are plain Python types, so
    the list goes straight to JSON.
    """
    rng = list(ranges)
    guns = _armed(equipment)
    targets = [e for e in equipment if e.armored]
    pen = penetration_matrix([w for _, w in guns], rng)  # W x R
    arm = armor_matrix(targets)  # T x F
    # W x T x F x R: the output order (grouped by weapon, then target and facing, ranges innermost).
    pen4 = np.broadcast_to(pen[:, None, None, :], (len(guns), len(targets), len(FACINGS), len(rng)))
    arm4 = np.broadcast_to(arm[None, :, :, None], pen4.shape)
    margin = pen4 - arm4
    idx = np.indices(pen4.shape).reshape(4, -1).T.tolist()
    return [
        {"shooter": guns[g][0], "weapon": guns[g][1].name, "target": targets[t].id, "facing": FACINGS[f],
         "range_m": rng[r], "penetration_mm": p, "armor_mm": a, "margin_mm": m, "penetrates": p > a}
        for (g, t, f, r), p, a, m in zip(idx, pen4.ravel().tolist(), arm4.ravel().tolist(),
                                         margin.ravel().tolist(), strict=True)
    ]


def _cell(record: Mapping[str, Any]) -> str:
    """Margin in whole mm with the verdict, e.g. ``+65 Y`` / ``-40 n``."""
    return f"{record['margin_mm']:+.0f} {YES if record['penetrates'] else NO}"


def _group(records: Sequence[Mapping[str, Any]]) -> dict[tuple[str, str], list[Mapping[str, Any]]]:
    """Records by (shooter, weapon), keeping first-seen order."""
    groups: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
    for rec in records:
        groups.setdefault((rec["shooter"], rec["weapon"]), []).append(rec)
    return groups


def _block(shooter: str, weapon: str, records: Sequence[Mapping[str, Any]], ranges: list[Any]) -> list[str]:
    """One shooter/weapon: a header, its penetration by range, then a row per target and facing."""
    pen = {rec["range_m"]: rec["penetration_mm"] for rec in records}
    rows: dict[str, dict[Any, str]] = {}
    for rec in records:
        rows.setdefault(f"{rec['target']} {rec['facing']} ({rec['armor_mm']:g})", {})[rec["range_m"]] = _cell(rec)
    label_w = max([len("penetration mm"), *map(len, rows)])
    cell_w = max([7, *(len(c) for row in rows.values() for c in row.values())])
    head = f"{'':<{label_w}}" + "".join(f"{f'{r:g} m':>{cell_w + 2}}" for r in ranges)
    pen_row = f"{'penetration mm':<{label_w}}" + "".join(
        f"{(format(pen[r], '.0f') if r in pen else ''):>{cell_w + 2}}" for r in ranges)
    body = [f"{label:<{label_w}}" + "".join(f"{row.get(r, ''):>{cell_w + 2}}" for r in ranges)
            for label, row in rows.items()]
    return [f"{shooter}: {weapon}", head, pen_row, *body]


def format_table(records: Sequence[Mapping[str, Any]]) -> str:
    """A terminal table from ``penetration_records``: one block per shooter and weapon.

    Rows are target, facing and its armour in mm; columns are ranges; each cell is penetration
    minus armour in mm with ``Y`` (penetrates) or ``n`` (does not). ASCII only, so any console shows it.
    """
    if not records:
        return "No weapon with a penetration table, or no armoured target."
    ranges = sorted({rec["range_m"] for rec in records})
    lines = [f"Cell: penetration minus armour in mm; {YES} = penetrates, {NO} = does not."]
    for (shooter, weapon), recs in _group(records).items():
        lines += ["", *_block(shooter, weapon, recs, ranges)]
    return "\n".join(lines)
