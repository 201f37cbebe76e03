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

import threading
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

from game.core import memo
from game.core.hexgrid import Grid, Hex
from game.core.nearby import Box, box_around, covers_map, units_in_box
from game.core.rules.air import INTERDICTION, interdiction_cost
from game.core.rules.demolition import entry_cost
from game.core.units import OFF_MAP

if TYPE_CHECKING:
    from game.core.mapdata import MapData
    from game.core.state import GameState

INF = np.float32(np.inf)
EPS = 1e-4
CHUNK = 256  # units searched together: enough to share numpy's overhead, few enough to sort fast


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

    def min_step(self, m: MapData, mclass: int, condition: int = 0) -> float:
        """The cheapest single step the class can make on this map (bounds how far a search can go)."""
        cache: dict[tuple[int, int], float] = m.__dict__.setdefault("_min_step_cache", {})
        key = (mclass, condition)
        if key not in cache:
            cost = self.edge_costs(m, mclass, condition)
            finite = cost[np.isfinite(cost)]
            cache[key] = float(finite.min()) if finite.size else np.inf
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
    """Where one unit can go this phase, over the hexes its search reached only.

    ``hexes`` (sorted flat indices) with their cost, predecessor and whether the unit may stop
    there; a range costs what the unit can reach, not the map's size. The full-map arrays
    ``cost``, ``pred`` and ``can_end`` are built on first use for the callers that want them
    (the UI, tests); hot paths ask ``cost_at``/``can_end_at`` for the hexes they care about.
    """

    unit: int
    start: int
    hexes: np.ndarray  # int64 [k], sorted: the hexes reached (the start included)
    costs: np.ndarray  # float32 [k]: cheapest cost to each
    preds: np.ndarray  # int32 [k]: previous hex on the cheapest path, -1 for the start
    ends: np.ndarray  # bool [k]: a legal place to stop
    n: int  # hexes on the map

    def _find(self, hexes: np.ndarray | int) -> tuple[np.ndarray, np.ndarray]:
        """(position in ``self.hexes``, found) for each hex asked about."""
        h = np.asarray(hexes, dtype=np.int64)
        pos = np.minimum(np.searchsorted(self.hexes, h), self.hexes.size - 1)
        return pos, np.asarray(self.hexes[pos] == h)

    def cost_at(self, hexes: np.ndarray | int) -> np.ndarray:
        """float32 cost to each hex asked about, inf where out of reach."""
        pos, found = self._find(hexes)
        return np.where(found, self.costs[pos], INF)

    def can_end_at(self, h: int) -> bool:
        """Whether the unit may end its move in ``h``."""
        pos, found = self._find(h)
        return bool(found and self.ends[pos])

    def reach_below(self, limit: float) -> np.ndarray:
        """Hexes reached for less than ``limit`` (the start included)."""
        return self.hexes[self.costs < limit]

    @cached_property
    def cost(self) -> np.ndarray:
        """float32 [n_hexes], inf where unreachable."""
        out = np.full(self.n, INF, dtype=np.float32)
        out[self.hexes] = self.costs
        return out

    @cached_property
    def pred(self) -> np.ndarray:
        """int32 [n_hexes], previous hex on the cheapest path, -1 none."""
        out = np.full(self.n, -1, dtype=np.int32)
        out[self.hexes] = self.preds
        return out

    @cached_property
    def can_end(self) -> np.ndarray:
        """bool [n_hexes]: reachable and a legal place to stop."""
        out = np.zeros(self.n, dtype=bool)
        out[self.hexes] = self.ends
        return out

    def destinations(self) -> np.ndarray:
        """Flat indices of the hexes the unit may move to (not its own)."""
        return self.hexes[self.ends & (self.hexes != self.start)]

    def path_to(self, target: int) -> list[int] | None:
        """Cheapest path from the start to ``target`` (both included), or None."""
        pos, found = self._find(target)
        if not found:
            return None
        path = [int(target)]
        while path[-1] != self.start:
            path.append(int(self.preds[pos]))
            pos, _ = self._find(path[-1])
        return path[::-1]


def enemy_zoc(state: GameState, side: int) -> np.ndarray:
    """bool [n_hexes]: hexes in the zone of control of any enemy of ``side``."""
    nbr = state.scenario.map.grid.neighbor_table
    zoc = np.zeros(nbr.shape[0], dtype=bool)
    sources = nbr[_enemy_hexes(state, side)].ravel()  # the units' hexes, not a scan of the map
    zoc[sources[sources >= 0]] = True
    return zoc


def enemy_occupied(state: GameState, side: int) -> np.ndarray:
    """bool [n_hexes]: hexes holding at least one enemy unit."""
    out = np.zeros(state.scenario.map.grid.size, dtype=bool)
    out[_enemy_hexes(state, side)] = True
    return out


def enemy_at(state: GameState, side: int, hexes: list[int] | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(held by an enemy, in an enemy zone) for the hexes given only: ``enemy_occupied`` and
    ``enemy_zoc`` at those hexes, from the enemy units' hexes without a pass over the map."""
    hexes = np.asarray(hexes, dtype=np.int64)
    enemy = np.sort(_enemy_hexes(state, side, box_around(state.scenario.map.grid, hexes, 1)))
    if not enemy.size:
        return np.zeros(hexes.size, dtype=bool), np.zeros(hexes.size, dtype=bool)

    def held(h: np.ndarray) -> np.ndarray:
        return (h >= 0) & (enemy[np.minimum(np.searchsorted(enemy, h), enemy.size - 1)] == h)

    # a hex is in a zone when one of its neighbours is held (neighbours are mutual)
    return held(hexes), np.asarray(held(state.scenario.map.grid.neighbor_table[hexes]).any(axis=1))


def _enemy_hexes(state: GameState, side: int, box: Box | None = None) -> np.ndarray:
    """Hexes of the enemy ground units on the map (repeats included); only those in ``box`` if given."""
    scn = state.scenario
    if box is None or covers_map(scn.map.grid, box):
        return state.unit_hex[(scn.unit_side != side) & (state.unit_hex != OFF_MAP) & scn.unit_ground]
    near = units_in_box(state, box)
    return state.unit_hex[near[(scn.unit_side[near] != side) & scn.unit_ground[near]]]


def _search_box(state: GameState, units: list[int]) -> Box:
    """Rows and columns the searches of ``units`` may read: their windows (``Windows.around``) and one
    more ring, where the enemy units whose zones reach into a window stand."""
    from game.core.rules.supply import movement_allowance  # supply needs this module first

    scn = state.scenario
    grid = scn.map.grid
    arr = np.asarray(units, dtype=np.int64)
    limit = movement_allowance(state, arr)
    radius = np.zeros(arr.size, dtype=np.int64)
    classes = scn.unit_class[arr]
    for mclass in set(classes.tolist()):
        mine = classes == mclass
        radius[mine] = Windows.radius(grid, limit[mine], scn.movement.min_step(scn.map, mclass, state.weather))
    return box_around(grid, state.unit_hex[arr], radius + 1)


def movement_ranges(state: GameState, units: list[int] | np.ndarray, work: dict[str, int] | None = None
                    ) -> list[MoveRange]:
    """Movement range of each unit (all of one side), in the order given.

    One bounded search per movement class for the whole batch: each unit searches a window
    of the map no wider than its movement points can carry it over the cheapest step, so the
    work grows with the hexes reached, never with the map. ``work``, when given, adds up the
    labels allocated (``slots``) and the steps examined (``steps``).
    """
    units = [int(u) for u in units]
    if not units:
        return []
    scn = state.scenario
    side = int(scn.unit_side[units[0]])
    if any(int(scn.unit_side[u]) != side for u in units):
        raise ValueError("movement_ranges takes units of one side")
    nbr = scn.map.grid.neighbor_table
    box = _search_box(state, units)  # enemies and friends farther away touch no hex the searches read
    enemy = _enemy_hexes(state, side, box)
    ring = nbr[enemy].ravel()
    ring = ring[ring >= 0]
    zoc, entry, interdicted = _scratch(state, side)
    zoc[ring] = True
    entry[enemy] = INF
    own = np.sort(_own_ground_hexes(state, side, box))
    try:
        out: dict[int, MoveRange] = {}
        classes = scn.unit_class[units]
        for mclass in np.unique(classes):
            group = np.array([u for u, c in zip(units, classes, strict=True) if c == mclass])
            group = group[np.argsort(state.unit_hex[group], kind="stable")]  # neighbours share a batch and memory
            wreck = entry_cost(state, int(mclass))
            steps = StepCosts(scn.movement.edge_costs(scn.map, int(mclass), state.weather), nbr,
                              entry if wreck is None else entry + wreck)
            for i in range(0, group.size, CHUNK):  # a sort over a bounded batch: linear in the units
                _search_units(state, group[i:i + CHUNK], steps, zoc, own, out, work)
    finally:  # the buffers are all-clear again for the next call
        zoc[ring] = False
        if not interdicted:
            entry[enemy] = 0.0
    return [out[u] for u in units]


def _own_ground_hexes(state: GameState, side: int, box: Box) -> np.ndarray:
    """Hexes of the side's ground units in ``box`` (repeats included: they count for stacking)."""
    scn = state.scenario
    if covers_map(scn.map.grid, box):
        return state.unit_hex[state.ground_units_of(side)]
    near = units_in_box(state, box)
    return state.unit_hex[near[(scn.unit_side[near] == side) & scn.unit_ground[near]]]


def _search_units(state: GameState, group: np.ndarray, steps: StepCosts, zoc: np.ndarray, own: np.ndarray,
                  out: dict[int, MoveRange], work: dict[str, int] | None) -> None:
    """The ranges of units of one class; ``own`` is the sorted hexes of the side's ground units."""
    from game.core.rules.supply import movement_allowance  # supply needs this module first

    scn = state.scenario
    grid = scn.map.grid
    mclass = int(scn.unit_class[group[0]])
    start = state.unit_hex[group].astype(np.int64)
    allowance = movement_allowance(state, group)
    min_step = scn.movement.min_step(scn.map, mclass, state.weather)
    windows = Windows.around(grid, start, allowance, min_step)
    known = memo.table("movement_search")
    keys = [_search_key(windows, i, int(start[i]), mclass, state.weather, steps, zoc) for i in range(group.size)] \
        if known is not None else []
    cached = known if known is not None else {}
    parts: dict[int, tuple[np.ndarray, ...]] = {i: cached[k] for i, k in enumerate(keys) if k in cached}
    todo = [i for i in range(group.size) if i not in parts]
    if todo:
        if len(todo) < group.size:
            windows = Windows.around(grid, start[todo], allowance[todo], min_step)
        found = search(steps, windows, np.arange(len(todo)), start[todo], windows.limit, stop=zoc,
                       leave=(zoc, np.float32(scn.movement.zoc_leave_cost)))
        if work is not None:
            work["slots"] = work.get("slots", 0) + windows.size
            work["steps"] = work.get("steps", 0) + found.steps
        for j, i in enumerate(todo):
            parts[i] = found.part(j)
            if known is not None:
                for a in parts[i]:
                    memo.frozen(a)
                known[keys[i]] = parts[i]
    for i, u in enumerate(group):
        hexes, cost, pred = parts[i]
        standing = np.searchsorted(own, hexes, "right") - np.searchsorted(own, hexes, "left")
        ends = standing < scn.movement.stack_max
        ends[hexes == start[i]] = True
        out[int(u)] = MoveRange(int(u), int(start[i]), hexes, cost, pred, ends, scn.map.grid.size)


def _search_key(windows: Windows, i: int, start: int, mclass: int, weather: int, steps: StepCosts, zoc: np.ndarray
                ) -> tuple:
    """Everything search ``i`` of the batch reads (for ``memo``): its class, weather, start hex, limit and window,
    and the entry costs (enemy-held hexes, interdiction, wrecks) and zones of control in its window."""
    r0, c0 = int(windows.row0[i]), int(windows.col0[i])
    rows, cols = slice(r0, r0 + int(windows.rows[i])), slice(c0, c0 + int(windows.cols[i]))
    shape = (-1, windows.width)
    entry = b"" if steps.entry is None else steps.entry.reshape(shape)[rows, cols].tobytes()
    return (mclass, weather, start, r0, c0, int(windows.rows[i]), int(windows.cols[i]), float(windows.limit[i]),
            entry, zoc.reshape(shape)[rows, cols].tobytes())


def _scratch(state: GameState, side: int) -> tuple[np.ndarray, np.ndarray, bool]:
    """(zoc, entry, interdicted): per-hex buffers reused from call to call, all-clear at rest.

    A call marks the hexes it needs and clears them after, so a range costs what the units
    involved touch, not a pass over the map. ``entry`` is a fresh array (``interdicted``) when
    the enemy flies interdiction: that is costed over the map anyway. One set per map and thread.
    """
    m = state.scenario.map
    store: dict[int, tuple[np.ndarray, np.ndarray]] = m.__dict__.setdefault("_move_scratch", {})
    key = threading.get_ident()
    if key not in store:
        store[key] = (np.zeros(m.grid.size, dtype=bool), np.zeros(m.grid.size, dtype=np.float32))
    zoc, entry = store[key]
    scn = state.scenario
    if scn.air is not None and bool(((scn.unit_side != side) & (state.unit_mission == INTERDICTION)).any()):
        return zoc, interdiction_cost(state, side), True
    return zoc, entry, False


def movement_range(state: GameState, unit: int) -> MoveRange:
    """Movement range of one unit."""
    return movement_ranges(state, [unit])[0]


def reach_radius(state: GameState, unit: int) -> int:
    """Rows and columns the unit's movement search may go from its hex (nothing beyond matters to it)."""
    from game.core.rules.supply import movement_allowance  # supply needs this module first

    scn = state.scenario
    mclass = int(scn.unit_class[unit])
    limit = movement_allowance(state, np.array([unit]))
    return int(Windows.radius(scn.map.grid, limit, scn.movement.min_step(scn.map, mclass, state.weather))[0])


class StepCosts:
    """Cost of each step out of a hex, looked up for the hexes a search expands only.

    ``edge`` is the map's static [n, 6] table; ``entry`` (per hex, optional) is added to every
    step into a hex — interdiction, or inf for a hex an enemy holds — so no per-call [n, 6]
    table is ever built.
    """

    def __init__(self, edge: np.ndarray, nbr: np.ndarray, entry: np.ndarray | None = None):
        self.edge = edge
        self.nbr = nbr
        self.entry = entry

    def rows(self, hexes: np.ndarray) -> np.ndarray:
        """float32 [len(hexes), 6]."""
        rows = self.edge[hexes]
        if self.entry is not None:
            rows = rows + self.entry[np.maximum(self.nbr[hexes], 0)]
        return rows


@dataclass
class Windows:
    """Where each search of a batch may go: a rectangle of rows and columns around its start.

    Search ``b`` keeps its labels in ``[base[b], base[b] + rows[b] * cols[b])`` of one buffer;
    the slot of a hex grows with its flat index, so searches relax in the same order as they
    would over the whole map and give the same result.
    """

    width: int
    limit: np.ndarray  # float32 [B]
    row0: np.ndarray  # int64 [B]
    col0: np.ndarray
    rows: np.ndarray
    cols: np.ndarray
    base: np.ndarray  # int64 [B + 1]
    row_col: tuple[np.ndarray, np.ndarray] | None = None  # each hex's row and column (the grid's), if known

    @classmethod
    def around(cls, grid: Grid, start: np.ndarray, limit: np.ndarray, min_step: float) -> Windows:
        """Windows reaching ``limit / min_step`` hex steps (plus one for rounding) from each start.

        One step moves at most one row and one column, so nothing cheaper than ``limit`` lies
        outside; a search whose limit is infinite (or steps that can be free) gets the whole map.
        """
        limit = np.asarray(limit, dtype=np.float32)
        radius = cls.radius(grid, limit, min_step)
        row, col = np.divmod(start.astype(np.int64), grid.width)
        row0, col0 = np.maximum(row - radius, 0), np.maximum(col - radius, 0)
        rows = np.minimum(row + radius + 1, grid.height) - row0
        cols = np.minimum(col + radius + 1, grid.width) - col0
        base = np.concatenate([[0], np.cumsum(rows * cols)])
        return cls(grid.width, limit, row0, col0, rows, cols, base, grid.row_col)

    @staticmethod
    def radius(grid: Grid, limit: np.ndarray, min_step: float) -> np.ndarray:
        """int64 [B]: rows and columns each search may go from its start."""
        with np.errstate(divide="ignore", invalid="ignore"):
            reach = (limit.astype(np.float64) + EPS) / min_step if min_step > 0 else np.full(limit.size, np.inf)
        big = max(grid.width, grid.height)
        return np.where(np.isfinite(reach), np.minimum(reach, big), big).astype(np.int64) + 1

    @classmethod
    def flat(cls, n: int, limit: np.ndarray) -> Windows:
        """Every search over all ``n`` hexes (one row of ``n``: slot ``b * n + hex``)."""
        zeros = np.zeros(limit.size, dtype=np.int64)
        return cls(n, limit, zeros, zeros, np.ones(limit.size, np.int64), np.full(limit.size, n, np.int64),
                   np.arange(limit.size + 1, dtype=np.int64) * n)

    @property
    def size(self) -> int:
        return int(self.base[-1])

    def slots(self, b: np.ndarray, h: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(slot, inside) of hex ``h`` in search ``b``; slots outside a window are meaningless."""
        r, c = np.divmod(h, self.width) if self.row_col is None else (self.row_col[0][h], self.row_col[1][h])
        r = r - self.row0[b]
        c = c - self.col0[b]
        cols = self.cols[b]
        inside = (r >= 0) & (r < self.rows[b]) & (c >= 0) & (c < cols)
        return self.base[b] + r * cols + c, inside

    def hexes(self, b: int, slots: np.ndarray) -> np.ndarray:
        """Flat hex indices of search ``b``'s slots."""
        r, c = np.divmod(slots - self.base[b], self.cols[b])
        return (r + self.row0[b]) * self.width + c + self.col0[b]


@dataclass
class Found:
    """What a batch of bounded searches reached, search by search."""

    windows: Windows
    dist: np.ndarray  # float32 [windows.size]
    pred: np.ndarray  # int32 [windows.size]: previous hex (a flat map index)
    reached: np.ndarray  # int64: slots with a finite cost, sorted
    bounds: np.ndarray  # int64 [B + 1]: search b's slots are reached[bounds[b]:bounds[b+1]]
    clipped: np.ndarray  # bool [B]: the limit cut the search short (when not, raising it changes nothing)
    steps: int = 0  # steps examined (the search's work, for tests of scale)

    def part(self, b: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(hexes sorted, costs, predecessors) reached by search ``b``."""
        slots = self.reached[self.bounds[b]:self.bounds[b + 1]]
        return self.windows.hexes(b, slots), self.dist[slots], self.pred[slots]


def search(steps: StepCosts, windows: Windows, batch: np.ndarray, start: np.ndarray, limit: np.ndarray,
           stop: np.ndarray | None = None, leave: tuple[np.ndarray, np.float32] | None = None) -> Found:
    """Cheapest costs from sources, for several independent searches at once, in numpy.

    Search ``b`` starts from every ``start[i]`` with ``batch[i] == b`` and goes no further than
    ``limit[b]`` nor out of its window. Hexes in ``stop`` can be entered but not left, except a
    source; ``leave = (mask, cost)`` adds ``cost`` to the first step out of a source in ``mask``.
    A frontier of (search, hex) pairs is relaxed per step; duplicates keep the cheapest (the
    first in slot order on a tie). Each step costs what its frontier holds.
    """
    nbr = steps.nbr
    dist = np.full(windows.size, INF, dtype=np.float32)
    pred = np.full(windows.size, -1, dtype=np.int32)
    fb, fh = batch.astype(np.int64), start.astype(np.int64)
    fs, _ = windows.slots(fb, fh)
    dist[fs] = 0.0
    source = np.zeros(windows.size, dtype=bool)
    source[fs] = True
    examined = 0
    while fb.size:
        at_source = source[fs]
        if stop is not None:
            expand = ~stop[fh] | at_source
            fb, fh, fs, at_source = fb[expand], fh[expand], fs[expand], at_source[expand]
        new = dist[fs][:, None] + steps.rows(fh)
        if leave is not None:
            new += np.where(at_source & leave[0][fh], leave[1], np.float32(0))[:, None]
        cb = np.repeat(fb, 6)
        ch = nbr[fh].ravel().astype(np.int64)
        cd = new.ravel()
        examined += cd.size
        src = np.repeat(fh, 6)
        ok = (ch >= 0) & (cd <= limit[cb] + EPS)
        cd, src, cb, ch = cd[ok], src[ok], cb[ok], ch[ok]
        flat, inside = windows.slots(cb, ch)
        better = inside & (cd < dist[np.where(inside, flat, 0)] - EPS)
        flat, cd, src, cb, ch = flat[better], cd[better], src[better], cb[better], ch[better]
        if not flat.size:
            break
        order = np.lexsort((cd, flat))
        first = np.ones(order.size, dtype=bool)
        first[1:] = flat[order][1:] != flat[order][:-1]
        sel = order[first]
        dist[flat[sel]] = cd[sel]
        pred[flat[sel]] = src[sel]
        fb, fh, fs = cb[sel], ch[sel], flat[sel]
    reached = np.flatnonzero(dist < INF)
    clipped = np.ones(windows.base.size - 1, dtype=bool)  # not tracked here (settle_search does)
    return Found(windows, dist, pred, reached, np.searchsorted(reached, windows.base), clipped, examined)


def settle_search(steps: StepCosts, windows: Windows, start: np.ndarray, limit: np.ndarray, step: float,
                  batch: np.ndarray | None = None) -> Found:
    """Cheapest costs from sources (search ``batch[i]``, default one per search), each hex expanded once.

    Each round expands only the frontier hexes within ``step`` (the cheapest step there is) of
    the cheapest frontier label: nothing can still improve those, so no hex is relaxed twice,
    unlike ``search``. In exact arithmetic (costs that float32 adds without
    rounding) the costs are the same; the order of the work is not, so ties of paths may differ.
    """
    nbr = steps.nbr
    dist = np.full(windows.size, INF, dtype=np.float32)
    listed = np.zeros(windows.size, dtype=bool)  # on the frontier now
    stamp = np.zeros(windows.size, dtype=np.int64)  # scratch to keep one entry per slot without sorting
    b_count = windows.base.size - 1
    fb = np.arange(b_count, dtype=np.int64) if batch is None else batch.astype(np.int64)
    fh = start.astype(np.int64)
    fs, _ = windows.slots(fb, fh)
    dist[fs] = 0.0
    listed[fs] = True
    clipped = np.zeros(b_count, dtype=bool)
    while fb.size:
        fd = dist[fs]
        now = fd < fd.min() + np.float32(step)  # within a step of the cheapest label: final in every search
        eb, eh = fb[now], fh[now]
        listed[fs[now]] = False
        fb, fh, fs = fb[~now], fh[~now], fs[~now]
        cd = (fd[now][:, None] + steps.rows(eh)).ravel()
        cb = np.repeat(eb, 6)
        ch = nbr[eh].ravel().astype(np.int64)
        within = cd <= limit[cb] + EPS
        clipped[cb[~within & (ch >= 0) & (cd < INF)]] = True
        ok = (ch >= 0) & within
        cd, cb, ch = cd[ok], cb[ok], ch[ok]
        flat, inside = windows.slots(cb, ch)
        better = inside & (cd < dist[np.where(inside, flat, 0)] - EPS)
        flat, cd, cb, ch = flat[better], cd[better], cb[better], ch[better]
        if flat.size:
            np.minimum.at(dist, flat, cd)
            fresh = ~listed[flat]
            flat, cb, ch = flat[fresh], cb[fresh], ch[fresh]
            stamp[flat] = np.arange(flat.size)
            once = stamp[flat] == np.arange(flat.size)
            listed[flat] = True
            fb = np.concatenate([fb, cb[once]])
            fh = np.concatenate([fh, ch[once]])
            fs = np.concatenate([fs, flat[once]])
    reached = np.flatnonzero(dist < INF)
    return Found(windows, dist, np.full(windows.size, -1, np.int32), reached, np.searchsorted(reached, windows.base),
                 clipped)


def label_correcting(costs: np.ndarray, nbr: np.ndarray, batch: np.ndarray, start: np.ndarray, limit: np.ndarray,
                     stop: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """``search`` over the whole map with a full [n, 6] cost table; returns dist and pred, both [B, n].

    For searches that cover most of the map anyway (supply traces, distance fields).
    """
    n = nbr.shape[0]
    windows = Windows.flat(n, np.asarray(limit, dtype=np.float32))
    found = search(StepCosts(costs, nbr), windows, batch, start, windows.limit, stop)
    return found.dist.reshape(windows.limit.size, n), found.pred.reshape(windows.limit.size, n)


def hex_path(state: GameState, path: list[int]) -> list[Hex]:
    """Flat indices -> (col, row) hexes, for events and display."""
    grid = state.scenario.map.grid
    return [grid.hex_at(i) for i in path]
