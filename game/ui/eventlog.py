"""The event log: what the engine reported after each order and each of the other side's phases.

Each event is shown as its own ``str()`` (the same words the CLI logs print), so the player
and a bug report read the same thing. Combats and captures are coloured because they are what
a player scans for; the newest line is at the bottom, and the wheel scrolls back through the
last ``MAX_ENTRIES``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pygame

from game.core.events import Combat, Event, GameOver, HexCaptured, SupplyReport, TurnBegan
from game.ui import palette
from game.ui.palette import Color
from game.ui.text import Text
from game.ui.widgets import PAD, draw_box

MAX_ENTRIES = 50
LINE_SIZE = 16
LINE_H = 18
MAX_ROWS = 7
COMBAT: Color = (255, 160, 90)
CAPTURE: Color = (250, 215, 90)


def event_color(e: Event) -> Color:
    """The colour a log line gets: combats and captures stand out, routine lines stay dim."""
    if isinstance(e, Combat):
        return COMBAT
    if isinstance(e, HexCaptured):
        return CAPTURE
    if isinstance(e, GameOver):
        return palette.TEXT_WARN
    if isinstance(e, SupplyReport) and (e.units_out_of_supply or e.surrendered):
        return palette.TEXT_WARN
    if isinstance(e, TurnBegan):
        return palette.TEXT
    return palette.TEXT_DIM


class EventLog:
    """The last events, with a scroll position counted in lines up from the newest."""

    def __init__(self) -> None:
        self.entries: list[tuple[str, Color]] = []
        self.visible = True
        self.scroll = 0
        self.rect = pygame.Rect(0, 0, 0, 0)
        self._wrapped: list[tuple[str, Color]] = []
        self._wrapped_key: tuple[int, int] = (-1, -1)
        self._added = 0
        self._groups: list[int] = []  # lines each ``add`` wrote, newest last (``take_back`` removes one)

    def add(self, events: Sequence[Event], describe: Callable[[Event], str] = str) -> None:
        """Log events in the words ``describe`` gives them (events it gives no words are left out)."""
        n = 0
        for e in events:
            text = describe(e)
            if not text:
                continue
            self.entries.append((text[:1].upper() + text[1:], event_color(e)))
            self._added += 1
            n += 1
        self._groups.append(n)
        del self._groups[:-MAX_ENTRIES]
        del self.entries[:-MAX_ENTRIES]
        self.scroll = 0  # new events bring the view back to the newest

    def take_back(self) -> None:
        """Undo: remove the lines of the last ``add`` (an undone move must not stay in the log)."""
        if not self._groups:
            return
        n = self._groups.pop()
        if n:
            del self.entries[-n:]
            self._added += 1  # the wrapped lines are rebuilt

    def note(self, line: str, color: Color = palette.TEXT) -> None:
        """A line of the game's own (a quickload), not an event."""
        self.entries.append((line, color))
        self._groups.append(1)
        del self.entries[:-MAX_ENTRIES]
        self._added += 1

    def scroll_by(self, steps: int) -> None:
        """Wheel up (``steps`` > 0) goes back in time."""
        self.scroll = max(0, self.scroll + steps * 2)

    def toggle(self) -> None:
        self.visible = not self.visible

    def draw(self, surf: pygame.Surface, area: pygame.Rect, text: Text) -> None:
        """Bottom-left of the map ``area``: a short window onto the wrapped lines."""
        if not self.visible:
            self.rect = pygame.Rect(0, 0, 0, 0)
            return
        width = min(640, area.w - 2 * PAD)
        lines = self._lines(text, width - 2 * PAD)
        rows = max(1, min(MAX_ROWS, len(lines)))  # grows with the log, up to MAX_ROWS lines
        self.rect = pygame.Rect(area.x + PAD, 0, width, 30 + rows * LINE_H + 12)
        self.rect.bottom = area.bottom - PAD
        inner = draw_box(surf, self.rect, text, "Events", (90, 110, 150))
        hint = text.render("wheel: scroll · L: hide", 14, palette.TEXT_DIM)
        surf.blit(hint, hint.get_rect(midright=(self.rect.right - PAD, self.rect.y + 15)))
        self.scroll = min(self.scroll, max(0, len(lines) - rows))
        shown = lines[max(0, len(lines) - rows - self.scroll): len(lines) - self.scroll]
        if not shown:
            glyph = text.render("No events since the game was opened", LINE_SIZE, palette.TEXT_DIM)
            surf.blit(glyph, (inner.x + PAD, inner.y + 4))
        y = inner.bottom - 4 - len(shown) * LINE_H
        for line, color in shown:
            surf.blit(text.render(line, LINE_SIZE, color), (inner.x + PAD, y))
            y += LINE_H
        if self.scroll:
            more = text.render(f"{self.scroll} newer lines below", 14, palette.TEXT_DIM)
            surf.blit(more, more.get_rect(bottomright=(inner.right - PAD, inner.bottom - 2)))

    def _lines(self, text: Text, width: int) -> list[tuple[str, Color]]:
        """Entries wrapped to the box (a long combat line takes two), rebuilt only when they change."""
        key = (self._added, width)
        if key != self._wrapped_key:
            self._wrapped = [(part, color) for s, color in self.entries
                             for part in text.wrap(s, LINE_SIZE, width)]
            self._wrapped_key = key
        return self._wrapped
