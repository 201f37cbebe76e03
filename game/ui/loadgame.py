"""Load game: the saves in the saves folder, newest first, with scenario, turn, date and file time.

Play-by-e-mail games come first: the turn files waiting in the inbox (Kind "Turn file", Load opens
one) and each game with whose turn it is (Kind "E-mail", Load resumes it); see ``pbem_games``.

A save that cannot be read is still listed, in red, with its problem under the list; trying
to load it shows the ``SaveError`` line in a dialog and nothing else changes. A save says who
played which side and at what difficulty (``Game.meta``): the choices start as saved, so Load
plays the game as it was played, and the player may still change them. An older save without
that leaves the choices as they were, and the player says which side they play.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pygame

from game.ui import gui, palette
from game.ui.gui import BUTTON_H, Button, Choice, ListView, MenuScreen, Row, chooser_click, chooser_key, row_of_buttons
from game.ui.pbem_games import open_pbem_row, pbem_note, pbem_rows
from game.ui.session import DIFFICULTIES, SaveEntry, Session, list_saves, mode_options, who_plays

if TYPE_CHECKING:
    from game.ui.shell import Shell

MARGIN = 40
_TURN_PHASE = re.compile(r"-t(\d+)-p(\d+)")


def readable_name(name: str) -> str:
    """A save's file name as the list shows it: "-t04-p0" spelled "turn 4 phase 1" (in the menu font
    "t04" read as "104")."""
    return _TURN_PHASE.sub(lambda m: f" turn {int(m[1])} phase {int(m[2]) + 1}", name).removesuffix(".json")


class LoadScreen(MenuScreen):
    subtitle = "Load game"

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell.text)
        self.shell = shell
        self.list = ListView([("Kind", 1.1), ("Scenario", 2.6), ("Turn", 0.6), ("Game date", 1.2),
                              ("Saved", 1.4), ("File", 2.2)])
        self.mode = Choice("Play as", [])
        self.difficulty = Choice("Computer difficulty", list(DIFFICULTIES), index=1)
        self.choices = [self.mode, self.difficulty]
        self.focus = 0
        self.buttons = [Button("Back", "back"), Button("Refresh", "refresh"), Button("Load", "load", primary=True)]
        self._as_saved: tuple[Session, int, int] | None = None  # the saved session and the choices it set
        self.refresh()

    def refresh(self) -> None:
        rows = pbem_rows(self.shell.saves_dir)
        for e in list_saves(self.shell.saves_dir):
            name = readable_name(e.path.name)
            if e.problem:
                rows.append(Row([e.kind, "damaged", "", "", e.file_time, name], palette.TEXT_WARN, e))
            else:
                rows.append(Row([e.kind, e.scenario, str(e.turn), e.date, e.file_time, name], palette.TEXT, e))
        self.list.set_rows(rows)
        self._sync_modes()

    @property
    def entry(self) -> SaveEntry | None:
        row = self.list.current
        return row.data if row is not None and isinstance(row.data, SaveEntry) else None

    def _sync_modes(self) -> None:
        """The Play-as options follow the selected save's sides; a save that says who played sets them.
        A play-by-e-mail row fixes both choices: each player plays their own side."""
        row = self.list.current
        by_email = row is not None and not isinstance(row.data, SaveEntry)
        for c in self.choices:
            c.enabled, c.why_off = not by_email, "by e-mail: you play your own side"
        if by_email:
            return
        e = self.entry
        names = list(e.side_names) if e is not None and e.side_names else ["Side 1", "Side 2"]
        old = self.mode.value if self.mode.options else 0
        self.mode.options = mode_options(names)
        self.mode.index = 0
        saved = e.session if e is not None and e.problem is None else None
        if saved is None:
            self.mode.set_value(old)
            self._as_saved = None
            gui.sync_difficulty(self)
            return
        self.mode.set_value(saved.mode)
        self.difficulty.set_value(saved.difficulty)
        self._as_saved = (saved, self.mode.index, self.difficulty.index)
        gui.sync_difficulty(self)

    def session(self) -> Session:
        """The saved session while the choices are as it set them (it may be one they cannot show), else theirs."""
        if self._as_saved is not None:
            saved, mode, difficulty = self._as_saved
            if (mode, difficulty) == (self.mode.index, self.difficulty.index):
                return saved
        e = self.entry
        n = len(e.side_names) if e is not None and e.side_names else 2
        return Session.for_mode(self.mode.value, n, self.difficulty.value)

    def layout(self, area: pygame.Rect) -> None:
        w = area.w - 2 * MARGIN
        bottom = area.bottom - MARGIN
        strip_y = bottom - 2 * 48 + 8
        self.list.rect = pygame.Rect(MARGIN, area.y, w, strip_y - 56 - area.y)
        choice_w = min(760, w - 3 * 182)
        for i, c in enumerate(self.choices):
            c.rect = pygame.Rect(MARGIN, strip_y + i * 48, choice_w, 40)
        row_of_buttons(self.buttons, area.right - MARGIN, bottom - BUTTON_H - 4, width=170)

    def key(self, event: pygame.event.Event) -> bool:
        if chooser_key(self, event, "load"):
            return True
        if event.key == pygame.K_F5:
            self.refresh()
            return True
        return False

    def click(self, pos: tuple[int, int]) -> bool:
        return chooser_click(self, pos, "load")

    def wheel(self, event: pygame.event.Event) -> None:
        self.list.handle(event)

    def activate(self, action: str) -> None:
        if action == "back":
            self.shell.open_menu()
        elif action == "refresh":
            self.refresh()
        elif action == "load":
            row = self.list.current
            if row is not None and not isinstance(row.data, SaveEntry):
                open_pbem_row(self.shell, row.data)
                return
            e = self.entry
            if e is None:
                self.shell.error("Nothing to load", [f"There are no saves in {self.shell.saves_dir} yet."])
            elif e.problem:
                self.shell.error("This save cannot be loaded", [e.problem])
            else:
                self.shell.load_save(e.path, self.session())

    def body(self, surf: pygame.Surface) -> None:
        self.list.draw(surf, self.text, self.mouse, empty=f"No saves yet in {self.shell.saves_dir}")
        e = self.entry
        y = self.list.rect.bottom + 10
        if e is not None and e.problem:
            line = self.text.fit(e.problem, 17, self.list.rect.w)
            surf.blit(self.text.render(line, 17, palette.TEXT_WARN), (MARGIN, y))
        else:
            n = len(self.list.rows)
            note = f"{n} save{'s' if n != 1 else ''} in {self.shell.saves_dir}"
            row = self.list.current
            if row is not None and not isinstance(row.data, SaveEntry):
                note = pbem_note(row.data, self.shell.saves_dir)
            if e is not None and self._as_saved is not None:
                saved = self._as_saved[0]
                how = "Played as saved" if self.session() is saved else "Changed from the save"
                note = f"{how}: {who_plays(saved, e.side_names)}  ·  {note}"
            surf.blit(self.text.render(self.text.fit(note, 16, self.list.rect.w), 16, palette.TEXT_DIM), (MARGIN, y))
        for i, c in enumerate(self.choices):
            c.draw(surf, self.text, self.mouse, focused=i == self.focus)
        tip = "Up/Down: save  ·  Left/Right: change  ·  Tab: next option  ·  Enter: load  ·  Esc: back"
        g = self.text.render(tip, 15, palette.TEXT_DIM)
        surf.blit(g, (MARGIN, self.choices[-1].rect.bottom + 8))
