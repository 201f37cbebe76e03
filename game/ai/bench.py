"""Timings of the AI on the Manchuria scenario, for `python main.py bench`.

A few whole AI-vs-AI games at normal difficulty, each from its own seed: the median wall time
of a game, and the median time of one AI turn (one side's whole phase: planning and playing its
orders through the engine) pooled over every turn of those games; then one whole game of hard
against hard (its look-ahead rehearses each phase several times). Budgets (this project's 2-core
machine): one turn under a second for either side at normal and under three at hard, a whole
31-turn game at normal under a minute.
"""

from __future__ import annotations

import statistics
import time

from game.ai.match import play_match
from game.ai.players import make_player
from game.core.game import Game
from game.paths import SCENARIOS
from game.scenario.build import load_game

BUDGETS = {"ai_turn_soviet_ms": 1000.0, "ai_turn_japan_ms": 1000.0, "game_full_s": 60.0,
           "ai_turn_hard_soviet_ms": 3000.0, "ai_turn_hard_japan_ms": 3000.0}


def ai_bench(games: int = 3, turns: int | None = None, seed: int = 1, hard_games: int = 1) -> dict[str, float]:
    """Medians over ``games`` AI-vs-AI games at normal (ai_turn_soviet_ms, ai_turn_japan_ms, game_full_s)
    and over ``hard_games`` at hard (ai_turn_hard_soviet_ms, ai_turn_hard_japan_ms)."""
    walls, normal = _games("normal", games, turns, seed)
    out = {f"ai_turn_{side}_ms": _median_ms(times) for side, times in normal.items()}
    out["game_full_s"] = round(statistics.median(walls), 2)
    _, hard = _games("hard", hard_games, turns, seed)
    out.update({f"ai_turn_hard_{side}_ms": _median_ms(times) for side, times in hard.items()})
    return out


def _median_ms(times: list[float]) -> float:
    return round(statistics.median(times) * 1000, 1)


def _games(level: str, games: int, turns: int | None, seed: int) -> tuple[list[float], dict[str, list[float]]]:
    """Wall seconds of each game, and every AI turn's seconds per side, of ``games`` games at ``level``."""
    walls: list[float] = []
    per_side: dict[str, list[float]] = {}
    for i in range(games):
        game = Game(load_game(SCENARIOS / "manchuria_1944", seed + i), seed + i)
        player = make_player("ai", level)
        t0 = time.perf_counter()
        record = play_match(game, [player] * len(game.state.scenario.sides), max_turns=turns)
        walls.append(time.perf_counter() - t0)
        for side, times in record.ai_turn_s.items():
            per_side.setdefault(side, []).extend(times)
    return walls, per_side
