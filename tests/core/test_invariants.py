"""Invariants after every order of whole AI-vs-AI games (fast: the tiny and a small generated map)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.ai.players import baseline_player
from game.core.events import Event
from game.core.game import Game
from game.core.invariants import check_all
from game.core.orders import Order
from game.paths import TEST_SCENARIO
from game.scenario.build import load_game
from game.scenario.synthetic import write_scenario


def checked_game(path: Path, seed: int) -> tuple[Game, list[int]]:
    """A game whose every order is followed by the invariant checks; returns it and an order counter."""
    game = Game(load_game(path, seed), seed)
    s = game.state
    men, equipment = s.unit_men + s.unit_lost_men, s.unit_equipment + s.unit_lost_equipment
    played = [0]

    def check(order: Order, _events: list[Event]) -> None:
        played[0] += 1
        problems = check_all(game.state, men, equipment)
        assert not problems, f"after {order}: {problems}"

    game.observers.append(check)
    return game, played


@pytest.mark.parametrize("seed", [1, 2])
def test_invariants_hold_through_whole_games(tmp_path: Path, seed: int) -> None:
    for path in (TEST_SCENARIO, write_scenario(tmp_path / "syn", 40, 30, 60, seed=seed)):
        game, played = checked_game(path, seed)
        while not game.state.game_over:
            baseline_player(game)
        assert played[0] > 10


@pytest.mark.slow
def test_invariants_hold_through_a_whole_manchuria_game_between_ais() -> None:
    from game.ai.players import PLAYERS
    from game.paths import SCENARIOS

    game, played = checked_game(SCENARIOS / "manchuria_1944", 3)
    while not game.state.game_over:
        PLAYERS["ai"](game)
    print(f"\ninvariants: {played[0]} orders of a whole Manchuria game checked")
    assert played[0] > 1000
