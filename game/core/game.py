"""A game in progress: the state plus what makes it reproducible — the seed and the order log.

The UI and the computer players give orders through ``Game.play``, which applies them with the
engine and logs them; replaying the log from the same scenario and seed rebuilds the game
exactly. ``undo`` takes back moves made since the last thing that revealed something (an
attack, the end of a phase), as Unity of Command allows: a move draws no dice.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.core import engine
from game.core.events import Event, Moved, TurnBegan
from game.core.orders import EndPhase, IllegalOrder, Move, Order
from game.core.state import GameState


@dataclass
class Game:
    state: GameState
    seed: int
    log: list[Order] = field(default_factory=list)
    turn_hashes: list[str] = field(default_factory=list)  # state hash at the start of each turn after the first
    meta: dict[str, str] = field(default_factory=dict)  # who plays which side, difficulty ...: kept in saves
    _undo: list[GameState] = field(default_factory=list, repr=False)

    def play(self, order: Order) -> list[Event]:
        """Apply and log one order; an illegal order raises IllegalOrder and changes nothing."""
        before = self.state.clone() if isinstance(order, Move) else None
        events = engine.apply(self.state, order)
        self.log.append(order)
        if any(isinstance(e, Moved) and e.contact for e in events):
            before = None  # the move revealed the enemy: it cannot be taken back
        if before is not None:
            self._undo.append(before)
        else:
            self._undo.clear()
        if any(isinstance(e, TurnBegan) for e in events):
            self.turn_hashes.append(self.state.state_hash())
        return events

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def undo(self) -> None:
        """Take back the last move; raises IllegalOrder when there is none to take back."""
        if not self._undo:
            raise IllegalOrder("nothing to undo: only moves since the last attack or phase end can be taken back")
        self.state = self._undo.pop()
        self.log.pop()

    def end_phase(self) -> list[Event]:
        return self.play(EndPhase())


def replay(start: GameState, seed: int, orders: list[Order]) -> Game:
    """Play ``orders`` from a fresh opening state; the result equals the original game."""
    game = Game(start, seed)
    for order in orders:
        game.play(order)
    return game
