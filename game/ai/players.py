"""Computer players. Each plays one whole phase through the engine, exactly as a human would.

``baseline`` is the greedy reference the real AI will be measured against: every unit moves
toward the nearest objective its side does not hold (else the nearest enemy), as far as it can
this phase; then, best odds first, it attacks every adjacent enemy hex whose preview promises
the defender a larger share of losses than the attacker. ``pass`` only ends its phase.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from game.core import engine
from game.core.events import Event
from game.core.game import Game
from game.core.orders import Attack, EndPhase, IllegalOrder, Move, Order
from game.core.rules import battle
from game.core.rules.movement import enemy_occupied, movement_range
from game.core.state import GameState
from game.core.view import view

Player = Callable[[Game], list[Event]]  # plays one whole phase through game.play


def pass_player(game: Game) -> list[Event]:
    """Ends the phase at once."""
    return game.play(EndPhase())


def baseline_player(game: Game) -> list[Event]:
    """Moves each unit toward the nearest objective it lacks, attacks at good odds, ends the phase."""
    events = _advance(game)
    if game.state.scenario.combat is not None:
        events += _attacks(game)
    return events + game.play(EndPhase())


def _attacks(game: Game) -> list[Event]:
    """Greedy: the attack with the best expected loss ratio, again and again while one is favourable."""
    events: list[Event] = []
    refused: set[Attack] = set()
    while True:
        state = view(game.state, game.state.side)
        best = None
        for attack in candidate_attacks(state):
            if attack in refused:
                continue
            pv = battle.preview(state, attack, detail=False)
            score = pv.defender_loss_fraction - pv.attacker_loss_fraction
            if pv.defender_loss_fraction > pv.attacker_loss_fraction and (best is None or score > best[0]):
                best = (score, attack)
        if best is None:
            return events
        events += _try(game, best[1], refused)


def candidate_attacks(state: GameState) -> list[Attack]:
    """For each enemy hex next to our units, one attack with every unit able to join it."""
    grid = state.scenario.map.grid
    return [Attack(tuple(units), grid.hex_at(t)) for t, units in battle.attack_groups(state).items()]


def _advance(game: Game) -> list[Event]:
    """Every unit that may move goes as near its objective as it can this phase."""
    events: list[Event] = []
    side = game.state.side
    grid = game.state.scenario.map.grid
    for u in game.state.ground_units_of(side):
        state = view(game.state, side)  # decide on what the side can see, after its last move
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
            events += _try(game, Move(state.scenario.units[u].id, grid.hex_at(int(best))), set())
    return events


def _try(game: Game, order: Order, refused: set[Any]) -> list[Event]:
    """Give an order decided on the view; the true state may refuse it (a hidden enemy in the way)."""
    try:
        return game.play(order)
    except IllegalOrder:
        refused.add(order)
        return []


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


def make_player(name: str, difficulty: str = "normal") -> Player:
    """A player by its name in ``PLAYERS``; ``ai`` at the given difficulty (easy, normal, hard)."""
    if name == "ai":
        from game.ai.planner import ai_player

        return ai_player(difficulty)
    return PLAYERS[name]


def _ai(game: Game) -> list[Event]:
    """The AI at normal difficulty (game/ai/planner.py)."""
    from game.ai.config import LEVELS
    from game.ai.planner import play_phase

    return play_phase(game, LEVELS["normal"])


PLAYERS: dict[str, Player] = {"ai": _ai, "baseline": baseline_player, "pass": pass_player}
