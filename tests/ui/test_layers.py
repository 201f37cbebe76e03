"""The input router: an explicit stack of modal layers over the map, top first."""

from __future__ import annotations

import pygame

from game.core.state import GameState
from game.ui.app import App
from game.ui.layers import STACK
from game.ui.session import Session
from tests.ui.conftest import SIZE, key


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
