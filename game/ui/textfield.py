"""A one-line text field for the menus: click or Tab to focus, type, Backspace; nothing more.

The menus had only choices to cycle through; a play-by-e-mail game wants a name and a folder
typed in. Keys reach the field only while it has the focus, so the screen's own keys still work.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pygame

from game.ui import palette
from game.ui.text import Text

MAX_CHARS = 300


@dataclass
class TextField:
    label: str
    value: str = ""
    rect: pygame.Rect = field(default_factory=lambda: pygame.Rect(0, 0, 0, 0))
    label_w: int = 220
    max_chars: int = MAX_CHARS

    def box(self) -> pygame.Rect:
        return pygame.Rect(self.rect.x + self.label_w, self.rect.y, self.rect.w - self.label_w, self.rect.h)

    def key(self, event: pygame.event.Event) -> bool:
        """Backspace deletes, printable characters are typed; True when the key was the field's."""
        if event.key == pygame.K_BACKSPACE:
            self.value = self.value[:-1]
            return True
        ch = getattr(event, "unicode", "")
        if ch and ch.isprintable() and len(self.value) < self.max_chars:
            self.value += ch
            return True
        return False

    def draw(self, surf: pygame.Surface, text: Text, focused: bool) -> None:
        label = text.render(self.label, 19, palette.TEXT if focused else palette.TEXT_DIM, bold=focused)
        surf.blit(label, label.get_rect(midleft=(self.rect.x, self.rect.centery)))
        box = self.box()
        pygame.draw.rect(surf, palette.shade(palette.PANEL, 1.25 if focused else 1.1), box, border_radius=5)
        pygame.draw.rect(surf, palette.SELECTED if focused else palette.PANEL_EDGE, box, 1, border_radius=5)
        shown = self.value + ("|" if focused else "")
        while shown and text.render(shown, 19, palette.TEXT).get_width() > box.w - 20:
            shown = shown[1:]  # a long path shows its end, where the typing is
        g = text.render(shown, 19, palette.TEXT)
        surf.blit(g, g.get_rect(midleft=(box.x + 10, box.centery)))
