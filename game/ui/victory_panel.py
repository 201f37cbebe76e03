"""The victory panel: the places worth points, who holds each, and where each side stands.

Victory is scored on named places held, link-ups made and (in some scenarios) enemy losses;
the player should never have to guess what they are playing for. The lines are computed
from the state each time the panel is drawn (a few dozen places), so they are always current.
"""

from __future__ import annotations

import pygame

from game.core.rules.victory import graded_result, link_up_key, victory_points
from game.core.state import NOBODY, GameState
from game.ui import palette
from game.ui.text import Text
from game.ui.widgets import PAD, draw_box, heading

WIDTH = 470
ROW_H = 22


class VictoryPanel:
    def __init__(self) -> None:
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.scroll = 0

    def scroll_by(self, steps: int) -> None:
        self.scroll = max(0, self.scroll - steps * 3)

    def draw(self, surf: pygame.Surface, area: pygame.Rect, text: Text, state: GameState) -> None:
        scn = state.scenario
        grid = scn.map.grid
        vp = victory_points(state)
        colors = [palette.parse_color(s.color) for s in scn.sides]
        width = min(WIDTH, area.w - 2 * PAD)
        self.rect = pygame.Rect(area.right - width - PAD, area.y + PAD, width, area.h - 2 * PAD)
        inner = draw_box(surf, self.rect, text, "Victory", (200, 170, 80))
        x, y = inner.x + PAD, inner.y + 8
        w = inner.w - 2 * PAD
        for side, points, color in zip(scn.sides, vp, colors, strict=True):
            pygame.draw.rect(surf, color, (x, y + 4, 14, 14))
            g = text.render(f"{side.name}: {points} VP", 21, palette.TEXT, bold=True)
            surf.blit(g, (x + 22, y))
            y += g.get_height() + 4
        g = text.render(f"Now: {graded_result(state)}", 17, palette.TEXT_DIM)
        surf.blit(g, (x, y + 2))
        y += g.get_height() + 10
        if scn.grades:
            y = heading(surf, text, "Results", x, y, w)
            for grade in scn.grades:
                line = f"{grade.name}: {scn.sides[grade.side].name} at {grade.min_vp}+ VP"
                surf.blit(text.render(text.fit(line, 16, w), 16, palette.TEXT), (x, y))
                y += ROW_H - 2
            y += 6
        if scn.link_ups:
            y = heading(surf, text, "Link-ups", x, y, w)
            for lu in scn.link_ups:
                made = state.extra.get(link_up_key(lu))
                status = f"made on turn {made}" if made is not None else "not yet"
                line = f"{lu.name} ({scn.sides[lu.side].name}, {lu.vp} VP): {status}"
                color = palette.TEXT_GOOD if made is not None else palette.TEXT
                surf.blit(text.render(text.fit(line, 16, w), 16, color), (x, y))
                y += ROW_H - 2
            y += 6
        y = heading(surf, text, "Objectives (VP, held by)", x, y, w)
        places = sorted((p for p in scn.map.places if p.vp > 0), key=lambda p: (-p.vp, p.label))
        view = pygame.Rect(x, y, w, self.rect.bottom - PAD - y - 20)
        n = max(1, view.h // ROW_H)
        self.scroll = min(self.scroll, max(0, len(places) - n))
        clip = surf.get_clip()
        surf.set_clip(view)
        for i, p in enumerate(places[self.scroll: self.scroll + n]):
            ry = view.y + i * ROW_H
            holder = int(state.control[grid.index(p.hex)])
            surf.blit(text.render(text.fit(p.label, 17, w - 190), 17, palette.TEXT), (x, ry))
            surf.blit(text.render(f"{p.vp}", 17, palette.SELECTED, bold=True), (x + w - 180, ry))
            if holder == NOBODY:
                surf.blit(text.render("nobody", 16, palette.TEXT_DIM), (x + w - 140, ry))
            else:
                pygame.draw.rect(surf, colors[holder], (x + w - 140, ry + 3, 12, 12))
                name = text.fit(scn.sides[holder].name, 16, 120)
                surf.blit(text.render(name, 16, palette.TEXT), (x + w - 122, ry))
        surf.set_clip(clip)
        more = f"{len(places)} places · wheel: scroll · V or Esc: close" if len(places) > n else "V or Esc: close"
        surf.blit(text.render(more, 14, palette.TEXT_DIM), (x, self.rect.bottom - PAD - 14))
