"""Zoom and pan: conversions between hexes, map pixels and screen pixels.

Three spaces:

* **map pixels** at the current hex size: the whole map drawn at ``size`` (hex circumradius in
  pixels) with its top-left corner at (0, 0). Cached map tiles live in this space, so they are
  valid for one size and any pan.
* **screen pixels**: the window. ``origin`` is where map pixel (0, 0) falls, relative to the
  top-left corner of the map viewport ``view``.
* **hexes** ``(col, row)``, via ``game.core.hexgrid`` with a pad so hex (0, 0) is fully inside
  the map rectangle.

This module imports no pygame: the viewport is a plain tuple, so the maths is testable alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.core.hexgrid import SQRT3, Grid, Hex, hex_to_pixel, pixel_to_hex

# Hex circumradii in screen pixels the wheel and +/- step through.
ZOOM_LEVELS: tuple[float, ...] = (5, 7, 9, 12, 16, 21, 28, 36, 46, 58, 72)
MIN_SIZE, MAX_SIZE = ZOOM_LEVELS[0], ZOOM_LEVELS[-1]

ViewRect = tuple[int, int, int, int]  # x, y, width, height of the map viewport on screen


def map_pixel_size(grid: Grid, size: float) -> tuple[float, float]:
    """Width and height of the whole map in map pixels at hex size ``size``."""
    return size * SQRT3 * (grid.width + 0.5), size * (1.5 * (grid.height - 1) + 2)


def hex_center(h: Hex, size: float) -> tuple[float, float]:
    """Centre of hex ``h`` in map pixels."""
    x, y = hex_to_pixel(h, size)
    return x + size * SQRT3 / 2, y + size


def hex_at(x: float, y: float, size: float) -> Hex:
    """The hex (maybe off the map) under map pixel (x, y)."""
    return pixel_to_hex(x - size * SQRT3 / 2, y - size, size)


@dataclass
class Camera:
    """Where the map is on screen and how big its hexes are."""

    grid: Grid
    view: ViewRect
    size: float = 20.0
    origin_x: float = 0.0
    origin_y: float = 0.0

    # --- conversions -------------------------------------------------------------------
    @property
    def origin(self) -> tuple[int, int]:
        """Screen position of map pixel (0, 0), rounded so cached tiles land on whole pixels."""
        return self.view[0] + round(self.origin_x), self.view[1] + round(self.origin_y)

    @property
    def tile_size(self) -> int:
        """The integer hex size map tiles are rendered at (the key of the tile cache)."""
        return max(1, round(self.size))

    def map_to_screen(self, x: float, y: float) -> tuple[float, float]:
        ox, oy = self.origin
        return ox + x, oy + y

    def screen_to_map(self, sx: float, sy: float) -> tuple[float, float]:
        ox, oy = self.origin
        return sx - ox, sy - oy

    def hex_to_screen(self, h: Hex) -> tuple[float, float]:
        """Centre of hex ``h`` on screen."""
        return self.map_to_screen(*hex_center(h, self.tile_size))

    def screen_to_hex(self, sx: float, sy: float) -> Hex | None:
        """The on-map hex under a screen point inside the viewport, else None."""
        if not self.in_view(sx, sy):
            return None
        h = hex_at(*self.screen_to_map(sx, sy), self.tile_size)
        return h if self.grid.contains(h) else None

    def in_view(self, sx: float, sy: float) -> bool:
        x, y, w, h = self.view
        return x <= sx < x + w and y <= sy < y + h

    # --- zoom and pan ------------------------------------------------------------------
    def fit_size(self) -> float:
        """The hex size at which the whole map fits the viewport."""
        w, h = map_pixel_size(self.grid, 1.0)
        return max(1.0, min(self.view[2] / w, self.view[3] / h))

    def fit(self) -> None:
        """Show the whole map, centred."""
        self.size = self.fit_size()
        self.center_on_map_point(*(v / 2 for v in map_pixel_size(self.grid, self.tile_size)))

    def center_on(self, h: Hex) -> None:
        """Put hex ``h`` in the middle of the viewport."""
        self.center_on_map_point(*hex_center(h, self.tile_size))

    def center_on_map_point(self, x: float, y: float) -> None:
        self.origin_x = self.view[2] / 2 - x
        self.origin_y = self.view[3] / 2 - y
        self.clamp()

    def set_view(self, view: ViewRect) -> None:
        """The viewport changed (window resized): keep the same map point in the middle."""
        cx, cy = self.screen_to_map(self.view[0] + self.view[2] / 2, self.view[1] + self.view[3] / 2)
        self.view = view
        self.center_on_map_point(cx, cy)

    def zoom_to(self, size: float, anchor: tuple[float, float] | None = None) -> None:
        """Set the hex size, keeping the map point under the screen point ``anchor`` still."""
        lo = min(MIN_SIZE, self.fit_size())
        size = min(MAX_SIZE, max(lo, size))
        if anchor is None:
            anchor = (self.view[0] + self.view[2] / 2, self.view[1] + self.view[3] / 2)
        mx, my = self.screen_to_map(*anchor)
        scale = max(1, round(size)) / self.tile_size
        self.size = size
        self.origin_x = anchor[0] - self.view[0] - mx * scale
        self.origin_y = anchor[1] - self.view[1] - my * scale
        self.clamp()

    def zoom_step(self, steps: int, anchor: tuple[float, float] | None = None) -> None:
        """Go ``steps`` zoom levels in (positive) or out (negative) from the current size."""
        current = self.tile_size
        if steps > 0:
            bigger = [z for z in ZOOM_LEVELS if z > current]
            target = bigger[min(steps, len(bigger)) - 1] if bigger else MAX_SIZE
        else:
            smaller = [z for z in ZOOM_LEVELS if z < current]
            target = smaller[-min(-steps, len(smaller))] if smaller else min(MIN_SIZE, self.fit_size())
        self.zoom_to(target, anchor)

    def pan(self, dx: float, dy: float) -> None:
        """Move the map by (dx, dy) screen pixels."""
        self.origin_x += dx
        self.origin_y += dy
        self.clamp()

    def clamp(self) -> None:
        """Keep some of the map under the middle of the viewport so it cannot be lost."""
        w, h = map_pixel_size(self.grid, self.tile_size)
        vw, vh = self.view[2], self.view[3]
        self.origin_x = _clamp_axis(self.origin_x, w, vw)
        self.origin_y = _clamp_axis(self.origin_y, h, vh)

    def visible_map_rect(self) -> tuple[float, float, float, float]:
        """The part of the map (in map pixels) the viewport shows: x0, y0, x1, y1."""
        x0, y0 = self.screen_to_map(self.view[0], self.view[1])
        return x0, y0, x0 + self.view[2], y0 + self.view[3]


def _clamp_axis(origin: float, extent: float, view: float) -> float:
    if extent <= view:  # the map is smaller than the view on this axis: keep it inside
        return min(max(origin, 0.0), view - extent)
    return min(max(origin, view / 2 - extent), view / 2)
