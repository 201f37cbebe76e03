"""A game in progress: the state plus what makes it reproducible — the seed and the order log.

The UI and the computer players give orders through ``Game.play``, which applies them with the
engine and logs them; replaying the log from the same scenario and seed rebuilds the game
exactly. ``undo`` takes back moves made since the last thing that revealed something (an
attack, the end of a phase), as Unity of Command allows: a move draws no dice.

Observers watch the orders as they are played, without replacing ``play``: each function in
``observers`` is called as ``fn(order, events)`` after an order is applied and logged, and each
in ``refusal_observers`` as ``fn(order, error)`` when the engine refuses one (before the
``IllegalOrder`` is raised on to the caller, which may catch it). ``undo`` reports nothing.
Observers belong to the running program, not to the game: they are not saved, compared,
printed, pickled or replayed. ``observing`` adds them for the span of a ``with`` block.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from game.core import engine
from game.core.events import Event, Moved, TurnBegan
from game.core.orders import EndPhase, IllegalOrder, Move, Order
from game.core.state import GameState

Observer = Callable[[Order, list[Event]], None]  # called after an order is applied, with its events
RefusalObserver = Callable[[Order, IllegalOrder], None]  # called when the engine refuses an order


@dataclass
class Game:
    state: GameState
    seed: int
    log: list[Order] = field(default_factory=list)
    turn_hashes: list[str] = field(default_factory=list)  # state hash at the start of each turn after the first
    meta: dict[str, str] = field(default_factory=dict)  # who plays which side, difficulty ...: kept in saves
    _undo: list[GameState] = field(default_factory=list, repr=False)
    observers: list[Observer] = field(default_factory=list, repr=False, compare=False)
    refusal_observers: list[RefusalObserver] = field(default_factory=list, repr=False, compare=False)

    def play(self, order: Order) -> list[Event]:
        """Apply and log one order; an illegal order raises IllegalOrder and changes nothing.

        Observers see the order and its events once it is applied; refusal observers see a
        refused order and the error (see the module docstring).
        """
        before = self.state.clone_before_move() if isinstance(order, Move) else None
        try:
            events = engine.apply(self.state, order)
        except IllegalOrder as exc:
            for refused in list(self.refusal_observers):
                refused(order, exc)
            raise
        self.log.append(order)
        if any(isinstance(e, Moved) and e.contact for e in events):
            before = None  # the move revealed the enemy: it cannot be taken back
        if before is not None:
            self._undo.append(before)
        else:
            self._undo.clear()
        if any(isinstance(e, TurnBegan) for e in events):
            self.turn_hashes.append(self.state.state_hash())
        for observer in list(self.observers):  # a copy: an observer may remove itself
            observer(order, events)
        return events

    @contextmanager
    def observing(self, observer: Observer | None = None,
                  refused: RefusalObserver | None = None) -> Iterator[Game]:
        """Call ``observer`` after every order played (``refused`` on every order refused) inside
        the ``with`` block; both are removed when it ends, even by an exception."""
        if observer is not None:
            self.observers.append(observer)
        if refused is not None:
            self.refusal_observers.append(refused)
        try:
            yield self
        finally:
            if observer is not None:
                self.observers.remove(observer)
            if refused is not None:
                self.refusal_observers.remove(refused)

    def __getstate__(self) -> dict[str, Any]:
        """Pickle without the observers: they are the running program's, often closures."""
        return {k: v for k, v in self.__dict__.items() if k not in ("observers", "refusal_observers")}

    def __setstate__(self, d: dict[str, Any]) -> None:
        self.__dict__.update(d, observers=[], refusal_observers=[])

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
