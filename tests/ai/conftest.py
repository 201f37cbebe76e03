"""Helpers for the AI tests: games that count refused orders, and a Manchuria game a few turns in."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from game.core.events import Event
from game.core.game import Game
from game.core.orders import IllegalOrder, Order
from game.core.state import GameState
from game.core.units import OFF_MAP
from game.core.view import visible
from game.paths import SCENARIOS
from game.scenario.build import load_game

MANCHURIA: Path = SCENARIOS / "manchuria_1944"


@dataclass
class CountingGame(Game):
    """A Game that counts the orders the engine refuses (the AI must never give one)."""

    refused: int = 0

    def play(self, order: Order) -> list[Event]:
        try:
            return super().play(order)
        except IllegalOrder:
            self.refused += 1
            raise


def counting(state: GameState, seed: int) -> CountingGame:
    return CountingGame(state, seed)


@cache
def _manchuria_after(turns: int, seed: int) -> GameState:
    from game.ai.match import play_match
    from game.ai.players import make_player

    game = Game(load_game(MANCHURIA, seed), seed)
    play_match(game, [make_player("ai"), make_player("ai")], max_turns=turns)
    return game.state


def manchuria_after(turns: int, seed: int = 3) -> GameState:
    """A copy of an AI-vs-AI Manchuria game at the start of turn ``turns + 1`` (cached per process)."""
    return _manchuria_after(turns, seed).clone()


def hidden_enemies(state: GameState, side: int) -> np.ndarray:
    """The enemy ground units on the map that ``side`` cannot see."""
    scn = state.scenario
    seen = visible(state, side)
    on = np.flatnonzero((scn.unit_side != side) & (state.unit_hex != OFF_MAP) & scn.unit_ground)
    return on[~seen[state.unit_hex[on]]]


def hidden_changed(state: GameState, side: int) -> GameState:
    """A copy where every enemy unit ``side`` cannot see is elsewhere in the fog and weaker: a state
    the side cannot tell from ``state``."""
    hidden = hidden_enemies(state, side)
    altered = state.clone()
    seen = visible(state, side)
    free = np.flatnonzero(~seen & (altered.control != side) & ~np.isin(np.arange(seen.size), altered.unit_hex))
    rng = np.random.default_rng(0)
    altered.unit_hex[hidden] = rng.choice(free, hidden.size, replace=False)  # every hidden unit moves
    altered.unit_men[hidden] //= 3
    altered.unit_equipment[hidden] = 0
    altered.unit_fuel[hidden] = 0
    return altered
