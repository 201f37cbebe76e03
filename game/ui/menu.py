"""The main menu: New game, Load game, Settings, Quit.

Four big buttons in a column; Up/Down and Enter work as well as the mouse, and the first
letter of each is a shortcut (N, L, S, Q).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.ui import palette
from game.ui.gui import Button, MenuScreen

if TYPE_CHECKING:
    from game.ui.shell import Shell

ITEMS = (("New game", "new"), ("Load game", "load"), ("Settings", "settings"), ("Quit", "quit"))
SHORTCUTS = {pygame.K_n: "new", pygame.K_l: "load", pygame.K_s: "settings", pygame.K_q: "quit"}


class MainMenu(MenuScreen):
    back = "quit"

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell.text)
        self.shell = shell
        self.buttons = [Button(label, action, primary=action == "new", size=24) for label, action in ITEMS]
        self.focus = 0

    def layout(self, area: pygame.Rect) -> None:
        w, h = 340, 58
        top = area.y + max(10, (area.h - len(self.buttons) * (h + 16)) // 3)
        for i, b in enumerate(self.buttons):
            b.rect = pygame.Rect(0, 0, w, h)
            b.rect.midtop = (area.centerx, top + i * (h + 16))

    def key(self, event: pygame.event.Event) -> bool:
        k = event.key
        if k in (pygame.K_UP, pygame.K_DOWN):
            self.focus = (self.focus + (1 if k == pygame.K_DOWN else -1)) % len(self.buttons)
            return True
        if k in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            self.activate(self.buttons[self.focus].action)
            return True
        if k in SHORTCUTS:
            self.activate(SHORTCUTS[k])
            return True
        return False

    def activate(self, action: str) -> None:
        if action == "new":
            self.shell.open_new_game()
        elif action == "load":
            self.shell.open_load()
        elif action == "settings":
            self.shell.open_settings()
        elif action == "quit":
            self.shell.quit()

    def body(self, surf: pygame.Surface) -> None:
        focused = self.buttons[self.focus].rect
        pygame.draw.rect(surf, palette.SELECTED, focused.inflate(8, 8), 2, border_radius=8)
        last = self.buttons[-1].rect
        tips = ("Up/Down and Enter, or N, L, S, Q",
                f"Saves: {self.shell.saves_dir}")
        y = last.bottom + 40
        for tip in tips:
            g = self.text.render(tip, 16, palette.TEXT_DIM)
            surf.blit(g, g.get_rect(midtop=(self.area.centerx, y)))
            y += g.get_height() + 6
