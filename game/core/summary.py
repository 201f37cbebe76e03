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


def casualties(state: GameState, side: int) -> dict[str, int]:
    """Cumulative losses of one side under stable keys (what `simulate --json` and calibration read).

    Men: ``killed``, ``wounded`` and ``captured`` (missing counts as captured). Armour (tanks and
    SPGs): ``tanks_destroyed`` and ``tanks_damaged``. The rules keep the running sums in
    ``state.extra`` as ``<kind>:<side id>``; men lost that no rule has split yet count as killed.
    """
    sid = state.scenario.sides[side].id
    get = state.extra.get
    lost = int(state.unit_lost_men[state.scenario.unit_side == side].sum())
    wounded, captured = get(f"wounded:{sid}", 0), get(f"captured:{sid}", 0)
    lost += get(f"returned:{sid}", 0)  # wounded back in the ranks are no longer lost, but were wounded
    return {"killed": max(0, lost - wounded - captured), "wounded": wounded, "captured": captured,
            "tanks_destroyed": get(f"tanks_destroyed:{sid}", 0), "tanks_damaged": get(f"tanks_damaged:{sid}", 0)}


def logistics(state: GameState, side: int) -> dict[str, float]:
    """One side's supply now: units that burn fuel with under half a day left, tons delivered and needed
    at the side's last start of phase (``state.extra`` keeps them as ``tons_delivered:<side id>``...)."""
    scn = state.scenario
    sid = scn.sides[side].id
    low = 0
    if scn.supply is not None:
        units = state.ground_units_of(side)
        burns = np.isin(scn.unit_class[units], list(scn.supply.fuel_classes))
        low = int((burns & (state.unit_fuel[units] < 0.5)).sum())
    return {"low_fuel_units": low, "tons_delivered": state.extra.get(f"tons_delivered:{sid}", 0),
            "tons_needed": state.extra.get(f"tons_needed:{sid}", 0)}
