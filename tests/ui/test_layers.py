"""The input router: an explicit stack of modal layers over the map, top first."""

from __future__ import annotations

import pygame

from game.core.orders import Demolish
from game.core.state import GameState
from game.ui.app import App
from game.ui.layers import STACK
from game.ui.session import Session
from game.ui.turnreport import build_report
from tests.conftest import only_units, unit
from tests.ui.conftest import SIZE, key
from tests.ui.test_demolition_ui import RULES


def test_the_stack_order_is_dialog_game_over_handover_animation_report() -> None:
    assert [layer.name for layer in STACK] == ["dialog", "game over", "hand-over", "animation", "report"]


def test_an_event_meets_the_top_layer_first(tiny: GameState) -> None:
    app = App(tiny, SIZE, session=Session(frozenset({0, 1}), hotseat=True))
    assert app.router.active() == ["hand-over"]
    key(app, pygame.K_ESCAPE)  # over the hand-over screen: the game menu, the map stays hidden
    assert app.router.active() == ["dialog", "hand-over"]
    key(app, pygame.K_ESCAPE)  # the dialog (top) takes Esc: resume; the hand-over is still up
    assert app.router.active() == ["hand-over"] and app.running
    key(app, pygame.K_RETURN)  # the next player is ready
    assert app.router.active() == [] and app.handover is None
    key(app, pygame.K_s)  # now the map gets keys
    assert "supply" in app.overlays.active


def test_under_the_report_the_map_keys_wait_and_looking_around_does_not(tiny: GameState) -> None:
    """D and Tab act on the map only once the report of the other side's phase is closed; L (the log the
    report points to), the overlay keys and F1, which only look, still work under it."""
    s = only_units(tiny, {"rd_124": (2, 4), "rd_192": (3, 6), "id_107": (9, 8)}, turn=2)
    s.scenario.demolition = RULES
    app = App(s, SIZE, computer_sides=frozenset({1}))
    app.select("rd_124")
    app.report = build_report(s, 1, 1, [], viewer=0)
    before, log_shown = s.state_hash(), app.events.visible
    key(app, pygame.K_d)
    key(app, pygame.K_TAB)
    assert s.state_hash() == before and not app.game.log and app.selected == unit(s, "rd_124")
    assert app.router.active() == ["report"]
    key(app, pygame.K_l)
    key(app, pygame.K_s)
    assert app.events.visible != log_shown and "supply" in app.overlays.active and app.report is not None
    key(app, pygame.K_F1)  # the help goes over the report, and Esc closes the help first
    key(app, pygame.K_ESCAPE)
    assert not app.help_open and app.report is not None
    key(app, pygame.K_RETURN)  # read: the report closes, the phase does not end
    assert app.report is None and app.truth.side == 0
    key(app, pygame.K_d)
    assert app.game.log == [Demolish("rd_124")]
    key(app, pygame.K_TAB)
    assert app.selected == unit(s, "rd_192")
