"""Settings: resolution, fullscreen, UI scale, scroll speed, animation speed, watching scenario files.

Each setting is a row of choices (Left/Right or a click cycles). Save writes them to
settings.json atomically and applies them at once; Back leaves them as they were.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

import pygame

from game.ui import palette
from game.ui.gui import BUTTON_H, Button, Choice, MenuScreen, row_of_buttons
from game.ui.settings import (
    ANIMATION_SPEEDS,
    PHASE_BUDGETS,
    RESOLUTIONS,
    SCROLL_SPEEDS,
    UI_SCALES,
    VOLUMES,
    Settings,
    nearest_index,
)

if TYPE_CHECKING:
    from game.ui.shell import Shell

ROW = 54
HELP = {
    "Window size": "The window's size when not fullscreen (it can also be resized by dragging).",
    "Fullscreen": "Use the whole screen at its own resolution.",
    "UI scale": "Everything larger or smaller: text, panels, counters and the map together.",
    "Scroll speed": "How far the arrow keys move the map.",
    "Animation speed": "How fast the other side's moves and combats are played back (Space skips them).",
    "Computer phases": "How long the computer's phase plays back on the map (Space skips it at any time).",
    "End-phase warning": "Ask before ending a phase while units can still move or attack.",
    "First-turn guide": "A short page on the first turn of a scenario: night, held-back units, objectives, attacks.",
    "Sound volume": "How loud the effects are: a move, a combat, a new phase, the end of the game.",
    "Sound": "Mute every sound effect.",
    "Watch scenario files": "For designers: reload the scenario when its YAML files change (Ctrl+R reloads by hand).",
}


def _options(pairs: tuple[tuple[Any, str], ...], value: Any) -> tuple[list[tuple[Any, str]], int]:
    """The choices, with a hand-edited value that is not among them added so it is kept as it is."""
    opts = list(pairs)
    if all(v != value for v, _ in opts):
        label = f"{value[0]} x {value[1]}" if isinstance(value, tuple) else f"{value:g}"
        opts.append((value, f"{label} (from the file)"))
        return opts, len(opts) - 1
    return opts, nearest_index(pairs, value)


class SettingsScreen(MenuScreen):
    subtitle = "Settings"

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell.text)
        self.shell = shell
        s = shell.settings
        self.rows: list[tuple[str, Choice]] = []
        for field, label, pairs, value in (
            ("resolution", "Window size", RESOLUTIONS, s.resolution),
            ("fullscreen", "Fullscreen", ((False, "Off"), (True, "On")), s.fullscreen),
            ("ui_scale", "UI scale", UI_SCALES, s.ui_scale),
            ("scroll_speed", "Scroll speed", SCROLL_SPEEDS, s.scroll_speed),
            ("animation_speed", "Animation speed", ANIMATION_SPEEDS, s.animation_speed),
            ("phase_budget_s", "Computer phases", PHASE_BUDGETS, s.phase_budget_s),
            ("warn_end_phase", "End-phase warning", ((True, "On"), (False, "Off")), s.warn_end_phase),
            ("first_turn_guide", "First-turn guide", ((True, "On"), (False, "Off")), s.first_turn_guide),
            ("volume", "Sound volume", VOLUMES, s.volume),
            ("muted", "Sound", ((False, "On"), (True, "Muted")), s.muted),
            ("watch_scenario_files", "Watch scenario files", ((True, "On"), (False, "Off")), s.watch_scenario_files),
        ):
            opts, index = _options(pairs, value)
            self.rows.append((field, Choice(label, opts, index)))
        self.focus = 0
        self.buttons = [Button("Back", "back"), Button("Save", "save", primary=True)]

    def chosen(self) -> Settings:
        return replace(self.shell.settings, **{field: c.value for field, c in self.rows})

    def layout(self, area: pygame.Rect) -> None:
        w = min(820, area.w - 80)
        x = area.centerx - w // 2
        step = max(36, min(ROW, (area.h - 10 - 70 - BUTTON_H - 10) // len(self.rows)))  # all rows fit a 720p window
        for i, (_, c) in enumerate(self.rows):
            c.rect = pygame.Rect(x, area.y + 10 + i * step, w, step - 12 if step < ROW else 42)
        y = area.y + 10 + len(self.rows) * step + 60
        row_of_buttons(self.buttons, x + w, y, width=170)

    def key(self, event: pygame.event.Event) -> bool:
        k = event.key
        if k in (pygame.K_UP, pygame.K_DOWN):
            self.focus = (self.focus + (1 if k == pygame.K_DOWN else -1)) % len(self.rows)
            return True
        if k in (pygame.K_LEFT, pygame.K_RIGHT):
            self.rows[self.focus][1].step(-1 if k == pygame.K_LEFT else 1)
            return True
        if k in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.activate("save")
            return True
        return False

    def click(self, pos: tuple[int, int]) -> bool:
        for i, (_, c) in enumerate(self.rows):
            if c.rect.collidepoint(pos):
                self.focus = i
                c.click(pos)
                return True
        return False

    def activate(self, action: str) -> None:
        saved = action == "save" and self.shell.apply_settings(self.chosen())
        if action == "back" or saved:
            self.shell.open_menu()

    def body(self, surf: pygame.Surface) -> None:
        for i, (_, c) in enumerate(self.rows):
            c.draw(surf, self.text, self.mouse, focused=i == self.focus)
        label = self.rows[self.focus][1].label
        first = self.rows[0][1].rect
        y = self.rows[-1][1].rect.bottom + 18
        g = self.text.render(HELP.get(label, ""), 17, palette.TEXT_DIM)
        surf.blit(g, (first.x, y))
        where = self.shell.settings_file or "the user settings folder"
        g = self.text.render(f"Saved in {where}", 15, palette.TEXT_DIM)
        surf.blit(g, (first.x, self.buttons[0].rect.y + BUTTON_H // 2 - g.get_height() // 2))
