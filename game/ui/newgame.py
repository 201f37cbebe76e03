"""New game: pick a scenario (with its briefing), the side to play and the difficulty.

"By e-mail" opens the play-by-e-mail setup (``pbem_setup``) for the scenario, starting from the
side chosen under "Play as".

The list holds every scenario under scenarios/ and the small test scenario. Only the
scenario's own file is read to show its briefing; the whole scenario is loaded and checked
when the player presses Start, and if it has problems they are listed in a dialog, each as
``file:line:col: field: message``, and the menu stays where it was.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pygame

from game.ui import palette
from game.ui.gui import (
    BUTTON_H,
    Button,
    Choice,
    ListView,
    MenuScreen,
    Row,
    chooser_click,
    chooser_key,
    draw_paragraphs,
    row_of_buttons,
    sync_difficulty,
)
from game.ui.palette import Color
from game.ui.session import DIFFICULTIES, ScenarioBrief, Session, mode_options
from game.ui.widgets import PAD

if TYPE_CHECKING:
    from game.ui.shell import Shell

MARGIN = 40


def paragraphs(text: str) -> list[str]:
    """YAML block text -> paragraphs: lines joined, blank lines kept as breaks."""
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


class NewGameScreen(MenuScreen):
    subtitle = "New game"

    def __init__(self, shell: Shell, briefs: list[ScenarioBrief]) -> None:
        super().__init__(shell.text)
        self.shell = shell
        self.briefs = briefs
        rows = [Row([b.name + ("  (test)" if b.is_test else ""), str(b.turns or "?")],
                    palette.TEXT_WARN if b.problem else palette.TEXT, b) for b in briefs]
        self.list = ListView([("Scenario", 5), ("Turns", 1)], rows)
        self.mode = Choice("Play as", [])
        self.difficulty = Choice("Computer difficulty", list(DIFFICULTIES), index=1)
        self.choices = [self.mode, self.difficulty]
        self.focus = 0  # which choice Left/Right change (Tab switches)
        self.buttons = [Button("Back", "back"), Button("Edit map", "edit"), Button("By e-mail", "pbem"),
                        Button("Start", "start", primary=True)]
        self.brief_rect = pygame.Rect(0, 0, 0, 0)
        self.scroll = 0
        self._brief_h = 0
        self._sync_modes()

    @property
    def brief(self) -> ScenarioBrief | None:
        row = self.list.current
        return row.data if row is not None else None

    def _sync_modes(self) -> None:
        """The Play-as options follow the selected scenario's sides (keeping the same kind of choice)."""
        b = self.brief
        names = [s.name for s in b.sides] if b is not None and b.sides else ["Side 1", "Side 2"]
        old = self.mode.value if self.mode.options else 0
        self.mode.options = mode_options(names)
        self.mode.index = 0
        self.mode.set_value(old)
        self.scroll = 0
        sync_difficulty(self)

    def session(self) -> Session:
        b = self.brief
        n = len(b.sides) if b is not None and b.sides else 2
        return Session.for_mode(self.mode.value, n, self.difficulty.value)

    def layout(self, area: pygame.Rect) -> None:
        w = area.w - 2 * MARGIN
        bottom = area.bottom - MARGIN
        strip_y = bottom - 2 * 48 + 8
        list_w = max(320, min(560, int(w * 0.36)))
        self.list.rect = pygame.Rect(MARGIN, area.y, list_w, strip_y - 24 - area.y)
        self.brief_rect = pygame.Rect(MARGIN + list_w + 24, area.y, w - list_w - 24, self.list.rect.h)
        button_w = 140
        choice_w = min(760, w - len(self.buttons) * (button_w + 12) - 24)  # the buttons sit right of the choices
        for i, c in enumerate(self.choices):
            c.rect = pygame.Rect(MARGIN, strip_y + i * 48, choice_w, 40)
        row_of_buttons(self.buttons, area.right - MARGIN, bottom - BUTTON_H - 4, width=button_w)

    def key(self, event: pygame.event.Event) -> bool:
        return chooser_key(self, event, "start")

    def click(self, pos: tuple[int, int]) -> bool:
        return chooser_click(self, pos, "start")

    def wheel(self, event: pygame.event.Event) -> None:
        if self.list.rect.collidepoint(self.mouse):
            self.list.handle(event)
        elif self.brief_rect.collidepoint(self.mouse):
            limit = max(0, self._brief_h - self.brief_rect.h + 2 * PAD)
            self.scroll = min(limit, max(0, self.scroll - 40 * event.y))

    def activate(self, action: str) -> None:
        if action == "back":
            self.shell.open_menu()
        elif action == "start" and self.brief is not None:
            self.shell.start_scenario(self.brief.path, self.session())
        elif action == "pbem" and self.brief is not None:
            self._play_by_email(self.brief)
        elif action == "edit" and self.brief is not None:
            self.shell.edit_scenario(self.brief.path)

    def _play_by_email(self, b: ScenarioBrief) -> None:
        """Play by e-mail against a person elsewhere: the setup screen, starting from the side under "Play as"."""
        from game.ui.pbem_setup import PbemSetupScreen

        if len(b.sides) != 2:
            self.shell.error("Play by e-mail", [f"{b.name} has {len(b.sides)} sides; play by e-mail needs two."])
            return
        side = self.mode.value if isinstance(self.mode.value, int) else 0
        self.shell.screen = PbemSetupScreen(self.shell, b, side)

    def body(self, surf: pygame.Surface) -> None:
        self.list.draw(surf, self.text, self.mouse, empty="No scenarios found")
        r = self.brief_rect
        pygame.draw.rect(surf, palette.shade(palette.PANEL, 0.8), r)
        pygame.draw.rect(surf, palette.PANEL_EDGE, r, 1)
        b = self.brief
        if b is not None:
            inner = r.inflate(-2 * PAD - 8, -2 * PAD)
            self._brief_h = draw_paragraphs(surf, self.text, self._brief_text(b), inner, self.scroll)
            if self._brief_h > inner.h:
                g = self.text.render("wheel: scroll the briefing", 14, palette.TEXT_DIM)
                surf.blit(g, g.get_rect(bottomright=(r.right - PAD, r.bottom + 18)))
        for i, c in enumerate(self.choices):
            c.draw(surf, self.text, self.mouse, focused=i == self.focus)
        tip = "Up/Down: scenario  ·  Left/Right: change  ·  Tab: next option  ·  Enter: start  ·  Esc: back"
        g = self.text.render(tip, 15, palette.TEXT_DIM)
        surf.blit(g, (MARGIN, self.choices[-1].rect.bottom + 8))

    def _brief_text(self, b: ScenarioBrief) -> list[tuple[str, int, Color, bool]]:
        out: list[tuple[str, int, Color, bool]] = [(b.name, 30, palette.TEXT, True)]
        facts = [_date(b.start_date), f"{b.turns} turns, one day each" if b.turns else "", str(b.path)]
        out.append(("  ·  ".join(f for f in facts if f), 16, palette.TEXT_DIM, False))
        if b.problem:
            out.append((b.problem, 18, palette.TEXT_WARN, False))
        out += [(p, 19, palette.TEXT, False) for p in paragraphs(b.briefing)]
        for side in b.sides:
            color = _side_color(side.color)
            out.append(("", 10, palette.TEXT, False))
            out.append((side.name, 22, color, True))
            out += [(p, 18, palette.TEXT_DIM, False) for p in paragraphs(side.briefing)]
        return out


def _side_color(text: str) -> Color:
    """A side's colour, lightened so the name reads on the dark panel; grey when the file has none."""
    try:
        return palette.shade(palette.parse_color(text), 1.35)
    except ValueError:
        return palette.TEXT


def _date(iso: str) -> str:
    """'1944-08-09' -> 'from 9 August 1944' (as written when it is not a date)."""
    try:
        d = dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"from {d.day} {d:%B %Y}"
