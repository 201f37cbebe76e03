"""The order-of-battle browser: front, army, corps, unit; click a unit to find it on the map.

With some 300 units on a 106 x 88 map, "where is the 6th Guards Tank Army?" is a real
question. The browser lists one side's formation tree (``Scenario.formations`` and each
unit's ``parent``), folds and unfolds formations on a click, shows men on the map under each,
and hands a clicked unit back to the map screen, which selects it and centres on it. Only the
side the player plays is listed: the enemy's order of battle is behind the fog of war.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pygame

from game.core.state import GameState, Scenario
from game.core.units import OFF_MAP
from game.ui import palette
from game.ui.counterfacts import strength_label
from game.ui.text import Text
from game.ui.widgets import PAD, TITLE_H, draw_box

ROW_H = 24
WIDTH = 440
INDEPENDENT = "__independent__"


@dataclass(frozen=True)
class OobRow:
    depth: int
    kind: str  # "formation" or "unit"
    key: str | int  # formation id, or unit index
    label: str


class OrderOfBattlePanel:
    def __init__(self, scenario: Scenario, side: int) -> None:
        self.scenario = scenario
        self.side = side
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.switch_rect = pygame.Rect(0, 0, 0, 0)
        self.scroll = 0
        self._rows: list[tuple[pygame.Rect, OobRow]] = []
        names = {f.id for f in scenario.formations}
        self.children: dict[str, list[str]] = {}
        self.units: dict[str, list[int]] = {}
        for f in scenario.formations:
            parent = f.parent if f.parent in names else None
            self.children.setdefault(parent or "", []).append(f.id)
        for u, info in enumerate(scenario.units):
            self.units.setdefault(info.parent if info.parent in names else INDEPENDENT, []).append(u)
        self.formation = {f.id: f for f in scenario.formations}
        self.under = {f.id: np.array([u for u in range(len(scenario.units)) if f.id in scenario.unit_formations[u]],
                                     dtype=np.int64) for f in scenario.formations}
        self.expanded: set[str] = set(self._roots())  # fronts open, armies folded: a readable first view

    def _roots(self) -> list[str]:
        roots = [f for f in self.children.get("", []) if self.formation[f].side == self.side]
        if any(self.scenario.units[u].side == self.side for u in self.units.get(INDEPENDENT, [])):
            roots.append(INDEPENDENT)
        return roots

    def set_side(self, side: int) -> None:
        if side != self.side:
            self.side = side
            self.scroll = 0
            self.expanded = set(self._roots())

    def rows(self, state: GameState) -> list[OobRow]:
        """The tree, unfolded where the player unfolded it, in scenario order."""
        out: list[OobRow] = []

        def add(fid: str, depth: int) -> None:
            if fid == INDEPENDENT:
                out.append(OobRow(depth, "formation", fid, f"{'-' if fid in self.expanded else '+'} Independent units"))
            else:
                f = self.formation[fid]
                units = self.under[fid]
                on = units[state.unit_hex[units] != OFF_MAP] if units.size else units
                men = int(state.unit_men[on].sum()) if on.size else 0
                sign = "-" if fid in self.expanded else "+"
                out.append(OobRow(depth, "formation", fid,
                                  f"{sign} {f.name} ({f.size})  {len(on)} units, {men:,} men"))
            if fid not in self.expanded:
                return
            for child in self.children.get(fid, []) if fid != INDEPENDENT else []:
                add(child, depth + 1)
            for u in self.units.get(fid, []):
                if self.scenario.units[u].side != self.side:
                    continue
                info = self.scenario.units[u]
                where = "" if state.unit_hex[u] != OFF_MAP else "  (not on the map)"
                label = f"{info.name} ({info.type.size})  {strength_label(int(state.unit_men[u]))}k{where}"
                out.append(OobRow(depth + 1, "unit", u, label))

        for root in self._roots():
            add(root, 0)
        return out

    def scroll_by(self, steps: int) -> None:
        self.scroll = max(0, self.scroll - steps * 3)

    def click(self, pos: tuple[int, int]) -> int | str | None:
        """A unit index to find on the map, 'switch' for the side switch, else None (a fold may change)."""
        if self.switch_rect.collidepoint(pos):
            return "switch"
        for rect, row in self._rows:
            if rect.collidepoint(pos):
                if row.kind == "unit":
                    return int(row.key)
                key = str(row.key)
                self.expanded ^= {key}
                return None
        return None

    def draw(self, surf: pygame.Surface, area: pygame.Rect, text: Text, state: GameState, mouse: tuple[int, int],
             can_switch: bool) -> None:
        width = min(WIDTH, area.w - 2 * PAD)
        self.rect = pygame.Rect(area.x + PAD, area.y + PAD, width, area.h - 2 * PAD)
        side = self.scenario.sides[self.side]
        inner = draw_box(surf, self.rect, text, f"Order of battle: {side.name}", palette.parse_color(side.color))
        self.switch_rect = pygame.Rect(0, 0, 0, 0)
        if can_switch:
            g = text.render("other side", 15, palette.SELECTED)
            self.switch_rect = g.get_rect(midright=(self.rect.right - PAD, self.rect.y + TITLE_H // 2)).inflate(8, 4)
            surf.blit(g, g.get_rect(center=self.switch_rect.center))
        rows = self.rows(state)
        tip_h = 24
        view = pygame.Rect(inner.x, inner.y + 4, inner.w, inner.h - 4 - tip_h)
        n = max(1, view.h // ROW_H)
        self.scroll = min(self.scroll, max(0, len(rows) - n))
        self._rows = []
        clip = surf.get_clip()
        surf.set_clip(view)
        for i, row in enumerate(rows[self.scroll: self.scroll + n]):
            r = pygame.Rect(view.x, view.y + i * ROW_H, view.w, ROW_H)
            if r.collidepoint(mouse):
                pygame.draw.rect(surf, palette.shade(palette.PANEL, 1.4), r)
            x = r.x + PAD + row.depth * 18
            if row.kind == "unit":
                color = palette.TEXT if "not on the map" not in row.label else palette.TEXT_DIM
                size, bold = 16, False
                pygame.draw.rect(surf, palette.parse_color(side.color), (x, r.centery - 5, 10, 10))
                x += 16
            else:
                color, size, bold = (palette.TEXT, 17, True) if row.depth == 0 else (palette.TEXT, 17, False)
            g = text.render(text.fit(row.label, size, r.right - x - PAD, bold=bold), size, color, bold=bold)
            surf.blit(g, g.get_rect(midleft=(x, r.centery)))
            self._rows.append((r, row))
        surf.set_clip(clip)
        if len(rows) > n:
            track = pygame.Rect(view.right - 5, view.y, 4, view.h)
            th = max(16, track.h * n // len(rows))
            ty = track.y + (track.h - th) * self.scroll // max(1, len(rows) - n)
            pygame.draw.rect(surf, palette.TEXT_DIM, (track.x, ty, 4, th), border_radius=2)
        tip = text.render("click + to unfold, a unit to find it  ·  wheel: scroll  ·  O or Esc: close", 14,
                          palette.TEXT_DIM)
        surf.blit(tip, (inner.x + PAD, self.rect.bottom - tip_h + 4))
