"""The modal layers of the map screen, top first: who takes an event before the map does.

A layer covers or pauses the map while it is up: a dialog, the game-over screen, the hotseat
hand-over, the computer's animation, the report of the other side's phase. ``InputRouter``
keeps them as one explicit stack (``STACK``, top first): an event goes to the active layers
from the top down until one takes it, and only then to the map. Adding a layer is adding a row,
and its place in the stack is visible in one line rather than in the order of an if-chain.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from game.ui.gui import is_click

if TYPE_CHECKING:
    from game.ui.app import App

KEYS_CONFIRM = frozenset({pygame.K_RETURN, pygame.K_KP_ENTER})
KEYS_END_PHASE = KEYS_CONFIRM | {pygame.K_SPACE}


def _pos(event: pygame.event.Event) -> tuple[int, int]:
    return int(event.pos[0]), int(event.pos[1])


@dataclass(frozen=True)
class ModalLayer:
    """One layer: whether it is up now, and what it does with an event (True: taken, the map gets nothing)."""

    name: str
    active: Callable[[App], bool]
    handle: Callable[[App, pygame.event.Event], bool]


def _dialog(app: App, event: pygame.event.Event) -> bool:
    assert app.dialog is not None
    action = app.dialog.handle(event)
    if action is not None:
        app.flow.dialog_action(action)
    return True


def _game_over(app: App, event: pygame.event.Event) -> bool:
    assert app.over is not None
    app.flow.over_action(app.over.handle(event))
    return True


def _handover(app: App, event: pygame.event.Event) -> bool:
    ready = event.type == pygame.KEYDOWN and event.key in KEYS_END_PHASE
    if ready or (is_click(event) and app._button.hit(_pos(event))):
        app.take_over()
    elif event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
        app.open_game_menu()  # over the hand-over screen: the map stays hidden
    return True


def _only_looks(app: App, event: pygame.event.Event) -> bool:
    """Whether a key only looks around (pans, zooms, an overlay, the log, help): the map may have it
    under a layer that pauses the game; any other key would act (D, Tab, F5, ...) and is taken."""
    return bool(event.key in app.view_keys)


def _animation(app: App, event: pygame.event.Event) -> bool:
    """Space, Esc or Enter skip; looking around (view keys, drag, wheel) still reaches the map."""
    if event.type == pygame.KEYDOWN:
        if event.key in (pygame.K_SPACE, pygame.K_ESCAPE, *KEYS_CONFIRM):
            app.skip_animation()
            return True
        return not _only_looks(app, event)
    if event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
        return bool(event.button == 1)  # left clicks would select
    return False


def _report(app: App, event: pygame.event.Event) -> bool:
    """Enter, Space or Esc close it; the keys that only look reach the map (the report points at the log,
    L), the others wait until it is closed: a player reading it must not demolish (D) or reselect (Tab)."""
    assert app.report is not None
    if event.type == pygame.KEYDOWN:
        if event.key in KEYS_END_PHASE or event.key == pygame.K_ESCAPE:
            app.report = None
            return True
        return not _only_looks(app, event)
    if is_click(event):
        over = app.report.rect.collidepoint(_pos(event))
        app.report = None
        return bool(over)
    return False


STACK: tuple[ModalLayer, ...] = (  # top first
    ModalLayer("dialog", lambda app: app.dialog is not None, _dialog),
    ModalLayer("game over", lambda app: app.over is not None and not app.over_hidden, _game_over),
    ModalLayer("hand-over", lambda app: app.handover is not None, _handover),
    ModalLayer("animation", lambda app: app.anim is not None, _animation),
    ModalLayer("report", lambda app: app.report is not None and not app.help_open, _report),  # help (F1) over it
)


class InputRouter:
    """Routes one App's events: the active modal layers first, top down, then the map."""

    def __init__(self, app: App, stack: tuple[ModalLayer, ...] = STACK) -> None:
        self.app = app
        self.stack = stack

    def active(self) -> list[str]:
        """The names of the layers up now, top first (what an event meets before the map)."""
        return [layer.name for layer in self.stack if layer.active(self.app)]

    def route(self, event: pygame.event.Event) -> bool:
        """True when a layer took the event (the map must not see it)."""
        return any(layer.active(self.app) and layer.handle(self.app, event) for layer in self.stack)
