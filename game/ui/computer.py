"""A computer side's phase, played through ``Game.play`` and recorded for the screen to replay.

A computer player plays a whole phase in one call (``Player = Callable[[Game], list[Event]]``).
The screen wants to show it order by order, as a player would have seen it happen, so while
the player runs every order it plays is recorded (a ``Game`` observer; refused orders change
nothing and are not recorded): the events, and — only when some of them are
in sight of the side watching — the state just before and just after, seen through that
side's fog of war. Orders out of sight keep nothing (a 300-unit phase would otherwise hold
hundreds of copies of the state), and nothing the watching side could not see is ever shown:
a move is drawn only along the hexes of its path that side could see, a combat or a demolition
only in a hex it could see.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from game.ai.players import Player
from game.core.events import Combat, Demolished, Event, Moved
from game.core.game import Game
from game.core.hexgrid import Hex
from game.core.orders import EndPhase, IllegalOrder, Order
from game.core.state import GameState
from game.core.units import OFF_MAP
from game.core.view import view, visible


@dataclass
class Beat:
    """One thing to show: a unit moving along ``path``, a combat flashed on its target, or a hex blown."""

    kind: str  # "move", "combat" or "demolition"
    before: GameState  # what the map shows while the beat plays (a moving unit is left out of it)
    after: GameState  # what it shows once the beat is over
    unit: int = -1
    path: tuple[Hex, ...] = ()
    combat: Combat | None = None
    blown: Hex | None = None  # a demolition's hex

    @property
    def target(self) -> Hex | None:
        """The hex a combat or a demolition flashes on (None for a move)."""
        return self.combat.target if self.combat is not None else self.blown


@dataclass
class ComputerPhase:
    side: int
    events: list[Event] = field(default_factory=list)
    beats: list[Beat] = field(default_factory=list)
    error: str | None = None  # the player failed; its phase was ended for it


def seen_by(state: GameState, viewer: int | None) -> GameState:
    """The state as ``viewer`` sees it (everything when nobody in particular watches)."""
    return state.clone() if viewer is None else view(state, viewer)


class _Recorder:
    def __init__(self, game: Game, viewer: int | None, animate: bool) -> None:
        self.game = game
        self.viewer = viewer
        self.animate = animate
        self.out = ComputerPhase(game.state.side)
        self._prev = game.state.clone() if animate else None
        self._prev_seen = self._sight(game.state) if animate else None

    def _sight(self, state: GameState) -> np.ndarray | None:
        return None if self.viewer is None else visible(state, self.viewer)

    def played(self, _order: Order, events: list[Event]) -> None:
        """The Game observer: called after each order the player gives is applied."""
        self.out.events += events
        if self.animate:
            self._record(events)

    def _record(self, events: list[Event]) -> None:
        now = self.game.state
        assert self._prev is not None
        sight_now = self._sight(now)
        seen = None if sight_now is None or self._prev_seen is None else sight_now | self._prev_seen
        wanted = _wanted(events, now, seen)
        if wanted:
            before = seen_by(self._prev, self.viewer)
            after = seen_by(now, self.viewer)
            for beat in wanted:
                shown = before
                if beat["kind"] == "move":
                    shown = before.clone()
                    shown.unit_hex[beat["unit"]] = OFF_MAP
                self.out.beats.append(Beat(before=shown, after=after, **beat))
        self._prev = now.clone()
        self._prev_seen = sight_now


def _wanted(events: list[Event], now: GameState, seen: np.ndarray | None) -> list[dict[str, Any]]:
    """The beats (all but their states) the events of one order make, cut to the hexes ``seen`` (None: all)."""
    index = now.scenario.map.grid.index
    out: list[dict[str, Any]] = []
    for e in events:
        if isinstance(e, Moved):
            path = e.path if seen is None else _visible_stretch(e.path, seen, index)
            if len(path) > 1:
                out.append({"kind": "move", "unit": now.scenario.unit_index[e.unit], "path": path})
        elif isinstance(e, Combat) and (seen is None or seen[index(e.target)]):
            out.append({"kind": "combat", "combat": e})
        elif isinstance(e, Demolished) and (seen is None or seen[index(e.hex)]):
            out.append({"kind": "demolition", "blown": e.hex})
    return out


def _visible_stretch(path: tuple[Hex, ...], seen: np.ndarray, index: object) -> tuple[Hex, ...]:
    """The part of a path from its first to its last hex in sight (nothing when none is)."""
    idx = [i for i, h in enumerate(path) if seen[index(h)]]  # type: ignore[operator]
    return path[idx[0]: idx[-1] + 1] if idx else ()


def play_computer_phase(game: Game, player: Player, viewer: int | None, animate: bool = True) -> ComputerPhase:
    """Let ``player`` play the side to move's phase; record what ``viewer`` may see of it.

    If the player leaves its phase open it is ended for it; if the player fails (a bug in an
    AI must not end the player's game), its phase is ended and the error is reported.
    """
    rec = _Recorder(game, viewer, animate)
    start = (game.state.turn, game.state.phase)
    try:
        with game.observing(rec.played):  # every order the player gives is recorded
            player(game)
    except IllegalOrder as exc:
        rec.out.error = f"The computer player gave an illegal order and its phase was ended: {exc}"
    except Exception as exc:  # an AI bug: report it, keep the game going
        rec.out.error = f"The computer player failed and its phase was ended: {type(exc).__name__}: {exc}"
    if not game.state.game_over and (game.state.turn, game.state.phase) == start:
        events = game.play(EndPhase())
        rec.out.events += events
    return rec.out
