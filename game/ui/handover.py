"""The hotseat hand-over screen: the map hidden until the next player is at the keyboard.

Two people share one screen; each may see only what their side sees. Between their phases
the whole window is covered by this screen, so the player who just moved cannot read the
other's map and the one taking over sees nothing before they say they are ready.
"""

from __future__ import annotations

import pygame

from game.core.state import GameState
from game.ui import palette
from game.ui.gui import BUTTON_H, Button, draw_backdrop
from game.ui.text import Text


def handover_button() -> Button:
    return Button("I am ready", "ready", primary=True, size=22)


def draw_handover(surf: pygame.Surface, text: Text, state: GameState, side: int, button: Button,
                  mouse: tuple[int, int]) -> None:
    """Cover everything; name the side to take over, the turn, and how to go on."""
    scn = state.scenario
    area = draw_backdrop(surf, text, scn.name)
    color = palette.parse_color(scn.sides[side].color)
    cx = area.centerx
    y = area.y + max(20, area.h // 6)
    g = text.render("Pass the keyboard to", 28, palette.TEXT_DIM)
    surf.blit(g, g.get_rect(midtop=(cx, y)))
    y += g.get_height() + 14
    name = text.render(scn.sides[side].name, 60, palette.TEXT, bold=True)
    band = name.get_rect(midtop=(cx, y)).inflate(60, 24)
    pygame.draw.rect(surf, palette.shade(color, 0.5), band, border_radius=10)
    pygame.draw.rect(surf, color, band, 3, border_radius=10)
    surf.blit(name, name.get_rect(center=band.center))
    y = band.bottom + 22
    date = state.date
    g = text.render(f"Turn {state.turn} of {scn.turns}, {date.day} {date:%B %Y}", 24, palette.TEXT)
    surf.blit(g, g.get_rect(midtop=(cx, y)))
    y += g.get_height() + 10
    g = text.render("The map stays hidden until you are ready, so the other player cannot see it.", 20,
                    palette.TEXT_DIM)
    surf.blit(g, g.get_rect(midtop=(cx, y)))
    y += g.get_height() + 34
    button.rect = pygame.Rect(0, 0, 260, BUTTON_H + 12)
    button.rect.midtop = (cx, y)
    button.draw(surf, text, mouse)
    g = text.render("or press Enter", 17, palette.TEXT_DIM)
    surf.blit(g, g.get_rect(midtop=(cx, button.rect.bottom + 10)))
