"""Air power: missions flown from bases, and the fight for the sky over them.

The rule (also in the README): each air unit flies one mission per turn to a hex within its
radius (its unit type's movement points, in hexes, from its base):

* ground support — its aircraft's ground-attack power joins any attack into, or defence of,
  that hex until the side's next phase;
* interdiction — enemy movement into hexes within ``interdiction_radius`` of the target costs
  ``interdiction_cost_mp`` more, and so does the enemy's supply trace;
* air superiority — its fighters patrol within ``patrol_radius`` of the target and fight any
  enemy mission flown there;
* air supply — its transports carry ``transport_tons_per_sortie`` each to the units in the
  target hex, refilling their fuel and ammunition as far as the tons go.

A mission flown into an enemy patrol meets its fighters at once: each side loses aircraft in
proportion to the other's fighting strength (fighters x speed — jets count for their speed),
at most ``max_loss_fraction`` of those engaged. Missions end when the side's next phase begins.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from game.core.events import AirBattle, AirMissionFlown, Event
from game.core.hexgrid import distance
from game.core.orders import AirMission, IllegalOrder
from game.core.units import OFF_MAP

if TYPE_CHECKING:
    from game.core.state import GameState

MISSIONS = ("ground_support", "interdiction", "air_superiority", "air_supply")
NO_MISSION = -1
SUPPORT, INTERDICTION, SUPERIORITY, SUPPLY = range(4)
ROLE_NEEDED = {SUPPORT: ("attack", "bomber", "fighter"), INTERDICTION: ("attack", "bomber"),
               SUPERIORITY: ("fighter",), SUPPLY: ("transport",)}


@dataclass(frozen=True)
class AirRules:
    sorties_per_day: float
    interdiction_cost_mp: float
    interdiction_radius: int
    patrol_radius: int
    transport_tons_per_sortie: float
    air_combat_rate: float
    max_loss_fraction: float
    ground_attack_hits: float = 1.0  # share of a support sortie's HE that falls on the troops in the hex


def _aircraft(state: GameState, u: int, roles: tuple[str, ...]) -> np.ndarray:
    """int [n_equipment]: the unit's aircraft of the given roles."""
    scn = state.scenario
    mask = np.array([e.kind == "aircraft" and e.role in roles for e in scn.equipment])
    return np.where(mask, state.unit_equipment[u], 0)


def _speed(state: GameState) -> np.ndarray:
    return np.array([e.speed_kmh or 0.0 for e in state.scenario.equipment])


def why_mission_illegal(state: GameState, order: AirMission) -> str | None:
    """The one check of an air mission (None: the engine flies it), for the engine and the list of legal
    orders."""
    scn = state.scenario
    if scn.air is None:
        return "this scenario has no air rules"
    u = scn.unit_index.get(order.unit)
    if u is None:
        return f"no unit '{order.unit}'"
    unit = scn.units[u]
    if unit.side != state.side or unit.type.domain != "air" or state.unit_hex[u] == OFF_MAP:
        return f"{unit.name} is not one of your air units on the map"
    if order.mission not in MISSIONS:
        return f"unknown mission '{order.mission}' (missions: {', '.join(MISSIONS)})"
    kind = MISSIONS.index(order.mission)
    if state.unit_mission[u] != NO_MISSION:
        return f"{unit.name} has flown its mission this turn"
    grid = scn.map.grid
    if not grid.contains(order.target):
        return f"{order.target} is off the map"
    if distance(grid.hex_at(int(state.unit_hex[u])), order.target) > unit.type.movement_points:
        return f"{order.target} is beyond {unit.name}'s radius of {unit.type.movement_points:g} hexes"
    if not _aircraft(state, u, ROLE_NEEDED[kind]).sum():
        return f"{unit.name} has no aircraft for {order.mission.replace('_', ' ')}"
    target = grid.index(order.target)
    if kind == SUPPLY and not (state.unit_hex[state.ground_units_of(state.side)] == target).any():
        return f"no unit of yours in {order.target} to supply"
    return None


def mission_options(state: GameState, seen: np.ndarray) -> list[AirMission]:
    """Missions the side to move may fly now over the hexes that matter: ground support and interdiction
    over enemy units it sees, air superiority over and air supply to its own ground units."""
    scn = state.scenario
    if scn.air is None:
        return []
    grid = scn.map.grid
    own = np.unique(state.unit_hex[state.ground_units_of(state.side)])
    enemies = np.flatnonzero((scn.unit_side != state.side) & (state.unit_hex != OFF_MAP) & scn.unit_ground)
    enemy = np.unique(state.unit_hex[enemies])
    enemy = enemy[seen[enemy]]
    targets = {"ground_support": enemy, "interdiction": enemy, "air_superiority": own, "air_supply": own}
    out = []
    for u in state.units_of(state.side):
        if scn.unit_ground[u]:
            continue
        uid = scn.units[u].id
        for mission in MISSIONS:
            for h in targets[mission]:
                order = AirMission(uid, mission, grid.hex_at(int(h)))
                if why_mission_illegal(state, order) is None:
                    out.append(order)
    return out


def fly(state: GameState, order: AirMission) -> list[Event]:
    """Validate and fly one mission."""
    why = why_mission_illegal(state, order)
    if why is not None:
        raise IllegalOrder(why)
    scn = state.scenario
    rules = scn.air
    assert rules is not None
    u = scn.unit_index[order.unit]
    kind = MISSIONS.index(order.mission)
    target = scn.map.grid.index(order.target)
    state.unit_mission[u] = kind
    state.unit_mission_target[u] = target
    events: list[Event] = [AirMissionFlown(order.unit, order.mission, order.target)]
    if kind != SUPERIORITY:
        events += _intercept(state, u, target, rules)
    if kind == SUPPLY:
        _drop_supplies(state, u, target, rules)
    return events


def _intercept(state: GameState, u: int, target: int, rules: AirRules) -> list[Event]:
    """Enemy patrols over the target fight the incoming mission."""
    scn = state.scenario
    grid = scn.map.grid
    enemy = np.flatnonzero((scn.unit_side != state.side) & (state.unit_mission == SUPERIORITY))
    patrols = [int(e) for e in enemy
               if distance(grid.hex_at(int(state.unit_mission_target[e])), grid.hex_at(target)) <= rules.patrol_radius]
    if not patrols:
        return []
    speed = _speed(state)
    own = state.unit_equipment[u] * np.array([e.kind == "aircraft" for e in scn.equipment])
    own_fighters = _aircraft(state, u, ("fighter",))
    theirs = np.array([_aircraft(state, p, ("fighter",)) for p in patrols])
    own_power = float((own_fighters * speed).sum())
    their_power = float((theirs * speed).sum())
    total = own_power + their_power
    if total <= 0:  # patrols without fighters left meet a mission without escorts: no air battle
        return []
    own_p = min(rules.max_loss_fraction, rules.air_combat_rate * their_power / total)
    their_p = min(rules.max_loss_fraction, rules.air_combat_rate * own_power / total)
    own_lost = state.rng.binomial(own.astype(np.int64), own_p)
    their_lost = state.rng.binomial(theirs.astype(np.int64), their_p)
    _lose(state, u, own_lost)
    for p, lost in zip(patrols, their_lost, strict=True):
        _lose(state, p, lost)
    return [AirBattle(scn.units[u].id, tuple(scn.units[p].id for p in patrols), grid.hex_at(target),
                      int(own_lost.sum()), int(their_lost.sum()))]


def _lose(state: GameState, u: int, lost: np.ndarray) -> None:
    lost = lost.astype(np.int32)
    state.unit_equipment[u] -= lost
    state.unit_lost_equipment[u] += lost


def _drop_supplies(state: GameState, u: int, target: int, rules: AirRules) -> None:
    """Transports refill the fuel and ammunition of the units in the target hex, as far as the tons go."""
    scn = state.scenario
    supply = scn.supply
    if supply is None:
        return
    tons = float(_aircraft(state, u, ("transport",)).sum()) * rules.transport_tons_per_sortie * _sorties(state)
    units = [int(v) for v in state.ground_units_of(state.side) if state.unit_hex[v] == target]
    if not units or tons <= 0:
        return
    eq = state.unit_equipment[units].astype(float)
    food = float(state.unit_men[units].sum()) / 1000 * supply.food_tons_per_1000_men
    fed = food > 0 and tons >= food  # the men eat first; a full day's food flown in keeps the pocket fighting
    tons = max(0.0, tons - food)
    fuel_share = supply.air_supply_fuel_share
    split = ((state.unit_fuel, supply.fuel_capacity_days, eq @ np.asarray(supply.fuel_tons), fuel_share),
             (state.unit_ammo, supply.ammo_capacity_days, eq @ np.asarray(supply.ammo_tons), 1 - fuel_share))
    for stock, cap, per_day, share in split:
        total = float(per_day.sum())
        days = tons * share / total if total > 0 else cap
        stock[units] = np.minimum(cap, stock[units] + days).astype(np.float32)
    if fed:  # supplied from the air: no attrition or surrender
        state.unit_oos[units] = 0


def ground_support_power(state: GameState, side: int, hex_index: int) -> float:
    """Ground-attack power the side's support missions bring to a hex: aircraft x he x sorties."""
    scn = state.scenario
    if scn.air is None:
        return 0.0
    flying = np.flatnonzero((scn.unit_side == side) & (state.unit_mission == SUPPORT)
                            & (state.unit_mission_target == hex_index))
    if not flying.size:
        return 0.0
    he = np.array([max((w.he for w in e.weapons), default=0.0) if e.kind == "aircraft" else 0.0
                   for e in scn.equipment])
    return float((state.unit_equipment[flying] * he).sum()) * _sorties(state) * scn.air.ground_attack_hits


def _sorties(state: GameState) -> float:
    """Sorties per aircraft today: the rules' rate, cut by the weather."""
    assert state.scenario.air is not None
    return state.scenario.air.sorties_per_day * state.scenario.air_weather_factor[state.weather]


def interdiction_cost(state: GameState, side: int) -> np.ndarray:
    """float32 [n_hexes]: extra MP for ``side`` to enter each hex, from the enemy's interdiction."""
    scn = state.scenario
    n = scn.map.grid.size
    out = np.zeros(n, dtype=np.float32)
    if scn.air is None:
        return out
    missions = np.flatnonzero((scn.unit_side != side) & (state.unit_mission == INTERDICTION))
    grid = scn.map.grid
    for m in missions:
        near = grid.distances_from(grid.hex_at(int(state.unit_mission_target[m]))) <= scn.air.interdiction_radius
        out[near] += scn.air.interdiction_cost_mp
    return out


def end_missions(state: GameState, side: int) -> None:
    """The side's aircraft are back at their bases when its phase begins."""
    mine = state.scenario.unit_side == side
    state.unit_mission[mine] = NO_MISSION
    state.unit_mission_target[mine] = OFF_MAP
