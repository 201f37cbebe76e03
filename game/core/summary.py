"""Totals per side (men, divisions, tanks, guns ...), for `info`, simulation reports and the UI."""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np

from game.core.equipment import GUN_KINDS
from game.core.state import GameState
from game.core.units import DIVISION_SIZE

EQUIPMENT_TOTALS = {"tanks": {"tank"}, "spgs": {"spg"}, "guns": set(GUN_KINDS), "aircraft": {"aircraft"},
                    "vehicles": {"vehicle"}, "armored_cars": {"armored_car"}}


def side_totals(state: GameState, side: int, with_reinforcements: bool = False) -> dict[str, Any]:
    """Figures for one side's units on the map (and those still to arrive), under stable keys.

    Divisions count ground units of division size; air divisions are counted by their aircraft.
    """
    scn = state.scenario
    units = state.units_of(side)
    if with_reinforcements:
        due = np.array([u.arrives is not None and f"arrived:{u.id}" not in state.extra for u in scn.units], bool)
        units = np.union1d(units, np.flatnonzero(due & (scn.unit_side == side)))
    counts = state.unit_equipment[units].sum(axis=0) if len(units) else np.zeros(len(scn.equipment), int)
    kinds = np.array([e.kind for e in scn.equipment], dtype=object)
    out: dict[str, Any] = {
        "units": len(units),
        "divisions": sum(1 for u in units if scn.units[u].type.size == DIVISION_SIZE and scn.unit_ground[u]),
        "men": int(state.unit_men[units].sum()),
    }
    for key, kind_set in EQUIPMENT_TOTALS.items():
        mask = np.isin(kinds, list(kind_set)) if len(kinds) else np.zeros(0, bool)
        out[key] = int(counts[mask].sum()) if len(kinds) else 0
    out["formations_by_kind"] = dict(sorted(Counter(scn.units[u].type.name for u in units).items()))
    return out


def scenario_info(state: GameState) -> dict[str, Any]:
    """What `info` reports: map, calendar and per-side totals."""
    scn = state.scenario
    grid = scn.map.grid
    land = ~np.isin(np.array(scn.map.terrain_kinds)[scn.map.terrain], ["sea", "lake"])
    return {
        "id": scn.id,
        "name": scn.name,
        "map": {"width": grid.width, "height": grid.height, "hexes": grid.size, "land_hexes": int(land.sum()),
                "km_per_hex": scn.map.km_per_hex, "places": len(scn.map.places)},
        "turns": scn.turns,
        "start_date": scn.start_date.isoformat(),
        "end_date": scn.date_of(scn.turns).isoformat(),
        "sides": {s.id: {"name": s.name, **side_totals(state, i, with_reinforcements=True)}
                  for i, s in enumerate(scn.sides)},
    }
