"""The game controller: orders through the engine, undo, and the book-keeping after a change."""

from __future__ import annotations

from game.core.orders import EndPhase, Move
from game.core.state import GameState
from game.ui.app import App
from game.ui.sound import Sounds
from tests.ui.conftest import SIZE


class Heard(Sounds):
    """Sounds that remember what was played instead of playing it."""

    def __init__(self) -> None:
        super().__init__()
        self.heard: list[str] = []

    def play(self, name: str) -> bool:
        self.heard.append(name)
        return True


def test_orders_change_the_game_log_and_sound_and_undo_takes_them_back(tiny: GameState) -> None:
    app = App(tiny, SIZE)
    heard = app.controller.sounds = Heard()
    version = app.version
    assert app.order(Move("rd_124", (3, 4))) is not None
    assert app.version > version and heard.heard == ["move"]
    assert any("moves to" in line for line, _ in app.events.entries)
    assert app.order(Move("rd_124", (40, 40))) is None and heard.heard == ["move"]  # refused: no sound, a message
    assert app.message
    app.undo()
    assert not app.game.log and not any("moves to" in line for line, _ in app.events.entries)
    app.order(EndPhase())
    assert heard.heard[-1] == "phase"
