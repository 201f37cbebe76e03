"""Fog of war: what one side can see, and the state as that side knows it.

The rule (also in the README): a side sees every hex it controls, every hex within
``sight_hexes`` of its ground units — except hexes of close terrain (forest, mountains, towns),
which it sees only from next door — and hexes within ``air_recon_hexes`` of its air bases.
Enemy units in hexes it cannot see are hidden from its view, and emptied: their men, equipment
and stocks are not in it, nor is the game's RNG. The AI and the UI decide on the view; the
engine checks every order against the true state. Hex ownership is still the true one (it can
show where an enemy passed in fog): issue 13 leaves that to do.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.core.state import GameState
from game.core.units import OFF_MAP


@dataclass(frozen=True)
class FogRules:
    sight_hexes: int
    close_terrain: frozenset[int]  # terrain kind indices
    air_recon_hexes: int


def _dilate(mask: np.ndarray, nbr: np.ndarray, steps: int) -> np.ndarray:
    """Hexes within ``steps`` of any hex in ``mask``."""
    out = mask.copy()
    for _ in range(steps):
        grown = out.copy()
        ok = nbr[out]
        grown[ok[ok >= 0]] = True
        out = grown
    return out


def visible(state: GameState, side: int) -> np.ndarray:
    """bool [n_hexes]: hexes the side can see now."""
    scn = state.scenario
    fog = scn.fog
    n = scn.map.grid.size
    if fog is None:
        return np.ones(n, dtype=bool)
    nbr = scn.map.grid.neighbor_table
    mine = state.units_of(side)
    ground = np.zeros(n, dtype=bool)
    ground[state.unit_hex[mine[scn.unit_ground[mine]]]] = True
    air = np.zeros(n, dtype=bool)
    air[state.unit_hex[mine[~scn.unit_ground[mine]]]] = True
    close = np.isin(scn.map.terrain, list(fog.close_terrain))
    seen = (_dilate(ground, nbr, fog.sight_hexes) & ~close) | _dilate(ground, nbr, 1)
    seen |= _dilate(air, nbr, fog.air_recon_hexes) if fog.air_recon_hexes else air
    return seen | (state.control == side)


def view(state: GameState, side: int) -> GameState:
    """The state as the side may know it: the enemy units it cannot see taken off the map and emptied
    (``blank_hidden``), and the dice replaced by a fixed RNG, so nothing that reads a view — the UI,
    the computer players, the legality of a move — can learn a hidden fact or the coming rolls."""
    out = state.clone()
    seen = visible(state, side)
    enemy = np.flatnonzero((state.scenario.unit_side != side) & (state.unit_hex != OFF_MAP))
    hidden = enemy[~seen[state.unit_hex[enemy]]]
    out.unit_hex[hidden] = OFF_MAP
    return blank_hidden(out, side, copy=False)


def blank_hidden(v: GameState, side: int, copy: bool = True) -> GameState:
    """A copy of a view in which enemy units off the map hold nothing and the RNG is a fixed one.

    What a side can observe stays: enemy interdiction (bombed roads are part of the map every order
    is checked against) and enemy aircraft over hexes it can see (they will join any fight there).
    Planners that change a view on a scratch copy call it again to keep it blank."""
    from game.core.rules.air import MISSIONS

    out = v.clone() if copy else v
    hidden = np.flatnonzero((out.scenario.unit_side != side) & (out.unit_hex == OFF_MAP))
    seen = visible(out, side)
    target = out.unit_mission_target[hidden]
    overhead = (out.unit_mission[hidden] != -1) & (target >= 0) & seen[np.maximum(target, 0)]
    observed = (out.unit_mission[hidden] == MISSIONS.index("interdiction")) | overhead
    blank = hidden[~observed]
    out.unit_men[blank] = 0
    out.unit_equipment[blank] = 0
    out.unit_mission[blank] = -1
    out.unit_mission_target[blank] = -1
    out.unit_fuel[hidden] = 0
    out.unit_ammo[hidden] = 0
    out.unit_oos[hidden] = 0
    out.rng = np.random.Generator(np.random.PCG64(0))
    return out
