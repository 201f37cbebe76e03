"""Helpers for the AI tests: games that count refused orders, and a Manchuria game a few turns in."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from game.core.events import Event
from game.core.game import Game
from game.core.orders import IllegalOrder, Order
from game.core.state import GameState
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
