"""Static distance fields: movement points from every hex to a goal hex, per movement class.

The AI steers units with these: a unit's progress toward its goal is how much a move lowers the
field. They follow the map's roads, railways and passes because the movement costs do, so axes
of advance come out of the terrain rather than from straight lines. Enemies are left out (they
move every turn; the move scoring weighs them separately), so a field depends only on the map
and the rules and is computed once per scenario, class and goal, then cached.

A field is searched outward from its goal only as far as the hexes asked about need (the limit
grows fourfold when a question reaches past it), so a unit next to its goal does not pay for the
whole map. That gives the very numbers a whole-map search would where they are exact: when every
step cost is a multiple of 1/64 and the sums stay small, float32 adds them without rounding and a
bounded search finds the same optimum. Otherwise (or when asked for the far side of the map) the
field is the whole-map search, as before. Whether a goal can be reached at all is answered from
the map's connected parts, without any search (``reaches``).
"""

from __future__ import annotations

import weakref
from typing import Any

import numpy as np

from game.core import memo
from game.core.rules.movement import INF, StepCosts, Windows, label_correcting, search, settle_search
from game.core.state import Scenario

_CACHE: dict[int, tuple[weakref.ref[object], dict[Any, Any]]] = {}
EXACT_UNIT = 64.0  # step costs that are multiples of 1/64 add up exactly in float32 ...
EXACT_LIMIT = 2.0**16  # ... while the sums stay below 2**18 / 64 (kept well clear)
FIRST_LIMIT = 32.0  # movement points searched from a goal at first


def reverse_costs(scn: Scenario, mclass: int, weather: int = 0) -> np.ndarray:
    """float32 [n, 6]: cost of the step from each hex's neighbour *into* the hex, by direction.

    The engine's table gives the cost of leaving hex h across side d; a field toward a goal
    needs the cost of arriving, so the table is flipped across each hexside. Cached.
    """
    store = _store(scn)
    key = (-1 - mclass, weather)
    if key in store:
        return store[key]
    nbr = scn.map.grid.neighbor_table
    fwd = scn.movement.edge_costs(scn.map, mclass, weather)
    rev = np.full(fwd.shape, INF, dtype=np.float32)
    for d in range(6):
        back = (d + 3) % 6
        ok = nbr[:, d] >= 0
        # stepping from n = nbr[h, d] back into h crosses side `back` of n
        rev[ok, d] = fwd[nbr[ok, d], back]
    rev.setflags(write=False)
    store[key] = rev
    return rev


def _store(scn: Scenario) -> dict[Any, Any]:
    key = id(scn.map)
    hit = _CACHE.get(key)
    if hit is not None and hit[0]() is scn.map:
        return hit[1]
    for k in [k for k, (ref, _) in _CACHE.items() if ref() is None]:
        del _CACHE[k]
    fields: dict[Any, Any] = {}
    _CACHE[key] = (weakref.ref(scn.map), fields)
    return fields


class GoalField:
    """Movement points from hexes to one goal for one class (inf: no way); index it like an array.

    Indexing returns exact values for the hexes asked about, searching further first if needed.
    It holds the hexes searched so far (sorted) and their values.
    """

    def __init__(self, scn: Scenario, mclass: int, goal: int):
        self.scn = scn
        self.mclass = mclass
        self.goal = goal
        self.limit = 0.0  # values up to here are exact; inf: the whole-map field
        self.hexes = np.zeros(0, dtype=np.int64)
        self.values = np.zeros(0, dtype=np.float32)

    def _lookup(self, h: np.ndarray) -> np.ndarray:
        if not self.hexes.size:
            return np.full(h.shape, INF, dtype=np.float32)
        pos = np.minimum(np.searchsorted(self.hexes, h), self.hexes.size - 1)
        return np.where(self.hexes[pos] == h, self.values[pos], INF)

    def settles(self, h: np.ndarray) -> bool:
        """Whether the values held are exact for every hex of ``h``."""
        if np.isinf(self.limit):
            return True
        values = self._lookup(h)
        if self.limit > 0 and np.isfinite(values).all():
            return True
        sure = _reaches(self.scn, self.mclass, h[~np.isfinite(values)], self.goal)
        return self.limit > 0 and sure is not None and not sure.any()  # no way from there: inf is exact

    def __getitem__(self, hexes: Any) -> Any:
        h = np.asarray(hexes, dtype=np.int64)
        while not self.settles(h):
            _grow(self.scn, [self])
        values = self._lookup(h)
        return values[()] if values.ndim == 0 else values


def _exact(scn: Scenario, mclass: int, weather: int = 0) -> bool:
    """Whether float32 adds this class's step costs without rounding (so bounded fields are exact)."""
    store = _store(scn)
    key = ("exact", mclass, weather)
    if key not in store:
        rev = reverse_costs(scn, mclass, weather)
        finite = rev[np.isfinite(rev)]
        store[key] = bool(np.all(finite * EXACT_UNIT == np.round(finite * EXACT_UNIT))) and \
            (not finite.size or float(finite.max()) < EXACT_LIMIT)
    exact: bool = store[key]
    return exact


def distances_to(scn: Scenario, mclass: int, weather: int, heads: np.ndarray, limit: float) -> np.ndarray:
    """float32 [n]: movement points from each hex to the nearest of ``heads`` (inf: beyond ``limit``).

    What ``label_correcting`` over the reverse costs gives; when float32 adds these costs exactly
    (and the answers stay small) by ``settle_search``, which expands each hex once. Kept for the phase
    (``memo``): each wave's and each rehearsal's units ask it again from the same supplied hexes.
    """
    heads = heads.astype(np.int64)
    return memo.recall("distances_to", lambda: (mclass, weather, float(limit), heads.tobytes()),
                       lambda: memo.frozen(_distances_to(scn, mclass, weather, heads, limit)))


def _distances_to(scn: Scenario, mclass: int, weather: int, heads: np.ndarray, limit: float) -> np.ndarray:
    rev = reverse_costs(scn, mclass, weather)
    nbr = scn.map.grid.neighbor_table
    if _exact(scn, mclass, weather):
        windows = Windows.flat(nbr.shape[0], np.array([limit], np.float32))
        found = settle_search(StepCosts(rev, nbr), windows, heads, windows.limit,
                              scn.movement.min_step(scn.map, mclass, weather), np.zeros(heads.size, np.int64))
        finite = found.dist[np.isfinite(found.dist)]
        if not finite.size or float(finite.max()) < EXACT_LIMIT:
            return found.dist
    dist, _ = label_correcting(rev, nbr, np.zeros(heads.size, np.int64), heads, np.array([limit], np.float32))
    return dist[0]


def _grow(scn: Scenario, fields: list[GoalField], batch: int = 64) -> None:
    """Search each field further (four times its limit; at first ``FIRST_LIMIT``), many at once per class."""
    grid = scn.map.grid
    for mclass in sorted({f.mclass for f in fields}):
        group = [f for f in fields if f.mclass == mclass]
        steps = StepCosts(reverse_costs(scn, mclass), grid.neighbor_table)
        exact = _exact(scn, mclass)
        for i in range(0, len(group), batch):
            chunk = group[i:i + batch]
            wanted = [(f.limit * 4 if f.limit else FIRST_LIMIT) if exact else np.inf for f in chunk]
            limit = np.array([x if x < EXACT_LIMIT else np.inf for x in wanted], np.float32)
            start = np.array([f.goal for f in chunk], np.int64)
            min_step = scn.movement.min_step(scn.map, mclass)
            windows = Windows.around(grid, start, limit, min_step)
            if exact:  # each hex expanded once; the same costs, as float32 adds these without rounding
                found = settle_search(steps, windows, start, windows.limit, min_step)
            else:
                found = search(steps, windows, np.arange(len(chunk)), start, windows.limit)
            for b, f in enumerate(chunk):
                f.hexes, f.values, _ = found.part(b)
                # nothing lay beyond the limit: this is the whole-map field
                f.limit = float(limit[b]) if found.clipped[b] else np.inf


def goal_field(scn: Scenario, mclass: int, goal: int) -> GoalField:
    """Movement points from each hex to ``goal`` for ``mclass`` (inf: no way), as a ``GoalField``."""
    fields = _store(scn)
    key = (mclass, goal)
    if key not in fields:
        fields[key] = GoalField(scn, mclass, goal)
    field: GoalField = fields[key]
    return field


def prefetch(scn: Scenario, wants: list[tuple[int, int, np.ndarray]]) -> None:
    """Search, many at a time, the fields that (class, goal, hexes) questions about to be asked need.

    The answers are the ones asking one by one would get; only the searches are batched.
    """
    pending = [(goal_field(scn, c, g), np.asarray(h, dtype=np.int64)) for c, g, h in wants]
    while True:
        pending = [(f, h) for f, h in pending if not f.settles(h)]
        if not pending:
            return
        _grow(scn, list({id(f): f for f, _ in pending}.values()))


def reaches(scn: Scenario, mclass: int, hexes: np.ndarray, goal: int) -> np.ndarray:
    """bool [len(hexes)]: whether ``mclass`` can get from each hex to ``goal`` at all (clear weather).

    Steps that can be made both ways join hexes into parts; a one-way step (out of a hex the class
    cannot enter) leads from one part into another. When no part both receives and sends one-way
    steps, a hex reaches the goal exactly when it lies in the goal's part or one step leads from
    its part into the goal's; otherwise the answer comes from the goal's whole-map field.
    """
    hexes = np.asarray(hexes, dtype=np.int64)
    known = _reaches(scn, mclass, hexes, goal)
    if known is None:
        field = goal_field(scn, mclass, goal)
        while not np.isinf(field.limit):
            _grow(scn, [field])
        return np.isfinite(field[hexes])
    return known


def reaches_each(scn: Scenario, mclass: int, hexes: np.ndarray, goals: np.ndarray) -> np.ndarray:
    """bool [len(hexes), len(goals)]: ``reaches`` for every goal, asked once for the parts the hexes
    lie in rather than once per goal for every hex (thousands of units x hundreds of goals)."""
    hexes = np.asarray(hexes, dtype=np.int64)
    goals = np.asarray(goals, dtype=np.int64)
    parts = _parts_of(scn, mclass)
    if parts is None:
        out = np.zeros((hexes.size, goals.size), dtype=bool)
        for j, goal in enumerate(goals.tolist()):
            out[:, j] = reaches(scn, mclass, hexes, goal)
        return out
    comp, links = parts
    here, where = np.unique(comp[hexes], return_inverse=True)
    there = comp[goals]
    joined = (here[:, None] == there[None, :]) | np.isin(here[:, None] * comp.size + there[None, :], links)
    return joined[where.ravel()]


def _parts_of(scn: Scenario, mclass: int) -> tuple[np.ndarray, np.ndarray] | None:
    """``_parts`` of the class, worked out once per map."""
    key = ("parts", mclass)
    store = _store(scn)
    if key not in store:
        store[key] = _parts(scn, mclass)
    parts: tuple[np.ndarray, np.ndarray] | None = store[key]
    return parts


def _reaches(scn: Scenario, mclass: int, hexes: np.ndarray, goal: int) -> np.ndarray | None:
    """``reaches`` from the map's parts; None when its one-way links chain (then only a search can tell)."""
    parts = _parts_of(scn, mclass)
    if parts is None:
        return None
    comp, links = parts
    here, there = comp[hexes], comp[goal]
    return (here == there) | np.isin(here * comp.size + there, links)


def _parts(scn: Scenario, mclass: int) -> tuple[np.ndarray, np.ndarray] | None:
    """(part of every hex, sorted keys ``from * n + to`` of one-way links), or None when links chain."""
    nbr = scn.map.grid.neighbor_table
    n = nbr.shape[0]
    fwd = np.isfinite(scn.movement.edge_costs(scn.map, mclass))
    a = np.repeat(np.arange(n, dtype=np.int64), 6)
    b = nbr.ravel().astype(np.int64)
    back = fwd[np.maximum(b, 0), (np.tile(np.arange(6), n) + 3) % 6]
    step = fwd.ravel() & (b >= 0)
    comp = _components(n, a[step & back], b[step & back])
    src, dst = comp[a[step & ~back]], comp[b[step & ~back]]
    src, dst = src[src != dst], dst[src != dst]
    if np.isin(dst, src).any():
        return None
    return comp, np.unique(src * n + dst)


def _components(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Connected parts of an undirected graph given as edges (a, b): one label per part."""
    label = np.arange(n, dtype=np.int64)
    while True:
        la, lb = label[a], label[b]
        differ = la != lb
        if not differ.any():
            return label
        low = np.minimum(la, lb)[differ]
        np.minimum.at(label, la[differ], low)
        np.minimum.at(label, lb[differ], low)
        while True:  # pointer jumping: every label points at its root
            nxt = label[label]
            if np.array_equal(nxt, label):
                break
            label = nxt


def steps_from(mask: np.ndarray, nbr: np.ndarray, limit: int) -> np.ndarray:
    """int16 [n]: hex steps from the nearest hex in ``mask`` (``limit`` where farther)."""
    out = np.full(mask.size, limit, dtype=np.int16)
    frontier = mask.copy()
    out[frontier] = 0
    seen = frontier.copy()
    for k in range(1, limit):
        ring = nbr[frontier]
        grown = np.zeros(mask.size, dtype=bool)
        grown[ring[ring >= 0]] = True
        grown &= ~seen
        if not grown.any():
            break
        out[grown] = k
        seen |= grown
        frontier = grown
    return out
