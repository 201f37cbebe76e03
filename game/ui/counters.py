"""NATO unit counters, rendered once per look and cached.

A counter is a rectangle in the side's colour with the unit-size marks (XX, X, XXX) on top,
the NATO symbol in a framed box in the middle, the strength number below it (men in
thousands, "9.6k"; an armour unit's tanks and SPGs, "40T"; the legend says so) and along the
bottom edge a bar of men and one of armour left of what the unit started with. Pips down the
left margin say what it may still do (moved, can attack, held back), down the right what its
supply lacks (fuel, ammunition, out of supply, encircled); a unit with no movement left is
dimmed. Everything that decides how a counter looks is in ``CounterLook``, the cache key, so
a unit that loses men gets a new surface and every other frame is a blit.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

import pygame

from game.ui import palette
from game.ui.counterfacts import BAR_STEPS
from game.ui.palette import Color
from game.ui.text import Text

_MAX_CACHED = 1024
SHADOW = 2  # pixels of drop shadow to the right and below
TINY_WIDTH = 16  # narrower counters are a side-coloured block with the strength bar (the whole theatre)
COMPACT_WIDTH = 30  # narrower counters show only the symbol
FULL_WIDTH = 46  # narrower counters leave out the size marks (XX, X) to keep the strength legible


@dataclass(frozen=True)
class CounterLook:
    color: Color
    symbol: str
    size_mark: str
    strength: str
    width: int
    height: int
    marks: tuple[str, ...] = ()  # supply warnings in MARKS order: "fuel", "ammo", "oos", "encircled"
    men_bar: int = BAR_STEPS  # tenths of its starting men left
    armour_bar: int = -1  # tenths of its starting tanks and SPGs left (-1: it had none)
    status: tuple[str, ...] = ()  # in STATUS order: "moved", "attack", "held"
    spent: bool = False  # no movement left this phase: drawn dimmed


# Supply marks on a counter's right margin, status marks on its left: colour, letter, legend text.
MARKS: dict[str, tuple[Color, str, str]] = {
    "fuel": (palette.MARK_FUEL, "F", "fuel for under a day"),
    "ammo": (palette.MARK_AMMO, "A", "no ammunition"),
    "oos": (palette.MARK_OOS, "S", "out of supply"),
    "encircled": (palette.CUT_OFF, "E", "encircled: no supply route"),
}
STATUS: dict[str, tuple[Color, str, str]] = {
    "moved": ((235, 235, 235), "M", "has moved (movement left)"),
    "attack": (palette.ATTACK, "X", "can attack an enemy next to it"),
    "held": ((120, 120, 120), "H", "held back: moves on a later turn"),
}
STRENGTH_NOTE = "Counter number: 9.6k = men (thousands); 40T = tanks and SPGs of an armour unit"
BAR_NOTE = "Bars: men (green) and armour (blue) left of the unit's start"


def counter_dims(hex_size: int) -> tuple[int, int]:
    """Counter width and height for a hex size: about two thirds of the hex's width."""
    w = max(8, round(hex_size * 1.3))
    h = max(6, round(w * 0.76))
    return w, h


def stack_step(width: int) -> int:
    """How far each counter under the top one peeks out (up and to the right)."""
    return max(2, round(width * 0.09))


class Counters:
    """Renders and caches counter surfaces."""

    def __init__(self, text: Text) -> None:
        self.text = text
        self._cache: OrderedDict[CounterLook, pygame.Surface] = OrderedDict()

    def surface(self, look: CounterLook) -> pygame.Surface:
        surf = self._cache.get(look)
        if surf is None:
            surf = self._render(look)
            self._cache[look] = surf
            if len(self._cache) > _MAX_CACHED:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(look)
        return surf

    def draw_stack(
        self,
        target: pygame.Surface,
        looks: list[CounterLook],
        center: tuple[float, float],
        *,
        selected: int | None = None,
    ) -> pygame.Rect:
        """Draw a stack centred on ``center``: the last look on top, the others peeking out.

        ``selected`` is the index in ``looks`` of a unit to outline. Returns the top
        counter's rectangle (for hit-testing and highlights).
        """
        if not looks:
            return pygame.Rect(0, 0, 0, 0)
        w, h = looks[-1].width, looks[-1].height
        step = stack_step(w)
        shown = looks[-3:]  # deeper counters would only add clutter; the badge gives the count
        top = pygame.Rect(0, 0, w, h)
        top.center = (round(center[0]), round(center[1]))
        for k, look in enumerate(shown):
            depth = len(shown) - 1 - k
            target.blit(self.surface(look), (top.x + depth * step, top.y - depth * step))
        if selected is not None:
            depth = len(looks) - 1 - selected
            if depth < len(shown):
                rect = top.move(depth * step, -depth * step)
                pygame.draw.rect(target, palette.SELECTED, rect.inflate(4, 4), 2)
        if len(looks) > 1 and w >= TINY_WIDTH:  # a badge would bury a tiny counter: the hover lists the stack
            self._badge(
                target, len(looks), (top.right + (len(shown) - 1) * step, top.y - (len(shown) - 1) * step), w
            )
        return top

    def _badge(self, target: pygame.Surface, count: int, corner: tuple[int, int], w: int) -> None:
        r = max(5, round(w * 0.15))
        pygame.draw.circle(target, (250, 250, 250), corner, r)
        pygame.draw.circle(target, (20, 20, 20), corner, r, 1)
        label = self.text.render(str(count), max(10, round(r * 1.7)), (20, 20, 20), bold=True)
        target.blit(label, label.get_rect(center=(corner[0], corner[1] + 1)))

    # --- rendering ---------------------------------------------------------------------
    def _render(self, look: CounterLook) -> pygame.Surface:
        w, h = look.width, look.height
        surf = pygame.Surface((w + SHADOW, h + SHADOW), pygame.SRCALPHA)
        radius = max(1, w // 14)
        pygame.draw.rect(surf, (0, 0, 0, 110), (SHADOW, SHADOW, w, h), border_radius=radius)
        body = pygame.Rect(0, 0, w, h)
        pygame.draw.rect(surf, look.color, body, border_radius=radius)
        if "held" in look.status:
            _hatch(surf, body, palette.shade(look.color, 0.7))
        pygame.draw.rect(surf, palette.shade(look.color, 0.45), body, 1, border_radius=radius)
        ink = palette.ink_on(look.color)
        lw = max(1, round(w / 36))
        bars = _bar_height(h)
        if w < TINY_WIDTH:  # the whole theatre: whose, and how strong
            self._bars(surf, look, bars)
            self._finish(surf, look)
            return surf
        if w < COMPACT_WIDTH:  # too small for writing: just the symbol, big
            box = body.inflate(-max(2, w // 5), -max(2, h // 4) - bars)
            box.y = max(1, box.y - bars // 2)
            draw_symbol(surf, look.symbol, box, ink, lw, self.text)
            self._bars(surf, look, bars)
            self._finish(surf, look)
            return surf
        if w < FULL_WIDTH:  # symbol and strength; the size marks would be too small to read
            box = pygame.Rect(0, 0, round(w * 0.56), round(h * 0.38))
            box.midtop = (w // 2, max(2, round(h * 0.08)))
            strength_px = max(10, round(h * 0.42))
        else:
            box = pygame.Rect(0, 0, round(w * 0.52), round(h * 0.34))
            box.center = (w // 2, round(h * 0.42))
            marks = self.text.render(look.size_mark, max(9, round(h * 0.22)), ink, bold=True)
            surf.blit(marks, marks.get_rect(midbottom=(w // 2, box.top + max(1, h // 30))))
            strength_px = max(10, round(h * 0.3))
        draw_symbol(surf, look.symbol, box, ink, lw, self.text)
        strength = self.text.render(look.strength, strength_px, ink, bold=True)
        surf.blit(strength, strength.get_rect(midtop=(w // 2, box.bottom)))
        self._bars(surf, look, bars)
        self._finish(surf, look)
        return surf

    def _finish(self, surf: pygame.Surface, look: CounterLook) -> None:
        if look.spent:  # nothing left to do this phase: dimmed, as a played card
            veil = pygame.Surface((look.width, look.height), pygame.SRCALPHA)
            veil.fill((0, 0, 0, 95))
            surf.blit(veil, (0, 0))
        self._pips(surf, look, look.marks, MARKS, right=True)
        self._pips(surf, look, look.status, STATUS, right=False)

    def _bars(self, surf: pygame.Surface, look: CounterLook, bh: int) -> None:
        """Men (green) and armour (blue) left, as bars along the bottom edge inside the frame."""
        w, h = look.width, look.height
        rows = [(look.men_bar, palette.BAR_MEN)] + ([(look.armour_bar, palette.BAR_ARMOUR)]
                                                    if look.armour_bar >= 0 else [])
        y = h - 1 - bh * len(rows)
        for tenths, color in rows:
            track = pygame.Rect(1, y, w - 2, bh)
            pygame.draw.rect(surf, (25, 25, 25), track)
            fill = track.copy()
            fill.w = round(track.w * tenths / BAR_STEPS)
            pygame.draw.rect(surf, color if tenths > 3 else palette.MARK_AMMO, fill)
            y += bh

    def _pips(self, surf: pygame.Surface, look: CounterLook, names: tuple[str, ...],
              table: dict[str, tuple[Color, str, str]], *, right: bool) -> None:
        """Mark dots down a margin (lettered when there is room): supply on the right, status on the left."""
        if not names:
            return
        w, h = look.width, look.height
        r = max(2, round(w * 0.09))
        for k, mark in enumerate(names):
            color, letter, _ = table[mark]
            c = (w - r - 2 if right else r + 1, r + 1 + k * (2 * r + 1))
            if c[1] + r > h:
                break
            pygame.draw.circle(surf, color, c, r)
            pygame.draw.circle(surf, (0, 0, 0), c, r, 1)
            if r >= 5:
                glyph = self.text.render(letter, round(r * 1.7), palette.ink_on(color), bold=True)
                surf.blit(glyph, glyph.get_rect(center=(c[0], c[1] + 1)))


def _bar_height(h: int) -> int:
    return max(1, min(4, h // 12))


def _hatch(surf: pygame.Surface, body: pygame.Rect, color: Color) -> None:
    """Diagonal stripes: a held-back unit reads as not playable at a glance."""
    step = max(4, body.w // 6)
    clip = surf.get_clip()
    surf.set_clip(body)
    for x in range(body.left - body.h, body.right, step):
        pygame.draw.line(surf, color, (x, body.bottom), (x + body.h, body.top), max(1, step // 3))
    surf.set_clip(clip)


# --- NATO symbols ----------------------------------------------------------------------------
SymbolDraw = Callable[[pygame.Surface, pygame.Rect, Color, int], None]


def _cross(s: pygame.Surface, b: pygame.Rect, ink: Color, lw: int) -> None:
    pygame.draw.line(s, ink, b.topleft, (b.right - 1, b.bottom - 1), lw)
    pygame.draw.line(s, ink, (b.left, b.bottom - 1), (b.right - 1, b.top), lw)


def _oval(s: pygame.Surface, b: pygame.Rect, ink: Color, lw: int) -> None:
    pygame.draw.ellipse(s, ink, b.inflate(-round(b.w * 0.3), -round(b.h * 0.4)), lw)


def _diagonal(s: pygame.Surface, b: pygame.Rect, ink: Color, lw: int) -> None:
    pygame.draw.line(s, ink, (b.left, b.bottom - 1), (b.right - 1, b.top), lw)


def _dot(s: pygame.Surface, b: pygame.Rect, ink: Color, lw: int) -> None:
    pygame.draw.circle(s, ink, b.center, max(2, round(b.h * 0.2)))


def _inverted_v(s: pygame.Surface, b: pygame.Rect, ink: Color, lw: int) -> None:
    pygame.draw.lines(
        s, ink, False, [(b.left, b.bottom - 1), (b.centerx, b.top), (b.right - 1, b.bottom - 1)], lw
    )


def _dome(s: pygame.Surface, b: pygame.Rect, ink: Color, lw: int) -> None:
    arc = pygame.Rect(b.left + b.w // 6, b.top + b.h // 3, b.w - b.w // 3, b.h)
    pygame.draw.arc(s, ink, arc, 0, math.pi, lw)


def _bridge(s: pygame.Surface, b: pygame.Rect, ink: Color, lw: int) -> None:
    y0, y1 = b.top + b.h // 3, b.bottom - b.h // 4
    x0, x1 = b.left + b.w // 5, b.right - b.w // 5
    pygame.draw.line(s, ink, (x0, y0), (x1, y0), lw)
    for x in (x0, b.centerx, x1):
        pygame.draw.line(s, ink, (x, y0), (x, y1), lw)


def _wings(s: pygame.Surface, b: pygame.Rect, ink: Color, lw: int) -> None:
    _cross(s, b, ink, lw)
    r = max(2, b.w // 8)
    y = b.bottom - r // 2 - 1
    pygame.draw.arc(s, ink, (b.centerx - 2 * r, y - r, 2 * r, 2 * r), 0, math.pi, lw)
    pygame.draw.arc(s, ink, (b.centerx, y - r, 2 * r, 2 * r), 0, math.pi, lw)


def _mountain(s: pygame.Surface, b: pygame.Rect, ink: Color, lw: int) -> None:
    _cross(s, b, ink, lw)
    r = max(2, b.h // 3)
    pygame.draw.polygon(
        s, ink, [(b.centerx, b.bottom - r), (b.centerx - r, b.bottom - 1), (b.centerx + r, b.bottom - 1)]
    )


def _marine(s: pygame.Surface, b: pygame.Rect, ink: Color, lw: int) -> None:
    _cross(s, b, ink, lw)
    pygame.draw.line(s, ink, (b.left, b.centery), (b.right - 1, b.centery), lw)


def _motorized(s: pygame.Surface, b: pygame.Rect, ink: Color, lw: int) -> None:
    _cross(s, b, ink, lw)
    pygame.draw.line(s, ink, (b.centerx, b.top), (b.centerx, b.bottom - 1), lw)


def _mechanized(s: pygame.Surface, b: pygame.Rect, ink: Color, lw: int) -> None:
    _cross(s, b, ink, lw)
    _oval(s, b, ink, lw)


def _teeth(s: pygame.Surface, b: pygame.Rect, ink: Color, lw: int) -> None:
    n = 4
    y0, y1 = b.bottom - 1, b.bottom - max(3, b.h // 3)
    pts = [(b.left + round(b.w * k / (2 * n)), y0 if k % 2 == 0 else y1) for k in range(2 * n + 1)]
    pygame.draw.lines(s, ink, False, pts, lw)


def _propeller(s: pygame.Surface, b: pygame.Rect, ink: Color, lw: int) -> None:
    half = pygame.Rect(0, 0, b.w // 3, b.h // 2)
    half.midright = b.center
    pygame.draw.ellipse(s, ink, half, lw)
    half.midleft = b.center
    pygame.draw.ellipse(s, ink, half, lw)


SYMBOLS: dict[str, SymbolDraw] = {
    "infantry": _cross,
    "armor": _oval,
    "mechanized": _mechanized,
    "motorized": _motorized,
    "cavalry": _diagonal,
    "artillery": _dot,
    "anti_tank": _inverted_v,
    "anti_aircraft": _dome,
    "engineer": _bridge,
    "airborne": _wings,
    "mountain": _mountain,
    "marine": _marine,
    "fortification": _teeth,
    "air": _propeller,
}


def draw_symbol(surf: pygame.Surface, symbol: str, box: pygame.Rect, ink: Color, lw: int, text: Text) -> None:
    """The framed NATO symbol; headquarters and unknown symbols are lettered."""
    pygame.draw.rect(surf, ink, box, lw)
    inner = box.inflate(-2 * lw + 1, -2 * lw + 1)
    draw = SYMBOLS.get(symbol)
    if draw is not None:
        draw(surf, inner, ink, lw)
        return
    label = "HQ" if symbol == "headquarters" else "?"
    glyph = text.render(label, max(8, round(box.h * 0.9)), ink, bold=True)
    surf.blit(glyph, glyph.get_rect(center=box.center))
