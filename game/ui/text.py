"""Fonts and rendered text, cached.

Rendering text is one of the dearer things pygame does, and the screen redraws the same
strings every frame (panels, labels, counter numbers), so every string is rendered once per
(font size, colour, style) and kept in a bounded cache.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

import pygame

from game.ui.palette import Color

_MAX_CACHED = 2048


class Text:
    """Fonts by pixel size and a cache of rendered strings."""

    def __init__(self) -> None:
        if not pygame.font.get_init():
            pygame.font.init()
        self._fonts: dict[tuple[int, bool], pygame.font.Font] = {}
        self._cache: OrderedDict[tuple[object, ...], pygame.Surface] = OrderedDict()
        self._sizes: dict[tuple[str, int, bool], tuple[int, int]] = {}

    def font(self, size: int, bold: bool = False) -> pygame.font.Font:
        key = (max(6, int(size)), bold)
        f = self._fonts.get(key)
        if f is None:
            f = pygame.font.Font(None, key[0])
            f.set_bold(bold)
            self._fonts[key] = f
        return f

    def render(self, text: str, size: int, color: Color, *, bold: bool = False) -> pygame.Surface:
        """``text`` in the default font at ``size`` px, transparent background."""
        key = ("plain", text, size, color, bold)
        return self._cached(key, lambda: self.font(size, bold).render(text, True, color))

    def render_halo(
        self, text: str, size: int, color: Color, halo: Color, *, bold: bool = False
    ) -> pygame.Surface:
        """Text with a 1-px outline of ``halo`` around it, legible on any terrain."""
        key = ("halo", text, size, color, halo, bold)

        def make() -> pygame.Surface:
            font = self.font(size, bold)
            inner = font.render(text, True, color)
            outline = font.render(text, True, halo)
            out = pygame.Surface((inner.get_width() + 2, inner.get_height() + 2), pygame.SRCALPHA)
            for dx, dy in ((0, 0), (1, 0), (2, 0), (0, 1), (2, 1), (0, 2), (1, 2), (2, 2)):
                out.blit(outline, (dx, dy))
            out.blit(inner, (1, 1))
            return out

        return self._cached(key, make)

    def size_of(self, text: str, size: int, *, bold: bool = False) -> tuple[int, int]:
        """Width and height of ``text`` rendered (remembered: panels measure the same strings every frame)."""
        key = (text, size, bold)
        found = self._sizes.get(key)
        if found is None:
            if len(self._sizes) > _MAX_CACHED:
                self._sizes.clear()
            found = self._sizes[key] = self.font(size, bold).size(text)
        return found

    def _cached(self, key: tuple[object, ...], make: Callable[[], pygame.Surface]) -> pygame.Surface:
        surf = self._cache.get(key)
        if surf is None:
            surf = make()
            self._cache[key] = surf
            if len(self._cache) > _MAX_CACHED:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(key)
        return surf

    def fit(self, text: str, size: int, width: int, *, bold: bool = False) -> str:
        """``text`` cut with an ellipsis so it is no wider than ``width`` (table cells, headers)."""
        if self.size_of(text, size, bold=bold)[0] <= width:
            return text
        while text and self.size_of(text + "…", size, bold=bold)[0] > width:
            text = text[:-1]
        return text + "…"

    def wrap(self, text: str, size: int, width: int, *, bold: bool = False) -> list[str]:
        """``text`` broken at spaces into lines no wider than ``width`` (a long word is cut)."""
        out: list[str] = []
        for para in text.splitlines() or [""]:
            current = ""
            for word in para.split():
                trial = f"{current} {word}" if current else word
                if current and self.size_of(trial, size, bold=bold)[0] > width:
                    out.append(current)
                    current = word
                else:
                    current = trial
            out.append(self.fit(current, size, width, bold=bold))
        return out
