"""Fog of war: what one side can see, and the state as that side knows it.

The rule (also in the README): a side sees every hex it controls, every hex within
``sight_hexes`` of its ground units — except hexes of close terrain (forest, mountains, towns),
which it sees only from next door — and hexes within ``air_recon_hexes`` of its air bases.
Enemy units in hexes it cannot see are hidden from its view, and emptied: their men, equipment
and stocks are not in it, nor is the game's RNG. The AI and the UI decide on the view; the
engine checks every order against the true state.

What a side knows of the enemy units it does see is an estimate: men and each kind of equipment
rounded to a step of the unit's establishment (``strength_estimate_step``, in the rules' fog
section), its stocks shown full and its vehicles under repair and wounded unknown — a player reads
"about 6,000 men and 30 tanks", not the exact count.

Hex ownership in a view is the side's picture, not the truth: what it sees now, and elsewhere who
held each hex when the side last saw it (``known_control``, updated for every side at the end of
each phase by ``remember``). A spearhead that takes ground in the fog behind the front is not on
the enemy's map until the enemy sees that ground again — the remembered front line.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import cache

import numpy as np

from game.core.nearby import box_around, covers_map, units_in_box
from game.core.state import GameState
from game.core.units import OFF_MAP


@dataclass(frozen=True)
class FogRules:
    sight_hexes: int
    close_terrain: frozenset[int]  # terrain kind indices
    air_recon_hexes: int
    strength_estimate_step: float = 0.1  # seen enemy strength is rounded to this share of establishment


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
    close = _close_terrain(state)
    seen = (_dilate(ground, nbr, fog.sight_hexes) & ~close) | _dilate(ground, nbr, 1)
    seen |= _dilate(air, nbr, fog.air_recon_hexes) if fog.air_recon_hexes else air
    return seen | (state.control == side)


def _close_terrain(state: GameState) -> np.ndarray:
    """bool [n_hexes]: hexes seen only from next door. Cached on the map: terrain never changes."""
    fog = state.scenario.fog
    assert fog is not None
    m = state.scenario.map
    cache_: dict[frozenset[int], np.ndarray] = m.__dict__.setdefault("_close_terrain_cache", {})
    if fog.close_terrain not in cache_:
        cache_[fog.close_terrain] = np.isin(m.terrain, list(fog.close_terrain))
    return cache_[fog.close_terrain]


@cache
def _disc(radius: int) -> tuple[np.ndarray, np.ndarray]:
    """Axial offsets (dq, dr) of the hexes within ``radius`` steps, as [1, k] arrays."""
    pairs = [(dq, dr) for dq in range(-radius, radius + 1) for dr in range(-radius, radius + 1)
             if abs(dq) + abs(dr) + abs(dq + dr) <= 2 * radius]
    dq, dr = np.array(pairs, dtype=np.int64).T
    return dq[None, :], dr[None, :]


def _held(sorted_hexes: np.ndarray, hexes: np.ndarray) -> np.ndarray:
    """bool, shaped like ``hexes``: each is one of ``sorted_hexes``."""
    if not sorted_hexes.size:
        return np.zeros(hexes.shape, dtype=bool)
    pos = np.minimum(np.searchsorted(sorted_hexes, hexes), sorted_hexes.size - 1)
    return sorted_hexes[pos] == hexes


def _near(state: GameState, units_at: np.ndarray, hexes: np.ndarray, radius: int) -> np.ndarray:
    """bool [len(hexes)]: one of the hexes ``units_at`` (sorted) lies within ``radius`` steps of each hex.

    On a rectangular map the steps between two hexes are their hex distance (tests check it), so
    this is ``_dilate(mask, nbr, radius)[hexes]`` looked up around the hexes asked about only.
    """
    grid = state.scenario.map.grid
    q, r = grid.axial
    dq, dr = _disc(radius)
    rr = r[hexes].astype(np.int64)[:, None] + dr
    cc = q[hexes].astype(np.int64)[:, None] + dq + (rr - (rr & 1)) // 2
    on = (rr >= 0) & (rr < grid.height) & (cc >= 0) & (cc < grid.width)
    return (_held(units_at, np.where(on, rr * grid.width + cc, -1)) & on).any(axis=1)


def visible_at(state: GameState, side: int, hexes: np.ndarray) -> np.ndarray:
    """``visible(state, side)[hexes]``, worked out around those hexes only (a move needs a few)."""
    scn = state.scenario
    fog = scn.fog
    hexes = np.asarray(hexes, dtype=np.int64)
    if fog is None:
        return np.ones(hexes.size, dtype=bool)
    grid = scn.map.grid
    out = state.control[hexes] == side
    cell = max(fog.sight_hexes, fog.air_recon_hexes, 1)
    mine = _units_near(state, side, hexes, cell)  # no unit farther away sees any of the hexes
    if not mine.size:
        return out
    # a coarse index first: only hexes with one of the side's units within a cell or so can be seen
    rows, cols = grid.height // cell + 1, grid.width // cell + 1
    r, c = np.divmod(state.unit_hex[mine].astype(np.int64), grid.width)
    held = np.zeros((rows + 2, cols + 2), dtype=bool)
    held[r // cell + 1, c // cell + 1] = True
    near = np.zeros_like(held)  # a cell next to (or at) a cell holding a unit: nine shifted slices, not nine
    for dr in (0, 1, 2):  # scatters of every unit
        for dc in (0, 1, 2):
            near[1:-1, 1:-1] |= held[dr:rows + dr, dc:cols + dc]
    hr, hc = np.divmod(hexes, grid.width)
    ask = np.flatnonzero(near[hr // cell + 1, hc // cell + 1])
    if not ask.size:
        return out
    at = hexes[ask]
    ground = np.sort(state.unit_hex[mine[scn.unit_ground[mine]]])
    air = np.sort(state.unit_hex[mine[~scn.unit_ground[mine]]])
    seen = (_near(state, ground, at, fog.sight_hexes) & ~_close_terrain(state)[at]) | _near(state, ground, at, 1)
    seen |= _near(state, air, at, fog.air_recon_hexes) if fog.air_recon_hexes else _held(air, at)
    out[ask] |= seen
    return out


def _units_near(state: GameState, side: int, hexes: np.ndarray, reach: int) -> np.ndarray:
    """The side's units on the map within ``reach`` rows and columns of some of ``hexes``."""
    grid = state.scenario.map.grid
    box = box_around(grid, hexes, reach)
    if covers_map(grid, box):
        return state.units_of(side)
    near = units_in_box(state, box)
    return near[state.scenario.unit_side[near] == side]


def positions_seen(state: GameState, side: int, around: int, reach: int) -> GameState:
    """The state with the enemy units ``side`` cannot see within ``reach`` rows and columns of hex
    ``around`` taken off the map, and nothing else changed.

    That is all a move near ``around`` reads of the side's view (positions, own units, weather and
    the interdiction the view keeps), without the cost of a whole view. The copy shares every array
    but ``unit_hex`` with ``state``: read it, never change it.
    """
    near = units_in_box(state, box_around(state.scenario.map.grid, around, reach))
    near = near[state.scenario.unit_side[near] != side]
    out = copy.copy(state)
    out.unit_hex = state.unit_hex.copy()
    out.unit_hex[near[~visible_at(state, side, state.unit_hex[near])]] = OFF_MAP
    return out


def view(state: GameState, side: int) -> GameState:
    """The state as the side may know it: the enemy units it cannot see taken off the map and emptied
    (``blank_hidden``), seen ones estimated, ownership as the side last saw it, and the dice replaced
    by the planning RNG (``planning_rng``), so nothing that reads a view — the UI,
    the computer players, the legality of a move — can learn a hidden fact or the coming rolls."""
    out = state.clone()
    seen = visible(state, side)
    enemy = np.flatnonzero((state.scenario.unit_side != side) & (state.unit_hex != OFF_MAP))
    hidden = enemy[~seen[state.unit_hex[enemy]]]
    out.unit_hex[hidden] = OFF_MAP
    out.control = np.where(seen, state.control, state.known_control[side]).astype(np.int8)
    out.known_control[:] = out.control
    _estimate_seen(out, enemy[seen[state.unit_hex[enemy]]])
    out.rng = planning_rng(state, side)
    return blank_hidden(out, side, copy=False)


def planning_rng(state: GameState, side: int) -> np.random.Generator:
    """The RNG a view carries instead of the game's dice: seeded from the game's seed (public: it names
    the game), the side, turn and phase. A computer player breaks ties and samples candidates with it,
    so two games of different seeds get different plans while a replay gets the same ones — and it
    tells nothing of the coming rolls."""
    seed = int(state.extra.get("seed", 0)) & 0xFFFFFFFFFFFFFFFF
    return np.random.Generator(np.random.PCG64([seed, side, state.turn, state.phase]))


def remember(state: GameState) -> None:
    """Every side notes who holds the hexes it sees now (its memory of the front for ``view``)."""
    for side in range(len(state.scenario.sides)):
        seen = visible(state, side)
        state.known_control[side, seen] = state.control[seen]


def _estimate_seen(v: GameState, units: np.ndarray) -> None:
    """Seen enemy units as an observer knows them: strength rounded to a step of establishment
    (the unit's men and equipment before any loss), stocks full, repairs and wounded unknown."""
    scn = v.scenario
    fog = scn.fog
    if fog is None or not units.size:
        return
    band = fog.strength_estimate_step
    full = v.unit_men[units] + v.unit_lost_men[units]
    men = _rounded(v.unit_men[units], full, band)
    v.unit_lost_men[units] = full - men
    v.unit_men[units] = men
    full_eq = v.unit_equipment[units] + v.unit_lost_equipment[units]
    eq = _rounded(v.unit_equipment[units], full_eq, band)
    v.unit_lost_equipment[units] = full_eq - eq
    v.unit_equipment[units] = eq
    v.unit_damaged[units] = 0
    v.unit_wounded[units] = 0
    if scn.supply is not None:
        v.unit_fuel[units] = scn.supply.fuel_capacity_days
        v.unit_ammo[units] = scn.supply.ammo_capacity_days


def _rounded(count: np.ndarray, full: np.ndarray, band: float) -> np.ndarray:
    """``count`` to the nearest multiple of ``band`` x ``full`` (at least 1), never above ``full``;
    a unit with anything left never shows as empty."""
    if band <= 0:
        return count
    step = np.maximum(1.0, full * band)
    out = np.minimum(np.round(count / step) * step, full).astype(count.dtype)
    return np.where((count > 0) & (out == 0), np.minimum(np.ceil(step), full).astype(count.dtype), out)


def blank_hidden(v: GameState, side: int, copy: bool = True) -> GameState:
    """A copy of a view in which enemy units off the map hold nothing (the view's RNG stays: it is
    already the planning one, ``planning_rng``, not the game's dice).

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
    return out
