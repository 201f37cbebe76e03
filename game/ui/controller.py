"""The game controller: orders go to the engine through it, and what they did goes to the logs.

``GameController`` is the one way the App (its owner) changes the game: an order is handed to
``Game.play`` (an ``IllegalOrder`` becomes the status line), Ctrl+Z to ``Game.undo`` (the
move's log lines go too), and after every change it does the book-keeping: the version the
caches key on, the history for the charts, each side's event log through its own fog of war
(held back while a computer phase plays), the autosave at a new turn, a sound effect.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from game.core.events import Combat, Demolished, Event, GameOver, Moved, PhaseEnded, TurnBegan
from game.core.orders import IllegalOrder, Move, Order
from game.core.view import visible
from game.ui import info, palette
from game.ui.eventlog import EventLog
from game.ui.fog import events_seen_by
from game.ui.sound import Sounds

if TYPE_CHECKING:
    from game.ui.app import App


class GameController:
    """Orders, undo and the book-keeping after a change, for one App."""

    def __init__(self, app: App, sounds: Sounds) -> None:
        self.app = app
        self.sounds = sounds
        self._held_log: list[tuple[EventLog, list[Event]]] = []  # log lines waiting for the playback to end

    def new_game(self) -> None:
        """A new or loaded game: nothing of the old one's log is waiting."""
        self._held_log = []

    def order(self, order: Order) -> list[Event] | None:
        """Hand ``order`` to the game; report the result. None when it was illegal."""
        app = self.app
        st = app.truth
        side, turn = st.side, st.turn
        sight = self.sight()
        try:
            events = app.game.play(order)
        except IllegalOrder as exc:
            app.say(str(exc), palette.TEXT_WARN)
            return None
        self.after_change(events, sight)
        app._phase_events += events
        if any(isinstance(e, PhaseEnded) for e in events):
            app.flow.after_human_phase(side, turn)
        return events

    def undo(self) -> None:
        """Ctrl+Z: take back the last move (the game says when there is none to take back)."""
        app = self.app
        if not app._human_to_move():
            app.say("Nothing to undo now", palette.TEXT_DIM)
            return
        last = app.game.log[-1] if app.game.log else None
        try:
            app.game.undo()
        except IllegalOrder as exc:
            app.say(str(exc), palette.TEXT_WARN)
            return
        app.version += 1
        app.attack = app.result = None
        for log in app.logs.values():
            log.take_back()  # the move's lines go with it
        if app.selected is not None:
            app._refresh_range()
        if isinstance(last, Move):
            u = app.scenario.unit_index[last.unit]
            app.say(f"Undone: {app.scenario.units[u].name} is back where it was", palette.TEXT_GOOD)
        else:
            app.say("Undone", palette.TEXT_GOOD)

    def sight(self) -> dict[int, np.ndarray]:
        """What each human side sees now, before an order (the log keeps what it saw before or after)."""
        app = self.app
        return {s: visible(app.truth, s) for s in app.logs if s is not None}

    def after_change(self, events: Sequence[Event], sight_before: dict[int, np.ndarray],
                     *, describe: bool = True, hold_log: bool = False) -> None:
        """Book-keeping after the state changed; ``hold_log`` keeps the log lines until the playback is over."""
        app = self.app
        app.version += 1
        st = app.truth
        self._sound_for(events)
        app.history.record_events(st, events)
        for owner, log in app.logs.items():
            seen = None if owner is None else sight_before.get(owner, False) | visible(st, owner)
            self._held_log.append((log, events_seen_by(events, app.scenario, owner, seen)))
        if not hold_log:
            self.flush_log()
        if any(isinstance(e, TurnBegan) for e in events):
            app.autosave()
        app.attack = None  # its preview was for the old state
        app.result = None  # and the last result is old news (confirm_attack sets the new one after)
        if describe:
            text = info.describe_events(app.state, events)
            if text:
                app.say(text, palette.TEXT_GOOD)
        if app.selected is not None:
            app._refresh_range()

    def _sound_for(self, events: Sequence[Event]) -> None:
        """One effect for what an order (or a computer phase) did: the most telling of its events (a
        demolition is a bang, as a combat)."""
        kinds = {type(e) for e in events}
        for kind, name in ((GameOver, "game_over"), (Combat, "combat"), (Demolished, "combat"), (PhaseEnded, "phase"),
                           (Moved, "move")):
            if kind in kinds:
                self.sounds.play(name)
                return

    def flush_log(self) -> None:
        app = self.app
        for log, events in self._held_log:
            log.add(events, lambda e: info.event_text(app.truth, e))
        self._held_log = []
