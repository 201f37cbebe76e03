"""NATO unit counters, rendered once per look and cached.

A counter is a rectangle in the side's colour with the unit-size marks (XX, X, XXX) on top,
the NATO symbol in a framed box in the middle and the strength (men in thousands) below.
Everything that decides how a counter looks is in ``CounterLook``, the cache key, so a unit
that loses men gets a new surface and every other frame is a blit.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

import pygame

from game.ui import palette
from game.ui.palette import Color
from game.ui.text import Text

_MAX_CACHED = 1024
SHADOW = 2  # pixels of drop shadow to the right and below
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
    marks: tuple[str, ...] = ()  # warnings in MARKS order: "fuel", "ammo", "oos"


# Warning marks on a counter: colour and letter (the letter shows on counters big enough).
MARKS: dict[str, tuple[Color, str]] = {
    "fuel": (palette.MARK_FUEL, "F"),
    "ammo": (palette.MARK_AMMO, "A"),
    "oos": (palette.MARK_OOS, "S"),
}


def counter_dims(hex_size: int) -> tuple[int, int]:
    """Counter width and height for a hex size: about two thirds of the hex's width."""
    w = max(8, round(hex_size * 1.3))
    h = max(6, round(w * 0.76))
    return w, h


def strength_label(men: int) -> str:
    """Men in thousands: '9.0', '14.0'; whole thousands from 100,000 up."""
    k = men / 1000
    return f"{k:.0f}" if k >= 100 else f"{k:.1f}"


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
        if len(looks) > 1:
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
        pygame.draw.rect(surf, (0, 0, 0, 110), (SHADOW, SHADOW, w, h), border_radius=max(1, w // 14))
        body = pygame.Rect(0, 0, w, h)
        pygame.draw.rect(surf, look.color, body, border_radius=max(1, w // 14))
        pygame.draw.rect(surf, palette.shade(look.color, 0.45), body, 1, border_radius=max(1, w // 14))
        ink = palette.ink_on(look.color)
        lw = max(1, round(w / 36))
        if w < COMPACT_WIDTH:  # too small for writing: just the symbol, big
            box = body.inflate(-max(2, w // 5), -max(2, h // 4))
            draw_symbol(surf, look.symbol, box, ink, lw, self.text)
            self._marks(surf, look)
            return surf
        if w < FULL_WIDTH:  # symbol and strength; the size marks would be too small to read
            box = pygame.Rect(0, 0, round(w * 0.6), round(h * 0.42))
            box.midtop = (w // 2, max(2, round(h * 0.1)))
            strength_px = max(10, round(h * 0.5))
        else:
            box = pygame.Rect(0, 0, round(w * 0.58), round(h * 0.38))
            box.center = (w // 2, round(h * 0.47))
            marks = self.text.render(look.size_mark, max(9, round(h * 0.25)), ink, bold=True)
            surf.blit(marks, marks.get_rect(midbottom=(w // 2, box.top + max(1, h // 30))))
            strength_px = max(10, round(h * 0.34))
        draw_symbol(surf, look.symbol, box, ink, lw, self.text)
        strength = self.text.render(look.strength, strength_px, ink, bold=True)
        surf.blit(strength, strength.get_rect(midtop=(w // 2, box.bottom + 1)))
        self._marks(surf, look)
        return surf

    def _marks(self, surf: pygame.Surface, look: CounterLook) -> None:
        """Warning dots down the counter's right margin (lettered when there is room).

        The right, because the supply overlay's cut-off triangle sits on the top-left corner.
        """
        if not look.marks:
            return
        w, h = look.width, look.height
        r = max(2, round(w * 0.09))
        for k, mark in enumerate(look.marks):
            color, letter = MARKS[mark]
            c = (w - r - 2, r + 1 + k * (2 * r + 1))
            if c[1] + r > h:
                break
            pygame.draw.circle(surf, color, c, r)
            pygame.draw.circle(surf, (0, 0, 0), c, r, 1)
            if r >= 6:
                glyph = self.text.render(letter, round(r * 1.7), palette.ink_on(color), bold=True)
                surf.blit(glyph, glyph.get_rect(center=(c[0], c[1] + 1)))


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
