"""Fixtures shared by the core tests."""

from __future__ import annotations

import pytest

from game.core.state import GameState
from game.scenario.build import load_game
from game.scenario.synthetic import write_scenario


@pytest.fixture(scope="session")
def midgame(tmp_path_factory: pytest.TempPathFactory) -> GameState:
    """A generated scenario after both sides have moved toward each other, so fog hides some enemies."""
    from game.ai.match import play_match
    from game.ai.players import baseline_player
    from game.core.game import Game

    path = write_scenario(tmp_path_factory.mktemp("scale") / "syn", width=40, height=30, units=80, seed=5)
    game = Game(load_game(path), 5)
    play_match(game, [baseline_player, baseline_player], max_turns=3)
    return game.state
