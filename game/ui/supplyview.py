"""What a side sees of its own supply: the overlay's shade per hex and a unit's supply today.

Pure numpy over the core's ``SupplyMap`` and ``Deliveries`` (no pygame), so the overlay's
lookup and the unit panel's numbers are tested without a screen.

A unit's level is the share of the tons it needs today that its lorries deliver: full from
95 %, partial from 50 %, thin below; cut off beyond their reach or when it starves. A hex
shades as the nearest of the side's units fed by the same rail network (nearest in hex steps
through supplied hexes of that network): the lorries of a front serve the units nearest their
railheads first, so the ground around a spearhead that outran its lorries shades as that
spearhead does. A hex with units shades as the worst of them. Hexes where the side's units
stand and no supply reaches are cut off, with the unsupplied hexes the side holds next to them
(the pocket); the rest beyond the lorries' reach stays clear (the side's empty rear too).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.core.rules.movement import INF, label_correcting
from game.core.rules.supply import Deliveries, SupplyMap, roots
from game.core.state import GameState

NONE, FULL, PARTIAL, THIN, CUT_OFF = range(5)  # overlay levels, in the order of the layer's colours
FULL_FROM = 0.95  # share of the fuel and ammunition that arrives today: full from here ...
PARTIAL_FROM = 0.5  # ... partial from here, thin below


def shares(day: Deliveries) -> np.ndarray:
    """Per unit of ``day.units``: the share of the tons it needs today (food, fuel, ammunition) that arrives."""
    need = day.need_t
    got = day.food_t * day.food_ratio + day.stores_t * day.ratio
    return np.where(need > 0, got / np.maximum(need, 1e-9), np.where(np.isfinite(day.km), 1.0, 0.0))


def unit_levels(state: GameState, day: Deliveries) -> np.ndarray:
    """int8 per unit of ``day.units``: FULL, PARTIAL or THIN by the share of its needs that arrives
    today; CUT_OFF beyond the lorries' reach or when less than ``starving_below`` of its food arrives."""
    rules = state.scenario.supply
    starving = rules.starving_below if rules is not None else 0.0
    share = shares(day)
    level = np.where(share >= FULL_FROM, FULL, np.where(share >= PARTIAL_FROM, PARTIAL, THIN))
    cut = ~np.isfinite(day.km) | (day.food_ratio < starving)
    return np.where(cut, CUT_OFF, level).astype(np.int8)


def hex_levels(state: GameState, side: int, smap: SupplyMap, day: Deliveries) -> np.ndarray:
    """int8 [n_hexes]: the supply overlay's level of every hex (NONE: not shaded)."""
    n = smap.supplied.size
    levels = np.zeros(n, dtype=np.int8)
    hexes = state.unit_hex[day.units]
    worst = np.zeros(n, dtype=np.int8)
    np.maximum.at(worst, hexes, unit_levels(state, day))
    nbr = state.scenario.map.grid.neighbor_table
    stranded = (worst > 0) & ~smap.supplied  # units no supply reaches, and the ground of their pocket
    around = np.zeros(n, dtype=bool)
    around[nbr[stranded][nbr[stranded] >= 0]] = True
    levels[stranded | (around & ~smap.supplied & (state.control == side))] = CUT_OFF
    sources = np.flatnonzero((worst > 0) & smap.supplied)
    if not sources.size:
        levels[smap.supplied] = FULL
        return levels
    net = smap.network if smap.network is not None else np.zeros(n, np.int32)
    to = np.maximum(nbr, 0)
    # one step to a supplied neighbour of the same network; hexes beyond its reach stay unlabelled
    step = (nbr >= 0) & smap.supplied[to] & (net[to] == net[:, None]) & smap.supplied[:, None]
    costs = np.where(step, np.float32(1), INF).astype(np.float32)
    dist, pred = label_correcting(costs, nbr, np.zeros(sources.size, np.int64), sources, np.array([np.inf]))
    reached = np.isfinite(dist[0])
    root = roots(pred[0])
    levels[smap.supplied] = FULL  # a network none of the side's units draws on has tons to spare
    levels[reached] = worst[root[reached]]
    return levels


@dataclass(frozen=True)
class UnitSupply:
    """One unit's supply today, as its panel shows it."""

    km: float  # lorry distance from its railhead (inf: cut off)
    need_t: float  # tons of food, fuel and ammunition it needs today
    share: float  # share of them that arrives
    ratio: float  # share of its fuel and ammunition that arrives
    level: int  # FULL, PARTIAL, THIN or CUT_OFF
    food: float = 1.0  # share of its food that arrives (below the rules' starving_below: out of supply)


def unit_supply(state: GameState, day: Deliveries, unit: int) -> UnitSupply | None:
    """The unit's row of ``day`` (None when it is not among them: off the map, or an air unit)."""
    at = np.flatnonzero(day.units == unit)
    if not at.size:
        return None
    i = int(at[0])
    return UnitSupply(float(day.km[i]), float(day.need_t[i]), float(shares(day)[i]), float(day.ratio[i]),
                      int(unit_levels(state, day)[i]), float(day.food_ratio[i]))
