"""The engine: the only place a game's state changes.

``apply(state, order)`` checks the order against the rules and, when it is legal, changes the
state and returns what happened as events; an illegal order raises ``IllegalOrder`` with a
sentence a player can read and changes nothing. ``legal_orders`` lists what the side to move
may do. The UI and the AI both go through these two functions.
"""

from __future__ import annotations

import numpy as np

from game.core.events import Announcement, Arrived, Event, GameOver, HexCaptured, Moved, PhaseEnded, TurnBegan
from game.core.orders import AirMission, Attack, Demolish, EndPhase, IllegalOrder, Landing, Move, Order
from game.core.rules import air, battle, demolition, naval, supply
from game.core.rules.movement import (
    enemy_at,
    enemy_occupied,
    hex_path,
    movement_range,
    movement_ranges,
    reach_radius,
)
from game.core.rules.victory import check_link_ups, victory_points, winner
from game.core.state import GameState
from game.core.units import OFF_MAP
from game.core.view import positions_seen, remember, view, visible


def legal_orders(state: GameState) -> list[Order]:
    """Orders the side to move may give now, worked out on what it can see (its view), every one of
    which the engine accepts: moves to each hex in reach, attacks on each enemy hex it sees next to
    its units (all the units that may join, and each alone), landings on each beach it sees empty,
    air missions over the hexes that matter (each mission over the enemy units it sees or its own
    ground units), demolitions by each unit that may wreck its hex, and EndPhase."""
    if state.game_over:
        return []
    seen = view(state, state.side)
    grid = state.scenario.map.grid
    orders: list[Order] = []
    units = [u for u in seen.ground_units_of(seen.side) if may_move(seen, int(u))]
    for mr in movement_ranges(seen, units):
        uid = seen.scenario.units[mr.unit].id
        orders.extend(Move(uid, grid.hex_at(int(h))) for h in mr.destinations())
    orders += _legal_attacks(seen)
    sight = visible(state, state.side)
    orders += _legal_landings(seen, sight)
    orders += air.mission_options(seen, sight)
    orders += demolition.options(seen)
    orders.append(EndPhase())
    return orders


def _legal_attacks(seen: GameState) -> list[Order]:
    grid = seen.scenario.map.grid
    out: list[Order] = []
    for target, uids in battle.attack_groups(seen).items():
        out.append(Attack(tuple(uids), grid.hex_at(target)))
        if len(uids) > 1:
            out.extend(Attack((uid,), grid.hex_at(target)) for uid in uids)
    return out


def _legal_landings(seen: GameState, visible_hexes: np.ndarray) -> list[Order]:
    """Landings on beaches the side sees empty (a hidden enemy on a beach would refuse the order)."""
    out: list[Order] = []
    for op in seen.scenario.landings:
        for uid, beach in naval.landing_options(seen, op):
            if visible_hexes[seen.scenario.map.grid.index(beach)]:
                out.append(Landing(uid, op.name, beach))
    return out


def apply(state: GameState, order: Order) -> list[Event]:
    """Validate ``order`` for the side to move and carry it out; returns the events."""
    if state.game_over:
        raise IllegalOrder("the game is over")
    if isinstance(order, Move):
        return _move(state, order)
    if isinstance(order, EndPhase):
        return _end_phase(state)
    if isinstance(order, Attack):
        return battle.resolve(state, order)
    if isinstance(order, AirMission):
        return air.fly(state, order)
    if isinstance(order, Landing):
        return naval.land(state, order)
    if isinstance(order, Demolish):
        return demolition.demolish(state, order)
    raise IllegalOrder(f"unknown order {order!r}")


def may_move(state: GameState, u: int) -> bool:
    """A ground unit on the map whose side is to move and that is not held back this turn."""
    unit = state.scenario.units[u]
    return (unit.type.domain == "ground" and state.unit_hex[u] != OFF_MAP and unit.side == state.side
            and state.turn >= unit.moves_from_turn)


def _own_unit(state: GameState, unit_id: str) -> int:
    scn = state.scenario
    u = scn.unit_index.get(unit_id)
    if u is None:
        raise IllegalOrder(f"no unit '{unit_id}'")
    if scn.units[u].side != state.side:
        raise IllegalOrder(f"{scn.units[u].name} is not yours to move: it is {scn.sides[state.side].name}'s phase")
    if state.unit_hex[u] == OFF_MAP:
        raise IllegalOrder(f"{scn.units[u].name} is not on the map")
    return u


def _move(state: GameState, order: Move) -> list[Event]:
    scn = state.scenario
    u = _own_unit(state, order.unit)
    unit = scn.units[u]
    if unit.type.domain != "ground":
        raise IllegalOrder(f"{unit.name} is an {unit.type.domain} unit: it flies or sails missions, it does not "
                           "march")
    if not may_move(state, u):
        raise IllegalOrder(f"{unit.name} is held back until turn {unit.moves_from_turn}")
    grid = scn.map.grid
    if not grid.contains(order.to):
        raise IllegalOrder(f"{order.to} is off the map")
    target = grid.index(order.to)
    if target == state.unit_hex[u]:
        raise IllegalOrder(f"{scn.units[u].name} is already there")
    # the mover plans on what its side can see: the view, as far as this move can reach
    seen = positions_seen(state, state.side, int(state.unit_hex[u]), reach_radius(state, u) + 2)
    mr = movement_range(seen, u)
    if not mr.can_end_at(target):
        why = "out of reach this turn" if not np.isfinite(mr.cost_at(target)) else "full (stacking limit)"
        raise IllegalOrder(f"{scn.units[u].name} cannot move to {order.to}: {why}")
    path = mr.path_to(target)
    assert path is not None
    path, contact = _walk(state, u, path, seen)
    cost = float(mr.cost_at(path[-1]))
    state.unit_hex[u] = path[-1]
    state.unit_mp[u] = 0.0 if contact else max(0.0, float(state.unit_mp[u]) - cost)
    supply.burn_fuel(state, u, cost)
    events: list[Event] = [Moved(order.unit, tuple(hex_path(state, path)), cost, contact)]
    events += _take_control(state, path[1:], int(scn.units[u].side))
    return events


def _walk(state: GameState, u: int, path: list[int], seen: GameState) -> tuple[list[int], bool]:
    """Follow a planned path on the true map: stop short of a hidden enemy, or on entering its zone.

    ``seen`` shows the enemies the side can see around the path (``positions_seen``). Returns the
    path actually walked and whether the unit ran into enemies it had not seen (a unit that makes
    contact stops for the phase).
    """
    side = int(state.scenario.unit_side[u])
    occupied, zoc = enemy_at(state, side, path)
    _, seen_zoc = enemy_at(seen, side, path)
    for i in range(1, len(path)):
        if occupied[i]:
            return path[:i], True
        if zoc[i] and not seen_zoc[i]:
            return path[: i + 1], True
    return path, False


def _take_control(state: GameState, hexes: list[int], side: int) -> list[Event]:
    """Hexes a unit moves through become its side's."""
    scn = state.scenario
    events: list[Event] = []
    for h in hexes:
        if state.control[h] != side:
            state.control[h] = side
            place = scn.map.place_at(h)
            events.append(HexCaptured(scn.map.grid.hex_at(h), scn.sides[side].id, place.id if place else None))
    return events


def _arrivals(state: GameState) -> list[Event]:
    """Reinforcements due by this turn enter at their hex unless an enemy holds it (then they wait)."""
    scn = state.scenario
    events: list[Event] = []
    blocked = [enemy_occupied(state, side) for side in range(len(scn.sides))]
    for u, unit in enumerate(scn.units):
        if unit.arrives is None or unit.arrives > state.turn or f"arrived:{unit.id}" in state.extra:
            continue
        if blocked[unit.side][unit.entry_hex]:
            continue
        state.unit_hex[u] = unit.entry_hex
        state.control[unit.entry_hex] = unit.side if unit.type.domain == "ground" else state.control[unit.entry_hex]
        state.extra[f"arrived:{unit.id}"] = state.turn
        events.append(Arrived(unit.id, scn.map.grid.hex_at(unit.entry_hex)))
    return events


def _scheduled(state: GameState) -> list[Event]:
    """The scenario's events for this turn; their victory points are kept in ``extra``."""
    events: list[Event] = []
    for turn, text, awards in state.scenario.scheduled:
        if turn == state.turn:
            for side, vp in awards:
                key = f"vp:{state.scenario.sides[side].id}"
                state.extra[key] = state.extra.get(key, 0) + vp
            events.append(Announcement(turn, text))
    return events


def _end_phase(state: GameState) -> list[Event]:
    scn = state.scenario
    events: list[Event] = [PhaseEnded(scn.sides[state.side].id, state.turn), *check_link_ups(state)]
    state.phase += 1
    if state.phase >= len(scn.sides):
        state.phase = 0
        state.turn += 1
        if state.turn > scn.turns:
            state.turn = scn.turns
            state.game_over = True
            vp = victory_points(state)
            w = winner(state)
            events.append(GameOver(tuple((s.id, v) for s, v in zip(scn.sides, vp, strict=True)),
                                   scn.sides[w].id if w is not None else None))
            return events
        state.draw_weather()
        events.append(TurnBegan(state.turn, state.date))
        events += demolition.repair(state)
        events += _arrivals(state)
        events += _scheduled(state)
    mine = scn.unit_side == state.side
    state.unit_mp[mine] = scn.unit_max_mp[mine]
    state.unit_attacked[mine] = False
    air.end_missions(state, state.side)
    events += supply.start_of_phase(state, state.side)
    ground = state.ground_units_of(state.side)
    battle.repair(state, state.side, ground[state.unit_oos[ground] == 0])
    remember(state)
    return events
