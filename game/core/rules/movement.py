"""Movement: costs per hexside and movement class, zones of control, stacking, range and path.

The rule (also in the README):

* Moving from a hex into a neighbour costs the neighbour's terrain cost for the unit's
  movement class plus the river crossing cost of the hexside between them. Along a road the
  cost is the road cost instead (roads have bridges); along a railway with no road, the rail
  cost. A cost of null (infinity here) means that class cannot make that step.
* A unit cannot enter a hex held by an enemy unit.
* Zones of control: every ground unit projects a zone of control into the six hexes around
  it. Entering a hex in an enemy zone of control ends the move. A unit that starts its move in
  an enemy zone may leave it, paying ``zoc.leave_cost`` extra for the first step; it may step
  straight into another enemy zone, where it stops again. Friendly units do not cancel an
  enemy zone for movement.
* Stacking: a unit may pass through any friendly hex, but may end its move only where fewer
  than ``stacking.max_units`` friendly units already stand.
* A unit may move several times in a phase while it has movement points left.

``movement_ranges`` is the one function the UI and the AI both call: a label-correcting search
run for many units at once in numpy (a frontier of (unit, hex) pairs relaxed per step), so a
whole side costs a few numpy passes instead of one Python Dijkstra per unit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from game.core.hexgrid import Hex
from game.core.rules.air import interdiction_cost
from game.core.units import OFF_MAP

if TYPE_CHECKING:
    from game.core.mapdata import MapData
    from game.core.state import GameState

INF = np.float32(np.inf)
EPS = 1e-4


@dataclass
class MovementRules:
    """Movement numbers from the scenario, as arrays by movement class (rows) and kind."""

    terrain_cost: np.ndarray  # float32 [n_classes, n_terrain_kinds], inf = impassable
    river_cost: np.ndarray  # float32 [n_classes, 3] by RIVER_NONE/MINOR/MAJOR
    road_cost: np.ndarray  # float32 [n_classes]
    rail_cost: np.ndarray  # float32 [n_classes]
    zoc_leave_cost: float
    stack_max: int
    weather_factor: np.ndarray  # float32 [n_conditions, n_classes]; condition 0 is clear weather (all 1)

    def edge_costs(self, m: MapData, mclass: int, condition: int = 0) -> np.ndarray:
        """float32 [n_hexes, 6]: cost of each step out of each hex for one movement class.

        Cached on the MapData by class and weather: the map and the rules never change in a game.
        """
        cache: dict[tuple[int, int], np.ndarray] = m.__dict__.setdefault("_edge_cost_cache", {})
        key = (mclass, condition)
        if key not in cache:
            cost = self._build_edge_costs(m, mclass) * self.weather_factor[condition, mclass]
            cost.setflags(write=False)
            cache[key] = cost
        return cache[key]

    def _build_edge_costs(self, m: MapData, mclass: int) -> np.ndarray:
        nbr = m.grid.neighbor_table
        target_terrain = m.terrain[np.where(nbr >= 0, nbr, 0)]
        cost = self.terrain_cost[mclass][target_terrain] + self.river_cost[mclass][m.river]
        cost = np.where(m.rail_gauge > 0, np.minimum(cost, self.rail_cost[mclass]), cost)
        cost = np.where(m.road, self.road_cost[mclass], cost)
        return np.where(nbr >= 0, cost, INF).astype(np.float32)


@dataclass
class MoveRange:
    """Where one unit can go this phase: cost and predecessor per hex, and legal ends."""

    unit: int
    start: int
    cost: np.ndarray  # float32 [n_hexes], inf where unreachable
    pred: np.ndarray  # int32 [n_hexes], previous hex on the cheapest path, -1 none
    can_end: np.ndarray  # bool [n_hexes]: reachable and a legal place to stop

    def destinations(self) -> np.ndarray:
        """Flat indices of the hexes the unit may move to (not its own)."""
        ends = self.can_end.copy()
        ends[self.start] = False
        return np.flatnonzero(ends)

    def path_to(self, target: int) -> list[int] | None:
        """Cheapest path from the start to ``target`` (both included), or None."""
        if not np.isfinite(self.cost[target]):
            return None
        path = [target]
        while path[-1] != self.start:
            path.append(int(self.pred[path[-1]]))
        return path[::-1]


def enemy_zoc(state: GameState, side: int) -> np.ndarray:
    """bool [n_hexes]: hexes in the zone of control of any enemy of ``side``."""
    nbr = state.scenario.map.grid.neighbor_table
    occupied = enemy_occupied(state, side)
    zoc = np.zeros(len(occupied), dtype=bool)
    sources = nbr[occupied].ravel()
    zoc[sources[sources >= 0]] = True
    return zoc


def enemy_occupied(state: GameState, side: int) -> np.ndarray:
    """bool [n_hexes]: hexes holding at least one enemy unit."""
    n = state.scenario.map.grid.size
    enemy = (state.scenario.unit_side != side) & (state.unit_hex != OFF_MAP) & state.scenario.unit_ground
    out = np.zeros(n, dtype=bool)
    out[state.unit_hex[enemy]] = True
    return out


def movement_ranges(state: GameState, units: list[int] | np.ndarray) -> list[MoveRange]:
    """Movement range of each unit (all of one side), in the order given."""
    units = [int(u) for u in units]
    if not units:
        return []
    scn = state.scenario
    side = int(scn.unit_side[units[0]])
    if any(int(scn.unit_side[u]) != side for u in units):
        raise ValueError("movement_ranges takes units of one side")
    zoc = enemy_zoc(state, side)
    blocked = enemy_occupied(state, side)
    occupancy = state.occupancy(side)
    out: dict[int, MoveRange] = {}
    classes = scn.unit_class[units]
    for mclass in np.unique(classes):
        group = [u for u, c in zip(units, classes, strict=True) if c == mclass]
        nbr = np.maximum(scn.map.grid.neighbor_table, 0)
        costs = scn.movement.edge_costs(scn.map, int(mclass), state.weather) + interdiction_cost(state, side)[nbr]
        costs = np.where(blocked[nbr], INF, costs)
        for mr in _search(state, group, costs, zoc):
            mr.can_end &= occupancy < scn.movement.stack_max
            mr.can_end[mr.start] = True
            out[mr.unit] = mr
    return [out[u] for u in units]


def movement_range(state: GameState, unit: int) -> MoveRange:
    """Movement range of one unit."""
    return movement_ranges(state, [unit])[0]


def _search(state: GameState, group: list[int], costs: np.ndarray, zoc: np.ndarray) -> list[MoveRange]:
    """Shortest paths for a group of units sharing one cost table; an enemy zone stops a move."""
    scn = state.scenario
    start = state.unit_hex[group].astype(np.int64)
    leave = np.where(zoc, np.float32(scn.movement.zoc_leave_cost), np.float32(0))
    from game.core.rules.supply import movement_allowance  # supply needs this module first

    dist, pred = label_correcting(costs, scn.map.grid.neighbor_table, np.arange(len(group)), start,
                                  movement_allowance(state, np.array(group)), stop=zoc, leave=leave)
    return [MoveRange(u, int(start[i]), dist[i], pred[i], np.isfinite(dist[i])) for i, u in enumerate(group)]


def label_correcting(costs: np.ndarray, nbr: np.ndarray, batch: np.ndarray, start: np.ndarray, limit: np.ndarray,
                     stop: np.ndarray | None = None, leave: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Cheapest costs from sources, for several independent searches at once, in numpy.

    Search ``b`` starts from every ``start[i]`` with ``batch[i] == b`` and goes no further than
    ``limit[b]``. Hexes in ``stop`` can be entered but not left, except a source; ``leave[h]`` is
    added to the first step out of a source ``h``. Returns dist and predecessor, both [B, n].
    A frontier of (search, hex) pairs is relaxed per step; duplicates keep the cheapest.
    """
    n = nbr.shape[0]
    b_count = limit.size
    dist = np.full(b_count * n, INF, dtype=np.float32)
    pred = np.full(b_count * n, -1, dtype=np.int32)
    fb, fh = batch.astype(np.int64), start.astype(np.int64)
    dist[fb * n + fh] = 0.0
    source = np.zeros(b_count * n, dtype=bool)
    source[fb * n + fh] = True
    while fb.size:
        at_source = source[fb * n + fh]
        if stop is not None:
            expand = ~stop[fh] | at_source
            fb, fh, at_source = fb[expand], fh[expand], at_source[expand]
        new = dist[fb * n + fh][:, None] + costs[fh]
        if leave is not None:
            new += np.where(at_source, leave[fh], np.float32(0))[:, None]
        cb = np.repeat(fb, 6)
        ch = nbr[fh].ravel().astype(np.int64)
        cd = new.ravel()
        src = np.repeat(fh, 6)
        flat = cb * n + ch
        ok = (ch >= 0) & (cd <= limit[cb] + EPS)
        flat, cd, src, cb, ch = flat[ok], cd[ok], src[ok], cb[ok], ch[ok]
        better = cd < dist[flat] - EPS
        flat, cd, src, cb, ch = flat[better], cd[better], src[better], cb[better], ch[better]
        if not flat.size:
            break
        order = np.lexsort((cd, flat))
        first = np.ones(order.size, dtype=bool)
        first[1:] = flat[order][1:] != flat[order][:-1]
        sel = order[first]
        dist[flat[sel]] = cd[sel]
        pred[flat[sel]] = src[sel]
        fb, fh = cb[sel], ch[sel]
    return dist.reshape(b_count, n), pred.reshape(b_count, n)


def hex_path(state: GameState, path: list[int]) -> list[Hex]:
    """Flat indices -> (col, row) hexes, for events and display."""
    grid = state.scenario.map.grid
    return [grid.hex_at(i) for i in path]
