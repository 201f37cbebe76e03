"""Demolitions: a unit blows the bridges, culverts and track of its hex before the enemy gets there.

The rule (also in the README):

* A ground unit that may still move this phase, standing in a hex a road or a railway runs
  through, may wreck it (the ``Demolish`` order): that takes ``mp_share`` of its movement
  allowance, and what is left it may still spend moving away. A wrecked hex cannot be wrecked
  again until it is repaired.
* Every unit that enters a wrecked hex, of either side, pays ``entry_cost`` more for its movement
  class (broken roads and culverts, detours), and where a road or railway of the hex crossed a
  river, the river crossing its bridge spared (the rules' ``river_crossing`` cost of the widest
  such river, for the class): a blown bridge over a major river costs lorries and tanks most of a
  day, one on the plain little. The lorries' supply trace pays its class's cost too.
* No train runs through a wrecked hex: the rail net of either side stops there, and captured
  track there is not re-gauged until it is repaired.
* The wreck is repaired after ``repair_days`` days of another side's engineers at work: days in
  which that side holds the hex, or has ground troops in it or next to it while the wrecker has
  none in it (a blown bridge may cost more to enter than a whole day's movement: the engineers
  bridge it from the near bank). One day off at the start of each turn.

Why a rule for it: the defender's only lever on the attacker's pace was to stand and be attacked;
in 1945 the Japanese blew the Mudan bridges ahead of the 1st Red Banner Army (facts 4.3), and a
wrecked crossing costs a tank army half a day and its lorries a detour. Wrecks are part of the
map every order is checked against (as bombed roads are), so both sides' views show them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from game.core.events import Demolished, Event, Repaired
from game.core.orders import Demolish, IllegalOrder

if TYPE_CHECKING:
    from game.core.state import GameState

WRECK_COUNT = "wrecks"  # state.extra: how many hexes are wrecked now (0: the map is whole, nothing to cost)


@dataclass(frozen=True)
class DemolitionRules:
    entry_cost: tuple[float, ...]  # extra MP to enter a wrecked hex, by movement class
    mp_share: float  # share of the unit's movement allowance a demolition takes
    repair_days: int  # days of the other side's hold that repair a wreck


def demolishable(state: GameState) -> np.ndarray:
    """bool [n_hexes]: hexes a road or railway runs through (static: cached on the map)."""
    m = state.scenario.map
    cached: np.ndarray | None = m.__dict__.get("_demolishable")
    if cached is None:
        cached = np.asarray(m.road.any(axis=1) | (m.rail_gauge > 0).any(axis=1))
        m.__dict__["_demolishable"] = cached
    return cached


def wrecked(state: GameState) -> np.ndarray:
    """Flat indices of the wrecked hexes (empty at once when there are none)."""
    if not state.extra.get(WRECK_COUNT, 0):
        return np.zeros(0, dtype=np.int64)
    return np.flatnonzero(state.wreck_days > 0)


def entry_cost(state: GameState, mclass: int) -> np.ndarray | None:
    """float32 [n_hexes]: extra MP for the class to enter each hex, or None when nothing is wrecked."""
    rules = state.scenario.demolition
    hexes = wrecked(state)
    if rules is None or not hexes.size:
        return None
    out = np.zeros(state.scenario.map.grid.size, dtype=np.float32)
    out[hexes] = rules.entry_cost[mclass] + bridge_cost(state, mclass)[hexes]
    return out


def bridge_cost(state: GameState, mclass: int) -> np.ndarray:
    """float32 [n_hexes]: the river crossing a blown bridge leaves, by class: the dearest river
    crossing cost of the hex's road and rail hexsides that cross a river (0 where none does).
    Static, so cached on the map by class."""
    scn = state.scenario
    m = scn.map
    cache: dict[int, np.ndarray] = m.__dict__.setdefault("_bridge_cost", {})
    if mclass not in cache:
        carried = m.road | (m.rail_gauge > 0)
        river = np.where(carried, scn.movement.river_cost[mclass][m.river], 0).astype(np.float32)
        cache[mclass] = river.max(axis=1)
    return cache[mclass]


def why_cannot_demolish(state: GameState, u: int) -> str | None:
    """Why unit ``u`` may not wreck its hex now (None: it may). The engine, the UI and the AI all ask this."""
    from game.core.engine import may_move  # the engine imports this module

    scn = state.scenario
    rules = scn.demolition
    unit = scn.units[u]
    if rules is None:
        return "this scenario has no demolitions"
    if unit.side != state.side:
        return f"{unit.name} is not yours: it is {scn.sides[state.side].name}'s phase"
    if not may_move(state, u):
        return f"{unit.name} cannot act now (not a ground unit on the map, or held back)"
    h = int(state.unit_hex[u])
    if not demolishable(state)[h]:
        return "no road or railway runs through its hex"
    if state.wreck_days[h] > 0:
        return "its hex is wrecked already"
    need = rules.mp_share * float(scn.unit_max_mp[u])
    if float(state.unit_mp[u]) + 1e-4 < need:
        return f"it needs {need:.1f} MP to lay the charges and has {float(state.unit_mp[u]):.1f}"
    return None


def demolish(state: GameState, order: Demolish) -> list[Event]:
    """Carry out a Demolish order (raises IllegalOrder, changing nothing, when it is not allowed)."""
    scn = state.scenario
    u = scn.unit_index.get(order.unit)
    if u is None:
        raise IllegalOrder(f"no unit '{order.unit}'")
    why = why_cannot_demolish(state, u)
    if why is not None:
        raise IllegalOrder(f"{scn.units[u].name} cannot demolish: {why}")
    rules = scn.demolition
    assert rules is not None
    h = int(state.unit_hex[u])
    state.unit_mp[u] = max(0.0, float(state.unit_mp[u]) - rules.mp_share * float(scn.unit_max_mp[u]))
    state.wreck_days[h] = rules.repair_days
    state.wreck_side[h] = scn.units[u].side
    state.extra[WRECK_COUNT] = state.extra.get(WRECK_COUNT, 0) + 1
    return [Demolished(order.unit, scn.map.grid.hex_at(h))]


def options(state: GameState) -> list[Demolish]:
    """Every Demolish the side to move may order now."""
    if state.scenario.demolition is None:
        return []
    units = state.ground_units_of(state.side)
    return [Demolish(state.scenario.units[u].id) for u in units if why_cannot_demolish(state, int(u)) is None]


def repair(state: GameState) -> list[Event]:
    """A turn begins: a day of repair on every wreck its wrecker no longer holds off (``under_repair``)."""
    hexes = wrecked(state)
    if not hexes.size:
        return []
    held = hexes[under_repair(state, hexes)]
    state.wreck_days[held] -= 1
    done = held[state.wreck_days[held] <= 0]
    state.wreck_days[done] = 0
    state.wreck_side[done] = -1
    state.extra[WRECK_COUNT] = state.extra.get(WRECK_COUNT, 0) - int(done.size)
    grid = state.scenario.map.grid
    return [Repaired(grid.hex_at(int(h))) for h in done]


def under_repair(state: GameState, hexes: np.ndarray) -> np.ndarray:
    """bool per wrecked hex: another side's engineers work on it — it holds the hex, or it has ground
    troops in it or next to it while the wrecker has none in it.

    Why next to it: a blown bridge on a major river can cost more to enter than a unit's whole day
    (a rifle division's 4 MP, a tank brigade's 10), so nobody could enter it to hold it, and a wreck
    repaired only once held would stay for ever; engineers bridge from the near bank."""
    scn = state.scenario
    nbr = scn.map.grid.neighbor_table
    wrecker = state.wreck_side[hexes]
    held = (state.control[hexes] >= 0) & (state.control[hexes] != wrecker)
    near = np.zeros(hexes.size, dtype=bool)
    defended = np.zeros(hexes.size, dtype=bool)
    ring = np.concatenate([hexes[:, None], nbr[hexes]], axis=1)  # the hex and its six neighbours
    for side in range(len(scn.sides)):
        occ = state.occupancy(side)
        here = occ[hexes] > 0
        around = ((occ[np.maximum(ring, 0)] > 0) & (ring >= 0)).any(axis=1)
        near |= around & (wrecker != side)
        defended |= here & (wrecker == side)
    return held | (near & ~defended)
