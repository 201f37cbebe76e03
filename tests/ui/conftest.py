"""Helpers for driving the shell, the menus and the map screen with synthetic events, headless."""

from __future__ import annotations

import os
from pathlib import Path

import pygame
import pytest

from game.ui.gui import Button
from game.ui.settings import Settings
from game.ui.shell import Shell

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"  # the sound effects stay silent (and no audio device is opened)

SIZE = (1280, 800)


def key(target: object, k: int, mod: int = 0) -> None:
    """A key pressed and released, as SDL sends it (the shell ignores a second press without a release)."""
    target.handle(pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode=""))  # type: ignore[attr-defined]
    target.handle(pygame.event.Event(pygame.KEYUP, key=k, mod=mod, unicode=""))  # type: ignore[attr-defined]


def click_at(target: object, pos: tuple[int, int], button: int = 1) -> None:
    handle = target.handle  # type: ignore[attr-defined]
    handle(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    handle(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button))
    handle(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button))


def draw(target: object, size: tuple[int, int] = SIZE) -> pygame.Surface:
    surf = pygame.Surface(size)
    target.draw(surf)  # type: ignore[attr-defined]
    return surf


def press(shell: Shell, buttons: list[Button], action: str) -> None:
    """Click the button with ``action`` where the last drawing put it (drawing first lays it out)."""
    draw(shell)
    b = next(b for b in buttons if b.action == action)
    click_at(shell, b.rect.center)


@pytest.fixture(autouse=True)
def no_end_phase_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests end phases with Enter as a player who turned the warning off; the warning's own test asks
    for it by passing ``Settings()``."""
    monkeypatch.setattr("game.ui.app.Settings", lambda: Settings(warn_end_phase=False, first_turn_guide=False))


@pytest.fixture(autouse=True)
def no_programs_started(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """No UI test starts a real program (the map editor's window would run on after the tests: the
    fuzz tests press every button); the command lines are kept for a test to read."""
    started: list[list[str]] = []
    monkeypatch.setattr(Shell, "launch", staticmethod(started.append))
    return started


@pytest.fixture
def shell(tmp_path: Path) -> Shell:
    """A shell with its own saves folder and settings file, animations off so phases play at once."""
    if not pygame.font.get_init():
        pygame.font.init()
    quick = Settings(animation_speed=0.0, warn_end_phase=False, first_turn_guide=False)
    return Shell(SIZE, settings=quick, settings_file=tmp_path / "config" / "settings.json",
                 saves_dir=tmp_path / "saves")
