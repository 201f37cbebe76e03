"""Drawing one hex at a time: outlines, terrain glyphs, forts, places, the wreck marker, and the legend's
railway sample.

Rivers, roads, railways and frontiers are drawn from whole arrays (``mapgeometry``); these are the
per-hex primitives the cached map tiles and overlays still use; nothing here
runs per frame. Geometry: pointy-top hexes of circumradius ``s`` around a pixel centre;
direction ``d`` (0 E, 1 NE, 2 NW, 3 W, 4 SW, 5 SE, as in ``game.core.hexgrid``) points at
the neighbour across the side between corners ``SIDE_CORNERS[d]``, where corner ``i`` sits
at angle ``60 * i - 30`` degrees with screen y pointing down.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
import pygame

from game.core.hexgrid import SQRT3
from game.ui import mapgeometry, palette
from game.ui.mapgeometry import SIDE_CORNERS
from game.ui.palette import Color

Point = tuple[float, float]

# Python tuples of the corners in ``mapgeometry``: these primitives run per hex, where tuples beat arrays.
_CORNER_VECTORS: tuple[Point, ...] = tuple((x, y) for x, y in mapgeometry.CORNER_VECTORS.tolist())


def corners(cx: float, cy: float, s: float, scale: float = 1.0) -> list[Point]:
    """The six corners of the hex, optionally pulled towards the centre by ``scale``."""
    r = s * scale
    return [(cx + r * vx, cy + r * vy) for vx, vy in _CORNER_VECTORS]


def side_segment(cx: float, cy: float, s: float, d: int, scale: float = 1.0) -> tuple[Point, Point]:
    """The two ends of hexside ``d``."""
    pts = corners(cx, cy, s, scale)
    a, b = SIDE_CORNERS[d]
    return pts[a], pts[b]


def width_for(s: float, fraction: float, minimum: int = 1) -> int:
    """A line width proportional to the hex size, never thinner than ``minimum``."""
    return max(minimum, round(s * fraction))


# --- terrain glyphs ------------------------------------------------------------------------
def draw_terrain_glyph(surf: pygame.Surface, kind: str, cx: float, cy: float, s: int) -> None:
    """Stamp the small symbol that tells terrain apart beyond its colour (large zooms only).

    Glyphs sit around the hex, not on its centre, where counters and place dots go.
    """
    glyph = _glyph(kind, s)
    if glyph is not None:
        surf.blit(glyph, (round(cx - glyph.get_width() / 2), round(cy - glyph.get_height() / 2)))


@lru_cache(maxsize=256)
def _glyph(kind: str, s: int) -> pygame.Surface | None:
    """A transparent hex-sized stamp with the glyph of ``kind`` at size ``s``, or None."""
    if s < 14 or kind not in _GLYPHS:
        return None
    w, h = math.ceil(s * SQRT3) + 2, 2 * s + 2
    surf = pygame.Surface((w, h), pygame.SRCALPHA)
    ink = palette.shade(palette.terrain_color(kind), 0.72 if kind not in ("sea", "lake") else 1.25)
    cx, cy = w / 2, h / 2
    spots = ((cx - 0.5 * s, cy + 0.42 * s), (cx + 0.5 * s, cy + 0.42 * s), (cx, cy - 0.6 * s))
    for x, y in spots:
        _GLYPHS[kind](surf, ink, x, y, s)
    return surf


def _tree(surf: pygame.Surface, ink: Color, x: float, y: float, s: int) -> None:
    r = s * 0.14
    pygame.draw.polygon(surf, ink, [(x, y - 1.6 * r), (x - r, y + 0.6 * r), (x + r, y + 0.6 * r)])
    pygame.draw.line(surf, ink, (x, y + 0.6 * r), (x, y + 1.2 * r), max(1, round(s / 24)))


def _hill(surf: pygame.Surface, ink: Color, x: float, y: float, s: int) -> None:
    r = s * 0.16
    rect = pygame.Rect(round(x - r), round(y - r * 0.7), round(2 * r), round(1.4 * r))
    pygame.draw.arc(surf, ink, rect, 0, math.pi, max(1, round(s / 18)))


def _peak(surf: pygame.Surface, ink: Color, x: float, y: float, s: int) -> None:
    r = s * 0.18
    pygame.draw.polygon(surf, ink, [(x, y - r), (x - r, y + 0.7 * r), (x + r, y + 0.7 * r)])
    snow = palette.shade(ink, 1.6)
    pygame.draw.polygon(surf, snow, [(x, y - r), (x - 0.35 * r, y - 0.4 * r), (x + 0.35 * r, y - 0.4 * r)])


def _marsh(surf: pygame.Surface, ink: Color, x: float, y: float, s: int) -> None:
    r = s * 0.16
    lw = max(1, round(s / 26))
    for dy in (-0.35 * r, 0.35 * r):
        pygame.draw.line(surf, ink, (x - r, y + dy), (x + r, y + dy), lw)
    for dx in (-0.5 * r, 0, 0.5 * r):
        pygame.draw.line(surf, ink, (x + dx, y - 0.35 * r), (x + dx * 1.4, y - 1.1 * r), lw)


def _blocks(surf: pygame.Surface, ink: Color, x: float, y: float, s: int) -> None:
    b = max(2, round(s * 0.09))
    gap = max(1, b // 3)
    x0, y0 = round(x - b - gap / 2), round(y - b - gap / 2)
    for i in (0, 1):
        for j in (0, 1):
            pygame.draw.rect(surf, ink, (x0 + i * (b + gap), y0 + j * (b + gap), b, b))


def _dunes(surf: pygame.Surface, ink: Color, x: float, y: float, s: int) -> None:
    r = max(1, round(s * 0.035))
    for dx, dy in ((-0.12, 0), (0.12, 0.04), (0, -0.1)):
        pygame.draw.circle(surf, ink, (x + dx * s, y + dy * s), r)


def _grass(surf: pygame.Surface, ink: Color, x: float, y: float, s: int) -> None:
    r = s * 0.1
    lw = max(1, round(s / 30))
    for dx in (-0.6 * r, 0, 0.6 * r):
        pygame.draw.line(surf, ink, (x + dx * 0.4, y + 0.5 * r), (x + dx, y - 0.6 * r), lw)


def _waves(surf: pygame.Surface, ink: Color, x: float, y: float, s: int) -> None:
    r = s * 0.14
    rect = pygame.Rect(round(x - r), round(y - r * 0.5), round(r), round(r))
    lw = max(1, round(s / 28))
    pygame.draw.arc(surf, ink, rect, 0, math.pi, lw)
    pygame.draw.arc(surf, ink, rect.move(round(r), 0), math.pi, 2 * math.pi, lw)


_GLYPHS = {
    "forest": _tree,
    "hills": _hill,
    "mountains": _peak,
    "marsh": _marsh,
    "urban": _blocks,
    "desert": _dunes,
    "steppe": _grass,
    "sea": _waves,
}


# --- samples -----------------------------------------------------------------------------
def draw_rail_sample(surf: pygame.Surface, r: pygame.Rect, gauge: int, s: int = 20) -> None:
    """A railway across ``r`` drawn as the map draws it (the legend's sample): line and cross-ties."""
    color = palette.rail_color(gauge)
    lw = width_for(s, 0.05, 2)
    y = r.centery
    pygame.draw.line(surf, color, (r.left, y), (r.right, y), lw)
    halves = mapgeometry.half_segments(np.array([[r.left / s, y / s], [r.right / s, y / s]]), np.array([0, 3]))
    for ax, ay, bx, by in mapgeometry.cross_ties(halves, np.array([0, 3]), s).tolist():
        pygame.draw.line(surf, color, (ax, ay), (bx, by), max(1, lw - 1))


def draw_fortification(surf: pygame.Surface, cx: float, cy: float, s: int, level: int) -> None:
    """A saw-tooth ring inside the hex, teeth outward; more teeth with a higher level."""
    ring = corners(cx, cy, s, 0.8)
    teeth = 1 + min(level, 5) // 2  # teeth per side: 1, 2, 2, 3, 3 for levels 1..5
    lw = width_for(s, 0.04, 1)
    depth = max(2.0, s * 0.1)
    for i in range(6):
        (ax, ay), (bx, by) = ring[i], ring[(i + 1) % 6]
        pygame.draw.line(surf, palette.FORTIFICATION, (ax, ay), (bx, by), lw + 1)
        mx, my = (ax + bx) / 2 - cx, (ay + by) / 2 - cy
        norm = math.hypot(mx, my) or 1.0
        ox, oy = mx / norm * depth, my / norm * depth
        for k in range(teeth):
            t0, t1 = (k + 0.25) / teeth, (k + 0.75) / teeth
            p0 = (ax + (bx - ax) * t0, ay + (by - ay) * t0)
            p1 = (ax + (bx - ax) * t1, ay + (by - ay) * t1)
            tip = ((p0[0] + p1[0]) / 2 + ox, (p0[1] + p1[1]) / 2 + oy)
            pygame.draw.polygon(surf, palette.FORTIFICATION, [p0, tip, p1])


@lru_cache(maxsize=64)
def wreck_hatch(s: int) -> pygame.Surface:
    """Diagonal stripes in the wreck colour over a hex of size ``s``, centred in a clear square: the part
    of the wreck marker drawn under the counters, showing round any stack (made once per size)."""
    half = math.ceil(s) + 1
    surf = pygame.Surface((2 * half, 2 * half), pygame.SRCALPHA)
    step = max(3, round(s * 0.22))
    lw = max(1, round(s * 0.06))
    for k in range(-2 * half, 2 * half, step):
        pygame.draw.line(surf, (*palette.WRECK, palette.WRECK_HATCH_ALPHA), (k, 2 * half), (k + 2 * half, 0), lw)
    keep = pygame.Surface((2 * half, 2 * half), pygame.SRCALPHA)
    pygame.draw.polygon(keep, (255, 255, 255, 255), corners(half, half, s, 0.94))
    surf.blit(keep, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)  # the stripes only inside the hex
    return surf


@lru_cache(maxsize=64)
def wreck_burst(r: float) -> pygame.Surface:
    """An eight-pointed burst of radius ``r`` on a dark rim, centred in a clear square: the part of the
    wreck marker that says "blown" at a glance, at any zoom (made once per size)."""
    rim = max(1.0, r * 0.16)
    half = math.ceil(r + rim) + 1
    surf = pygame.Surface((2 * half, 2 * half), pygame.SRCALPHA)
    for radius, color in ((r + rim, palette.WRECK_EDGE), (r, palette.WRECK), (r * 0.5, palette.WRECK_CORE)):
        if radius >= 2:
            pygame.draw.polygon(surf, color, _burst(half, half, radius))
    return surf


def _burst(cx: float, cy: float, r: float, points: int = 8) -> list[Point]:
    """A star of ``points`` rays of radius ``r``, its inner corners at half of it (one ray points up)."""
    out = []
    for k in range(2 * points):
        a = math.pi * k / points - math.pi / 2
        rk = r if k % 2 == 0 else r * 0.5
        out.append((cx + rk * math.cos(a), cy + rk * math.sin(a)))
    return out


def draw_place(surf: pygame.Surface, cx: float, cy: float, s: int, kind: str, vp: int) -> None:
    """A town dot (a square for cities); victory places get a ring."""
    r = max(2.0, s * (0.16 if kind == "city" else 0.11))
    if kind == "city":
        rect = pygame.Rect(0, 0, round(2 * r), round(2 * r))
        rect.center = (round(cx), round(cy))
        pygame.draw.rect(surf, palette.PLACE_FILL, rect)
        pygame.draw.rect(surf, palette.PLACE_EDGE, rect, max(1, round(s / 30)))
    else:
        pygame.draw.circle(surf, palette.PLACE_FILL, (cx, cy), r)
        pygame.draw.circle(surf, palette.PLACE_EDGE, (cx, cy), r, max(1, round(s / 30)))
    if vp > 0 and s >= 10:
        pygame.draw.circle(surf, palette.PLACE_EDGE, (cx, cy), r + max(2.0, s * 0.07), 1)
