"""New game -> By e-mail: name the game, choose your side and the folder your turn files go to.

Create writes the invitation there (``pbem_games.start``) and says what to do with it; the
folder defaults to ``<saves>/pbem/outbox``. Tab moves between the fields, Enter creates, Esc goes
back to the New game screen.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.ui import palette
from game.ui.gui import BUTTON_H, Button, Choice, MenuScreen, row_of_buttons
from game.ui.pbem_games import outbox, start
from game.ui.textfield import TextField

if TYPE_CHECKING:
    from game.ui.session import ScenarioBrief
    from game.ui.shell import Shell

MARGIN = 40


class PbemSetupScreen(MenuScreen):
    subtitle = "Play by e-mail"

    def __init__(self, shell: Shell, brief: ScenarioBrief, side: int = 0) -> None:
        super().__init__(shell.text)
        self.shell = shell
        self.brief = brief
        self.name = TextField("Game name", f"{brief.path.name}-{dt.datetime.now():%m%d-%H%M}")
        self.side = Choice("You play", [(i, s.name) for i, s in enumerate(brief.sides)], index=side)
        self.folder = TextField("Turn files folder", str(outbox(shell.saves_dir)))
        self.fields: list[TextField | Choice] = [self.name, self.side, self.folder]
        self.focus = 0
        self.buttons = [Button("Back", "back"), Button("Create", "create", primary=True)]

    def layout(self, area: pygame.Rect) -> None:
        w = min(1100, area.w - 2 * MARGIN)
        for i, f in enumerate(self.fields):
            f.rect = pygame.Rect(area.centerx - w // 2, area.y + 90 + i * 56, w, 42)
        row_of_buttons(self.buttons, area.right - MARGIN, area.bottom - MARGIN - BUTTON_H - 4, width=170)

    def key(self, event: pygame.event.Event) -> bool:
        k = event.key
        if k == pygame.K_TAB:
            self.focus = (self.focus + 1) % len(self.fields)
            return True
        if k in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.activate("create")
            return True
        f = self.fields[self.focus]
        if isinstance(f, Choice):
            if k in (pygame.K_LEFT, pygame.K_RIGHT):
                f.step(-1 if k == pygame.K_LEFT else 1)
                return True
            return False
        return f.key(event)

    def click(self, pos: tuple[int, int]) -> bool:
        """A click on a field focuses it (and on the side's value box steps it)."""
        hit = next((i for i, f in enumerate(self.fields) if f.rect.collidepoint(pos)), None)
        if hit is not None:
            self.focus = hit
            field = self.fields[hit]
            _ = isinstance(field, Choice) and field.click(pos)
        return hit is not None

    def activate(self, action: str) -> None:
        if action == "back":
            self.shell.open_new_game()
        elif action == "create":
            name, where = self.name.value.strip(), self.folder.value.strip()
            if not name or not where:
                self.shell.error("Play by e-mail", ["Give the game a name and the folder for your turn files."])
                return
            start(self.shell, self.brief.path, self.side.value, [s.id for s in self.brief.sides], name,
                  Path(where).expanduser())

    def body(self, surf: pygame.Surface) -> None:
        head = self.text.render(self.text.fit(f"{self.brief.name}: a game against a player elsewhere", 22,
                                              self.area.w - 2 * MARGIN), 22, palette.TEXT, bold=True)
        surf.blit(head, head.get_rect(midtop=(self.area.centerx, self.area.y + 20)))
        for i, f in enumerate(self.fields):
            if isinstance(f, Choice):
                f.draw(surf, self.text, self.mouse, focused=i == self.focus)
            else:
                f.draw(surf, self.text, focused=i == self.focus)
        lines = ["Create writes the invitation into the folder: send it to your opponent by any means.",
                 "Their answer, and every turn file after it, opens from Load game (or drop it on the window).",
                 "Tab: next field  ·  Left/Right: side  ·  Enter: create  ·  Esc: back"]
        y = self.fields[-1].rect.bottom + 30
        for line in lines:
            g = self.text.render(line, 16, palette.TEXT_DIM)
            surf.blit(g, (self.fields[0].rect.x, y))
            y += g.get_height() + 6
