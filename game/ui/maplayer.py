"""The map layer: terrain, features and control, rendered into cached tiles.

The whole map at a close zoom is far too big for one surface (90 x 70 hexes at 58 px is
~9,000 x 6,000 pixels), so the map is cut into square tiles of ``TILE`` map pixels, each
rendered once for a hex size when first seen and then only blitted. A frame costs one blit
per visible tile. Changing zoom renders new tiles; control changes (the only dynamic thing
drawn here) re-render just the tiles around the hexes that changed hands.

A tile is rendered without a Python loop over its hexes: terrain, control tint and outlines
are one colour lookup over the pixels (``hexraster``), and rivers, roads, railways and
frontiers are segment arrays kept at hex size 1 (``mapgeometry``), scaled and clipped to the
tile with numpy, so only the strokes that show are drawn one by one.
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
from game.ui.hexraster import pack, padded_colors, pattern
from game.ui.mapgeometry import Strokes, cross_ties, half_segments, points_near, side_segments, unit_centers
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
        self._colors: np.ndarray | None = None  # padded colour table for the current control
        self._frontier: tuple[int, Strokes] | None = None  # at one size, for the current control
        self._strokes: dict[int, Strokes] = {}  # rivers, roads and railways by hex size
        self._terrain_rgb: list[Color] = [palette.terrain_color(k) for k in mapdata.terrain_kinds]
        # fill colour by (terrain index, controlling side + 1): tint mixed once, not per hex
        fill = [[rgb] + [palette.mix(rgb, c, palette.CONTROL_TINT) for c in side_colors] for rgb in self._terrain_rgb]
        self._fill_packed = np.array([pack(c) for row in fill for c in row], dtype="<u4")
        self._outline_packed = np.array([pack(palette.shade(c, 0.86)) for row in fill for c in row], dtype="<u4")
        m = mapdata
        self._terrain_np = np.asarray(m.terrain, dtype=np.int64)
        self._terrain = m.terrain.tolist()
        self._forts = m.fortification.tolist()
        self._forts_idx = np.flatnonzero(m.fortification)
        # Everything below is at hex size 1 (see ``mapgeometry``) and multiplied out per tile.
        self._centers = unit_centers(m.grid)
        self._place_centers = self._centers[[m.grid.index(p.hex) for p in m.places]].reshape(-1, 2)
        nbr = m.grid.neighbor_table
        idx, d = np.nonzero((m.river != RIVER_NONE) & ((nbr < 0) | (nbr > np.arange(m.grid.size)[:, None])))
        major = m.river[idx, d] == RIVER_MAJOR  # each river side once, though both hexes have it
        self._river_minor = side_segments(self._centers[idx[~major]], d[~major])
        self._river_major = side_segments(self._centers[idx[major]], d[major])
        idx, d = np.nonzero(m.road)
        self._roads = half_segments(self._centers[idx], d)
        idx, d = np.nonzero(m.rail_gauge)
        gauges = m.rail_gauge[idx, d]
        self._rails = [(int(g), half_segments(self._centers[idx[gauges == g]], d[gauges == g]), d[gauges == g])
                       for g in np.unique(gauges).tolist()]

    # --- cache management --------------------------------------------------------------
    def sync_control(self, control: np.ndarray) -> int:
        """Adopt the game's current control; drop the tiles it changes. Returns hexes changed."""
        changed = np.flatnonzero(control != self.control)
        if changed.size == 0:
            return 0
        self.control = control.copy()
        self._colors = self._frontier = None
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
    def _color_table(self) -> np.ndarray:
        """Packed fill and outline colour of every hex for the current control (see ``hexraster``)."""
        if self._colors is None:
            grid = self.map.grid
            keys = self._terrain_np * (len(self.side_colors) + 1) + self.control.astype(np.int64) + 1
            self._colors = padded_colors(keys, self._fill_packed, self._outline_packed, pack(palette.BACKGROUND),
                                         grid.width, grid.height)
        return self._colors

    def _render_tile(self, s: int, tx: int, ty: int) -> pygame.Surface:
        """Terrain and outlines as one numpy lookup, then the features whose boxes meet the tile."""
        ox, oy = tx * TILE, ty * TILE
        grid = self.map.grid
        pixels = pattern(grid.width, grid.height, s).colors(self._color_table(), ox, oy, TILE, TILE)
        surf = pygame.image.frombuffer(pixels.data, (TILE, TILE), "RGBX")
        # a surface of its own, not a view of ``pixels``: converted to the screen's format when there is one
        surf = surf.convert() if pygame.display.get_surface() is not None else surf.copy()
        box = (ox, oy, ox + TILE, oy + TILE)
        if s >= 14:
            self._draw_glyphs(surf, s, ox, oy)
        self._draw_sides(surf, s, box)
        forts = self._centers[self._forts_idx] * s
        for k in points_near(forts, *box, s).tolist():
            hexdraw.draw_fortification(surf, forts[k, 0] - ox, forts[k, 1] - oy, s, self._forts[self._forts_idx[k]])
        places = self._place_centers * s
        for k in points_near(places, *box, s).tolist():
            place = self.map.places[k]
            hexdraw.draw_place(surf, places[k, 0] - ox, places[k, 1] - oy, s, place.kind, place.vp)
        return surf

    def _draw_glyphs(self, surf: pygame.Surface, s: int, ox: int, oy: int) -> None:
        kinds, terrain = self.map.terrain_kinds, self._terrain
        for i in hexes_in(self.map.grid, s, ox, oy, ox + TILE, oy + TILE):
            cx, cy = self._centers[i] * s
            hexdraw.draw_terrain_glyph(surf, kinds[terrain[i]], cx - ox, cy - oy, s)

    def _draw_sides(self, surf: pygame.Surface, s: int, box: tuple[int, int, int, int]) -> None:
        """Frontiers, then rivers, roads and railways, each kind over the one before."""
        for strokes in (self._frontier_strokes(s), self._feature_strokes(s)):
            idx = strokes.meeting(*box)
            local = (strokes.segs[idx] - (box[0], box[1], box[0], box[1])).tolist()
            for (ax, ay, bx, by), k in zip(local, strokes.style[idx].tolist(), strict=True):
                color, width, dot = strokes.styles[k]
                if dot:
                    pygame.draw.circle(surf, color, (ax, ay), width / 2)
                else:
                    pygame.draw.line(surf, color, (ax, ay), (bx, by), int(width))

    def _feature_strokes(self, s: int) -> Strokes:
        """Rivers, roads and railways at hex size ``s``, built once per size."""
        strokes = self._strokes.get(s)
        if strokes is not None:
            return strokes
        strokes = Strokes()
        for major, segs in ((False, self._river_minor), (True, self._river_major)):
            color = palette.RIVER_MAJOR if major else palette.RIVER_MINOR
            lw = hexdraw.width_for(s, 0.16 if major else 0.08, 3 if major else 1)
            strokes.add(segs * s, color, lw)
            if lw / 2 >= 1.5:  # round the joints so a river bending round a corner has no notch
                ends = segs.reshape(-1, 2) * s
                strokes.add(np.concatenate([ends, ends], axis=1), color, lw, dot=True)
        lw = hexdraw.width_for(s, 0.09, 2)
        if lw >= 4:
            strokes.add(self._roads * s, palette.ROAD_EDGE, lw + 2)
        strokes.add(self._roads * s, palette.ROAD, lw)
        if lw >= 3:
            strokes.add(self._roads * s, palette.ROAD, lw, dot=True)
        lw = hexdraw.width_for(s, 0.05, 2)
        for gauge, halves, dirs in self._rails:
            color = palette.rail_color(gauge)
            strokes.add(halves * s, color, lw)
            strokes.add(cross_ties(halves, dirs, s), color, max(1, lw - 1))
        self._strokes[s] = strokes.done()
        return self._strokes[s]

    def _frontier_strokes(self, s: int) -> Strokes:
        """The front line (dark, on the sides between two holders), then each side's colour just inside the
        sides of its hexes where a neighbour is held by someone else."""
        if self._frontier is None or self._frontier[0] != s:
            nbr = self.map.grid.neighbor_table
            own = self.control.astype(np.int64)
            other = np.where(nbr >= 0, own[np.maximum(nbr, 0)], own[:, None])
            idx, d = np.nonzero((other != own[:, None]) & (own[:, None] != NOBODY))
            strokes = Strokes()
            front = (other != own[:, None]) & (own[:, None] != NOBODY) & (other != NOBODY) & (nbr >= 0)
            fi, fd = np.nonzero(front & (nbr > np.arange(own.size)[:, None]))  # each side between two holders once
            strokes.add(side_segments(self._centers[fi], fd) * s, palette.FRONT_LINE, hexdraw.width_for(s, 0.07, 2))
            for side, color in enumerate(self.side_colors):
                mine = own[idx] == side
                strokes.add(side_segments(self._centers[idx[mine]], d[mine], 0.9) * s, color,
                            hexdraw.width_for(s, 0.1, 2))
            self._frontier = (s, strokes.done())
        return self._frontier[1]
