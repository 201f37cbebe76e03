"""Invariants a game must keep after every order; the hardening tests check them constantly.

Each check returns a list of sentences describing what is wrong (empty when all is well), so
a failing soak run says exactly what broke and where.
"""

from __future__ import annotations

import numpy as np

from game.core.rules.movement import enemy_occupied
from game.core.state import GameState
from game.core.units import OFF_MAP


def conservation(state: GameState, start_men: np.ndarray, start_equipment: np.ndarray) -> list[str]:
    """Men and equipment of every unit are all present or lost: start = present + lost."""
    out = []
    men = state.unit_men + state.unit_lost_men
    if not np.array_equal(men, start_men):
        bad = np.flatnonzero(men != start_men)[:5]
        out.append(f"men not conserved for units {[state.scenario.units[u].id for u in bad]}")
    eq = state.unit_equipment + state.unit_lost_equipment
    if not np.array_equal(eq, start_equipment):
        out.append("equipment not conserved")
    return out


def no_negative_stocks(state: GameState) -> list[str]:
    out = []
    for name in ("unit_men", "unit_equipment", "unit_lost_men", "unit_lost_equipment", "unit_fuel", "unit_ammo",
                 "unit_mp", "unit_oos"):
        if (getattr(state, name) < 0).any():
            out.append(f"{name} below zero")
    return out


def hexes_legal(state: GameState) -> list[str]:
    """Ground units stand on passable terrain, never with an enemy, and within the stacking limit."""
    scn = state.scenario
    out = []
    for side in range(len(scn.sides)):
        units = state.ground_units_of(side)
        if enemy_occupied(state, side)[state.unit_hex[units]].any():
            out.append(f"{scn.sides[side].id} shares a hex with the enemy")
        for u in units:
            if not _enterable(state, int(scn.unit_class[u]))[state.unit_hex[u]]:
                out.append(f"{scn.units[u].id} stands where its class cannot go")
        over = np.bincount(state.unit_hex[units], minlength=scn.map.grid.size) > max(scn.movement.stack_max, 1) * 3
        if over.any():
            out.append(f"{scn.sides[side].id} stacks far over the limit")
    dead = (state.unit_hex == OFF_MAP) & (state.unit_men > 0) & np.array(
        [u.arrives is None or f"arrived:{u.id}" in state.extra for u in scn.units])
    if dead.any():
        out.append("units off the map still hold men")
    return out


def _enterable(state: GameState, mclass: int) -> np.ndarray:
    """bool [n_hexes]: hexes a class can enter from some neighbour (roads and rails count)."""
    m = state.scenario.map
    costs = state.scenario.movement.edge_costs(m, mclass)
    nbr = m.grid.neighbor_table
    out = np.zeros(m.grid.size, dtype=bool)
    ok = np.isfinite(costs) & (nbr >= 0)
    out[nbr[ok]] = True
    return out


def control_consistent(state: GameState) -> list[str]:
    """Every hex a ground unit stands in is held by its side."""
    scn = state.scenario
    on = np.flatnonzero((state.unit_hex != OFF_MAP) & scn.unit_ground)
    if (state.control[state.unit_hex[on]] != scn.unit_side[on]).any():
        return ["a ground unit stands in a hex its side does not hold"]
    return []


def wrecks_consistent(state: GameState) -> list[str]:
    """The wreck count the movement rules trust (``extra['wrecks']``: 0 means no wreck to cost) is the
    number of wrecked hexes, each of which has a side that wrecked it, on a road or railway."""
    from game.core.rules.demolition import WRECK_COUNT, demolishable

    out = []
    wrecked = state.wreck_days > 0
    if int(wrecked.sum()) != state.extra.get(WRECK_COUNT, 0):
        out.append(f"{int(wrecked.sum())} hexes wrecked but the count says {state.extra.get(WRECK_COUNT, 0)}")
    sides = state.wreck_side
    if (state.wreck_days < 0).any() or (sides[wrecked] < 0).any() or (sides[~wrecked] != -1).any():
        out.append("a wreck without its side, or a side without a wreck")
    if (wrecked & ~demolishable(state)).any():
        out.append("a wrecked hex with no road or railway")
    return out


def check_all(state: GameState, start_men: np.ndarray, start_equipment: np.ndarray) -> list[str]:
    return (conservation(state, start_men, start_equipment) + no_negative_stocks(state) + hexes_legal(state)
            + control_consistent(state) + wrecks_consistent(state))
