"""The game-over screen: the graded result, victory points, and charts of how the game went.

Shown when the engine reports ``GameOver`` (the last turn ended). The charts are drawn from
the turn summaries the map screen collected (``history``): men and tanks per side, victory
points and casualties (killed, wounded and captured, cumulative), turn by turn.
"""

from __future__ import annotations

from typing import Any

import pygame

from game.core.rules.victory import graded_result, victory_points
from game.core.state import GameState
from game.ui import palette
from game.ui.charts import Series, draw_line_chart
from game.ui.gui import BUTTON_H, Button, button_at, event_pos, is_click, row_of_buttons
from game.ui.text import Text
from game.ui.widgets import PAD

KEY_ACTIONS = {pygame.K_RETURN: "menu", pygame.K_KP_ENTER: "menu", pygame.K_ESCAPE: "map", pygame.K_q: "quit"}


class GameOverScreen:
    """Result and charts; reports "menu", "map" (look at the final map) or "quit"."""

    def __init__(self, state: GameState, turns: list[dict[str, Any]]) -> None:
        scn = state.scenario
        self.result = graded_result(state)
        self.vp = victory_points(state)
        self.sides = [(s.id, s.name, palette.parse_color(s.color)) for s in scn.sides]
        self.turns = turns
        self.scenario_name = scn.name
        self.last_date = f"{state.date.day} {state.date:%B %Y}"
        self.buttons = [Button("View the map", "map"), Button("Quit", "quit"),
                        Button("Main menu", "menu", primary=True)]
        self.mouse = (-1, -1)

    def handle(self, event: pygame.event.Event) -> str | None:
        if event.type == pygame.MOUSEMOTION:
            self.mouse = event_pos(event)
        elif event.type == pygame.KEYDOWN:
            return KEY_ACTIONS.get(event.key)
        elif is_click(event):
            b = button_at(self.buttons, event_pos(event))
            return b.action if b else None
        return None

    def series(self, key: str) -> list[Series]:
        """One line per side for ``key`` of the summaries ('men', 'tanks', 'victory_points', 'casualties')."""
        out = []
        for sid, name, color in self.sides:
            values = []
            for t in self.turns:
                v = t["sides"][sid][key]
                values.append(float(sum(v.values()) if isinstance(v, dict) else v))
            out.append(Series(name, color, values))
        return out

    def draw(self, surf: pygame.Surface, text: Text) -> None:
        w, h = surf.get_size()
        surf.fill(palette.BACKGROUND)
        y = 24
        g = text.render("GAME OVER", 22, palette.TEXT_DIM, bold=True)
        surf.blit(g, g.get_rect(midtop=(w // 2, y)))
        y += g.get_height() + 6
        g = text.render(self.result, 52, (240, 226, 190), bold=True)
        surf.blit(g, g.get_rect(midtop=(w // 2, y)))
        y += g.get_height() + 6
        g = text.render(f"{self.scenario_name} - ended {self.last_date}", 20, palette.TEXT_DIM)
        surf.blit(g, g.get_rect(midtop=(w // 2, y)))
        y += g.get_height() + 14
        y = self._draw_vp(surf, text, y, w)
        footer = h - PAD - BUTTON_H
        charts = pygame.Rect(PAD * 2, y + 12, w - 4 * PAD, footer - y - 24)
        labels = ["start" if t["turn"] == 0 else str(t["turn"]) for t in self.turns]
        specs = (("Men", "men"), ("Tanks", "tanks"), ("Victory points", "victory_points"),
                 ("Casualties (killed, wounded, captured)", "casualties"))
        cw, ch = (charts.w - PAD) // 2, (charts.h - PAD) // 2
        for k, (title, key) in enumerate(specs):
            r = pygame.Rect(charts.x + (k % 2) * (cw + PAD), charts.y + (k // 2) * (ch + PAD), cw, ch)
            draw_line_chart(surf, r, text, title, labels, self.series(key))
        row_of_buttons(self.buttons, w - 2 * PAD, footer, width=180)
        for b in self.buttons:
            b.draw(surf, text, self.mouse)
        tip = text.render("Turns along the bottom; 'start' is the opening position.", 15, palette.TEXT_DIM)
        surf.blit(tip, tip.get_rect(midleft=(2 * PAD, footer + BUTTON_H // 2)))

    def _draw_vp(self, surf: pygame.Surface, text: Text, y: int, w: int) -> int:
        """Each side's victory points, side by side under the result."""
        cells = []
        for (_, name, color), vp in zip(self.sides, self.vp, strict=True):
            cells.append((text.render(f"{vp} VP", 34, palette.TEXT, bold=True), text.render(name, 19, palette.TEXT),
                          color))
        total = sum(max(a.get_width(), b.get_width()) + 40 for a, b, _ in cells) + 40 * (len(cells) - 1)
        x = w // 2 - total // 2
        for big, small, color in cells:
            cw = max(big.get_width(), small.get_width()) + 40
            box = pygame.Rect(x, y, cw, big.get_height() + small.get_height() + 16)
            pygame.draw.rect(surf, palette.shade(color, 0.45), box, border_radius=8)
            pygame.draw.rect(surf, color, box, 2, border_radius=8)
            surf.blit(big, big.get_rect(midtop=(box.centerx, box.y + 6)))
            surf.blit(small, small.get_rect(midtop=(box.centerx, box.y + 8 + big.get_height())))
            x += cw + 40
        return y + big.get_height() + small.get_height() + 16 if cells else y
