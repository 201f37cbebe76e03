"""Timings of the AI on the Manchuria scenario, for `python main.py bench`.

A few whole AI-vs-AI games at normal difficulty, each from its own seed: the median wall time
of a game, and the median time of one AI turn (one side's whole phase: planning and playing its
orders through the engine) pooled over every turn of those games. Budgets (this project's 2-core
machine): one turn under a second for either side, a whole 31-turn game under a minute.
"""

from __future__ import annotations

import statistics
import time

from game.ai.match import play_match
from game.ai.players import make_player
from game.core.game import Game
from game.paths import SCENARIOS
from game.scenario.build import load_game

BUDGETS = {"ai_turn_soviet_ms": 1000.0, "ai_turn_japan_ms": 1000.0, "game_full_s": 60.0}


def ai_bench(games: int = 3, turns: int | None = None, seed: int = 1) -> dict[str, float]:
    """Medians over ``games`` AI-vs-AI games: ai_turn_soviet_ms, ai_turn_japan_ms, game_full_s."""
    walls: list[float] = []
    per_side: dict[str, list[float]] = {}
    for i in range(games):
        game = Game(load_game(SCENARIOS / "manchuria_1944", seed + i), seed + i)
        player = make_player("ai")
        t0 = time.perf_counter()
        record = play_match(game, [player] * len(game.state.scenario.sides), max_turns=turns)
        walls.append(time.perf_counter() - t0)
        for side, times in record.ai_turn_s.items():
            per_side.setdefault(side, []).extend(times)
    out = {f"ai_turn_{side}_ms": round(statistics.median(times) * 1000, 1) for side, times in per_side.items()}
    out["game_full_s"] = round(statistics.median(walls), 2)
    return out
