"""The minimap: the whole theatre in a corner of the map screen, with the current view outlined.

On a 90 x 70 hex map zoomed in, the player loses track of where they are; the minimap shows
terrain and who holds what at a glance, and a click on it moves the camera there. Its picture
is computed with numpy (which hex lies under each minimap pixel is worked out once), so
rebuilding it after hexes change hands costs about a millisecond and is done only then.
"""

from __future__ import annotations

import numpy as np
import pygame

from game.core.hexgrid import SQRT3, Grid
from game.ui import palette
from game.ui.camera import Camera, map_pixel_size
from game.ui.maplayer import MapLayer

WIDTH = 240  # pixels across; the height follows the map's shape
MARGIN = 8
VIEW_COLOR = (255, 255, 255)
CONTROL_TINT = 0.45


def hex_index_image(grid: Grid, w: int, h: int) -> np.ndarray:
    """int [w, h]: the flat index of the hex under each pixel of a ``w`` x ``h`` picture of the map, -1 off it."""
    mw, mh = map_pixel_size(grid, 1.0)
    xs = (np.arange(w) + 0.5) * (mw / w) - SQRT3 / 2  # hex-size-1 map pixels, relative to hex (0, 0)'s centre
    ys = (np.arange(h) + 0.5) * (mh / h) - 1.0
    x, y = np.meshgrid(xs, ys, indexing="ij")
    fq = SQRT3 / 3 * x - y / 3
    fr = 2 / 3 * y
    fs = -fq - fr
    q, r, s = np.round(fq), np.round(fr), np.round(fs)
    dq, dr, ds = np.abs(q - fq), np.abs(r - fr), np.abs(s - fs)
    q = np.where((dq > dr) & (dq > ds), -r - s, q)
    r = np.where(~((dq > dr) & (dq > ds)) & (dr > ds), -q - s, r)
    ri = r.astype(np.int64)
    col = q.astype(np.int64) + (ri - (ri & 1)) // 2
    inside = (col >= 0) & (col < grid.width) & (ri >= 0) & (ri < grid.height)
    return np.where(inside, ri * grid.width + col, -1)


class Minimap:
    """The minimap picture of one map (rebuilt when control changes) and its place on screen."""

    def __init__(self, layer: MapLayer) -> None:
        self.layer = layer
        grid = layer.map.grid
        mw, mh = map_pixel_size(grid, 1.0)
        self.size = (WIDTH, max(1, round(WIDTH * mh / mw)))
        self._index = hex_index_image(grid, *self.size)
        # [terrain, control + 1, rgb]: a stronger tint than the map's, so who holds what reads at this size
        self._colors = np.array([[rgb] + [palette.mix(rgb, c, CONTROL_TINT) for c in layer.side_colors]
                                 for rgb in layer._terrain_rgb], np.uint8)
        self._surface: pygame.Surface | None = None
        self._control: np.ndarray | None = None
        self.rect = pygame.Rect(0, 0, 0, 0)

    def place(self, area: pygame.Rect) -> pygame.Rect:
        """Put the minimap in the top-right corner of the map area (the event log has the bottom left)."""
        self.rect = pygame.Rect(area.right - self.size[0] - MARGIN, area.y + MARGIN, *self.size)
        return self.rect

    def surface(self, control: np.ndarray) -> pygame.Surface:
        """The picture for the given control (cached until control changes)."""
        if self._surface is None or self._control is None or not np.array_equal(control, self._control):
            m = self.layer.map
            idx = self._index
            on = idx >= 0
            safe = np.where(on, idx, 0)
            rgb = self._colors[np.asarray(m.terrain)[safe], np.asarray(control)[safe].astype(np.int64) + 1]
            rgb[~on] = palette.BACKGROUND[:3]
            self._surface = pygame.surfarray.make_surface(rgb)
            self._control = control.copy()
        return self._surface

    def draw(self, surf: pygame.Surface, camera: Camera, control: np.ndarray, area: pygame.Rect) -> None:
        """The minimap with a frame and the camera's view as a rectangle; none while the whole map is in view.

        With all of the map on screen the minimap would only repeat it (and hide a corner of it).
        """
        x0, y0, x1, y1 = camera.visible_map_rect()
        mw, mh = map_pixel_size(camera.grid, camera.tile_size)
        if x0 <= 0 and y0 <= 0 and x1 >= mw and y1 >= mh:
            self.rect = pygame.Rect(0, 0, 0, 0)
            return
        r = self.place(area)
        surf.blit(self.surface(control), r)
        pygame.draw.rect(surf, palette.PANEL_EDGE, r.inflate(4, 4), 2)
        f = self.size[0] / mw
        view = pygame.Rect(r.x + round(x0 * f), r.y + round(y0 * f), max(2, round((x1 - x0) * f)),
                           max(2, round((y1 - y0) * f))).clip(r)
        if view.w > 0 and view.h > 0:
            pygame.draw.rect(surf, VIEW_COLOR, view, 1)

    def hit(self, pos: tuple[int, int]) -> bool:
        return self.rect.collidepoint(pos)

    def jump(self, camera: Camera, pos: tuple[int, int]) -> None:
        """Centre the camera on the map point under a minimap click."""
        f = map_pixel_size(camera.grid, camera.tile_size)[0] / self.size[0]
        camera.center_on_map_point((pos[0] - self.rect.x + 0.5) * f, (pos[1] - self.rect.y + 0.5) * f)
