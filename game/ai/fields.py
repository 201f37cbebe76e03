"""Static distance fields: movement points from every hex to a goal hex, per movement class.

The AI steers units with these: a unit's progress toward its goal is how much a move lowers the
field. They follow the map's roads, railways and passes because the movement costs do, so axes
of advance come out of the terrain rather than from straight lines. Enemies are left out (they
move every turn; the move scoring weighs them separately), so a field depends only on the map
and the rules and is computed once per scenario, class and goal, then cached.
"""

from __future__ import annotations

import weakref

import numpy as np

from game.core.rules.movement import INF, label_correcting
from game.core.state import Scenario

_CACHE: dict[int, tuple[weakref.ref[object], dict[tuple[int, int], np.ndarray]]] = {}


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


def _store(scn: Scenario) -> dict[tuple[int, int], np.ndarray]:
    key = id(scn.map)
    hit = _CACHE.get(key)
    if hit is not None and hit[0]() is scn.map:
        return hit[1]
    for k in [k for k, (ref, _) in _CACHE.items() if ref() is None]:
        del _CACHE[k]
    fields: dict[tuple[int, int], np.ndarray] = {}
    _CACHE[key] = (weakref.ref(scn.map), fields)
    return fields


def goal_field(scn: Scenario, mclass: int, goal: int) -> np.ndarray:
    """float32 [n_hexes]: movement points from each hex to ``goal`` for ``mclass`` (inf: no way)."""
    fields = _store(scn)
    key = (mclass, goal)
    if key not in fields:
        rev = reverse_costs(scn, mclass)
        dist, _ = label_correcting(rev, scn.map.grid.neighbor_table, np.zeros(1, np.int64),
                                   np.array([goal], np.int64), np.array([np.inf], np.float32))
        field = dist[0]
        field.setflags(write=False)
        fields[key] = field
    return fields[key]


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
