"""The help screen (F1): every key and mouse action, from the one table in ``keys`` (which the map's
bindings and the README's key list come from too), and the counter marks from ``counters``.
"""

from __future__ import annotations

import pygame

from game.ui import palette
from game.ui.counters import BAR_NOTE, MARKS, STATUS, STRENGTH_NOTE
from game.ui.keys import KEYS, MOUSE
from game.ui.text import Text
from game.ui.widgets import PAD, draw_box, heading, put

COUNTER_LOOKS: tuple[str, ...] = (
    "dimmed: no movement left this phase; striped: held back",
    STRENGTH_NOTE,
    BAR_NOTE,
)

HINT = "click: select · click enemy: attack · right-click: move · wheel: zoom · S Z F G C: overlays · F1: help"


def draw_help(surf: pygame.Surface, area: pygame.Rect, text: Text) -> pygame.Rect:
    """The help box centred in ``area``, as tall as its contents; returns its rectangle."""
    veil = pygame.Surface(area.size, pygame.SRCALPHA)
    veil.fill((0, 0, 0, 120))
    surf.blit(veil, area)
    width = min(900, area.w - 40)
    col_w = (width - 3 * PAD) // 2
    body = pygame.Surface((width, 1200), pygame.SRCALPHA)
    left = _table(body, text, "Keys", KEYS, PAD, 8, col_w, 120)
    y = _table(body, text, "Mouse", MOUSE, 2 * PAD + col_w, 8, col_w, 190)
    y = _marks(body, text, 2 * PAD + col_w, y + 10, col_w)
    height = min(area.h - 20, 32 + max(left, y) + 40)
    rect = pygame.Rect(0, 0, width, height)
    rect.center = area.center
    inner = draw_box(surf, rect, text, "Help: keys and mouse", (90, 130, 110))
    surf.blit(body, inner.topleft, pygame.Rect(0, 0, inner.w, inner.h - 30))
    put(surf, text, "Press F1 or Esc, or click, to close", (rect.centerx, rect.bottom - 24), 15,
        palette.TEXT_DIM, align="center")
    return rect


def _table(surf: pygame.Surface, text: Text, title: str, rows: tuple[tuple[str, str], ...], x: int, y: int,
           w: int, key_w: int) -> int:
    y = heading(surf, text, title, x, y, w)
    for key, what in rows:
        put(surf, text, key, (x, y), 17, palette.SELECTED, bold=True, width=key_w - 8)
        for part in text.wrap(what, 17, w - key_w):
            y += put(surf, text, part, (x + key_w, y), 17, palette.TEXT) + 2
        y += 5
    return y


def _marks(surf: pygame.Surface, text: Text, x: int, y: int, w: int) -> int:
    """The counter marks as they look on the map (the counters' own tables), each with its meaning."""
    y = heading(surf, text, "Marks on counters", x, y, w)
    for color, letter, what in (*STATUS.values(), *MARKS.values()):
        c = (x + 9, y + 8)
        pygame.draw.circle(surf, color, c, 8)
        glyph = text.render(letter, 14, palette.ink_on(color), bold=True)
        surf.blit(glyph, glyph.get_rect(center=(c[0], c[1] + 1)))
        y += put(surf, text, what, (x + 30, y), 17, palette.TEXT) + 7
    for line in COUNTER_LOOKS:
        for part in text.wrap(line, 16, w):
            y += put(surf, text, part, (x, y), 16, palette.TEXT_DIM) + 2
    return y
