"""Supply: tonnage over distance, from the side's real bases by rail and on by lorry.

The rule (also in the README):

* Rail: from each supply base the side holds, supply runs along railway hexsides whose gauge
  the side's trains use (or that it has converted), through hexes it controls and no enemy
  holds. Every hex the rail reaches is a railhead. Each base feeds its line with so many tons a
  day (``supply_capacity``, else ``default_rail_tons_per_day``); a rail network carries the sum
  of its bases; a base cut off from its own rear lives on its dumps until ``supply_until``.
  A landing's beachhead (its target places and the hexes next to them, held by
  the landing side after it has landed) is a source too, supplied by sea.
* Lorries: from the railheads supply is traced over the map with the trace class's movement
  costs (``fallback_class`` where the lorries cannot go: porters and carts, dearer), up to
  ``truck_range_mp``; it cannot enter a hex an enemy holds, nor an enemy zone of control where
  no friendly unit stands. What a unit needs each day — food for its men, fuel to refill what it
  burned, ammunition to refill what it fired (tons by equipment kind) — must be carried that
  far: tonne-km. The lorries of each front (a share of every unit's lorries, all of a transport
  unit's) carry ``lorry_tons`` x ``lorry_km_per_day`` tonne-km a day, food to everyone first,
  then fuel and ammunition, the nearest units first; rain makes the trace dearer.
* A unit in supply refills fuel and ammunition at the start of its side's phase by the smaller
  of its front's lorry ratio and its rail network's ratio (delivered / needed). One that gets
  less than ``starving_below`` of its food counts as cut off (food goes first, to everyone). Garrisons of
  fortresses (``fortress_min_level``) live on stockpiles for ``fortress_supply_turns`` turns
  once cut off.
* Out of supply, nothing refills: moving burns fuel (a full day's move, one day of fuel, so fuel
  follows the distance driven and the going) and an armoured or motor unit with none cannot
  move; attacks and defence burn ammunition and a unit without it fires weakly; after
  ``attrition_after_turns`` men drift away or give up every turn (missing: counted with the
  captured), and after ``surrender_after_turns`` the pocket surrenders.
* Wrecked hexes (rules.demolition) cost the lorries their class's entry cost more, carry no
  trains and are not re-gauged until repaired.
* Captured railway of a foreign gauge is converted at ``gauge_conversion_km_per_day`` from the
  side's own usable network outward, and only then carries its trains.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import numpy as np

from game.core import memo
from game.core.events import Event, SupplyReport
from game.core.rules.air import interdiction_cost
from game.core.rules.demolition import WRECK_COUNT, entry_cost
from game.core.rules.movement import INF, enemy_occupied, enemy_zoc, label_correcting
from game.core.units import MOVEMENT_CLASSES, OFF_MAP

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
    food_tons_per_1000_men: float
    fuel_tons: tuple[float, ...]  # per equipment type: tons for one full day's move
    ammo_tons: tuple[float, ...]  # per equipment type: tons for one day of fighting
    lorry_tons: float
    lorry_km_per_day: float
    lorry_share: float
    lorries: tuple[bool, ...]  # per equipment type: a lorry that can work the supply line
    transport_types: frozenset[str]
    default_rail_tons_per_day: float
    beach_tons_per_day: float
    fallback_class: int | None = None
    fallback_factor: float = 2.0
    air_supply_fuel_share: float = 0.5
    starving_below: float = 0.0


@dataclass
class SupplyMap:
    """One side's supply now: the overlay and the AI read it."""

    side: int
    rail: np.ndarray  # bool [n_hexes]: on the side's connected, usable rail network (railheads)
    cost: np.ndarray  # float32 [n_hexes]: truck cost from the nearest railhead, inf where unsupplied
    supplied: np.ndarray  # bool [n_hexes]
    network: np.ndarray | None = None  # int32 [n_hexes]: which source network feeds the hex (-1: none)
    capacity: np.ndarray | None = None  # float [n_networks]: tons a day each network brings

    def unit_supplied(self, state: GameState, u: int) -> bool:
        return bool(self.supplied[state.unit_hex[u]]) if state.unit_hex[u] != OFF_MAP else False


@dataclass
class Deliveries:
    """One side's day of supply, unit by unit: what each needs, what arrives and from how far."""

    units: np.ndarray  # unit indices (ground units on the map)
    food_t: np.ndarray  # tons of food each needs today
    stores_t: np.ndarray  # tons of fuel and ammunition each needs to refill
    km: np.ndarray  # lorry distance from its railhead (inf: out of supply)
    food_ratio: np.ndarray  # share of its food that arrives (0 out of supply)
    ratio: np.ndarray  # share of its fuel and ammunition that arrives (0 out of supply)
    fuel_t_per_day: np.ndarray  # tons one day of fuel is, per unit (the overlay shows days)

    @property
    def need_t(self) -> np.ndarray:
        return self.food_t + self.stores_t

    @property
    def tons_needed(self) -> float:
        return float(self.need_t[np.isfinite(self.km)].sum())

    @property
    def tons_delivered(self) -> float:
        return float((self.food_t * self.food_ratio + self.stores_t * self.ratio).sum())


def usable_rail(state: GameState, side: int) -> np.ndarray:
    """bool [n_hexes, 6]: railway hexsides the side's trains can run on now."""
    scn = state.scenario
    m = scn.map
    gauges = scn.sides[side].rail_gauges
    own = np.isin(m.rail_gauge, gauges) if gauges else m.rail_gauge > 0
    nbr = m.grid.neighbor_table
    converted = state.rail_converted == side
    both = converted[:, None] & converted[np.maximum(nbr, 0)] & (nbr >= 0)
    whole = state.wreck_days == 0  # no train runs through a wrecked hex
    return (m.rail_gauge > 0) & (own | both) & whole[:, None] & whole[np.maximum(nbr, 0)]


def _sources(state: GameState, side: int) -> tuple[np.ndarray, np.ndarray]:
    """The side's held supply bases: flat hex indices and tons a day each feeds into its line."""
    scn = state.scenario
    grid = scn.map.grid
    places = {p.id: grid.index(p.hex) for p in scn.map.places}
    side_def = scn.sides[side]
    default = scn.supply.default_rail_tons_per_day if scn.supply else 0.0
    rows = [(places[p], side_def.supply_capacity.get(p, default)) for p in side_def.supply_sources
            if p in places and state.turn <= side_def.supply_until.get(p, state.turn)]
    rows = [(h, t) for h, t in rows if state.control[h] == side]
    return np.array([h for h, _ in rows], dtype=np.int64), np.array([t for _, t in rows], dtype=float)


def beachheads(state: GameState, side: int) -> list[np.ndarray]:
    """Per landing operation of the side: the hexes of its beachhead — its target places and the hexes
    next to them that the side holds with troops ashore (landed, or arrived there as reinforcements)."""
    scn = state.scenario
    nbr = scn.map.grid.neighbor_table
    ashore = state.occupancy(side) > 0
    out = []
    for op in scn.landings:
        if op.side != side:
            continue
        hexes = np.unique(np.concatenate([np.array(op.targets), nbr[list(op.targets)].ravel()]))
        hexes = hexes[hexes >= 0]
        hexes = hexes[(state.control[hexes] == side) & ashore[hexes]]
        if hexes.size:
            out.append(hexes.astype(np.int64))
    return out


def _rail_costs(state: GameState, side: int) -> np.ndarray:
    """float32 [n_hexes, 6]: 0 along track the side's trains can use through its own hexes, inf elsewhere."""
    m = state.scenario.map
    nbr = m.grid.neighbor_table
    open_hex = (state.control == side) & ~enemy_occupied(state, side)
    usable = usable_rail(state, side) & open_hex[:, None] & open_hex[np.maximum(nbr, 0)]
    return np.where(usable, np.float32(0), INF).astype(np.float32)


def supply_map(state: GameState, side: int) -> SupplyMap:
    """Where the side's supply reaches now, and which network feeds each hex (kept for the phase by
    ``memo``: the AI's rehearsals trace the same positions again)."""
    return memo.recall("supply_map", lambda: _map_key(state, side), lambda: _frozen(_supply_map(state, side)))


def _map_key(state: GameState, side: int) -> tuple:
    """Everything ``supply_map`` reads from the state: sources held (turn, control), enemy and own positions,
    interdiction missions, usable track (gauge conversion, wrecks) and the weather."""
    arrays = (state.control, state.unit_hex, state.unit_mission, state.unit_mission_target, state.rail_converted,
              state.wreck_days)
    return (side, state.turn, state.weather, state.extra.get(WRECK_COUNT, 0), *(a.tobytes() for a in arrays))


def _frozen(smap: SupplyMap) -> SupplyMap:
    for a in (smap.rail, smap.cost, smap.supplied, smap.network, smap.capacity):
        if a is not None:
            memo.frozen(a)
    return smap


def _supply_map(state: GameState, side: int) -> SupplyMap:
    scn = state.scenario
    rules = scn.supply
    n = scn.map.grid.size
    if rules is None:
        everywhere = np.ones(n, dtype=bool)
        return SupplyMap(side, np.zeros(n, bool), np.zeros(n, np.float32), everywhere)
    sources, tons = _sources(state, side)
    rail, group, capacity = _networks(state, side, sources, tons)
    occupied = enemy_occupied(state, side)
    friendly = state.occupancy(side) > 0
    closed = occupied | (enemy_zoc(state, side) & ~friendly)
    nbr = scn.map.grid.neighbor_table
    costs = np.where(closed[np.maximum(nbr, 0)], INF, trace_costs(state, side)).astype(np.float32)
    cost, network = _trace(costs, nbr, rail & ~closed, group, rules.truck_range_mp)
    for hexes in beachheads(state, side):  # fed by sea: only where no railhead's lorries reach
        beach = np.zeros(n, dtype=bool)
        beach[hexes] = True
        b_cost, _ = _trace(costs, nbr, beach & ~closed, np.zeros(n, np.int64), rules.truck_range_mp)
        take = ~np.isfinite(cost) & np.isfinite(b_cost)
        cost = np.where(take, b_cost, cost)
        network = np.where(take, capacity.size, network).astype(np.int32)
        capacity = np.append(capacity, rules.beach_tons_per_day)
        rail[hexes] = True
    return SupplyMap(side, rail, cost, np.isfinite(cost), network, capacity)


def _trace(costs: np.ndarray, nbr: np.ndarray, heads: np.ndarray, group: np.ndarray, limit: float
           ) -> tuple[np.ndarray, np.ndarray]:
    """Lorry cost from the nearest head to every hex, and the network (group of that head) feeding it."""
    n = heads.size
    cost = np.full(n, INF, dtype=np.float32)
    network = np.full(n, -1, dtype=np.int32)
    start = np.flatnonzero(heads)
    if start.size:
        dist, pred = label_correcting(costs, nbr, np.zeros(start.size, np.int64), start,
                                      np.array([limit], np.float32))
        cost = dist[0]
        network = np.where(np.isfinite(cost), group[roots(pred[0], n)], -1).astype(np.int32)
    return cost, network


def trace_costs(state: GameState, side: int) -> np.ndarray:
    """float32 [n_hexes, 6]: what a step costs the lorries (porters where lorries cannot go)."""
    scn = state.scenario
    rules = scn.supply
    assert rules is not None
    nbr = scn.map.grid.neighbor_table
    costs = scn.movement.edge_costs(scn.map, rules.trace_class, state.weather)
    if rules.fallback_class is not None:
        porters = scn.movement.edge_costs(scn.map, rules.fallback_class, state.weather) * rules.fallback_factor
        costs = np.where(np.isfinite(costs), costs, porters)
    entry = interdiction_cost(state, side)
    wreck = entry_cost(state, rules.trace_class)
    if wreck is not None:
        entry = entry + wreck
    return (costs + entry[np.maximum(nbr, 0)]).astype(np.float32)


def roots(pred: np.ndarray, n: int | None = None) -> np.ndarray:
    """The search's source for every hex, by pointer doubling over the predecessor tree."""
    root = np.where(pred >= 0, pred, np.arange(pred.size if n is None else n)).astype(np.int64)
    for _ in range(32):
        nxt = root[root]
        if np.array_equal(nxt, root):
            break
        root = nxt
    return root


def _networks(state: GameState, side: int, sources: np.ndarray, tons: np.ndarray
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Railheads, the network id of every hex (-1: none) and each network's tons a day.

    Bases joined by usable track form one network and add their tons."""
    n = state.scenario.map.grid.size
    rail = np.zeros(n, dtype=bool)
    group = np.full(n, -1, dtype=np.int64)
    if not sources.size:
        return rail, group, np.zeros(0)
    costs = _rail_costs(state, side)
    nbr = state.scenario.map.grid.neighbor_table
    dist, pred = label_correcting(costs, nbr, np.zeros(sources.size, np.int64), sources, np.array([np.inf]))
    rail = np.isfinite(dist[0])
    rail[sources] = True
    root = roots(pred[0], n)
    ids, inverse = np.unique(root[sources], return_inverse=True)
    capacity = np.bincount(inverse, weights=tons, minlength=ids.size)
    lookup = np.full(n, -1, dtype=np.int64)
    lookup[ids] = np.arange(ids.size)
    group = np.where(rail, lookup[root], -1)
    return rail, group, capacity


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
    burns = _burns_fuel(rules.fuel_classes)[state.scenario.unit_class[units]]
    by_fuel = state.unit_fuel[units] * state.scenario.unit_max_mp[units]
    return np.where(burns, np.minimum(mp, by_fuel), mp).astype(np.float32)


@cache
def _burns_fuel(fuel_classes: frozenset[int]) -> np.ndarray:
    """bool [movement classes]: the class burns fuel. A look-up: ``np.isin`` cost more than the rest
    of ``movement_allowance``, which every move asks several times."""
    out = np.zeros(len(MOVEMENT_CLASSES), dtype=bool)
    out[sorted(fuel_classes)] = True
    out.setflags(write=False)
    return out


def deliveries(state: GameState, side: int, smap: SupplyMap | None = None) -> Deliveries:
    """What each of the side's ground units needs today, how far the lorries must carry it, and what
    arrives. The lorries of a front carry food first to everyone, then fuel and ammunition, nearest
    units first, as far as their tonne-km go; a rail network's tons cap what its railheads hand over."""
    scn = state.scenario
    rules = scn.supply
    assert rules is not None
    smap = smap or supply_map(state, side)
    units = state.ground_units_of(side)
    eq = state.unit_equipment[units].astype(float)
    fuel_day = eq @ np.asarray(rules.fuel_tons)
    ammo_day = eq @ np.asarray(rules.ammo_tons)
    food = state.unit_men[units] / 1000 * rules.food_tons_per_1000_men
    stores = np.maximum(0, rules.fuel_capacity_days - state.unit_fuel[units]) * fuel_day \
        + np.maximum(0, rules.ammo_capacity_days - state.unit_ammo[units]) * ammo_day
    hexes = state.unit_hex[units]
    km = smap.cost[hexes].astype(float) * scn.map.km_per_hex / float(scn.movement.road_cost[rules.trace_class])
    fed = np.isfinite(km)
    dist = np.where(fed, km, 0.0)
    food_ratio = np.where(fed, 1.0, 0.0)
    ratio = np.where(fed, 1.0, 0.0)
    pools = scn.unit_pool[units]
    for pool in np.unique(pools[fed]):
        mine = np.flatnonzero((pools == pool) & fed)
        capacity = lorry_tkm(state, side, int(pool))
        food_ratio[mine] = _nearest_first(food[mine] * dist[mine], dist[mine], capacity)
        left = max(0.0, capacity - float((food[mine] * dist[mine] * food_ratio[mine]).sum()))
        ratio[mine] = _nearest_first(stores[mine] * dist[mine], dist[mine], left)
    if smap.network is not None and smap.capacity is not None:
        net = smap.network[hexes]
        for g in np.unique(net[fed & (net >= 0)]):
            mine = fed & (net == g)
            food_ratio[mine], ratio[mine] = _rail_share(float(smap.capacity[g]), food[mine], food_ratio[mine],
                                                        stores[mine], ratio[mine])
    return Deliveries(units, food, stores, km, food_ratio, ratio, fuel_day)


def _rail_share(capacity: float, food: np.ndarray, food_ratio: np.ndarray, stores: np.ndarray,
                ratio: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """What a rail network's tons allow of what the lorries would carry: food first, the rest after."""
    food_t = float((food * food_ratio).sum())
    if food_t >= capacity:
        return food_ratio * (capacity / food_t), np.zeros_like(ratio)
    stores_t = float((stores * ratio).sum())
    left = capacity - food_t
    return food_ratio, ratio * (min(1.0, left / stores_t) if stores_t > 0 else 1.0)


def _nearest_first(tkm: np.ndarray, km: np.ndarray, capacity: float) -> np.ndarray:
    """Share of each unit's tonne-km the lorries manage when they serve the nearest units first.

    A short haul is a quick round trip; the spearheads far out get what is left, which is how a
    tank army outruns its lorries."""
    order = np.argsort(km, kind="stable")
    before = np.cumsum(tkm[order]) - tkm[order]
    got = np.clip((capacity - before) / np.maximum(tkm[order], 1e-9), 0.0, 1.0)
    out = np.empty_like(got)
    out[order] = np.where(tkm[order] > 0, got, 1.0)
    return out


def lorry_tkm(state: GameState, side: int, pool: int) -> float:
    """Tonne-km a day the lorries of one front (pool) carry: a share of every unit's lorries, all of a
    transport unit's."""
    scn = state.scenario
    rules = scn.supply
    assert rules is not None
    units = state.ground_units_of(side)
    units = units[scn.unit_pool[units] == pool]
    lorries = state.unit_equipment[units][:, np.asarray(rules.lorries)].sum(axis=1).astype(float)
    transport = np.isin(scn.unit_type_id[units], list(rules.transport_types))
    share = np.where(transport, 1.0, rules.lorry_share)
    return float((lorries * share).sum()) * rules.lorry_tons * rules.lorry_km_per_day


def start_of_phase(state: GameState, side: int) -> list[Event]:
    """Refill, count turns out of supply, attrition and surrender, gauge conversion: one side."""
    scn = state.scenario
    rules = scn.supply
    if rules is None:
        return []
    _convert_gauge(state, side, rules)
    smap = supply_map(state, side)
    day = deliveries(state, side, smap)
    units = day.units
    fort = state.fort_level[state.unit_hex[units]] >= rules.fortress_min_level
    stockpile = fort & (state.unit_oos[units] < rules.fortress_supply_turns)
    on_map = np.isfinite(day.km) & (day.food_ratio >= rules.starving_below)
    state.unit_oos[units] = np.where(on_map, 0, state.unit_oos[units] + 1)
    fed = on_map | stockpile
    ratio = np.where(on_map, day.ratio, np.where(stockpile, 1.0, 0.0))
    for stock, cap in ((state.unit_fuel, rules.fuel_capacity_days), (state.unit_ammo, rules.ammo_capacity_days)):
        gap = np.maximum(0, cap - stock[units])
        stock[units] += (gap * ratio).astype(np.float32)
    sid = scn.sides[side].id
    state.extra[f"tons_needed:{sid}"] = round(day.tons_needed)
    state.extra[f"tons_delivered:{sid}"] = round(day.tons_delivered)
    starving = units[~fed & (state.unit_oos[units] >= rules.attrition_after_turns)]
    lost = np.floor(state.unit_men[starving] * rules.attrition_per_turn).astype(np.int32)
    state.unit_men[starving] -= lost
    state.unit_lost_men[starving] += lost
    state.tally("captured", side, int(lost.sum()))  # men who drift away from a starving pocket are missing
    surrender = units[~fed & (state.unit_oos[units] >= rules.surrender_after_turns)]
    for u in surrender:
        state.eliminate(int(u), captured=True)
    delivered = day.tons_delivered / day.tons_needed if day.tons_needed > 0 else 1.0
    return [SupplyReport(sid, int((~fed).sum()), round(100 * delivered),
                         tuple(scn.units[u].id for u in surrender))]


def _convert_gauge(state: GameState, side: int, rules: SupplyRules) -> None:
    """Convert the nearest captured foreign-gauge track to the side's own network."""
    scn = state.scenario
    m = scn.map
    per_turn = int(rules.gauge_conversion_km_per_day / m.km_per_hex)
    if per_turn <= 0 or not scn.sides[side].rail_gauges:
        return
    nbr = m.grid.neighbor_table
    network = _networks(state, side, *_sources(state, side))[0]
    foreign = (m.rail_gauge > 0) & ~np.isin(m.rail_gauge, scn.sides[side].rail_gauges)
    hexes_foreign = (foreign.any(axis=1) & (state.control == side) & (state.rail_converted != side)
                     & (state.wreck_days == 0))
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
