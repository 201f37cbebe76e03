"""Supply: rail from the depots, trucks from the railheads, stocks of fuel and ammunition.

The rule (also in the README):

* Rail: from each depot the side holds, supply runs along railway hexsides whose gauge the
  side's trains use (or that it has converted), through hexes it controls and no enemy holds.
  Every hex the rail reaches is a railhead.
* Trucks: from the railheads supply is traced over the map with the trace class's movement
  costs, up to ``truck_range_mp``; it cannot enter a hex an enemy holds, nor an enemy zone of
  control where no friendly unit stands.
* A unit in a supplied hex refills fuel and ammunition at the start of its side's phase, all
  of it when the side's trucks can carry the day's needs, in proportion when they cannot.
  Garrisons of fortresses (``fortress_min_level``) live on stockpiles for
  ``fortress_supply_turns`` turns once cut off.
* Out of supply, nothing refills: moving burns fuel (a full day's move, one day of fuel) and
  an armoured or motor unit with none cannot move; attacks and defence burn ammunition and a
  unit without it fires weakly; after ``attrition_after_turns`` men fall out every turn, and
  after ``surrender_after_turns`` the unit surrenders.
* Captured railway of a foreign gauge is converted at ``gauge_conversion_km_per_day`` from the
  side's own usable network outward, and only then carries its trains.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from game.core.events import Event, SupplyReport
from game.core.rules.air import interdiction_cost
from game.core.rules.movement import INF, enemy_occupied, enemy_zoc, label_correcting
from game.core.units import OFF_MAP

if TYPE_CHECKING:
    from game.core.state import GameState


@dataclass(frozen=True)
class SupplyRules:
    truck_range_mp: float
    trace_class: int
    fuel_capacity_days: float
    ammo_capacity_days: float
    fuel_classes: frozenset[int]
    ammo_per_attack_days: float
    ammo_per_defence_days: float
    no_ammo_fire: float
    attrition_after_turns: int
    attrition_per_turn: float
    surrender_after_turns: int
    fortress_min_level: int
    fortress_supply_turns: int
    gauge_conversion_km_per_day: float
    truck_tons_per_day: float
    tons_per_1000_men: float
    tons_per_armored_vehicle: float


@dataclass
class SupplyMap:
    """One side's supply now: the overlay and the AI read it."""

    side: int
    rail: np.ndarray  # bool [n_hexes]: on the side's connected, usable rail network (railheads)
    cost: np.ndarray  # float32 [n_hexes]: truck cost from the nearest railhead, inf where unsupplied
    supplied: np.ndarray  # bool [n_hexes]

    def unit_supplied(self, state: GameState, u: int) -> bool:
        return bool(self.supplied[state.unit_hex[u]]) if state.unit_hex[u] != OFF_MAP else False


def usable_rail(state: GameState, side: int) -> np.ndarray:
    """bool [n_hexes, 6]: railway hexsides the side's trains can run on now."""
    scn = state.scenario
    m = scn.map
    gauges = scn.sides[side].rail_gauges
    own = np.isin(m.rail_gauge, gauges) if gauges else m.rail_gauge > 0
    nbr = m.grid.neighbor_table
    converted = state.rail_converted == side
    both = converted[:, None] & converted[np.maximum(nbr, 0)] & (nbr >= 0)
    return (m.rail_gauge > 0) & (own | both)


def depots(state: GameState, side: int) -> np.ndarray:
    """Flat indices of the side's depots that it still holds."""
    scn = state.scenario
    grid = scn.map.grid
    places = {p.id: grid.index(p.hex) for p in scn.map.places}
    hexes = [places[p] for p in scn.sides[side].supply_sources if p in places]
    return np.array([h for h in hexes if state.control[h] == side], dtype=np.int64)


def _rail_network(state: GameState, side: int, sources: np.ndarray) -> np.ndarray:
    """bool [n_hexes]: hexes reached by rail from the depots through the side's own hexes."""
    m = state.scenario.map
    nbr = m.grid.neighbor_table
    open_hex = (state.control == side) & ~enemy_occupied(state, side)
    usable = usable_rail(state, side) & open_hex[:, None] & open_hex[np.maximum(nbr, 0)]
    costs = np.where(usable, np.float32(0), INF).astype(np.float32)
    out = np.zeros(m.grid.size, dtype=bool)
    if sources.size:
        dist, _ = label_correcting(costs, nbr, np.zeros(sources.size, np.int64), sources, np.array([np.inf]))
        out = np.isfinite(dist[0])
    return out


def supply_map(state: GameState, side: int) -> SupplyMap:
    """Where the side's supply reaches now."""
    scn = state.scenario
    rules = scn.supply
    n = scn.map.grid.size
    if rules is None:
        everywhere = np.ones(n, dtype=bool)
        return SupplyMap(side, np.zeros(n, bool), np.zeros(n, np.float32), everywhere)
    sources = depots(state, side)
    rail = _rail_network(state, side, sources)
    rail[sources] = True
    occupied = enemy_occupied(state, side)
    friendly = state.occupancy(side) > 0
    closed = occupied | (enemy_zoc(state, side) & ~friendly)
    nbr = scn.map.grid.neighbor_table
    costs = scn.movement.edge_costs(scn.map, rules.trace_class, state.weather) + \
        interdiction_cost(state, side)[np.maximum(nbr, 0)]
    costs = np.where(closed[np.maximum(nbr, 0)], INF, costs).astype(np.float32)
    heads = np.flatnonzero(rail & ~closed)
    cost = np.full(n, INF, dtype=np.float32)
    if heads.size:
        dist, _ = label_correcting(costs, nbr, np.zeros(heads.size, np.int64), heads,
                                   np.array([rules.truck_range_mp], np.float32))
        cost = dist[0]
    return SupplyMap(side, rail, cost, np.isfinite(cost))


def fire_factor(state: GameState, units: list[int]) -> float:
    """Men-weighted fire multiplier from ammunition: full at one day or more, ``no_ammo_fire`` at none."""
    rules = state.scenario.supply
    if rules is None or not units:
        return 1.0
    ammo = np.clip(state.unit_ammo[units], 0, 1)
    factor = rules.no_ammo_fire + (1 - rules.no_ammo_fire) * ammo
    men = state.unit_men[units].astype(float) + 1
    return float((factor * men).sum() / men.sum())


def burn_fuel(state: GameState, u: int, mp_spent: float) -> None:
    rules = state.scenario.supply
    if rules is None or int(state.scenario.unit_class[u]) not in rules.fuel_classes:
        return
    state.unit_fuel[u] = max(0.0, float(state.unit_fuel[u]) - mp_spent / float(state.scenario.unit_max_mp[u]))


def burn_ammo(state: GameState, units: list[int], days: float) -> None:
    if state.scenario.supply is not None:
        state.unit_ammo[units] = np.maximum(0, state.unit_ammo[units] - days)


def movement_allowance(state: GameState, units: np.ndarray) -> np.ndarray:
    """float32 MP each unit may still spend: its points, capped by the fuel it has."""
    mp = state.unit_mp[units].astype(np.float32)
    rules = state.scenario.supply
    if rules is None:
        return mp
    burns = np.isin(state.scenario.unit_class[units], list(rules.fuel_classes))
    by_fuel = state.unit_fuel[units] * state.scenario.unit_max_mp[units]
    return np.where(burns, np.minimum(mp, by_fuel), mp).astype(np.float32)


def start_of_phase(state: GameState, side: int) -> list[Event]:
    """Refill, count turns out of supply, attrition and surrender, gauge conversion: one side."""
    scn = state.scenario
    rules = scn.supply
    if rules is None:
        return []
    _convert_gauge(state, side, rules)
    smap = supply_map(state, side)
    units = state.ground_units_of(side)
    fort = scn.map.fortification[state.unit_hex[units]] >= rules.fortress_min_level
    stockpile = fort & (state.unit_oos[units] < rules.fortress_supply_turns)
    on_map = smap.supplied[state.unit_hex[units]]
    state.unit_oos[units] = np.where(on_map, 0, state.unit_oos[units] + 1)
    fed = on_map | stockpile
    ratio = _delivery_ratio(state, units[on_map], rules)
    for stock, cap in ((state.unit_fuel, rules.fuel_capacity_days), (state.unit_ammo, rules.ammo_capacity_days)):
        gap = cap - stock[units]
        stock[units] += np.where(on_map, gap * ratio, np.where(stockpile, gap, 0)).astype(np.float32)
    starving = units[~fed & (state.unit_oos[units] >= rules.attrition_after_turns)]
    lost = np.floor(state.unit_men[starving] * rules.attrition_per_turn).astype(np.int32)
    state.unit_men[starving] -= lost
    state.unit_lost_men[starving] += lost
    surrender = units[~fed & (state.unit_oos[units] >= rules.surrender_after_turns)]
    for u in surrender:
        state.eliminate(int(u), captured=True)
    return [SupplyReport(scn.sides[side].id, int((~fed).sum()), int(ratio * 100),
                         tuple(scn.units[u].id for u in surrender))]


def _delivery_ratio(state: GameState, fed: np.ndarray, rules: SupplyRules) -> float:
    """Share of the day's needs the side's trucks can carry (1 when they can carry it all)."""
    scn = state.scenario
    if not fed.size:
        return 1.0
    vehicles = np.array([e.kind == "vehicle" for e in scn.equipment])
    armored = scn.weapon_table.armored if scn.combat else np.array([e.armored for e in scn.equipment])
    trucks = float(state.unit_equipment[fed][:, vehicles].sum())
    need = float(state.unit_men[fed].sum()) / 1000 * rules.tons_per_1000_men + \
        float(state.unit_equipment[fed][:, armored].sum()) * rules.tons_per_armored_vehicle
    return 1.0 if need <= 0 else min(1.0, trucks * rules.truck_tons_per_day / need)


def _convert_gauge(state: GameState, side: int, rules: SupplyRules) -> None:
    """Convert the nearest captured foreign-gauge track to the side's own network."""
    scn = state.scenario
    m = scn.map
    per_turn = int(rules.gauge_conversion_km_per_day / m.km_per_hex)
    if per_turn <= 0 or not scn.sides[side].rail_gauges:
        return
    nbr = m.grid.neighbor_table
    network = _rail_network(state, side, depots(state, side))
    foreign = (m.rail_gauge > 0) & ~np.isin(m.rail_gauge, scn.sides[side].rail_gauges)
    hexes_foreign = foreign.any(axis=1) & (state.control == side) & (state.rail_converted != side)
    for _ in range(per_turn):
        # a foreign-gauge hex joined by a foreign-gauge hexside to the network or converted track
        reach = network | (state.rail_converted == side)
        frontier = hexes_foreign & (foreign & reach[np.maximum(nbr, 0)] & (nbr >= 0)).any(axis=1)
        candidates = np.flatnonzero(frontier)
        if not candidates.size:
            return
        h = int(candidates[0])
        state.rail_converted[h] = side
        hexes_foreign[h] = False
        for d in range(6):  # the hex it joins becomes a junction of the converted line too
            if foreign[h, d] and nbr[h, d] >= 0 and reach[int(nbr[h, d])]:
                state.rail_converted[int(nbr[h, d])] = side
