"""The game window: open it, run the loop, close it.

``run`` is what ``python main.py`` calls. With no state it opens the main menu; with one it
goes straight to that game's map (the main menu is still one Esc away). The loop only reads
events, lets the shell update and draws when something changed, so an idle screen costs
nothing. ``max_frames`` and ``on_frame`` let a test or a smoke run post events into the real
loop.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path

import pygame

from game import paths
from game.ai.players import Player
from game.core.game import Game
from game.core.state import GameState
from game.ui.session import Session
from game.ui.settings import Settings, load_settings
from game.ui.shell import Shell

FrameHook = Callable[[Shell, int], None]
IDLE_WAIT_MS = 250  # an idle loop wakes this often anyway, so a computer turn or timer is never stuck
# Set to 1: draw the first frame and return (``ui_bench`` times a cold start to the menu with it).
EXIT_AFTER_FIRST_FRAME = "AUGUST_STORM_EXIT_AFTER_FIRST_FRAME"


def saves_folder() -> Path:
    return paths.user_data_dir() / "saves"


def _set_mode(settings: Settings, size: tuple[int, int] | None) -> pygame.Surface:
    if settings.fullscreen:
        return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
    return pygame.display.set_mode(size or settings.resolution, pygame.RESIZABLE)


def run(
    state: GameState | Game | None = None,
    *,
    size: tuple[int, int] | None = None,
    computer_sides: frozenset[int] = frozenset(),
    players: Mapping[int, Player] | None = None,
    hotseat: bool | None = None,
    seed: int | None = None,
    saves_dir: Path | None = None,
    settings_file: Path | None = None,
    max_frames: int | None = None,
    on_frame: FrameHook | None = None,
    fps: int = 60,
    pbem: Path | None = None,
) -> int:
    """Open the window and play until the player quits; returns 0.

    ``state``: play this game at once (``computer_sides`` play by themselves; with none, two
    people share the screen as a hotseat unless ``hotseat`` is False). ``size`` overrides the
    settings' window size. ``saves_dir`` and ``settings_file`` default to the user's folders.
    ``pbem``: a play-by-e-mail turn file to open, or a game record to resume.
    """
    settings, warning = load_settings(settings_file)
    pygame.display.init()  # display and fonts only: no sound yet, so no audio device to wait for
    pygame.font.init()
    try:
        screen = _set_mode(settings, size)
        pygame.display.set_caption("August Storm")
        pygame.key.set_repeat(250, 35)
        shell = Shell(screen.get_size(), settings=settings, settings_file=settings_file,
                      saves_dir=saves_dir if saves_dir is not None else saves_folder())
        if state is not None:  # a Game is a loaded save (play --load), its log and all
            game = state if isinstance(state, Game) else Game(state, state.scenario.seed if seed is None else seed)
            n = len(game.state.scenario.sides)
            humans = frozenset(range(n)) - frozenset(computer_sides)
            session = Session(humans, hotseat=len(humans) > 1 if hotseat is None else hotseat and len(humans) > 1)
            shell.open_game(game, session)
            if players and shell.app is not None:
                shell.app.players.update(players)
        if pbem is not None:  # play --load of a turn file (opened) or a play-by-e-mail game (resumed)
            _ = shell.open_pbem_file(pbem) if pbem.name.endswith(".aspbem") else shell.resume_pbem(pbem)
        if warning:
            shell.error("Settings", [warning])
        if os.environ.get(EXIT_AFTER_FIRST_FRAME) == "1":
            max_frames = 1
        clock = pygame.time.Clock()
        frame = 0
        idle = False
        dt = 0.0
        while shell.running and (max_frames is None or frame < max_frames):
            if on_frame is not None:
                on_frame(shell, frame)
            if idle:  # nothing changed last time: sleep in the event queue instead of spinning at the frame rate
                first = pygame.event.wait(IDLE_WAIT_MS)
                events = ([first] if first.type != pygame.NOEVENT else []) + pygame.event.get()
            else:
                events = pygame.event.get()
            for event in events:
                shell.handle(event)
            acted = shell.update(dt)
            if shell.display_changed:
                shell.display_changed = False
                screen = _set_mode(shell.settings, None)
                shell.window_size = screen.get_size()
                acted = True
            busy = bool(events) or acted or shell.animating
            if busy or frame == 0:  # an idle screen is not redrawn
                shell.draw(screen_now())
                pygame.display.flip()
            idle = not busy
            dt = float(clock.tick(fps)) if busy else float(clock.tick())  # the cap only matters while drawing
            frame += 1
    finally:
        pygame.quit()
    return 0


def screen_now() -> pygame.Surface:
    """The window's surface (set_mode made it before the loop runs)."""
    surf = pygame.display.get_surface()
    assert surf is not None, "no display surface: set_mode first"
    return surf
