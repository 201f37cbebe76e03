"""What one side knows at the start of a plan, as numpy maps: the AI's influence maps.

Everything here is computed from a view (``game.core.view.view``): enemy units the side cannot
see are off the map in it, and nothing below reads a unit that is off the map, so hidden enemies
cannot change a plan. The maps: firepower per unit, the enemy's reach (how much enemy fire could
fall on each hex next turn), the side's supply and how far each hex lies beyond it, the enemy's
supply as far as the side can see it, and terrain defence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from game.ai.config import Difficulty
from game.ai.fields import distances_to, steps_from
from game.core import engine
from game.core.rules.movement import enemy_occupied, enemy_zoc, movement_ranges
from game.core.rules.supply import SupplyMap, supply_map
from game.core.state import GameState
from game.core.units import OFF_MAP
from game.core.view import visible

FAR = 60  # hex steps treated as "very far" in the supply-distance map


@dataclass(frozen=True)
class Reports:
    """What the side's own units reported at the start of its phase, before anything moved.

    The game tells a side how long each of its units has been cut off (``unit_oos``); at the
    start of a phase that says exactly where supply failed (``cut``) and where it arrived
    (``fed``), hidden enemies included — the one sure knowledge of supply the side has.
    """

    cut: frozenset[int] = frozenset()
    fed: frozenset[int] = frozenset()


NO_REPORTS = Reports()


def phase_reports(v: GameState, side: int) -> Reports:
    """The reports of a view taken at the start of the side's phase."""
    units = v.ground_units_of(side)
    oos = v.unit_oos[units] > 0
    return Reports(frozenset(int(h) for h in v.unit_hex[units[oos]]),
                   frozenset(int(h) for h in v.unit_hex[units[~oos]]))


def firepower(state: GameState, units: np.ndarray) -> np.ndarray:
    """float [len(units)]: men an attack by each unit alone would hit in the open, a strength index.

    Uses the scenario's own combat numbers (HE per point, small arms per 1,000 men), so it ranks
    units the way the combat rules will treat them; experience scales it as in combat.
    """
    scn = state.scenario
    units = np.asarray(units, dtype=np.int64)
    if not units.size:
        return np.zeros(0)
    men = state.unit_men[units].astype(float)
    if scn.combat is None:
        return men / 1000.0
    table = scn.weapon_table
    he_by_type = np.bincount(table.owner, weights=table.he, minlength=len(scn.equipment))
    he = state.unit_equipment[units].astype(float) @ he_by_type
    exp = np.array([scn.units[u].experience for u in units])
    return (he * scn.combat.he_casualties_per_point + men / 1000.0 * scn.combat.small_arms_per_1000) * exp


def armour_count(state: GameState, units: np.ndarray) -> np.ndarray:
    """int [len(units)]: armoured vehicles of each unit."""
    scn = state.scenario
    if scn.combat is None or not len(units):
        return np.zeros(len(units), dtype=np.int64)
    return (state.unit_equipment[np.asarray(units, np.int64)] * scn.weapon_table.armored).sum(axis=1)


@dataclass
class Situation:
    """A side's picture of the game, built once per plan from its view."""

    state: GameState  # the view
    side: int
    cfg: Difficulty
    reports: Reports = NO_REPORTS  # where own units found supply at the start of the phase
    own: np.ndarray = field(init=False)  # own ground units on the map
    enemy: np.ndarray = field(init=False)  # enemy ground units the side can see

    def __post_init__(self) -> None:
        st = self.state
        scn = st.scenario
        self.scn = scn
        self.grid = scn.map.grid
        self.nbr = self.grid.neighbor_table
        self.n = self.grid.size
        self.own = st.ground_units_of(self.side)
        on = (st.unit_hex != OFF_MAP) & scn.unit_ground & (scn.unit_side != self.side)
        self.enemy = np.flatnonzero(on)
        self.stack_max = scn.movement.stack_max

    # ---------------------------------------------------------------- units

    @cached_property
    def power(self) -> np.ndarray:
        """float [n_units]: firepower of every unit on the map (0 for the rest)."""
        out = np.zeros(len(self.scn.units))
        units = np.concatenate([self.own, self.enemy])
        out[units] = firepower(self.state, units)
        return out

    @cached_property
    def armour(self) -> np.ndarray:
        out = np.zeros(len(self.scn.units), dtype=np.int64)
        units = np.concatenate([self.own, self.enemy])
        out[units] = armour_count(self.state, units)
        return out

    @cached_property
    def fragile(self) -> np.ndarray:
        """bool [n_units]: own units with little fire for their men (lorry columns, rear services).

        An attack routs them and, cut off, they surrender whole; they stay back and never go for
        an objective the enemy holds.
        """
        st = self.state
        out = np.zeros(len(self.scn.units), dtype=bool)
        if not self.own.size:
            return out
        per_man = self.power[self.own] / np.maximum(st.unit_men[self.own].astype(float), 1.0)
        out[self.own] = per_man < 0.25 * float(np.median(per_man))
        return out

    @cached_property
    def front_distance(self) -> np.ndarray:
        """int16 [n]: hex steps from the nearest hex the enemy holds (control is public)."""
        enemy = (self.state.control >= 0) & (self.state.control != self.side)
        return steps_from(enemy, self.nbr, 12)

    @cached_property
    def movers(self) -> list[int]:
        """Own ground units that may still act this phase."""
        st = self.state
        return [int(u) for u in self.own if engine.may_move(st, int(u)) and st.unit_mp[u] > 0]

    # ---------------------------------------------------------------- hexes

    @cached_property
    def enemy_occupied(self) -> np.ndarray:
        return enemy_occupied(self.state, self.side)

    @cached_property
    def enemy_zoc(self) -> np.ndarray:
        return enemy_zoc(self.state, self.side)

    @cached_property
    def occupancy(self) -> np.ndarray:
        return self.state.occupancy(self.side).copy()

    @cached_property
    def outmatched(self) -> bool:
        """The side is weaker than the enemy it can see (firepower on the map): it fights a defensive war
        (``goals.side_goals``: no raids on the enemy's home ground), is on the defensive (``planner.defending``)
        and its garrisons stand (``goals.standing_garrisons``, ``maneuver.MovePlanner.stands_fast``)."""
        return bool(self.power[self.own].sum() < self.power[self.enemy].sum())

    @cached_property
    def own_power_at(self) -> np.ndarray:
        return np.bincount(self.state.unit_hex[self.own], weights=self.power[self.own], minlength=self.n)

    @cached_property
    def enemy_power_at(self) -> np.ndarray:
        return np.bincount(self.state.unit_hex[self.enemy], weights=self.power[self.enemy], minlength=self.n)

    @cached_property
    def supply(self) -> SupplyMap:
        """The side's supply as its view shows it, corrected by what its own units report.

        Hidden enemies block supply too, so the view's trace is too generous. A unit found cut off
        at the start of the phase (``reports.cut``, or a unit that has not moved yet) is proof of a block
        somewhere up its route: hexes near it that lie about as far or further along the trace are
        taken as cut off too.
        """
        smap = supply_map(self.state, self.side)
        st = self.state
        if self.scn.supply is None:
            return smap
        fresh = self.own[(st.unit_oos[self.own] > 0) & (st.unit_mp[self.own] >= self.scn.unit_max_mp[self.own])]
        reported = {int(st.unit_hex[u]) for u in fresh} | set(self.reports.cut)
        cut = [h for h in reported if smap.supplied[h]]
        if not cut:
            return smap
        supplied = smap.supplied.copy()
        for h in cut:
            near = self.grid.distances_from(self.grid.hex_at(h)) <= 3
            supplied &= ~(near & (smap.cost >= smap.cost[h] - 2.0))
        return SupplyMap(smap.side, smap.rail, np.where(supplied, smap.cost, np.inf).astype(np.float32), supplied)

    @cached_property
    def beyond_supply(self) -> np.ndarray:
        """int16 [n]: hex steps from the nearest supplied hex (0 where supplied)."""
        return steps_from(self.supply.supplied, self.nbr, FAR)

    @cached_property
    def enemy_supplied(self) -> np.ndarray:
        """bool [n]: where the enemy's supply reaches, as far as this side can tell from its view."""
        out = np.zeros(self.n, dtype=bool)
        for s in range(len(self.scn.sides)):
            if s != self.side:
                out |= supply_map(self.state, s).supplied
        return out

    @cached_property
    def defense(self) -> np.ndarray:
        """float [n]: divisor of the fire a defender receives in each hex (terrain x fortification)."""
        scn = self.scn
        d = scn.terrain_defense[scn.map.terrain].astype(float)
        if scn.combat is not None:
            d = d * np.asarray(scn.combat.fortification_defense)[scn.map.fortification]
        return d

    @cached_property
    def close_terrain(self) -> np.ndarray:
        """bool [n]: hexes where enemy assault teams can reach armour (range within close assault)."""
        scn = self.scn
        if scn.combat is None:
            return np.zeros(self.n, dtype=bool)
        rng = scn.terrain_range_m[scn.map.terrain]
        return rng <= scn.combat.close_assault.max_range_m

    @cached_property
    def place_vp(self) -> np.ndarray:
        out = np.zeros(self.n)
        for p in self.scn.map.places:
            out[self.grid.index(p.hex)] += p.vp
        return out

    @cached_property
    def threat(self) -> np.ndarray:
        """float [n]: enemy firepower that could attack each hex in the enemy's next phase.

        The visible enemy units' movement ranges with full movement points: a unit threatens the
        hexes next to those it can reach with points left to attack.
        """
        out = np.zeros(self.n)
        if self.scn.combat is None:
            return out
        if self.cfg.fog_caution > 0:  # the careful player expects someone in the fog next door
            unseen = ~visible(self.state, self.side) & (self.state.control != self.side)
            typical = float(np.median(self.power[self.enemy])) if self.enemy.size else \
                float(np.median(self.power[self.own])) if self.own.size else 0.0
            out[steps_from(unseen, self.nbr, 3) <= 2] += self.cfg.fog_caution * typical
        if not self.enemy.size:
            return out
        scratch = self.state.clone()
        scn = self.scn
        scratch.unit_mp[self.enemy] = scn.unit_max_mp[self.enemy]
        if scn.supply is not None:
            scratch.unit_fuel[self.enemy] = scn.supply.fuel_capacity_days
        by_side: dict[int, list[int]] = {}
        for u in self.enemy:
            s = int(scn.unit_side[u])
            next_turn = scratch.turn if s > self.side else scratch.turn + 1  # the enemy's next phase
            if next_turn >= scn.units[u].moves_from_turn:  # units held back cannot attack
                by_side.setdefault(s, []).append(int(u))
        for units in by_side.values():
            for mr in movement_ranges(scratch, units):
                reach = mr.hexes[(mr.costs < scn.unit_max_mp[mr.unit] - 1e-3) | (mr.hexes == mr.start)]
                ring = self.nbr[reach]
                out[np.unique(ring[ring >= 0])] += self.power[mr.unit]
        return out

    def overreach(self, u: int, hexes: np.ndarray, costs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(hex steps beyond supply, bool: too far) for the unit ending its move in each of ``hexes``.

        A unit may stand cut off only while it can still get back before attrition starts, with a
        turn to spare (a crowded supply line can leave it no room to come back): the turns left
        before ``attrition_after_turns`` (plus the level's slack) after this one, and the fuel it
        would have left after the move, must carry it back to a supplied hex.
        """
        beyond = self.beyond_supply[hexes].astype(float)
        rules = self.scn.supply
        if rules is None:
            return beyond, np.zeros(hexes.size, dtype=bool)
        st = self.state
        scn = self.scn
        back = self.return_cost(int(scn.unit_class[u]))[hexes]
        limit = rules.attrition_after_turns - 1 + self.cfg.oos_slack
        turns_left = limit - int(st.unit_oos[u]) - 1  # turns it could still spend out after this one
        max_mp = float(scn.unit_max_mp[u])
        capacity = np.full(hexes.size, max(turns_left, 0) * max_mp)
        if int(scn.unit_class[u]) in rules.fuel_classes:
            fuel_after = float(st.unit_fuel[u]) - costs / max_mp
            capacity = np.minimum(capacity, np.maximum(fuel_after, 0.0) * max_mp)
        too_far = (beyond > 0) & ((turns_left < 1) | ~(back <= capacity))
        return beyond, too_far

    def return_cost(self, mclass: int, far: bool = False) -> np.ndarray:
        """float32 [n]: movement points from each hex back to the nearest supplied hex (inf: too far).

        Searched out to three days' march of the fastest unit. With ``far`` (for units stranded
        out of supply) over the whole map and toward the hexes where own units were surely fed at
        the start of the phase, when there are any: the map's own trace has already misled them.
        """
        cache = self.__dict__.setdefault("_return_cost", {})
        key = (mclass, far)
        if key not in cache:
            heads = np.flatnonzero(self.supply.supplied)
            if far and self.reports.fed:
                heads = np.array(sorted(self.reports.fed), dtype=np.int64)
            out = np.full(self.n, np.inf, dtype=np.float32)
            if heads.size:
                limit = np.inf if far else 3.0 * float(self.scn.unit_max_mp.max())
                out = distances_to(self.scn, mclass, self.state.weather, heads, limit)  # each hex expanded once
            cache[key] = out
        return cache[key]

