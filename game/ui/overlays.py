"""Things drawn over the map tiles: movement range, path preview, place labels, hover outline.

The range shading is rendered once into a surface that just covers the reachable hexes and
is reused until the selection, the state or the zoom changes; the path, the labels and the
hover outline are a few primitives or cached text blits per frame.
"""

from __future__ import annotations

import math

import numpy as np
import pygame

from game.core.hexgrid import Hex
from game.core.mapdata import MapData
from game.ui import hexdraw, palette
from game.ui.camera import Camera, hex_center
from game.ui.text import Text


class RangeOverlay:
    """Translucent shading of the hexes where the selected unit may end its move."""

    def __init__(self) -> None:
        self._key: tuple[object, ...] | None = None
        self._surf: pygame.Surface | None = None
        self._topleft = (0, 0)

    def invalidate(self) -> None:
        self._key = None
        self._surf = None

    def draw(
        self,
        target: pygame.Surface,
        camera: Camera,
        mapdata: MapData,
        can_end: np.ndarray,
        key: tuple[object, ...],
    ) -> None:
        """Blit the shading; ``key`` identifies what it shows (re-rendered when it changes)."""
        s = camera.tile_size
        if self._key != (key, s):
            self._surf, self._topleft = _render_range(mapdata, can_end, s)
            self._key = (key, s)
        if self._surf is not None:
            target.blit(self._surf, camera.map_to_screen(*self._topleft))


def _render_range(
    mapdata: MapData, can_end: np.ndarray, s: int
) -> tuple[pygame.Surface | None, tuple[int, int]]:
    grid = mapdata.grid
    hexes = np.flatnonzero(can_end)
    if hexes.size == 0:
        return None, (0, 0)
    centers = {int(i): hex_center(grid.hex_at(int(i)), s) for i in hexes}
    xs = [c[0] for c in centers.values()]
    ys = [c[1] for c in centers.values()]
    pad = s + 4
    x0, y0 = math.floor(min(xs) - pad), math.floor(min(ys) - pad)
    w, h = math.ceil(max(xs) + pad) - x0, math.ceil(max(ys) + pad) - y0
    surf = pygame.Surface((w, h), pygame.SRCALPHA)
    for cx, cy in centers.values():
        pygame.draw.polygon(surf, palette.RANGE_FILL, hexdraw.corners(cx - x0, cy - y0, s))
    nbr = grid.neighbor_table
    lw = hexdraw.width_for(s, 0.07, 2)
    for i, (cx, cy) in centers.items():
        for d in range(6):
            j = int(nbr[i, d])
            if j < 0 or not can_end[j]:
                a, b = hexdraw.side_segment(cx - x0, cy - y0, s, d)
                pygame.draw.line(surf, palette.RANGE_EDGE, a, b, lw)
    return surf, (x0, y0)


def draw_path(target: pygame.Surface, camera: Camera, hexes: list[Hex]) -> None:
    """The planned path, centre to centre (drawn under the counters so it never hides them)."""
    if len(hexes) < 2:
        return
    s = camera.tile_size
    pts = [camera.hex_to_screen(h) for h in hexes]
    lw = hexdraw.width_for(s, 0.08, 2)
    pygame.draw.lines(target, palette.PATH_EDGE, False, pts, lw + 2)
    pygame.draw.lines(target, palette.PATH, False, pts, lw)
    for p in pts[1:-1]:
        pygame.draw.circle(target, palette.PATH, p, lw + 1)
    end = pts[-1]
    pygame.draw.circle(target, palette.PATH_EDGE, end, lw + 4)
    pygame.draw.circle(target, palette.PATH, end, lw + 3)


def draw_cost_tag(target: pygame.Surface, camera: Camera, h: Hex, label: str, text: Text) -> None:
    """A dark pill with the move's cost just right of the target hex's centre (over the counters)."""
    s = camera.tile_size
    x, y = camera.hex_to_screen(h)
    tag = text.render(label, max(14, min(22, round(s * 0.42))), palette.PATH, bold=True)
    pill = tag.get_rect(midleft=(round(x + s * 0.35), round(y))).inflate(10, 4)
    pygame.draw.rect(target, palette.PATH_EDGE, pill, border_radius=pill.h // 2)
    target.blit(tag, tag.get_rect(center=pill.center))


def draw_hover(target: pygame.Surface, camera: Camera, h: Hex) -> None:
    cx, cy = camera.hex_to_screen(h)
    s = camera.tile_size
    pygame.draw.polygon(target, palette.HOVER_EDGE[:3], hexdraw.corners(cx, cy, s, 0.96), 2)


def draw_place_labels(target: pygame.Surface, camera: Camera, mapdata: MapData, text: Text) -> None:
    """Place names below their dots; minor places drop out when zoomed far out."""
    s = camera.tile_size
    size = max(11, min(20, round(s * 0.42)))
    for place in mapdata.places:
        if s < 10 and place.vp < 3:
            continue
        sx, sy = camera.hex_to_screen(place.hex)
        if not camera.in_view(sx, sy + s * 0.6) and not camera.in_view(sx, sy):
            continue
        label = text.render_halo(place.label, size, (16, 16, 16), (250, 248, 240), bold=place.kind == "city")
        target.blit(label, label.get_rect(midtop=(round(sx), round(sy + s * 0.52))))
