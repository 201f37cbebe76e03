"""Computer players. Each plays one whole phase through the engine, exactly as a human would.

``baseline`` is the greedy reference the real AI will be measured against: every unit moves
toward the nearest objective its side does not hold (else the nearest enemy), as far as it can
this phase. ``pass`` only ends its phase. Neither looks at combat yet (the rules have none).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from game.core import engine
from game.core.events import Event
from game.core.orders import EndPhase, Move
from game.core.rules.movement import enemy_occupied, movement_range
from game.core.state import GameState

Player = Callable[[GameState], list[Event]]


def pass_player(state: GameState) -> list[Event]:
    """Ends the phase at once."""
    return engine.apply(state, EndPhase())


def baseline_player(state: GameState) -> list[Event]:
    """Moves each unit toward the nearest objective it lacks, then ends the phase."""
    events: list[Event] = []
    side = state.side
    grid = state.scenario.map.grid
    for u in state.ground_units_of(side):
        if not engine.may_move(state, int(u)):
            continue
        target = _target(state, side, int(state.unit_hex[u]))
        if target is None:
            continue
        mr = movement_range(state, int(u))
        ends = mr.destinations()
        if not ends.size:
            continue
        d = grid.distances_from(grid.hex_at(target))
        here = d[mr.start]
        best = ends[np.lexsort((mr.cost[ends], d[ends]))[0]]
        if d[best] < here:
            events += engine.apply(state, Move(state.scenario.units[u].id, grid.hex_at(int(best))))
    return events + engine.apply(state, EndPhase())


def _target(state: GameState, side: int, at: int) -> int | None:
    """Flat index of the nearest objective the side does not hold, else of the nearest enemy.

    Objectives are the side's list in the scenario, or every place worth VP when it has none.
    """
    scn = state.scenario
    grid = scn.map.grid
    d = grid.distances_from(grid.hex_at(at))
    goals = set(scn.sides[side].objectives)
    wanted = [grid.index(p.hex) for p in scn.map.places
              if (p.id in goals if goals else p.vp > 0) and state.control[grid.index(p.hex)] != side]
    if not wanted:
        wanted = list(np.flatnonzero(enemy_occupied(state, side)))
    return min(wanted, key=lambda h: (d[h], h)) if wanted else None


PLAYERS: dict[str, Player] = {"baseline": baseline_player, "pass": pass_player}
