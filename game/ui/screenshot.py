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

if TYPE_CHECKING:
    from game.ui.app import App


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
) -> App:
    """Draw the map screen for ``state`` (or a game, whose event log then shows) and save it as a PNG at ``out``.

    The file is written atomically.
    ``zoom`` is the hex circumradius in pixels (default: fit the whole map); ``center`` a
    (col, row) hex to put in the middle; ``select`` a unit id to show selected, with its
    movement range when its side is to move; ``overlay`` one of 'supply', 'zoc',
    'fortifications', 'fog' (hexes the side to move cannot see, dimmed) or 'cost' (the selected
    unit's movement cost to each hex it can reach; nothing extra without a selection), as the
    S, Z, F, G and C keys show it. Raises KeyError for an unknown unit id
    and ValueError for an unknown overlay, before anything is written.
    """
    _ensure_video_driver()
    import pygame  # after the driver is chosen

    from game.ui.app import App

    if not pygame.font.get_init():
        pygame.font.init()
    app = App(state, size)
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
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    try:
        with open(tmp, "wb") as f:
            pygame.image.save(surface, f, "png")
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return app  # where things were drawn (the golden tests check regions: counters, panels)
