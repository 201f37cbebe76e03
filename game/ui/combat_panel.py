"""The attack preview panel and the result box that follows an attack.

The panel is view state only: the target hex, the units the player has chosen and the
engine's ``preview`` for them (which changes nothing, not even the RNG). Confirming hands an
``Attack`` order back to the App, which passes it to ``engine.apply`` like any other order.
The body is rendered once per preview into a surface and scrolled; per frame it is a blit.
"""

from __future__ import annotations

import pygame

from game.core.events import Combat
from game.core.hexgrid import Hex
from game.core.orders import Attack, IllegalOrder
from game.core.rules.battle import CombatPreview, preview
from game.core.state import GameState
from game.ui import combat_info as ci
from game.ui import palette
from game.ui.text import Text
from game.ui.widgets import PAD, draw_box, draw_button, heading, percent_color, put

WIDTH = 860
ACCENT = (200, 90, 60)
ROW = 22
CELL_H = 38
BUTTON_W, BUTTON_H = 150, 32

Action = str | int  # "attack", "cancel", or a unit index to add or remove


class AttackPanel:
    """An attack being prepared against one hex."""

    def __init__(self, state: GameState, target: Hex, first: int) -> None:
        self.target = target
        self.attackers: list[int] = [first]
        self.preview: CombatPreview | None = None
        self.error = ""
        self.scroll = 0
        self.rect = pygame.Rect(0, 0, 0, 0)
        self._body: pygame.Surface | None = None
        self._body_hits: list[tuple[pygame.Rect, Action]] = []
        self._hits: list[tuple[pygame.Rect, Action]] = []
        self._view = pygame.Rect(0, 0, 0, 0)
        self.refresh(state)

    # --- what is shown -------------------------------------------------------------------
    def order(self, state: GameState) -> Attack:
        scn = state.scenario
        return Attack(tuple(scn.units[u].id for u in self.attackers), self.target)

    def refresh(self, state: GameState) -> None:
        """Ask the engine for the preview of the current choice (or why it is not allowed)."""
        self._body = None
        self.preview, self.error = None, ""
        if not self.attackers:
            self.error = "Choose at least one attacking unit"
            return
        try:
            self.preview = preview(state, self.order(state))
        except IllegalOrder as exc:
            self.error = str(exc)

    def toggle(self, state: GameState, unit: int) -> None:
        """Add or remove an attacker; the preview follows."""
        if unit in self.attackers:
            self.attackers.remove(unit)
        else:
            self.attackers.append(unit)
        self.refresh(state)

    # --- input ---------------------------------------------------------------------------
    def click(self, pos: tuple[int, int]) -> Action | None:
        """What a click at ``pos`` (inside the panel) means."""
        for rect, action in self._hits:
            if rect.collidepoint(pos):
                return action
        if self._view.collidepoint(pos):
            bx, by = pos[0] - self._view.x, pos[1] - self._view.y + self.scroll
            for rect, action in self._body_hits:
                if rect.collidepoint(bx, by):
                    return action
        return None

    def scroll_by(self, steps: int) -> None:
        """Mouse wheel over the panel: ``steps`` > 0 scrolls up."""
        self.scroll -= steps * 3 * ROW

    # --- drawing -------------------------------------------------------------------------
    def draw(self, surf: pygame.Surface, area: pygame.Rect, state: GameState, text: Text, anchor_x: float,
             mouse: tuple[int, int]) -> None:
        """Draw over the map ``area``, on the side away from the target hex (screen x ``anchor_x``)."""
        width = min(WIDTH, area.w - 2 * PAD)
        if self._body is None or self._body.get_width() != width:
            self._body, self._body_hits = _render_body(state, self, text, width)
        footer_h = BUTTON_H + 2 * PAD + (len(self._error_lines(text, width)) * 20)
        height = min(area.h - 2 * PAD, 30 + self._body.get_height() + footer_h + 4)
        x = area.right - width - PAD if anchor_x < area.centerx else area.x + PAD
        self.rect = pygame.Rect(x, area.y + PAD, width, height)
        names = ", ".join(state.scenario.units[u].name for u in ci.defenders_at(state, self.target))
        inner = draw_box(surf, self.rect, text, f"Attack on ({self.target[0]},{self.target[1]}): {names}", ACCENT)
        self._view = pygame.Rect(inner.x, inner.y, inner.w, inner.h - footer_h)
        self.scroll = max(0, min(self.scroll, self._body.get_height() - self._view.h))
        surf.blit(self._body, self._view.topleft, pygame.Rect(0, self.scroll, self._view.w, self._view.h))
        self._draw_scrollbar(surf)
        self._draw_footer(surf, text, pygame.Rect(inner.x, self._view.bottom, inner.w, footer_h), mouse)

    def _error_lines(self, text: Text, width: int) -> list[str]:
        return text.wrap(self.error, 17, width - 2 * PAD)[:3] if self.error else []

    def _draw_scrollbar(self, surf: pygame.Surface) -> None:
        assert self._body is not None
        full, view = self._body.get_height(), self._view.h
        if full <= view:
            return
        track = pygame.Rect(self._view.right - 6, self._view.y + 2, 4, view - 4)
        knob_h = max(20, track.h * view // full)
        knob_y = track.y + (track.h - knob_h) * self.scroll // max(1, full - view)
        pygame.draw.rect(surf, palette.PANEL_EDGE, track, border_radius=2)
        pygame.draw.rect(surf, palette.TEXT_DIM, (track.x, knob_y, track.w, knob_h), border_radius=2)

    def _draw_footer(self, surf: pygame.Surface, text: Text, r: pygame.Rect, mouse: tuple[int, int]) -> None:
        pygame.draw.line(surf, palette.PANEL_EDGE, (r.x + PAD, r.y), (r.right - PAD, r.y))
        y = r.y + 6
        for line in self._error_lines(text, r.w):
            y += put(surf, text, line, (r.x + PAD, y), 17, palette.TEXT_WARN) + 2
        attack = pygame.Rect(0, 0, BUTTON_W, BUTTON_H)
        attack.bottomright = (r.right - PAD - BUTTON_W - 10, r.bottom - PAD)
        cancel = attack.move(BUTTON_W + 10, 0)
        draw_button(surf, attack, text, "Attack (Enter)", self.preview is not None, mouse, (160, 70, 50))
        draw_button(surf, cancel, text, "Cancel (Esc)", True, mouse)
        self._hits = [(attack, "attack"), (cancel, "cancel")]
        assert self._body is not None
        if self._body.get_height() > self._view.h:
            put(surf, text, "Wheel: scroll", (r.x + PAD, attack.centery - 8), 15, palette.TEXT_DIM)


# --- the body: rendered once per preview --------------------------------------------------------
Hits = list[tuple[pygame.Rect, Action]]


def _render_body(state: GameState, panel: AttackPanel, text: Text, width: int) -> tuple[pygame.Surface, Hits]:
    scratch = pygame.Surface((width, 4000), pygame.SRCALPHA)
    hits: Hits = []
    col = (width - 3 * PAD) // 2 if panel.preview is not None else width - 2 * PAD  # no preview: one wide column
    left = _left_column(scratch, state, panel, text, PAD, col, hits)
    right = PAD
    if panel.preview is not None:
        right = _right_column(scratch, state, panel.preview, text, 2 * PAD + col, col)
    y = max(left, right) + 6
    if panel.preview is not None:
        y = _full_width(scratch, state, panel, panel.preview, text, y, width - 2 * PAD)
    body = pygame.Surface((width, y + PAD), pygame.SRCALPHA)
    body.blit(scratch, (0, 0))
    return body, hits


def _left_column(surf: pygame.Surface, state: GameState, panel: AttackPanel, text: Text, x: int, w: int,
                 hits: Hits) -> int:
    y = heading(surf, text, "Attackers", x, 8, w)
    y += put(surf, text, "Click to add or remove; or Shift+click on the map", (x, y), 15, palette.TEXT_DIM) + 4
    for c in ci.candidates(state, panel.target):
        row = pygame.Rect(x, y, w, ROW)
        _checkbox(surf, row, c.unit in panel.attackers)
        color = palette.TEXT if not c.why_not else palette.TEXT_DIM
        name_w = (w - 22) * 11 // 20
        put(surf, text, c.name, (x + 22, y + 3), 17, color, width=name_w, bold=c.unit in panel.attackers)
        detail = c.why_not or f"{c.men:,} men"
        put(surf, text, detail, (x + w, y + 4), 15, palette.TEXT_WARN if c.why_not else palette.TEXT_DIM,
            align="right", width=w - 30 - name_w)
        hits.append((row, c.unit))
        y += ROW
    p = panel.preview
    if p is None:
        return y
    y = heading(surf, text, "Engagement", x, y + 10, w)
    light = "night" if p.night else "day"
    y += put(surf, text, f"Range {p.range_m:,.0f} m, {light}", (x, y), 17, palette.TEXT) + 3
    y += put(surf, text, f"Defender hit on its {p.facing} armour", (x, y), 17, palette.TEXT) + 3
    for u in ci.defenders_at(state, panel.target):
        unit = state.scenario.units[u]
        y += put(surf, text, f"Defends: {unit.name} ({int(state.unit_men[u]):,} men)", (x, y), 17,
                 palette.TEXT_DIM, width=w) + 3
    y = heading(surf, text, "Likely result", x, y + 8, w)
    good = p.likely_result != "defender holds"
    y += put(surf, text, p.likely_result.capitalize(), (x, y), 22, palette.TEXT_GOOD if good else palette.TEXT_WARN,
             bold=True) + 3
    for lost in ci.loss_headline(state, p, panel.attackers, ci.defenders_at(state, panel.target)):
        for part in text.wrap(lost, 16, w):
            y += put(surf, text, part, (x, y), 16, palette.TEXT, width=w) + 3
    return _modifiers(surf, text, p, x, y + 10, w)


def _checkbox(surf: pygame.Surface, row: pygame.Rect, on: bool) -> None:
    box = pygame.Rect(row.x, row.y + 4, 14, 14)
    pygame.draw.rect(surf, palette.PANEL_EDGE, box, 1)
    if on:
        pygame.draw.rect(surf, palette.SELECTED, box.inflate(-4, -4))


def _right_column(surf: pygame.Surface, state: GameState, p: CombatPreview, text: Text, x: int, w: int) -> int:
    """Expected losses, men then every equipment type, both sides (the long list gets its own column)."""
    y = heading(surf, text, "Expected losses", x, 8, w)
    name_w = w - 2 * 80
    put(surf, text, "Attacker", (x + name_w + 80, y), 15, palette.TEXT_DIM, align="right", bold=True)
    y += put(surf, text, "Defender", (x + w, y), 15, palette.TEXT_DIM, align="right", bold=True) + 2
    for name, a, d in ci.loss_rows(state, p):
        put(surf, text, name, (x, y), 17, palette.TEXT, width=name_w - 6)
        put(surf, text, a, (x + name_w + 80, y), 17, palette.TEXT, align="right")
        y += put(surf, text, d, (x + w, y), 17, palette.TEXT, align="right") + 3
    return y


def _modifiers(surf: pygame.Surface, text: Text, p: CombatPreview, x: int, y: int, w: int) -> int:
    """Every modifier: name, multiplier (green when it helps you, red when it hurts), whose."""
    y = heading(surf, text, "Modifiers", x, y, w)
    for name, value, side in ci.modifier_rows(p):
        helps = ci.modifier_favours_attacker(value, side)
        color = palette.TEXT_DIM if helps is None else palette.TEXT_GOOD if helps else palette.TEXT_WARN
        put(surf, text, name, (x, y), 17, color if helps is not None else palette.TEXT, width=w - 150)
        put(surf, text, f"×{value:.2f}", (x + w - 86, y), 17, color, align="right", bold=helps is not None)
        y += put(surf, text, side.capitalize(), (x + w, y), 15, palette.TEXT_DIM, align="right") + 3
    return y


def _full_width(surf: pygame.Surface, state: GameState, panel: AttackPanel, p: CombatPreview, text: Text,
                y: int, w: int) -> int:
    defenders = ci.defenders_at(state, panel.target)
    mine = ci.pen_table(state, p.attacker_guns, ci.armored_types(state, defenders), panel.attackers)
    facing = mine.facing or p.facing
    title = f"Penetration: your guns against their armour ({facing}, {p.range_m:,.0f} m)"
    y = heading(surf, text, title, PAD, y + 4, w)
    y = _pen_table(surf, text, mine, PAD, y, w, good_when_high=True, shooter="your", target="their",
                   range_m=p.range_m)
    theirs = ci.pen_table(state, p.defender_guns, ci.armored_types(state, panel.attackers), defenders)
    title = f"Penetration: their guns against your armour ({theirs.facing or 'front'}, {p.range_m:,.0f} m)"
    y = heading(surf, text, title, PAD, y + 10, w)
    y = _pen_table(surf, text, theirs, PAD, y, w, good_when_high=False, shooter="their", target="your",
                   range_m=p.range_m)
    lines = ci.assault_lines(p)
    if lines:
        y = heading(surf, text, "Close assault (lunge mines, satchel charges)", PAD, y + 10, w)
        for line in lines:
            for part in text.wrap(line, 17, w):
                y += put(surf, text, part, (PAD, y), 17, palette.TEXT) + 2
    return y


def _pen_table(surf: pygame.Surface, text: Text, t: ci.PenTable, x: int, y: int, w: int, *,
               good_when_high: bool, shooter: str, target: str, range_m: float) -> int:
    """The matrix, or one line saying why there is none (no armour to shoot at, or no gun that reaches)."""
    if not t.columns:
        msg = f"No armoured vehicles on {target} side: {shooter} fire is HE and small arms"
        return y + put(surf, text, msg.capitalize(), (x, y), 16, palette.TEXT_DIM)
    if not t.rows:
        msg = f"None of {shooter} guns can reach {target} armour at {range_m:,.0f} m"
        return y + put(surf, text, msg, (x, y), 16, palette.TEXT_DIM)
    label_w = min(300, max(text.size_of(r, 16)[0] for r in t.rows) + 12)
    cell_w = max(84, min(170, max(text.size_of(c, 15, bold=True)[0] for c in t.columns) + 12))
    cell_w = max(84, min(cell_w, (w - 160) // len(t.columns)))  # many types: narrower cells, cut headers
    label_w = max(160, min(label_w, w - cell_w * len(t.columns)))
    for k, name in enumerate(t.columns):
        cx = x + label_w + k * cell_w + cell_w // 2
        put(surf, text, name, (cx, y), 15, palette.TEXT, bold=True, align="center", width=cell_w - 6)
    y += 20
    for r, label in enumerate(t.rows):
        put(surf, text, label, (x, y + CELL_H // 2 - 8), 16, palette.TEXT, width=label_w - 8)
        for k, cell in enumerate(t.cells[r]):
            _pen_cell(surf, text, cell, pygame.Rect(x + label_w + k * cell_w, y, cell_w - 4, CELL_H - 4),
                      good_when_high)
        y += CELL_H
    return y


def _pen_cell(surf: pygame.Surface, text: Text, cell: ci.PenCell | None, r: pygame.Rect,
              good_when_high: bool) -> None:
    if cell is None:
        pygame.draw.rect(surf, palette.BACKGROUND, r, border_radius=3)
        put(surf, text, "–", (r.centerx, r.y + 10), 16, palette.TEXT_DIM, align="center")
        return
    color = percent_color(cell.percent, good_when_high)
    pygame.draw.rect(surf, palette.mix(palette.BACKGROUND, color, 0.22), r, border_radius=3)
    put(surf, text, f"{cell.percent}%", (r.centerx, r.y + 2), 18, color, bold=True, align="center")
    put(surf, text, f"{cell.pen_mm:.0f} / {cell.armor_mm:.0f} mm", (r.centerx, r.y + 19), 14, palette.TEXT_DIM,
        align="center")


# --- after the attack ---------------------------------------------------------------------------
class ResultBox:
    """What an attack did, until the player clicks or presses a key."""

    def __init__(self, state: GameState, combat: Combat) -> None:
        self.combat = combat
        self.lines = ci.combat_result_lines(state, combat)
        self.rect = pygame.Rect(0, 0, 0, 0)

    def draw(self, surf: pygame.Surface, area: pygame.Rect, text: Text, anchor_x: float) -> None:
        width = min(520, area.w - 2 * PAD)
        label_w = 120
        wrapped = [(label, text.wrap(value, 17, width - label_w - 2 * PAD)) for label, value in self.lines]
        line_h = text.size_of("Ag", 17)[1] + 2
        height = 30 + 8 + sum(line_h * len(parts) + 4 for _, parts in wrapped) + 28 + PAD  # room under the last line
        x = area.right - width - PAD if anchor_x < area.centerx else area.x + PAD
        self.rect = pygame.Rect(x, area.y + PAD, width, height)
        c = self.combat
        good = c.result != "held"
        title = f"Attack on ({c.target[0]},{c.target[1]}): {ci.RESULT_WORDS.get(c.result, c.result).lower()}"
        inner = draw_box(surf, self.rect, text, title, palette.TEXT_GOOD if good else ACCENT)
        y = inner.y + 6
        for label, parts in wrapped:
            put(surf, text, label, (inner.x + PAD, y + 1), 15, palette.TEXT_DIM, bold=True)
            for part in parts:
                y += put(surf, text, part, (inner.x + PAD + label_w, y), 17, palette.TEXT) + 2
            y += 4
        put(surf, text, "Click or press Esc to close", (inner.x + PAD, y + 2), 15, palette.TEXT_DIM)

