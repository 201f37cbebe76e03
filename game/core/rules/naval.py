"""Landings from the sea: only those the scenario lists, in the numbers it allows.

The rule (also in the README): the side without naval superiority cannot move by sea except
through the scenario's landing operations. A ground unit that has not moved this phase and
stands in one of an operation's ports may land, from its first turn on, in or next to one of
its target places on a land hex no enemy holds and with room to stack; it ends its move
there. Each operation carries at most ``max_units`` units.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from game.core.events import Event, HexCaptured, Landed
from game.core.orders import IllegalOrder, Landing
from game.core.rules.movement import enemy_occupied
from game.core.units import OFF_MAP

if TYPE_CHECKING:
    from game.core.state import GameState


@dataclass(frozen=True)
class LandingOp:
    name: str
    side: int
    ports: frozenset[int]  # flat hex indices
    targets: tuple[int, ...]
    from_turn: int
    max_units: int


def _key(op: LandingOp) -> str:
    return f"landed:{op.name}"


def why_unit_cannot_sail(state: GameState, op: LandingOp, u: int) -> str | None:
    """The check of whether unit ``u`` may sail with ``op`` now (None: it may), shared by the engine and
    the list of legal orders."""
    scn = state.scenario
    unit = scn.units[u]
    if op.side != state.side or unit.side != state.side or not scn.unit_ground[u] or state.unit_hex[u] == OFF_MAP:
        return f"{unit.name} cannot join {op.name}"
    if state.turn < max(op.from_turn, unit.moves_from_turn):
        return f"{op.name} cannot sail before turn {max(op.from_turn, unit.moves_from_turn)}"
    if int(state.unit_hex[u]) not in op.ports:
        return f"{unit.name} is not in a port of {op.name}"
    if state.unit_mp[u] < scn.unit_max_mp[u] or state.unit_attacked[u]:
        return f"{unit.name} has already moved this turn"
    if state.extra.get(_key(op), 0) >= op.max_units:
        return f"{op.name} has carried all the {op.max_units} units it can"
    return None


def _why_not_beach(state: GameState, op: LandingOp, u: int, to_hex: tuple[int, int]) -> str | None:
    scn = state.scenario
    grid = scn.map.grid
    if not grid.contains(to_hex):
        return f"{to_hex} is off the map"
    to = grid.index(to_hex)
    near = any(grid.distances_from(grid.hex_at(t))[to] <= 1 for t in op.targets)
    passable = np.isfinite(scn.movement.terrain_cost[int(scn.unit_class[u]), int(scn.map.terrain[to])])
    if not near or not passable:
        return f"{to_hex} is not a landing beach of {op.name}"
    if enemy_occupied(state, state.side)[to] or state.occupancy(state.side)[to] >= scn.movement.stack_max:
        return f"no room to land at {to_hex}"
    return None


def landing_options(state: GameState, op: LandingOp) -> list[tuple[str, tuple[int, int]]]:
    """(unit id, beach) for every landing of ``op`` the side to move may make now."""
    scn = state.scenario
    grid = scn.map.grid
    if op.side != state.side:
        return []
    beaches = sorted({int(n) for t in op.targets for n in (t, *grid.neighbor_table[t]) if n >= 0})
    out = []
    for u in state.ground_units_of(state.side):
        if why_unit_cannot_sail(state, op, int(u)) is not None:
            continue
        for b in beaches:
            if _why_not_beach(state, op, int(u), grid.hex_at(b)) is None:
                out.append((scn.units[u].id, grid.hex_at(b)))
    return out


def land(state: GameState, order: Landing) -> list[Event]:
    scn = state.scenario
    op = next((o for o in scn.landings if o.name == order.landing), None)
    if op is None:
        raise IllegalOrder(f"no landing operation '{order.landing}' in this scenario")
    u = scn.unit_index.get(order.unit)
    if u is None:
        raise IllegalOrder(f"no unit '{order.unit}'")
    why = why_unit_cannot_sail(state, op, u)
    if why is None:
        why = _why_not_beach(state, op, u, order.to)
    if why is not None:
        raise IllegalOrder(why)
    grid = scn.map.grid
    to = grid.index(order.to)
    state.unit_hex[u] = to
    state.unit_mp[u] = 0
    state.extra[_key(op)] = state.extra.get(_key(op), 0) + 1
    events: list[Event] = [Landed(order.unit, op.name, order.to)]
    if state.control[to] != state.side:
        state.control[to] = state.side
        place = scn.map.place_at(to)
        events.append(HexCaptured(order.to, scn.sides[state.side].id, place.id if place else None))
    return events
