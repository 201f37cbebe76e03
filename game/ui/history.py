"""Turn summaries collected as the game goes on, for the charts at the end.

The map screen records ``turn_summary`` (men, tanks, casualties, victory points per side) at
the start of the game and at the end of every turn. A game loaded from a save starts its
record at the turn it was saved; the missing turns are rebuilt at the end by replaying the
save's order log from the scenario and seed, which reproduces the game exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from game.ai.match import turn_summary
from game.core.events import Event, GameOver, TurnBegan
from game.core.game import Game
from game.core.state import GameState


class TurnHistory:
    """Summaries by turn; turn 0 is the opening position."""

    def __init__(self) -> None:
        self.by_turn: dict[int, dict[str, Any]] = {}

    def record(self, state: GameState, turn: int) -> None:
        self.by_turn[turn] = turn_summary(state, turn)

    def record_events(self, state: GameState, events: Sequence[Event]) -> None:
        """After an order: a new turn closes the one before it; the end of the game closes the last."""
        for e in events:
            if isinstance(e, TurnBegan):
                self.record(state, e.turn - 1)
            elif isinstance(e, GameOver):
                self.record(state, state.scenario.turns)

    @property
    def turns(self) -> list[dict[str, Any]]:
        return [self.by_turn[t] for t in sorted(self.by_turn)]

    @property
    def complete(self) -> bool:
        """Whether every turn from the start up to the last recorded one is here."""
        return bool(self.by_turn) and sorted(self.by_turn) == list(range(max(self.by_turn) + 1))

    def rebuild(self, game: Game) -> bool:
        """Fill the gaps by replaying the game's order log; False (and nothing lost) when that fails."""
        from game.scenario.build import load_game

        try:
            start = load_game(Path(game.state.scenario.source_dir), game.seed)
            replay = Game(start, game.seed)
            found: dict[int, dict[str, Any]] = {0: turn_summary(start, 0)}
            for order in game.log:
                for e in replay.play(order):
                    if isinstance(e, TurnBegan):
                        found[e.turn - 1] = turn_summary(replay.state, e.turn - 1)
                    elif isinstance(e, GameOver):
                        found[start.scenario.turns] = turn_summary(replay.state, start.scenario.turns)
        except Exception:  # a replay that fails (the scenario changed on disk) leaves the live record as it was
            return False
        self.by_turn = {**found, **self.by_turn}
        return True
