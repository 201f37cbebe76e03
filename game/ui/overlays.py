"""Things drawn over the map tiles: movement range, path preview, place labels, hover outline,
the supply / zone-of-control / fortification overlays and the marks of an attack being prepared.

The range shading is rendered once into a surface that just covers the reachable hexes and
is reused until the selection, the state or the zoom changes. The map-wide overlays can cover
the whole map, so ``HexMaskLayer`` caches them in tiles like the map itself: a frame blits the
visible tiles, and a tile is re-rendered only after the state or the zoom changed. The path,
labels, outlines and arrows are a few primitives or cached text blits per frame.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable, Sequence

import numpy as np
import pygame

from game.core.hexgrid import Grid, Hex
from game.core.mapdata import MapData
from game.core.rules.movement import MoveRange
from game.ui import hexdraw, palette
from game.ui.camera import Camera, hex_center, map_pixel_size
from game.ui.counters import counter_dims
from game.ui.hexraster import pack, padded_colors, pattern
from game.ui.mapgeometry import Strokes, points_near, side_segments, unit_centers
from game.ui.maplayer import MAX_TILES, TILE, hexes_in
from game.ui.palette import RGBA, Color
from game.ui.text import Text

Marker = Callable[[pygame.Surface, float, float, int], None]  # surface, centre x, centre y, hex size


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


def draw_cost_tag(target: pygame.Surface, camera: Camera, h: Hex, label: str, text: Text,
                  fill: Color = palette.PATH_EDGE) -> None:
    """A pill with the move's cost (or "Attack") just right of the hex's centre (over the counters)."""
    s = camera.tile_size
    x, y = camera.hex_to_screen(h)
    tag = text.render(label, max(14, min(22, round(s * 0.42))), palette.PATH, bold=True)
    pill = tag.get_rect(midleft=(round(x + s * 0.35), round(y))).inflate(10, 4)
    pygame.draw.rect(target, fill, pill, border_radius=pill.h // 2)
    if fill != palette.PATH_EDGE:
        pygame.draw.rect(target, palette.PATH_EDGE, pill, 1, border_radius=pill.h // 2)
    target.blit(tag, tag.get_rect(center=pill.center))


def draw_hover(target: pygame.Surface, camera: Camera, h: Hex) -> None:
    cx, cy = camera.hex_to_screen(h)
    s = camera.tile_size
    pygame.draw.polygon(target, palette.HOVER_EDGE[:3], hexdraw.corners(cx, cy, s, 0.96), 2)


def draw_place_labels(target: pygame.Surface, camera: Camera, mapdata: MapData, text: Text,
                      area: pygame.Rect) -> None:
    """Place names below their dots, those reaching into ``area``; minor places drop out when zoomed far out.

    A pan redraws only thin strips, so most labels are skipped on their position alone.
    """
    s = camera.tile_size
    size = max(11, min(20, round(s * 0.42)))
    ox, oy = camera.origin
    reach = area.inflate(24 * size, 4 * size)  # a label is at most this far from its place's dot
    for place in mapdata.places:
        if s < 10 and place.vp < 3:
            continue
        x, y = hex_center(place.hex, s)
        sx, sy = ox + x, oy + y + s * 0.52
        if not reach.collidepoint(sx, sy):
            continue
        label = text.render_halo(place.label, size, (16, 16, 16), (250, 248, 240), bold=place.kind == "city")
        rect = label.get_rect(midtop=(round(sx), round(sy)))
        if rect.colliderect(area):
            target.blit(label, rect)


def draw_wrecks_under(target: pygame.Surface, camera: Camera, centers: np.ndarray, area: pygame.Rect) -> None:
    """Under the counters: each wrecked hex (``centers``: theirs at hex size 1, as ``unit_centers``) reaching
    into ``area`` hatched, so the wreck shows round whatever stands there; and its burst, when the zoom is
    too small for the burst to go over the counters (``burst_over_units``)."""
    s = camera.tile_size
    _stamp(target, camera, centers, area, hexdraw.wreck_hatch(s), (0.0, 0.0))
    if not burst_over_units(s):
        _draw_bursts(target, camera, centers, area)


def draw_wrecks_over(target: pygame.Surface, camera: Camera, centers: np.ndarray, area: pygame.Rect) -> None:
    """Over the counters, when the zoom leaves room: each wrecked hex's burst (see ``_draw_bursts``)."""
    if burst_over_units(camera.tile_size):
        _draw_bursts(target, camera, centers, area)


WRECK_BURST_SIZE = 0.2  # the burst's radius, in hex sizes
WRECK_BURST_MIN = 4.5  # and never under this many pixels, so a wreck shows at every zoom
WRECK_BURST_RISE = 0.78  # its centre above the hex centre when under the counters, in hex sizes: the top corner
WRECK_BURST_OVER_FROM = 24  # hex size from which the burst fits between a hex's counter and those above it


def burst_over_units(s: int) -> bool:
    """Whether the wreck's burst is drawn over the counters at hex size ``s``: from ``WRECK_BURST_OVER_FROM``
    it fits above a hex's top counter without reaching the counters of the hexes above (it hides only
    the edges of the counters peeking out of a stack); below, it would cover them, so it goes under."""
    return s >= WRECK_BURST_OVER_FROM


def _draw_bursts(target: pygame.Surface, camera: Camera, centers: np.ndarray, area: pygame.Rect) -> None:
    """A burst in the top corner of each wrecked hex: over the counters, just clear of the top one's face."""
    s = camera.tile_size
    burst = hexdraw.wreck_burst(max(WRECK_BURST_MIN, s * WRECK_BURST_SIZE))
    rise = WRECK_BURST_RISE * s
    if burst_over_units(s):
        rise = counter_dims(s)[1] / 2 + burst.get_height() / 2  # the top counter's upper edge, and half the burst
    _stamp(target, camera, centers, area, burst, (0.0, -rise))


def _stamp(target: pygame.Surface, camera: Camera, centers: np.ndarray, area: pygame.Rect,
           stamp: pygame.Surface, offset: tuple[float, float]) -> None:
    """Blit ``stamp`` centred ``offset`` pixels from each hex centre (``centers``, at hex size 1) where it
    meets ``area``. The hexes are culled with numpy, so a pan's thin strips blit only what they uncover."""
    if not centers.size:
        return
    s = camera.tile_size
    ox, oy = camera.origin
    w, h = stamp.get_size()
    at = centers * s + (ox + offset[0] - w / 2, oy + offset[1] - h / 2)  # the stamps' top-left corners
    hit = np.flatnonzero((at[:, 0] < area.right) & (at[:, 0] + w > area.left)
                         & (at[:, 1] < area.bottom) & (at[:, 1] + h > area.top))
    for x, y in at[hit].tolist():
        target.blit(stamp, (round(x), round(y)))


# --- map-wide overlays ------------------------------------------------------------------------
class HexMaskLayer:
    """A translucent fill over the hexes of a mask, a line where the mask ends, optional marks.

    ``key`` names what the mask shows (e.g. the state version and side): while it stays the
    same, tiles are reused; when it changes, they are dropped and re-rendered as seen. A tile is
    the map's pixel pattern (``hexraster``) looked up in a two-colour table, plus the edge
    strokes and marks that reach into it, so toggling an overlay after a move stays cheap.

    With ``shades`` the layer draws levels instead of one fill: ``draw(levels=...)`` gives each
    hex a level, 0 for none, and level ``k`` takes ``shades[k - 1]``; the line still follows
    where ``mask`` ends.
    """

    def __init__(self, fill: RGBA, edge: RGBA | None = None, marker: Marker | None = None,
                 shades: Sequence[RGBA] = ()) -> None:
        self.fill, self.edge, self.marker = fill, edge, marker
        self.shades = tuple(shades)
        self._key: object = None
        self._table = np.zeros(0, dtype="<u4")
        self._marked = np.zeros(0, dtype=np.intp)
        self._edges: tuple[int, Strokes] | None = None
        self._mask = np.zeros(0, bool)
        self._centers = np.zeros((0, 2))  # hex centres at size 1
        self._tiles: OrderedDict[tuple[int, int, int], pygame.Surface | None] = OrderedDict()

    def draw(self, target: pygame.Surface, camera: Camera, mapdata: MapData, mask: np.ndarray, key: object,
             marks: np.ndarray | None = None, levels: np.ndarray | None = None) -> None:
        if key != self._key:
            self._adopt(mapdata, mask, key, marks, levels)
        s = camera.tile_size
        w, h = map_pixel_size(mapdata.grid, s)
        x0, y0, x1, y1 = camera.visible_map_rect()
        ox, oy = camera.origin
        for ty in range(max(0, math.floor(y0 / TILE)), min(math.ceil(h / TILE), math.ceil(y1 / TILE))):
            for tx in range(max(0, math.floor(x0 / TILE)), min(math.ceil(w / TILE), math.ceil(x1 / TILE))):
                tile = self._tile(mapdata, s, tx, ty)
                if tile is not None:
                    target.blit(tile, (ox + tx * TILE, oy + ty * TILE))

    def _adopt(self, mapdata: MapData, mask: np.ndarray, key: object, marks: np.ndarray | None,
               levels: np.ndarray | None = None) -> None:
        """A new mask: its colour table and marks now, its edges per size when drawn."""
        grid = mapdata.grid
        self._key, self._mask, self._edges = key, mask, None
        if len(self._centers) != grid.size:
            self._centers = unit_centers(grid)
        if levels is None:
            keys, colors = mask.astype(np.intp), np.array([0, pack(self.fill)], dtype="<u4")
        else:
            keys, colors = levels.astype(np.intp), np.array([0, *map(pack, self.shades)], dtype="<u4")
        self._table = padded_colors(keys, colors, colors, 0, grid.width, grid.height)
        self._marked = np.flatnonzero(marks) if marks is not None and self.marker is not None else self._marked[:0]
        self._tiles.clear()

    def _tile(self, mapdata: MapData, s: int, tx: int, ty: int) -> pygame.Surface | None:
        key = (s, tx, ty)
        if key in self._tiles:
            self._tiles.move_to_end(key)
            return self._tiles[key]
        tile = self._render(mapdata, s, tx, ty)
        self._tiles[key] = tile
        if len(self._tiles) > MAX_TILES:
            self._tiles.popitem(last=False)
        return tile

    def _render(self, mapdata: MapData, s: int, tx: int, ty: int) -> pygame.Surface | None:
        """One tile of the overlay; None when no hex of the mask (or of the marks) touches it."""
        ox, oy = tx * TILE, ty * TILE
        grid = mapdata.grid
        pixels = pattern(grid.width, grid.height, s).colors(self._table, ox, oy, TILE, TILE)
        centers = self._centers[self._marked] * s
        marked = points_near(centers, ox, oy, ox + TILE, oy + TILE, s)
        if not pixels.any() and marked.size == 0:
            return None
        surf = pygame.image.frombuffer(pixels.data, (TILE, TILE), "RGBA")
        surf = surf.convert_alpha() if pygame.display.get_surface() is not None else surf.copy()
        if self.edge is not None:
            edges = self._edge_strokes(grid, s)
            local = edges.segs[edges.meeting(ox, oy, ox + TILE, oy + TILE)] - (ox, oy, ox, oy)
            lw = hexdraw.width_for(s, 0.07, 2)
            for ax, ay, bx, by in local.tolist():
                pygame.draw.line(surf, self.edge, (ax, ay), (bx, by), lw)
        if self.marker is not None:
            for cx, cy in (centers[marked] - (ox, oy)).tolist():
                self.marker(surf, cx, cy, s)
        return surf

    def _edge_strokes(self, grid: Grid, s: int) -> Strokes:
        """The sides of the mask's hexes where the mask ends, just inside them, at hex size ``s``."""
        if self._edges is None or self._edges[0] != s:
            nbr = grid.neighbor_table
            ends = ~np.where(nbr >= 0, self._mask[np.maximum(nbr, 0)], False) & self._mask[:, None]
            idx, d = np.nonzero(ends)
            strokes = Strokes()
            strokes.add(side_segments(self._centers[idx], d, 0.97) * s, self.edge, hexdraw.width_for(s, 0.07, 2))
            self._edges = (s, strokes.done())
        return self._edges[1]


def draw_railhead(surf: pygame.Surface, cx: float, cy: float, s: int) -> None:
    """A railhead of the supply overlay: a small diamond on the hex centre."""
    r = max(3.0, s * 0.2)
    pts = [(cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy)]
    pygame.draw.polygon(surf, palette.RAILHEAD, pts)
    pygame.draw.polygon(surf, (255, 255, 255, 255), pts, max(1, round(s / 24)))


def draw_fort_emphasis(target: pygame.Surface, camera: Camera, mapdata: MapData, text: Text) -> None:
    """Fortified hexes outlined in a bright colour, with their level in a tag (fortification overlay)."""
    s = camera.tile_size
    lw = hexdraw.width_for(s, 0.09, 3)
    size = max(12, min(20, round(s * 0.4)))
    for i in np.flatnonzero(mapdata.fortification):
        h = mapdata.grid.hex_at(int(i))
        cx, cy = camera.hex_to_screen(h)
        if not camera.in_view(cx, cy) and not camera.in_view(cx, cy - s):
            continue
        pygame.draw.polygon(target, palette.FORT_EMPHASIS, hexdraw.corners(cx, cy, s, 0.94), lw)
        tag = text.render(f"Fort {int(mapdata.fortification[i])}", size, palette.FORT_EMPHASIS, bold=True)
        pill = tag.get_rect(midbottom=(round(cx), round(cy - s * 0.55))).inflate(8, 2)
        pygame.draw.rect(target, palette.PATH_EDGE, pill, border_radius=pill.h // 2)
        target.blit(tag, tag.get_rect(center=pill.center))


def draw_cut_off(target: pygame.Surface, counter: pygame.Rect, text: Text) -> None:
    """A warning triangle on a counter's top-left corner: the unit's hex is not supplied now."""
    r = max(6, round(counter.w * 0.2))
    x, y = counter.left, counter.top
    pts = [(x, y - r), (x + r, y + r * 0.75), (x - r, y + r * 0.75)]
    pygame.draw.polygon(target, palette.CUT_OFF, pts)
    pygame.draw.polygon(target, (0, 0, 0), pts, 1)
    bang = text.render("!", max(10, round(r * 1.5)), (0, 0, 0), bold=True)
    target.blit(bang, bang.get_rect(center=(x, y + r * 0.2)))


def draw_attack_marks(target: pygame.Surface, camera: Camera, sources: list[Hex], goal: Hex, color: Color) -> None:
    """Arrows from the attackers' hexes into the target hex, which is outlined."""
    s = camera.tile_size
    gx, gy = camera.hex_to_screen(goal)
    pygame.draw.polygon(target, color, hexdraw.corners(gx, gy, s, 0.92), hexdraw.width_for(s, 0.08, 3))
    lw = hexdraw.width_for(s, 0.1, 3)
    for h in sources:
        sx, sy = camera.hex_to_screen(h)
        dx, dy = gx - sx, gy - sy
        length = math.hypot(dx, dy) or 1.0
        ux, uy = dx / length, dy / length
        a = (sx + ux * s * 0.35, sy + uy * s * 0.35)
        b = (gx - ux * s * 0.45, gy - uy * s * 0.45)
        head = max(6.0, s * 0.3)
        px, py = -uy, ux
        tip = [(b[0] + ux * head * 0.6, b[1] + uy * head * 0.6), (b[0] + px * head * 0.6, b[1] + py * head * 0.6),
               (b[0] - px * head * 0.6, b[1] - py * head * 0.6)]
        pygame.draw.line(target, palette.PATH_EDGE, a, b, lw + 2)
        pygame.draw.line(target, color, a, b, lw)
        pygame.draw.polygon(target, palette.PATH_EDGE, tip)
        pygame.draw.polygon(target, color, [(x * 0.85 + sum(p[0] for p in tip) / 3 * 0.15,
                                             y * 0.85 + sum(p[1] for p in tip) / 3 * 0.15) for x, y in tip])


def draw_move_costs(target: pygame.Surface, camera: Camera, mapdata: MapData, move_range: MoveRange, text: Text,
                    area: pygame.Rect) -> None:
    """C: the selected unit's movement points to reach each hex it can reach, in ``area``.

    Numbers once hexes are big enough to read them; below that a dot shaded from light (cheap)
    to dark (the whole allowance), so the shape of the range still shows when zoomed out.
    """
    s = camera.tile_size
    x0, y0 = camera.screen_to_map(area.x, area.y)
    cost = move_range.cost
    finite = np.isfinite(cost)
    if not finite.any():
        return
    top = max(1.0, float(cost[finite].max()))
    size = max(14, min(20, round(s * 0.45)))  # readable: the C overlay is for reading
    for i in hexes_in(mapdata.grid, s, x0 - s, y0 - s, x0 + area.w + s, y0 + area.h + s):
        c = float(cost[i])
        if not np.isfinite(c) or i == move_range.start:
            continue
        sx, sy = camera.hex_to_screen(mapdata.grid.hex_at(i))
        color = palette.mix((255, 255, 255), (255, 150, 40), min(1.0, c / top))  # white when cheap, amber at the limit
        if s >= 12:
            label = text.render_halo(f"{c:.1f}", size, color if move_range.can_end[i] else palette.TEXT_DIM,
                                     (0, 0, 0), bold=True)
            target.blit(label, label.get_rect(center=(round(sx), round(sy - s * 0.35))))
        else:
            pygame.draw.circle(target, palette.mix(color, (120, 40, 0), 0.5), (round(sx), round(sy)), max(2, s // 2))
