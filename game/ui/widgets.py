"""Small drawing pieces shared by the floating panels: boxes, buttons, headings, shaded cells.

The attack preview, the result box, the event log and the help screen float over the map;
they share one look (a dark translucent box with a title strip) so the player reads them as
one family, distinct from the fixed side panel.
"""

from __future__ import annotations

import functools

import pygame

from game.ui import palette
from game.ui.palette import Color
from game.ui.text import Text

PAD = 12
TITLE_H = 30
BOX_ALPHA = 250  # nearly opaque: tables over a busy map must stay readable


@functools.lru_cache(maxsize=16)
def _tint(size: tuple[int, int], rgba: tuple[int, int, int, int]) -> pygame.Surface:
    """A see-through sheet of one colour, made once per size: floating boxes are drawn every frame
    (making two such surfaces per box per frame was a tenth of a map pan's frame)."""
    sheet = pygame.Surface(size, pygame.SRCALPHA)
    sheet.fill(rgba)
    return sheet


def draw_box(surf: pygame.Surface, rect: pygame.Rect, text: Text, title: str, accent: Color) -> pygame.Rect:
    """A floating box with a title strip; returns the area below the strip (empty when squeezed to nothing)."""
    if rect.w <= 0 or rect.h <= 0:  # a window too small for the box: nothing to draw (Surface refuses 0 or less)
        return pygame.Rect(rect.x, rect.y, 0, 0)
    surf.blit(_tint(rect.size, (0, 0, 0, 90)), rect.move(4, 4))  # the shadow
    surf.blit(_tint(rect.size, (*palette.PANEL, BOX_ALPHA)), rect)
    strip = pygame.Rect(rect.x, rect.y, rect.w, TITLE_H)
    pygame.draw.rect(surf, palette.shade(accent, 0.55), strip)
    pygame.draw.line(surf, accent, strip.bottomleft, (strip.right - 1, strip.bottom), 2)
    pygame.draw.rect(surf, palette.PANEL_EDGE, rect, 1)
    label = text.render(text.fit(title, 19, rect.w - 2 * PAD, bold=True), 19, palette.TEXT, bold=True)
    surf.blit(label, label.get_rect(midleft=(rect.x + PAD, strip.centery)))
    return pygame.Rect(rect.x, strip.bottom + 2, rect.w, rect.h - TITLE_H - 2)


def draw_button(
    surf: pygame.Surface, rect: pygame.Rect, text: Text, label: str, enabled: bool, mouse: tuple[int, int],
    color: Color = palette.BUTTON,
) -> None:
    if not enabled:
        fill = palette.BUTTON_OFF
    elif rect.collidepoint(mouse):
        fill = palette.shade(color, 1.25)
    else:
        fill = color
    pygame.draw.rect(surf, fill, rect, border_radius=5)
    pygame.draw.rect(surf, palette.PANEL_EDGE, rect, 1, border_radius=5)
    ink = palette.TEXT if enabled else palette.TEXT_DIM
    glyph = text.render(label, 18, ink, bold=True)
    surf.blit(glyph, glyph.get_rect(center=rect.center))


def heading(surf: pygame.Surface, text: Text, title: str, x: int, y: int, width: int) -> int:
    """A small capitalised section heading with a rule under it; returns the y below it."""
    label = text.render(title.upper(), 14, palette.TEXT_DIM, bold=True)
    surf.blit(label, (x, y))
    y += label.get_height() + 2
    pygame.draw.line(surf, palette.PANEL_EDGE, (x, y), (x + width, y))
    return y + 5


def put(
    surf: pygame.Surface, text: Text, s: str, pos: tuple[int, int], size: int, color: Color,
    *, bold: bool = False, width: int | None = None, align: str = "left",
) -> int:
    """Blit one line (cut to ``width``), left/right/centre aligned at ``pos``; returns its height."""
    if width is not None:
        s = text.fit(s, size, width, bold=bold)
    glyph = text.render(s, size, color, bold=bold)
    x, y = pos
    if align == "right":
        x -= glyph.get_width()
    elif align == "center":
        x -= glyph.get_width() // 2
    surf.blit(glyph, (x, y))
    return glyph.get_height()


def percent_color(percent: int, good_when_high: bool) -> Color:
    """Green-to-red for a chance: good news green, bad news red, from the player's side."""
    t = percent / 100 if good_when_high else 1 - percent / 100
    if t >= 0.5:
        return palette.mix((240, 210, 80), palette.TEXT_GOOD, (t - 0.5) * 2)
    return palette.mix(palette.TEXT_WARN, (240, 210, 80), t * 2)
