"""The map layer: terrain, features and control, rendered into cached tiles.

The whole map at a close zoom is far too big for one surface (90 x 70 hexes at 58 px is
~9,000 x 6,000 pixels), so the map is cut into square tiles of ``TILE`` map pixels, each
rendered once for a hex size when first seen and then only blitted. A frame costs one blit
per visible tile. Changing zoom renders new tiles; control changes (the only dynamic thing
drawn here) re-render just the tiles around the hexes that changed hands.
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict

import numpy as np
import pygame

from game.core.hexgrid import SQRT3, Grid
from game.core.mapdata import RIVER_MAJOR, RIVER_NONE, MapData
from game.core.state import NOBODY
from game.ui import hexdraw, palette
from game.ui.camera import Camera, hex_center, map_pixel_size
from game.ui.palette import Color

TILE = 256
MAX_TILES = 240  # ~60 MB of 32-bit tiles: a full screen at two zoom levels and then some

TileKey = tuple[int, int, int]  # hex size, tile column, tile row


def hexes_in(grid: Grid, s: int, x0: float, y0: float, x1: float, y1: float) -> list[int]:
    """Flat indices of the hexes whose bounding boxes meet a map-pixel rectangle (for tiles)."""
    r0 = max(0, math.floor((y0 - 2 * s) / (1.5 * s)))
    r1 = min(grid.height - 1, math.ceil(y1 / (1.5 * s)))
    c0 = max(0, math.floor(x0 / (s * SQRT3)) - 1)
    c1 = min(grid.width - 1, math.ceil(x1 / (s * SQRT3)))
    return [r * grid.width + c for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)]


class MapLayer:
    """Cached tiles of the static map plus hex control, for one scenario map."""

    def __init__(self, mapdata: MapData, side_colors: list[Color]) -> None:
        self.map = mapdata
        self.side_colors = side_colors
        self.control = np.full(mapdata.grid.size, NOBODY, np.int8)
        self._tiles: OrderedDict[TileKey, pygame.Surface] = OrderedDict()
        kinds = mapdata.terrain_kinds
        self._terrain_rgb: list[Color] = [palette.terrain_color(k) for k in kinds]
        # fill colour by (terrain index, controlling side + 1): tint mixed once, not per hex
        self._fill: list[list[Color]] = [
            [rgb] + [palette.mix(rgb, c, palette.CONTROL_TINT) for c in side_colors]
            for rgb in self._terrain_rgb
        ]
        self._outline: list[list[Color]] = [[palette.shade(c, 0.86) for c in row] for row in self._fill]
        # Which sides of each hex carry a river, road or railway, worked out once: asking numpy per hex
        # and tile was a third of the time a zoom step spent rendering tiles.
        m = mapdata
        self._rivers = {i: [(int(d), bool(m.river[i, d] == RIVER_MAJOR))
                            for d in np.flatnonzero(m.river[i] != RIVER_NONE)]
                        for i in np.flatnonzero((m.river != RIVER_NONE).any(axis=1)).tolist()}
        self._roads = {i: np.flatnonzero(m.road[i]).tolist() for i in np.flatnonzero(m.road.any(axis=1)).tolist()}
        self._rails = {i: [(int(d), int(m.rail_gauge[i, d])) for d in np.flatnonzero(m.rail_gauge[i])]
                       for i in np.flatnonzero(m.rail_gauge.any(axis=1)).tolist()}
        self._terrain = m.terrain.tolist()
        self._forts = m.fortification.tolist()

    # --- cache management --------------------------------------------------------------
    def sync_control(self, control: np.ndarray) -> int:
        """Adopt the game's current control; drop the tiles it changes. Returns hexes changed."""
        changed = np.flatnonzero(control != self.control)
        if changed.size == 0:
            return 0
        self.control = control.copy()
        if changed.size > self.map.grid.size // 4:
            self._tiles.clear()
            return int(changed.size)
        stale: set[TileKey] = set()
        sizes = {key[0] for key in self._tiles}
        grid = self.map.grid
        for s in sizes:
            reach = 2.2 * s  # the hex and its neighbours' frontier lines
            for idx in changed:
                x, y = hex_center(grid.hex_at(int(idx)), s)
                for tx in range(math.floor((x - reach) / TILE), math.floor((x + reach) / TILE) + 1):
                    for ty in range(math.floor((y - reach) / TILE), math.floor((y + reach) / TILE) + 1):
                        stale.add((s, tx, ty))
        for key in stale:
            self._tiles.pop(key, None)
        return int(changed.size)

    def clear(self) -> None:
        self._tiles.clear()

    def tile(self, s: int, tx: int, ty: int) -> pygame.Surface:
        """The tile at (tx, ty) for hex size ``s``, rendered now if not cached."""
        key = (s, tx, ty)
        surf = self._tiles.get(key)
        if surf is None:
            surf = self._render_tile(s, tx, ty)
            if pygame.display.get_surface() is not None:
                surf = surf.convert()
            self._tiles[key] = surf
            if len(self._tiles) > MAX_TILES:
                self._tiles.popitem(last=False)
        else:
            self._tiles.move_to_end(key)
        return surf

    def ready(self, camera: Camera) -> bool:
        """Whether every tile the camera shows is rendered at its zoom (no interim view left)."""
        return all(key in self._tiles for key in self._visible_keys(camera))

    def _visible_keys(self, camera: Camera) -> list[TileKey]:
        s = camera.tile_size
        w, h = map_pixel_size(self.map.grid, s)
        x0, y0, x1, y1 = camera.visible_map_rect()
        return [(s, tx, ty)
                for ty in range(max(0, math.floor(y0 / TILE)), min(math.ceil(h / TILE), math.ceil(y1 / TILE)))
                for tx in range(max(0, math.floor(x0 / TILE)), min(math.ceil(w / TILE), math.ceil(x1 / TILE)))]

    def render_some(self, camera: Camera, budget_ms: float) -> bool:
        """Render missing visible tiles for up to ``budget_ms`` (at least one); True when all are ready.

        A zoom step drawn in one go would stall the frame for the whole screen's tiles; spread
        over a few frames behind an interim scaled view, each frame stays short.
        """
        t0 = time.perf_counter()
        for key in self._visible_keys(camera):
            if key not in self._tiles:
                self.tile(*key)
                if (time.perf_counter() - t0) * 1000.0 >= budget_ms:
                    return self.ready(camera)
        return True

    # --- per frame ---------------------------------------------------------------------
    def draw(self, target: pygame.Surface, camera: Camera, area: pygame.Rect | None = None) -> None:
        """Blit the visible tiles into the camera's viewport (only those meeting ``area`` when given)."""
        ox, oy = camera.origin
        clip = target.get_clip()
        view = pygame.Rect(camera.view)
        if area is not None:
            view = view.clip(area)
        target.set_clip(view)
        for key in self._visible_keys(camera):
            pos = (ox + key[1] * TILE, oy + key[2] * TILE)
            if view.colliderect((pos, (TILE, TILE))):
                target.blit(self.tile(*key), pos)
        target.set_clip(clip)

    # --- rendering ---------------------------------------------------------------------
    def _hexes_in(self, s: int, x0: float, y0: float, x1: float, y1: float) -> list[int]:
        return hexes_in(self.map.grid, s, x0, y0, x1, y1)

    def _render_tile(self, s: int, tx: int, ty: int) -> pygame.Surface:
        surf = pygame.Surface((TILE, TILE))
        surf.fill(palette.BACKGROUND)
        ox, oy = tx * TILE, ty * TILE
        hexes = self._hexes_in(s, ox, oy, ox + TILE, oy + TILE)
        if not hexes:
            return surf
        m = self.map
        grid = m.grid
        centers = {}
        for i in hexes:
            x, y = hex_center(grid.hex_at(i), s)
            centers[i] = (x - ox, y - oy)
        # Passes over the same hexes so no hex's fill covers a neighbour's line.
        terrain, control = self._terrain, self.control.tolist()
        for i in hexes:
            cx, cy = centers[i]
            t, c = terrain[i], control[i] + 1
            pts = hexdraw.corners(cx, cy, s)
            pygame.draw.polygon(surf, self._fill[t][c], pts)
            if s >= 6:
                pygame.draw.polygon(surf, self._outline[t][c], pts, 1)
        if s >= 14:
            for i in hexes:
                hexdraw.draw_terrain_glyph(surf, m.terrain_kinds[terrain[i]], *centers[i], s)
        self._draw_frontiers(surf, s, hexes, centers)
        for i in hexes:
            for d, major in self._rivers.get(i, ()):
                hexdraw.draw_river_side(surf, *centers[i], s, d, major)
        for i in hexes:
            for d in self._roads.get(i, ()):
                hexdraw.draw_road_half(surf, *centers[i], s, d)
        for i in hexes:
            for d, gauge in self._rails.get(i, ()):
                hexdraw.draw_rail_half(surf, *centers[i], s, d, gauge)
        for i in hexes:
            if self._forts[i]:
                hexdraw.draw_fortification(surf, *centers[i], s, self._forts[i])
        for i in hexes:
            place = m.place_at(i)
            if place is not None:
                hexdraw.draw_place(surf, *centers[i], s, place.kind, place.vp)
        return surf

    def _draw_frontiers(
        self, surf: pygame.Surface, s: int, hexes: list[int], centers: dict[int, tuple[float, float]]
    ) -> None:
        """Where control changes between neighbours, each holder's colour lines its side."""
        nbr = self.map.grid.neighbor_table
        control = self.control.tolist()
        for i in hexes:
            own = control[i]
            if own == NOBODY:
                continue
            for d, j in enumerate(nbr[i].tolist()):
                if j >= 0 and control[j] != own:
                    hexdraw.draw_frontier_side(surf, *centers[i], s, d, self.side_colors[own])
