"""Soak: 20 whole AI-vs-AI games of Manchuria back to back in one process, without an exception and
with resident memory growing by less than 10 % between the 5th game and the last (slow)."""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest

from game.ai.match import play_match
from game.ai.players import PLAYERS
from game.core.game import Game
from game.paths import SCENARIOS
from game.scenario.build import load_game

GAMES = 20


def resident_mb() -> float:
    with open(f"/proc/{os.getpid()}/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="reads /proc for resident memory")
def test_twenty_games_without_leaks() -> None:
    player = PLAYERS.get("ai", PLAYERS["baseline"])
    memory = []
    for seed in range(GAMES):
        state = load_game(SCENARIOS / "manchuria_1944", seed)
        game = Game(state, seed)
        play_match(game, [player, player])
        assert game.state.game_over
        del game, state
        gc.collect()
        memory.append(resident_mb())
    growth = (memory[-1] - memory[4]) / memory[4]
    print(f"\nsoak: {GAMES} games; resident memory after game 5 {memory[4]:.0f} MB, after game {GAMES} "
          f"{memory[-1]:.0f} MB ({growth:+.1%})")
    assert growth < 0.10
