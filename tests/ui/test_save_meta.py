"""Saves remember who played which side (``Game.meta``), so loading does not ask again.

New game writes the choices into the game; the save keeps them; Load game starts with its
choices set from them and quickload plays the save as it was played. A save from before
``meta`` existed falls back to asking (Load game) or to the people at the desk (quickload).
"""

from __future__ import annotations

import json

import pygame

from game.core.game import Game
from game.paths import TEST_SCENARIO
from game.persistence.saves import load_game
from game.ui.loadgame import LoadScreen
from game.ui.newgame import NewGameScreen
from game.ui.session import HOTSEAT, QUICKSAVE, WATCH, Session
from game.ui.shell import Shell
from tests.ui.conftest import draw, key, press

SIDES = ("soviet", "japan")


def _new_game(shell: Shell, mode: int | str, difficulty: str) -> None:
    shell.open_new_game()
    screen = shell.screen
    assert isinstance(screen, NewGameScreen)
    screen.list.selected = next(i for i, r in enumerate(screen.list.rows) if r.data.path == TEST_SCENARIO)
    screen._sync_modes()
    screen.mode.set_value(mode)
    screen.difficulty.set_value(difficulty)
    draw(shell)
    press(shell, screen.buttons, "start")
    assert shell.app is not None


def _load_screen(shell: Shell, name: str) -> LoadScreen:
    shell.open_load()
    screen = shell.screen
    assert isinstance(screen, LoadScreen)
    screen.list.selected = [r.data.path.name for r in screen.list.rows].index(name)
    screen._sync_modes()
    draw(shell)
    return screen


def test_session_meta_round_trip() -> None:
    for session in (Session.for_mode(0, 2), Session.for_mode(1, 2, "hard"), Session.for_mode(HOTSEAT, 2, "easy"),
                    Session.for_mode(WATCH, 2), Session(frozenset({0, 1}))):
        assert Session.from_meta(session.to_meta(SIDES), SIDES) == session
    assert Session.for_mode(1, 2, "hard").to_meta(SIDES) == {"soviet": "ai", "japan": "human", "difficulty": "hard",
                                                             "mode": "solo"}
    assert Session.from_meta({}, SIDES) is None  # an older save
    assert Session.from_meta({"soviet": "human"}, SIDES) is None  # a side it does not know about
    assert Session.from_meta({"soviet": "human", "japan": "ai", "difficulty": "??"}, SIDES) == Session.for_mode(0, 2)


def test_new_game_choices_are_saved_and_load_game_uses_them(shell: Shell) -> None:
    _new_game(shell, 1, "hard")
    app = shell.app
    assert app is not None
    played = {k: v for k, v in app.game.meta.items() if k != "game_id"}  # game_id: the autosaves' own game
    assert played == {"soviet": "ai", "japan": "human", "difficulty": "hard", "mode": "solo"}
    app.quicksave()
    assert load_game(shell.saves_dir / QUICKSAVE).meta == app.game.meta
    shell.open_menu()

    screen = _load_screen(shell, QUICKSAVE)
    assert screen.mode.value == 1 and screen.difficulty.value == "hard"  # set from the save: nothing to ask
    press(shell, screen.buttons, "load")
    app = shell.app
    assert app is not None and shell.dialog is None
    assert app.session == Session.for_mode(1, 2, "hard") and app.computer_sides == {0}


def test_an_older_save_without_meta_asks(shell: Shell) -> None:
    _new_game(shell, HOTSEAT, "easy")
    assert shell.app is not None and shell.app.session.hotseat
    shell.app.quicksave()
    path = shell.saves_dir / QUICKSAVE
    doc = json.loads(path.read_text(encoding="utf-8"))
    del doc["meta"]  # as saves were written before meta existed
    path.write_text(json.dumps(doc), encoding="utf-8")
    shell.open_menu()
    screen = _load_screen(shell, QUICKSAVE)
    assert screen._as_saved is None and screen.mode.value == 0  # the player chooses, as before
    key(shell, pygame.K_RIGHT)  # Japan
    press(shell, screen.buttons, "load")
    app = shell.app
    assert app is not None and app.session == Session.for_mode(1, 2)
    assert app.game.meta["japan"] == "human"  # and the next save will remember it


def test_load_game_choices_can_still_be_changed(shell: Shell) -> None:
    _new_game(shell, 0, "normal")
    assert shell.app is not None
    shell.app.quicksave()
    shell.open_menu()
    screen = _load_screen(shell, QUICKSAVE)
    assert screen.mode.value == 0
    key(shell, pygame.K_RIGHT)
    press(shell, screen.buttons, "load")
    assert shell.app is not None and shell.app.session == Session.for_mode(1, 2)


def test_quickload_plays_the_save_as_it_was_played(shell: Shell) -> None:
    _new_game(shell, HOTSEAT, "normal")
    assert shell.app is not None
    shell.app.quicksave()
    shell.open_menu()
    _new_game(shell, 0, "easy")  # another game at the desk, solo
    app = shell.app
    assert app is not None and not app.session.hotseat
    key(shell, pygame.K_F9)
    key(shell, pygame.K_RETURN)  # "Load" in the confirmation
    assert app.session.hotseat and app.session.human_sides == {0, 1} and app.handover == 0
    assert app.computer_sides == frozenset()


def test_quickload_of_an_older_save_keeps_the_people_at_the_desk(shell: Shell) -> None:
    _new_game(shell, 1, "normal")
    app = shell.app
    assert app is not None
    game = Game(app.game.state.clone(), app.game.seed)  # no meta
    app.load(game)
    assert app.session == Session.for_mode(1, 2)
    assert game.meta["japan"] == "human"
