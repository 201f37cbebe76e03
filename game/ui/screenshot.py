"""Render the map screen to a PNG without a window: for docs, bug reports and tests.

It draws exactly what the window shows (``App.draw``) into an offscreen surface, so a
screenshot is a faithful check of the real screen.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from game.core.game import Game
from game.core.hexgrid import Hex
from game.core.state import GameState
from game.fileio import atomic_write

if TYPE_CHECKING:
    import pygame

    from game.ui.app import App
    from game.ui.camera import Camera


def _ensure_video_driver() -> None:
    """Use SDL's dummy driver when there is no display, so pygame never needs a screen."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) and os.name == "posix":
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")


def render_screenshot(
    state: GameState | Game,
    out: Path,
    *,
    size: tuple[int, int] = (1920, 1080),
    zoom: float | None = None,
    center: Hex | None = None,
    select: str | None = None,
    overlay: str | None = None,
    grid: bool = False,
    reveal: bool = False,
) -> App:
    """Draw the map screen for ``state`` (or a game, whose event log then shows) and save it as a PNG at ``out``.

    The file is written atomically.
    ``zoom`` is the hex circumradius in pixels (default: fit the whole map); ``center`` a
    (col, row) hex to put in the middle; ``select`` a unit id to show selected, with its
    movement range when its side is to move; ``overlay`` one of 'supply', 'zoc',
    'fortifications', 'fog' (hexes the side to move cannot see, dimmed) or 'cost' (the selected
    unit's movement cost to each hex it can reach; nothing extra without a selection), as the
    S, Z, F, G and C keys show it; ``grid`` writes each hex's col,row on it; ``reveal`` draws as a
    watcher sees the game, without fog of war. Raises KeyError for an unknown unit id
    and ValueError for an unknown overlay, before anything is written.
    """
    _ensure_video_driver()
    import pygame  # after the driver is chosen

    from game.ui.app import App

    if not pygame.font.get_init():
        pygame.font.init()
    n_sides = len((state.state if isinstance(state, Game) else state).scenario.sides)
    app = App(state, size, computer_sides=frozenset(range(n_sides)) if reveal else frozenset())
    if overlay is not None:
        app.overlays.toggle(overlay)
    if zoom is not None:
        app.camera.zoom_to(zoom)
    if center is not None:
        app.camera.center_on(center)
    if select is not None:
        app.select(select)
    surface = pygame.Surface(app.layout.size)
    app.draw(surface)
    if grid:
        draw_hex_labels(surface, app.camera, app.layout.map)
    atomic_write(Path(out), lambda f: pygame.image.save(surface, f, "png"), "screenshot", mode=0o644)
    return app  # where things were drawn (the golden tests check regions: counters, panels)


def draw_hex_labels(surface: pygame.Surface, camera: Camera, area: pygame.Rect) -> None:
    """Each visible hex's "col,row" at its centre, small, dark on a light halo, so a designer can read
    the coordinates to type into the YAML. Hexes too small to hold a label get every other one."""
    import pygame

    size = camera.tile_size
    font = pygame.font.Font(None, max(10, min(18, int(size * 0.55))))
    step = 1 if size >= 18 else 2 if size >= 9 else 4
    clip = surface.get_clip()
    surface.set_clip(area)
    for row in range(0, camera.grid.height, step):
        for col in range(0, camera.grid.width, step):
            x, y = camera.hex_to_screen((col, row))
            if not area.collidepoint(x, y):
                continue
            text = font.render(f"{col},{row}", True, (20, 20, 20))
            halo = font.render(f"{col},{row}", True, (245, 245, 235))
            box = text.get_rect(center=(int(x), int(y - size * 0.6)))  # above the counter, not under it
            for dx, dy in ((-1, 0), (1, 0), (0, -1), (0, 1)):
                surface.blit(halo, box.move(dx, dy))
            surface.blit(text, box)
    surface.set_clip(clip)
