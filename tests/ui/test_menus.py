"""The main menu, New game, Load game and Settings, driven headless through the shell.

Every action goes through synthetic events (clicks where the buttons were drawn, keys), as a
player would, and every mistake a player can make from the menus must end in a dialog that
lists the problems while the shell keeps running.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pygame
import pytest

from game.core.state import GameState
from game.paths import TEST_SCENARIO
from game.ui.gui import Dialog
from game.ui.loadgame import LoadScreen
from game.ui.menu import MainMenu
from game.ui.newgame import NewGameScreen
from game.ui.session import HOTSEAT, Session, read_brief
from game.ui.settings import Settings, load_settings
from game.ui.settings_screen import SettingsScreen
from game.ui.shell import Shell
from tests.ui.conftest import SIZE, click_at, draw, key, press

PROBLEM_LINE = re.compile(r"^.+\.yaml:\d+:\d+: ")


def _pick_tiny(screen: NewGameScreen) -> None:
    """Select the test scenario in the list by clicking its row."""
    i = next(i for i, row in enumerate(screen.list.rows) if row.data.path == TEST_SCENARIO)
    click_at(screen, screen.list.row_rect(i).center)


def test_main_menu_opens_each_screen_and_quits(shell: Shell) -> None:
    assert isinstance(shell.screen, MainMenu)
    press(shell, shell.screen.buttons, "new")
    assert isinstance(shell.screen, NewGameScreen)
    key(shell, pygame.K_ESCAPE)
    assert isinstance(shell.screen, MainMenu)
    key(shell, pygame.K_l)
    assert isinstance(shell.screen, LoadScreen)
    draw(shell)  # an empty saves folder draws its note
    key(shell, pygame.K_ESCAPE)
    key(shell, pygame.K_s)
    assert isinstance(shell.screen, SettingsScreen)
    key(shell, pygame.K_ESCAPE)
    press(shell, shell.screen.buttons, "quit")
    assert not shell.running


def test_new_game_from_the_menu_reaches_the_map_with_the_chosen_side(shell: Shell) -> None:
    press(shell, shell.screen.buttons, "new")
    screen = shell.screen
    assert isinstance(screen, NewGameScreen)
    assert len(screen.list.rows) >= 1 and any(r.data.path == TEST_SCENARIO for r in screen.list.rows)
    draw(shell)
    _pick_tiny(screen)
    assert screen.brief is not None and "Tiny" in screen.brief.name
    assert [label for _, label in screen.mode.options][:2] == ["Soviet Union (against the computer)",
                                                                "Japan (against the computer)"]
    click_at(shell, screen.mode.rect.move(-8, 0).midright)  # the > arrow: the next side, Japan
    assert screen.mode.value == 1
    key(shell, pygame.K_TAB)
    key(shell, pygame.K_RIGHT)
    assert screen.difficulty.value == "hard"
    press(shell, screen.buttons, "start")
    app = shell.app
    assert app is not None and shell.dialog is None
    assert app.session.human_sides == {1} and app.computer_sides == {0} and app.session.difficulty == "hard"
    assert app.fog_side() == 1  # the map is drawn as Japan sees it, even while the Soviets move
    assert list(shell.saves_dir.glob("autosave-tiny-*-t01-p0.json"))  # a new game is autosaved at once
    shell.update(16)  # the Soviet computer plays its phase
    assert app.truth.side == 1 and app.report is not None
    key(shell, pygame.K_RETURN)  # read the report
    assert app.report is None
    draw(shell)


def test_a_broken_scenario_shows_its_problems_and_the_menu_still_works(
        tmp_path: Path, broken: Callable[..., Path]) -> None:
    bad = broken(("oob_soviet.yaml", "id: rd_124", "id: rd_124\n    bogus_key: 1"),
                 ("map.yaml", "width: 12", "width: twelve"))
    quick = Settings(warn_end_phase=False, first_turn_guide=False, animation_speed=0.0)
    shell = Shell(SIZE, settings=quick, settings_file=tmp_path / "settings.json", saves_dir=tmp_path / "saves",
                  briefs=lambda: [read_brief(bad), read_brief(TEST_SCENARIO)])
    shell.open_new_game()
    press(shell, shell.screen.buttons, "start")  # the broken copy is first in the list
    assert shell.app is None
    dialog = shell.dialog
    assert isinstance(dialog, Dialog)
    problems = [line for line in dialog.lines if PROBLEM_LINE.match(line)]
    assert len(problems) >= 2, dialog.lines
    assert any("oob_soviet.yaml" in p and "bogus_key" in p for p in problems)
    assert any("map.yaml" in p and "width" in p for p in problems)
    draw(shell)  # the dialog draws over the New game screen
    key(shell, pygame.K_RETURN)
    assert shell.dialog is None and isinstance(shell.screen, NewGameScreen)
    key(shell, pygame.K_DOWN)  # the good scenario still starts
    press(shell, shell.screen.buttons, "start")
    assert shell.app is not None


def test_a_damaged_save_shows_its_error_and_nothing_else_breaks(shell: Shell) -> None:
    shell.start_scenario(TEST_SCENARIO, Session.for_mode(0, 2))
    assert shell.app is not None
    shell.app.quicksave()
    shell.open_menu()
    shell.saves_dir.joinpath("damaged.json").write_text('{"format": "august-storm-save", "version": 1, "scen',
                                                        encoding="utf-8")
    press(shell, shell.screen.buttons, "load")
    screen = shell.screen
    assert isinstance(screen, LoadScreen)
    rows = {row.data.path.name: row for row in screen.list.rows}
    assert {"damaged.json", "quicksave.json"} <= set(rows)
    good = rows["quicksave.json"].cells
    assert good[1] == "Tiny test scenario" and good[2] == "1" and good[3] == "09 Aug 1944" and good[4]
    assert rows["damaged.json"].cells[1] == "damaged"
    draw(shell)
    i = [row.data.path.name for row in screen.list.rows].index("damaged.json")
    click_at(shell, screen.list.row_rect(i).center)
    press(shell, screen.buttons, "load")
    assert shell.app is None and shell.dialog is not None
    assert len(shell.dialog.lines) == 1 and "damaged.json:1:" in shell.dialog.lines[0]
    assert "damaged save" in shell.dialog.lines[0]
    draw(shell)
    key(shell, pygame.K_ESCAPE)
    assert shell.dialog is None and shell.running
    i = [row.data.path.name for row in screen.list.rows].index("quicksave.json")
    click_at(shell, screen.list.row_rect(i).center)
    key(shell, pygame.K_RETURN)  # the good save loads
    assert shell.app is not None and shell.app.truth.turn == 1


def test_hotseat_from_the_menu_hides_the_map_between_players(shell: Shell) -> None:
    shell.open_new_game()
    screen = shell.screen
    assert isinstance(screen, NewGameScreen)
    draw(shell)
    _pick_tiny(screen)
    screen.mode.set_value(HOTSEAT)
    press(shell, screen.buttons, "start")
    app = shell.app
    assert app is not None and app.session.hotseat and app.handover == 0

    def no_map(*_: object) -> None:
        raise AssertionError("the map was drawn while the screen should be hidden")

    app.layer.draw = no_map  # type: ignore[method-assign]
    draw(shell)
    press(shell, [app._button], "ready")
    assert app.handover is None and app.fog_side() == 0
    del app.layer.draw
    draw(shell)
    key(shell, pygame.K_RETURN)  # the Soviet player ends the phase
    assert app.truth.side == 1 and app.handover == 1
    app.layer.draw = no_map  # type: ignore[method-assign]
    draw(shell)
    key(shell, pygame.K_RETURN)
    assert app.handover is None and app.fog_side() == 1


def test_settings_screen_saves_and_applies(shell: Shell, tmp_path: Path) -> None:
    shell.open_settings()
    screen = shell.screen
    assert isinstance(screen, SettingsScreen)
    draw(shell)
    key(shell, pygame.K_DOWN)
    key(shell, pygame.K_DOWN)  # UI scale
    key(shell, pygame.K_RIGHT)
    key(shell, pygame.K_DOWN)
    key(shell, pygame.K_DOWN)  # animation speed
    key(shell, pygame.K_RIGHT)
    press(shell, screen.buttons, "save")
    assert isinstance(shell.screen, MainMenu)
    assert shell.settings.ui_scale == 1.25 and shell.settings.animation_speed == 0.5
    saved, message = load_settings(shell.settings_file)
    assert message is None and saved == shell.settings
    assert shell.size == (round(SIZE[0] / 1.25), round(SIZE[1] / 1.25))
    draw(shell)  # drawn small and scaled up: clicks are scaled back to the buttons
    b = next(b for b in shell.screen.buttons if b.action == "new")
    click_at(shell, (round(b.rect.centerx * 1.25), round(b.rect.centery * 1.25)))
    assert isinstance(shell.screen, NewGameScreen)


def test_settings_round_trip_and_damaged_files(tmp_path: Path) -> None:
    from game.ui.settings import save_settings

    path = tmp_path / "cfg" / "settings.json"
    assert load_settings(path) == (Settings(), None)  # the first start: no file, no complaint
    chosen = Settings(resolution=(1920, 1080), fullscreen=True, ui_scale=1.5, scroll_speed=2.0, animation_speed=0.0)
    save_settings(chosen, path)
    assert load_settings(path) == (chosen, None)
    assert not list(path.parent.glob("*.tmp"))
    path.write_text('{"ui_scale": 1.5,, }', encoding="utf-8")
    settings, message = load_settings(path)
    assert settings == Settings() and message is not None
    assert message.startswith(f"{path}:1:") and "using defaults" in message
    path.write_text(json.dumps({"ui_scale": "huge", "scroll_speed": 3.0, "fullscreen": 1}), encoding="utf-8")
    settings, message = load_settings(path)
    assert settings == Settings(scroll_speed=3.0)  # the good value kept, the bad ones at their defaults
    assert message is not None and "ui_scale" in message and "fullscreen" in message


def test_a_damaged_settings_file_is_reported_when_the_window_opens(tmp_path: Path, tiny: GameState) -> None:
    from game.ui.window import run

    cfg = tmp_path / "settings.json"
    cfg.write_text("not json", encoding="utf-8")
    seen: list[list[str]] = []

    def look(shell: Shell, frame: int) -> None:
        if frame == 1:
            assert shell.dialog is not None
            seen.append(shell.dialog.lines)
            pygame.event.post(pygame.event.Event(pygame.QUIT))

    assert run(size=SIZE, saves_dir=tmp_path / "saves", settings_file=cfg, max_frames=20, on_frame=look, fps=1000) == 0
    assert seen and "damaged settings file" in seen[0][0]


def test_a_held_key_acts_once_but_panning_repeats(shell: Shell) -> None:
    """Auto-repeat (or a release that arrives late, after the computer thought) must not end three phases."""
    from game.core.game import Game
    from game.scenario.build import load_game

    state = load_game(TEST_SCENARIO)
    shell.open_game(Game(state, 1), Session(frozenset({0, 1}), hotseat=False))
    app = shell.app
    assert app is not None and app.truth.side == 0
    enter = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r")
    for _ in range(3):  # pressed once, repeated twice, no release in between
        shell.handle(enter)
    assert (app.truth.turn, app.truth.side) == (1, 1)  # one phase ended, not three
    app.camera.zoom_to(60)
    left = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_LEFT, mod=0, unicode="")
    before = app.camera.origin_x
    shell.handle(left)
    once = app.camera.origin_x - before
    shell.handle(left)  # held: panning goes on
    assert once > 0 and app.camera.origin_x - before > once


def test_new_game_offers_the_manchuria_campaign_first() -> None:
    from game import paths
    from game.ui.session import scenario_briefs

    briefs = scenario_briefs()
    assert Path(briefs[0].path) == paths.SCENARIOS / paths.DEFAULT_SCENARIO
    assert briefs[-1].path == TEST_SCENARIO  # the test scenario comes last


def test_edit_map_on_the_new_game_screen_opens_the_editor_on_that_scenario(
        shell: Shell, monkeypatch: pytest.MonkeyPatch) -> None:
    """The main menu reaches the map editor (issue 16): New game -> pick a scenario -> Edit map starts
    `main.py edit FOLDER` in a window of its own; a failure to start is a dialog, not a crash."""
    started: list[list[str]] = []
    monkeypatch.setattr(Shell, "launch", staticmethod(started.append))
    press(shell, shell.screen.buttons, "new")
    screen = shell.screen
    assert isinstance(screen, NewGameScreen)
    draw(shell)
    _pick_tiny(screen)
    press(shell, screen.buttons, "edit")
    assert len(started) == 1 and started[0][-2:] == ["edit", str(TEST_SCENARIO)]
    assert started[0][-3].endswith("main.py") and isinstance(shell.screen, NewGameScreen)

    def refuse(args: list[str]) -> None:
        raise OSError(8, "Exec format error")

    monkeypatch.setattr(Shell, "launch", staticmethod(refuse))
    press(shell, screen.buttons, "edit")
    assert shell.dialog is not None and isinstance(shell.screen, NewGameScreen)
    draw(shell)
