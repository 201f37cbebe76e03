"""Movement planning: every unit that is not attacking picks the best hex it can reach.

Each reachable hex is scored in one numpy pass per unit: progress toward the unit's goal along
its class's distance field (roads and passes are cheap, so the axes follow them), places taken,
the garrison an own objective needs, supply (hexes beyond the supply line cost more the further
they lie, and a unit that has been cut off too long must come back), the enemy fire that could
fall on the hex next turn against the strength that would stand there, terrain defence when
threatened, and for armour the close terrain where assault teams can reach it. Units are planned
slowest first so the fast ones fill the gaps; stacking is tracked as the plan goes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.ai.fields import goal_field, prefetch
from game.ai.goals import HOLD, LINK, Goal
from game.ai.situation import Situation
from game.core.rules.movement import MoveRange

NEG = -1e9


class MovePlanner:
    """Plans destinations one unit at a time over shared, updated occupancy and strength maps."""

    def __init__(self, sit: Situation, ranges: dict[int, MoveRange], occ: np.ndarray | None = None,
                 stacks: Garrisons | None = None):
        self.sit = sit
        self.ranges = ranges
        self.stacks = stacks or Garrisons()  # who stands in threatened garrisons (``garrisons``)
        st = sit.state
        self.occ = (sit.occupancy if occ is None else occ).copy()
        self.men_at = np.bincount(st.unit_hex[sit.own], weights=st.unit_men[sit.own], minlength=sit.n)
        self.garrison = np.zeros(sit.n)  # units planned to stand on each hold goal
        for u in sit.own:
            self.garrison[st.unit_hex[u]] += 1
        self.enemy_adjacent = sit.enemy_zoc
        own = sit.own
        per_man = sit.power[own] / np.maximum(st.unit_men[own].astype(float), 1.0)
        self.typical_per_man = float(np.median(per_man)) if own.size else 1.0

    def score(self, u: int, goal: Goal | None) -> tuple[np.ndarray, np.ndarray]:
        """(candidate hexes, their scores) for one unit."""
        sit = self.sit
        cfg = sit.cfg
        st = sit.state
        scn = sit.scn
        mr = self.ranges[u]
        start = mr.start
        cands = mr.hexes[(self.occ[mr.hexes] < sit.stack_max) | (mr.hexes == start)]  # stacking as planned so far
        max_mp = float(scn.unit_max_mp[u])
        s = np.zeros(cands.size)
        if goal is not None:
            field = goal_field(scn, int(scn.unit_class[u]), goal.hex)
            here = field[start]
            f = field[cands]
            weight = cfg.goal_weight * min(2.0, 0.5 + goal.value / 10.0)
            if np.isfinite(here):
                s += np.where(np.isfinite(f), (here - f) / max_mp * weight, NEG)
            else:  # off its class's network (a tank in a marsh): any reachable way toward the goal
                d = sit.grid.distances_from(sit.grid.hex_at(goal.hex))
                s += (d[start] - d[cands]) * 2.0 / max_mp * weight
            if goal.kind == LINK:  # in or next to the place is enough, and it must be held there
                near = sit.grid.distances_from(sit.grid.hex_at(goal.hex))[cands] <= 1
                s += near * cfg.hold_weight * goal.value
            if goal.kind == HOLD:
                on = cands == goal.hex
                full = self.garrison[goal.hex] - (start == goal.hex) >= sit.stack_max
                s += on * cfg.hold_weight * goal.value * self.stacks.need(u, full)
        # places taken by standing in them
        enemy_place = (st.control[cands] != sit.side) * sit.place_vp[cands]
        s += cfg.capture_weight * enemy_place
        stays = self.stands_fast(u, goal)
        home = None if stays else self.stranded(u, cands)
        if home is not None:
            return cands, home
        supply = self._supply(u, cands)
        s += np.where(cands == start, 0.0, supply) if stays else supply
        s += self._danger(u, cands)
        s += self._rear(u, cands)
        s -= 0.05 * mr.cost_at(cands) / max_mp  # shorter moves among equals save fuel
        return cands, s

    def stands_fast(self, u: int, goal: Goal | None) -> bool:
        """The unit garrisons a place worth ``stand_fast_vp`` or more for a side that is outmatched:
        staying there is not weighed against supply, however cut off the place is.

        Why: a pocketed city's garrison walked out toward supply and the city fell the same day to
        the first unit that came, with its garrison standing next to it (seen: Harbin, 26,000 men of
        rear services and a brigade, given up on day 11 where a Japan that never moved held it to day
        14). Held, the place costs the enemy an attack and days. Measured for Japan normal against the
        Soviet normal AI, seeds 3210-3229, on top of ``goals.standing_garrisons``: -79.8 -> -75.3 VP a
        game, better on 15 of 20 (only for places of 10 VP or more, -80.5); the two rules together on seeds
        3230-3249: -84.7 -> -73.9, better on 16 of 20.
        """
        cfg = self.sit.cfg
        start = self.ranges[u].start
        return (cfg.stand_fast_vp > 0 and goal is not None and goal.kind == HOLD and goal.hex == start
                and self.sit.place_vp[start] >= cfg.stand_fast_vp and self.sit.outmatched)

    def _supply(self, u: int, cands: np.ndarray) -> np.ndarray:
        """Hexes beyond supply cost more the further they lie; too far to come back is ruled out."""
        sit = self.sit
        if sit.scn.supply is None:
            return np.zeros(cands.size)
        beyond, too_far = sit.overreach(u, cands, self.ranges[u].cost_at(cands))
        return np.where(too_far, NEG, -sit.cfg.supply_weight * beyond)

    def stranded(self, u: int, cands: np.ndarray) -> np.ndarray | None:
        """For a unit that can reach no hex it could come back from: scores that walk it home.

        Nothing else counts then (no goal, no garrison): only the movement points still between
        it and a supplied hex, so it crosses a crowded or rough stretch over several turns.
        """
        sit = self.sit
        if sit.scn.supply is None:
            return None
        _, too_far = sit.overreach(u, cands, self.ranges[u].cost_at(cands))
        if not too_far.all():
            return None
        back = sit.return_cost(int(sit.scn.unit_class[u]), far=True)[cands]
        worst = float(np.nanmax(np.where(np.isfinite(back), back, 0))) + 10.0
        return -np.where(np.isfinite(back), back, worst + sit.beyond_supply[cands]) + 0.1 * self._danger(u, cands)

    def _danger(self, u: int, cands: np.ndarray) -> np.ndarray:
        sit = self.sit
        cfg = sit.cfg
        st = sit.state
        threat = sit.threat[cands]
        if not threat.any():
            return np.zeros(cands.size)
        here = int(st.unit_hex[u])
        men = self.men_at[cands] + np.where(cands == here, 0.0, float(st.unit_men[u]))
        defense = sit.defense[cands]
        frac = threat / (defense * np.maximum(men, 1.0))  # share of the stack an attack could hit
        out = -cfg.danger_weight * np.minimum(frac, 3.0) * 10.0 * self.fragility(u)
        out += cfg.defense_weight * (defense - 1.0) * (threat > 0)
        armour = float(sit.armour[u])
        if armour > 0:
            out -= cfg.danger_weight * 4.0 * (sit.close_terrain[cands] & (threat > 0)) * min(1.0, armour / 50.0)
        # a hex with enemies on many sides is a pocket in the making
        ring = sit.nbr[cands]
        hostile = (ring >= 0) & (sit.enemy_occupied[np.maximum(ring, 0)] | self.enemy_adjacent[np.maximum(ring, 0)])
        out -= cfg.danger_weight * np.maximum(hostile.sum(axis=1) - 3, 0) * (threat > 0) * 2.0
        return out

    def _rear(self, u: int, cands: np.ndarray) -> np.ndarray:
        """Fragile units keep four hexes or more from anything the enemy holds."""
        if not self.sit.fragile[u]:
            return np.zeros(cands.size)
        return -8.0 * self.sit.cfg.danger_weight * np.maximum(0, 4 - self.sit.front_distance[cands])

    def fragility(self, u: int) -> float:
        """How much worse than a typical unit this one fares when attacked: men with little fire.

        Lorry columns, rear services and gun groups carry many men and little fighting power; an
        attack routs them and, cut off, they surrender whole. They keep well clear of the enemy.
        """
        sit = self.sit
        per_man = sit.power[u] / max(float(sit.state.unit_men[u]), 1.0)
        return float(np.clip(self.typical_per_man / max(per_man, 1e-9), 1.0, 5.0))

    def choose(self, u: int, goal: Goal | None) -> int:
        """Best hex for the unit; updates the shared maps. Returns the unit's hex when it stays."""
        cands, s = self.score(u, goal)
        s = s + self.sit.state.rng.random(s.size) * self.sit.cfg.tie_break  # equal hexes: the seed picks
        start = int(self.sit.state.unit_hex[u])
        best = int(cands[int(np.argmax(s))])
        self._land(u, start, best)
        return best

    def _land(self, u: int, start: int, end: int) -> None:
        men = float(self.sit.state.unit_men[u])
        self.occ[start] -= 1
        self.occ[end] += 1
        self.men_at[start] -= men
        self.men_at[end] += men
        self.garrison[start] -= 1
        self.garrison[end] += 1


def plan_moves(sit: Situation, ranges: dict[int, MoveRange], goals: dict[int, Goal], units: list[int],
               occ: np.ndarray | None = None) -> list[tuple[int, int]]:
    """(unit, destination) for the units that should move, in the order to give the orders."""
    stacks = garrisons(sit, ranges, goals)
    planner = MovePlanner(sit, ranges, occ, stacks)
    scn = sit.scn
    st = sit.state
    # units making room in a threatened garrison go first and those taking it next; then the units cut off
    # (the hexes back into supply fill up), then the slowest
    order = sorted(units, key=lambda u: (u not in stacks.yielding, u not in stacks.keep, -int(st.unit_oos[u]),
                                         float(scn.unit_max_mp[u]), u))
    prefetch(scn, [(int(scn.unit_class[u]), goals[u].hex, ranges[u].hexes)  # the goal fields, searched together
                   for u in order if u in goals and u in ranges])
    out = []
    for u in order:
        if u not in ranges or not ranges[u].destinations().size:
            continue
        dest = planner.choose(u, goals.get(u))
        if dest != int(sit.state.unit_hex[u]):
            out.append((u, dest))
    return out


@dataclass(frozen=True)
class Garrisons:
    """Who stands in the stacks of threatened hold goals (``garrisons``): the strongest units sent
    there that can reach them (``keep``), those on the hex that make room for them (``yielding``),
    and the others sent there, who wait nearby (``spare``)."""

    keep: frozenset[int] = frozenset()
    yielding: frozenset[int] = frozenset()
    spare: frozenset[int] = frozenset()

    def need(self, u: int, full: bool) -> float:
        """The share of a hold goal's worth the unit gets for standing on it."""
        if u in self.yielding:
            return -0.2  # its place in the stack is wanted: standing there is worth less than elsewhere
        if u in self.spare:
            return 0.0
        return 0.2 if full and u not in self.keep else 1.0


def garrisons(sit: Situation, ranges: dict[int, MoveRange], goals: dict[int, Goal]) -> Garrisons:
    """The stacks of threatened hold goals, for the strongest units sent there.

    Why: the garrison of a place the enemy is about to attack is its stack — three units at most —
    and the slowest units plan first, so rear services and headquarters that happened to stand in
    a city kept its stack while the divisions sent to hold it waited in the open next to it (seen:
    Changchun taken from three rear units while four divisions stood around it). Units yield only
    to stronger ones that can reach the hex this phase, so a garrison is never emptied for help
    that cannot come; units that cannot move keep their places.
    """
    st = sit.state
    by_goal: dict[int, tuple[Goal, list[int]]] = {}
    for u, g in goals.items():
        if g.kind == HOLD and g.threatened and u in ranges:
            by_goal.setdefault(id(g), (g, []))[1].append(u)
    keep: set[int] = set()
    yielding: set[int] = set()
    spare: set[int] = set()
    movable_at: dict[int, set[int]] = {}  # hex -> the units there that can leave it (one pass, not one per goal)
    if by_goal:
        for u, mr in ranges.items():
            if mr.destinations().size:
                movable_at.setdefault(int(st.unit_hex[u]), set()).add(u)
    for g, members in by_goal.values():
        movable = movable_at.get(g.hex, set())
        slots = sit.stack_max - (int(sit.occupancy[g.hex]) - len(movable))  # units that cannot leave keep theirs
        # reached at all (not "can end there": the stack may be full of the units that would make room)
        able = [u for u in members if u in movable or bool(np.any(ranges[u].hexes == g.hex))]
        chosen = set(sorted(able, key=lambda u: (-float(sit.power[u]), u))[:max(slots, 0)])
        keep |= chosen
        yielding |= {u for u in members if u in movable and u not in chosen}
        spare |= {u for u in members if u not in movable and u not in chosen}
    return Garrisons(frozenset(keep), frozenset(yielding), frozenset(spare))
