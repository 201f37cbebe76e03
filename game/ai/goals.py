"""Goals from the scenario and who goes for which: the operational layer of the AI.

A side's goals are the places it is told to win (``sides[i].objectives``, or every place worth
VP when the list is empty) and every other place worth VP it does not hold: take those the enemy
holds, hold those it has; its link-ups (only units of the named formations count there); and,
for the side that holds them, fortified hexes to sit in. A side with a redoubt (``sides[i].redoubt``)
plays its defence as the Kwantung Army planned it: the redoubt's places weigh more and want
strong garrisons once the enemy comes near, so units left without a task fall back there. A side
weaker than the enemy it sees (``Situation.outmatched``) does not go for places on the enemy's own
ground, only for its own it has lost: measured for Japan against the Soviet normal AI on seeds
3100-3119, dropping those raids (border units sent at Ussuriysk and Blagoveshchensk in the first days)
raised its margin from -89.9 to -80.1 VP a game, better on 17 of 20, and against the Soviet baseline from
+73.1 to +84.6 (16 of 20); on the tournament's seeds 1944-1953 it lost 5.4 VP a game against the AI and
gained 3.9 against the baseline, so about +5 and +9 over all thirty. Such a side's units already in a
fortified position it holds, or in a place of its own worth ``Difficulty.garrison_vp`` or more, keep it before
anyone else is handed out (``standing_garrisons``). (Giving
up unfortified places the enemy approaches in strength was tried and dropped: in the calibrated
Manchuria game the border towns, held, buy more time than the redoubt gains from their garrisons.)
Each goal asks for firepower in
proportion to its value and to the enemy seen around it; units are handed out greedily, the
best utility (value over the turns needed to get there) first, so the nearest armies go for the
nearest objectives and the big prizes draw more.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field

import numpy as np

from game.ai.fields import goal_field, prefetch, reaches_each
from game.ai.situation import Situation
from game.core.rules.victory import link_up_key
from game.core.units import MOVEMENT_CLASSES

TAKE, HOLD, LINK = "take", "hold", "link"
FOOT = MOVEMENT_CLASSES.index("foot")  # the class that reaches every hex a ground unit can
FORTIFIED = 2  # fortification level from which a hex is a fortified position worth holding for itself


@dataclass
class Goal:
    hex: int
    value: float
    kind: str  # take, hold or link
    name: str
    formations: tuple[str, ...] = ()  # link-ups: units of these formations only
    demand: float = 0.0  # firepower wanted there
    threatened: bool = False  # a hold goal with enemy fire near: its stack is for the strongest
    units: list[int] = field(default_factory=list)


def side_goals(sit: Situation) -> list[Goal]:
    """The side's goals now, from the scenario and what it can see."""
    scn = sit.scn
    st = sit.state
    grid = sit.grid
    objectives = set(scn.sides[sit.side].objectives)
    goals: list[Goal] = []
    typical = float(np.median(sit.power[sit.own])) if sit.own.size else 1.0
    near_enemy = _nearby_max(sit, sit.enemy_power_at, 2)
    threatened = _nearby_max(sit, sit.threat, 3) > 0
    redoubt = set(scn.sides[sit.side].redoubt)
    for p in scn.map.places:
        wanted = p.id in objectives if objectives else p.vp > 0
        if not wanted and p.vp <= 0:
            continue
        h = grid.index(p.hex)
        value = float(p.vp) * (1.5 if wanted else 1.0)
        inner = p.id in redoubt
        if inner:
            value *= sit.cfg.redoubt_weight
        if st.control[h] == sit.side:
            if not (wanted or p.vp >= 3 or inner):
                continue
            share = (sit.cfg.redoubt_demand if inner else 0.25) if threatened[h] else 0.05
            goals.append(Goal(h, value, HOLD, p.id, demand=typical * share * value, threatened=bool(threatened[h])))
        elif not (sit.outmatched and scn.initial_control[h] not in (sit.side, -1)):
            demand = typical * 0.3 * value + 2.0 * near_enemy[h]
            goals.append(Goal(h, value, TAKE, p.id, demand=demand))
    for lu in scn.link_ups:  # one goal per formation, so that every one of them sends units
        if lu.side == sit.side and link_up_key(lu) not in st.extra:
            for f in lu.formations:
                goals.append(Goal(lu.place, float(lu.vp) + sit.place_vp[lu.place], LINK, f"{lu.name}: {f}",
                                  formations=(f,), demand=typical * 2))
    fort = scn.map.fortification
    for fh in np.flatnonzero((fort >= FORTIFIED) & (st.control == sit.side)):
        if not any(g.hex == fh for g in goals):
            goals.append(Goal(int(fh), float(fort[fh]), HOLD, f"fortification {grid.hex_at(int(fh))}",
                              demand=typical * (0.5 if threatened[fh] else 0.2), threatened=bool(threatened[fh])))
    return goals


def _nearby_max(sit: Situation, values: np.ndarray, steps: int) -> np.ndarray:
    """Largest of ``values`` within ``steps`` hexes of each hex: the strongest group near a place."""
    out = values.astype(float).copy()
    nbr = sit.nbr
    for _ in range(steps):
        padded = np.append(out, 0.0)
        out = np.maximum(out, padded[nbr].max(axis=1))
    return out


def _axial(sit: Situation, hexes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    q, r = sit.grid.axial
    return q[hexes].astype(np.int64), r[hexes].astype(np.int64)


def hex_distances(sit: Situation, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """int [len(a), len(b)]: hex steps between every hex of ``a`` and every hex of ``b``."""
    aq, ar = _axial(sit, a)
    bq, br = _axial(sit, b)
    dq = aq[:, None] - bq[None, :]
    dr = ar[:, None] - br[None, :]
    return (np.abs(dq) + np.abs(dr) + np.abs(dq + dr)) // 2


def assign(sit: Situation, goals: list[Goal], units: list[int]) -> dict[int, Goal]:
    """Hand each unit a goal: best utility first while the goal still wants firepower. A weaker
    side's units in a fortified position or a big city it holds stay there first (``standing_garrisons``)."""
    out = standing_garrisons(sit, goals, units)
    units = [u for u in units if u not in out]
    if not goals or not units:
        return out
    scn = sit.scn
    uarr = np.array(units, dtype=np.int64)
    dist = hex_distances(sit, sit.state.unit_hex[uarr], np.array([g.hex for g in goals], dtype=np.int64))
    hexes_per_turn = np.maximum(scn.unit_max_mp[uarr] / 2.0, 1.0)  # about 2 MP a hex off the roads
    turns = dist / hexes_per_turn[:, None]
    if sit.cfg.travel_costs:
        road = travel_turns(sit, uarr, goals)
        turns = np.where(np.isfinite(road), road, turns)
    value = np.array([g.value for g in goals])
    here = sit.state.unit_hex[uarr]
    # no goal across the sea: a unit on Sakhalin that is handed a mainland city only walks to the shore
    eligible = reaches_each(scn, FOOT, here, np.array([g.hex for g in goals], dtype=np.int64))
    not_hold = np.array([g.kind != HOLD for g in goals])
    eligible &= ~(sit.fragile[uarr][:, None] & not_hold[None, :])
    for j, g in enumerate(goals):
        if g.kind == LINK:
            forms = set(g.formations)
            eligible[:, j] = [bool(forms & scn.unit_formations[u]) for u in units]
    utility = np.where(eligible, value[None, :] / (1.0 + turns), -np.inf)
    if sit.cfg.variety:  # the view's planning RNG: another seed, another plan; a replay, the same one
        utility = utility * (1.0 + sit.cfg.variety * (2.0 * sit.state.rng.random(utility.shape) - 1.0))
    demand = [float(g.demand) for g in goals]  # Python floats: the same doubles, read faster in the walk
    power = [float(sit.power[u]) for u in units]
    for i, j in greedy_pairs(utility, demand, power):
        out[units[i]] = goals[j]
        goals[j].units.append(units[i])
    if any(u not in out for u in units):
        best = np.argmax(utility, axis=1)
        for i, u in enumerate(units):  # everyone left over follows the best prize it can see
            if u not in out and np.isfinite(utility[i, best[i]]):
                out[u] = goals[int(best[i])]
                goals[int(best[i])].units.append(u)
    return out


def standing_garrisons(sit: Situation, goals: list[Goal], units: list[int]) -> dict[int, Goal]:
    """An outmatched side's units standing in a fortified hex it holds, or in a place of its own worth
    ``garrison_vp`` or more, each with that hex's hold goal; the goal's demand is lowered by their firepower.

    Why: the greedy hand-out gave a fortress's want of firepower to its first unit and sent the
    others to the next goal, so the 80th Brigade marched out of Hailar toward the border works on
    the first day and died in the open; Hailar, held by the rest, fell on day 7 where a Japan that
    never moved held it to day 15. The Kwantung Army's plan was the other way round: the fortified
    regions were manned to the end while the field army fell back. Measured for Japan normal against
    the Soviet normal AI, seeds 3210-3229: -84.4 -> -79.8 VP a game, better on 14 of 20; with
    ``maneuver.MovePlanner.stands_fast`` as well, -75.3 (15 of 20), and on seeds 3230-3249 -84.7 -> -73.9
    (16 of 20).

    Big cities likewise: an unthreatened place wants only a token garrison, met by its first unit, so
    the 149th Division marched out of Qiqihar (8 VP) for Baicheng (3 VP) on the first day and Qiqihar,
    left to the 4th Army's rear services, fell on day 8 (seed 3260, against the Soviet baseline); its
    garrison had nowhere better to be. Keeping every unit standing in a place worth 8 VP or more, for Japan
    normal against the Soviet normal AI: seeds 3250-3269 -84.6 -> -78.2 VP a game (better on 14 of 20;
    at 5 VP -78.9, 10 of 20), seeds 3290-3309 -78.7 -> -75.3 (11 of 20); against the Soviet baseline
    +81.9 -> +84.8 (9 of 20) and +78.7 -> +75.8 (7 of 20): no change there.
    """
    if not sit.outmatched:
        return {}
    fort = sit.scn.map.fortification
    big = sit.cfg.garrison_vp
    held = {g.hex: g for g in goals
            if g.kind == HOLD and (fort[g.hex] >= FORTIFIED or (big > 0 and sit.place_vp[g.hex] >= big))}
    out: dict[int, Goal] = {}
    for u in units:
        g = held.get(int(sit.state.unit_hex[u]))
        if g is not None:
            out[u] = g
            g.units.append(u)
            g.demand -= float(sit.power[u])
    return out


def travel_turns(sit: Situation, uarr: np.ndarray, goals: list[Goal]) -> np.ndarray:
    """float [units, goals]: phases each unit needs to reach each goal along its class's distance field
    (roads and railways cheap, mountains dear; inf where its class has no way there)."""
    scn = sit.scn
    here = sit.state.unit_hex[uarr]
    classes = scn.unit_class[uarr]
    out = np.full((uarr.size, len(goals)), np.inf)
    wants = [(int(c), g.hex, here[classes == c]) for c in np.unique(classes) for g in goals]
    prefetch(scn, wants)
    mp = np.maximum(scn.unit_max_mp[uarr].astype(float), 1.0)
    for c in np.unique(classes):
        rows = np.flatnonzero(classes == c)
        for j, g in enumerate(goals):
            out[rows, j] = goal_field(scn, int(c), g.hex)[here[rows]] / mp[rows]
    return out


def greedy_pairs(utility: np.ndarray, demand: list[float], power: list[float], head: int = 16
                 ) -> list[tuple[int, int]]:
    """(row, column) pairs taken in order, walking the finite pairs of ``utility`` by falling value
    (ties in row-major order): a row is taken once, by a column whose ``demand`` is still above zero,
    which then loses the row's ``power``. ``demand`` is spent in place.

    Why not the plain walk over every pair sorted: a few hundred units fill a few hundred goals, so
    it sorted and stepped through units x goals pairs to take a few of them. Here each open column
    offers its best row not taken yet, and a heap picks the best offer: the same pairs in the same
    order, from each column's ``head`` best rows (all rows tied with the last of them included; the
    column's other rows are sorted only if it uses them all up).
    """
    n_rows, n_cols = utility.shape
    cols = np.ascontiguousarray(utility.T)
    finite = np.isfinite(cols)
    if n_rows > head:
        kth = -np.partition(-np.where(finite, cols, -np.inf), head - 1, axis=1)[:, head - 1]
    else:
        kth = np.full(n_cols, -np.inf)
    jj, ii = np.nonzero(finite & (cols >= kth[:, None]))
    order = np.lexsort((ii, -cols[jj, ii], jj))
    bounds = np.searchsorted(jj[order], np.arange(n_cols + 1))
    rows_sorted = ii[order].tolist()
    offers = [rows_sorted[bounds[j]:bounds[j + 1]] for j in range(n_cols)]
    complete = np.isneginf(kth).tolist()  # every finite row of the column is offered already
    pos = [0] * n_cols
    taken: set[int] = set()
    out: list[tuple[int, int]] = []

    def offer(j: int) -> tuple[float, int] | None:
        """Column j's next (-value, row-major index) with a row not taken, if any."""
        while True:
            rows = offers[j]
            while pos[j] < len(rows) and rows[pos[j]] in taken:
                pos[j] += 1
            if pos[j] < len(rows):
                i = rows[pos[j]]
                return -float(cols[j, i]), i * n_cols + j
            if complete[j]:
                return None
            rest = np.flatnonzero(finite[j] & (cols[j] < kth[j]))
            rows.extend(rest[np.argsort(-cols[j, rest], kind="stable")].tolist())
            complete[j] = True

    heap = [o for j in range(n_cols) if demand[j] > 0 and (o := offer(j)) is not None]
    heapq.heapify(heap)
    while heap:
        _, flat = heapq.heappop(heap)
        i, j = divmod(flat, n_cols)
        if i not in taken:
            taken.add(i)
            out.append((i, j))
            demand[j] -= power[i]
            if len(taken) == n_rows:
                break
            if demand[j] <= 0:
                continue  # the column is full: its other rows are never taken
        nxt = offer(j)
        if nxt is not None:
            heapq.heappush(heap, nxt)
    return out
