"""Fog of war: what one side can see, and the state as that side knows it.

The rule (also in the README): a side sees every hex it controls, every hex within
``sight_hexes`` of its ground units — except hexes of close terrain (forest, mountains, towns),
which it sees only from next door — and hexes within ``air_recon_hexes`` of its air bases.
Enemy units in hexes it cannot see are hidden from its view. The AI and the UI decide on the
view; the engine checks every order against the true state, so an order that runs into a
hidden enemy is refused.
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
    """A copy of the state with the enemy units the side cannot see taken off the map."""
    out = state.clone()
    seen = visible(state, side)
    enemy = np.flatnonzero((state.scenario.unit_side != side) & (state.unit_hex != OFF_MAP))
    hidden = enemy[~seen[state.unit_hex[enemy]]]
    out.unit_hex[hidden] = OFF_MAP
    return out
