"""Line charts drawn in the game (no plotting library): one value per side per turn.

The game-over screen plots the turn summaries the map screen collected as the game went on:
a chart per measure, one line per side in the side's colour, the turns along the bottom.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import pygame

from game.ui import palette
from game.ui.palette import Color
from game.ui.text import Text


@dataclass(frozen=True)
class Series:
    label: str
    color: Color
    values: Sequence[float]


def nice_axis(value: float, max_steps: int = 5) -> tuple[float, int]:
    """A tidy top for the axis and how many grid steps up to it: steps of 1, 2 or 5 times a power of ten.

    52,000 men gives (60,000, 3); 9 VP gives (10, 5): every label is a round number.
    """
    if value <= 0:
        return 1.0, 4
    raw = value / max_steps
    power = 10.0 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    steps = max(1, math.ceil(value / step - 1e-9))
    return step * steps, steps


def short_number(v: float) -> str:
    """1,234,000 -> '1.2M', 52,000 -> '52k': axis labels stay narrow."""
    a = abs(v)
    if a >= 1e6:
        return f"{v / 1e6:.1f}M".replace(".0M", "M")
    if a >= 1e4:
        return f"{v / 1e3:.0f}k"
    if a >= 1e3:
        return f"{v / 1e3:.1f}k".replace(".0k", "k")
    return f"{v:g}"


def draw_line_chart(surf: pygame.Surface, rect: pygame.Rect, text: Text, title: str, x_labels: Sequence[str],
                    series: Sequence[Series]) -> None:
    """A titled panel with a y axis from 0 to a tidy maximum, grid lines, and one line per series."""
    pygame.draw.rect(surf, palette.shade(palette.PANEL, 0.85), rect, border_radius=6)
    pygame.draw.rect(surf, palette.PANEL_EDGE, rect, 1, border_radius=6)
    head = text.render(title, 19, palette.TEXT, bold=True)
    surf.blit(head, (rect.x + 12, rect.y + 8))
    lx = rect.right - 12  # the legend, right-aligned on the title row
    for s in reversed(series):
        g = text.render(s.label, 15, palette.TEXT)
        lx -= g.get_width()
        surf.blit(g, (lx, rect.y + 11))
        lx -= 20
        pygame.draw.line(surf, s.color, (lx, rect.y + 18), (lx + 14, rect.y + 18), 4)
        lx -= 14
    plot = pygame.Rect(rect.x + 58, rect.y + 38, rect.w - 58 - 18, rect.h - 38 - 30)
    n = max((len(s.values) for s in series), default=0)
    top, steps = nice_axis(max((max(s.values) for s in series if s.values), default=0))
    for k in range(steps + 1):
        y = plot.bottom - plot.h * k / steps
        pygame.draw.line(surf, palette.shade(palette.PANEL_EDGE, 0.8 if k else 1.2), (plot.x, y), (plot.right, y))
        g = text.render(short_number(top * k / steps), 14, palette.TEXT_DIM)
        surf.blit(g, g.get_rect(midright=(plot.x - 6, y)))
    if n == 0:
        g = text.render("No turns recorded", 16, palette.TEXT_DIM)
        surf.blit(g, g.get_rect(center=plot.center))
        return

    def xy(i: int, v: float) -> tuple[float, float]:
        x = plot.x + (plot.w * i / (n - 1) if n > 1 else plot.w / 2)
        return x, plot.bottom - plot.h * (v / top)

    every = max(1, round(n / 10))  # at most about ten labels along the bottom
    for i, label in enumerate(x_labels[:n]):
        if (i % every and i != n - 1) or (i != n - 1 and n - 1 - i < every * 0.6):
            continue  # the last turn always gets its label; a regular one too close to it gives way
        x, _ = xy(i, 0)
        pygame.draw.line(surf, palette.PANEL_EDGE, (x, plot.bottom), (x, plot.bottom + 4))
        g = text.render(label, 14, palette.TEXT_DIM)
        surf.blit(g, g.get_rect(midtop=(x, plot.bottom + 6)))
    for s in series:
        pts = [xy(i, v) for i, v in enumerate(s.values)]
        if len(pts) > 1:
            pygame.draw.lines(surf, palette.shade(s.color, 0.45), False, pts, 5)
            pygame.draw.lines(surf, s.color, False, pts, 3)
        for p in pts if len(pts) <= 40 else pts[-1:]:
            pygame.draw.circle(surf, s.color, p, 4)
