"""Live reload: Ctrl+R (and the file watcher) rebuild the game from edited scenario files.

A designer edits the YAML of a copy of the tiny scenario while its map is open. A good edit is
in use after the reload, with the game's orders replayed on it; a broken edit lists every
problem as ``file:line:col`` in a dialog and changes nothing; fixing it and reloading again
works from the dialog.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pygame
import pytest

from game.core.game import Game
from game.scenario.build import load_game as load_scenario
from game.ui.app import App
from game.ui.reload import RELOAD_FAILED, ScenarioWatcher
from game.ui.session import Session
from game.ui.settings import Settings
from tests.conftest import TINY
from tests.ui.conftest import SIZE, click_at, draw, key

PROBLEM_LINE = re.compile(r"^.+\.yaml:\d+:\d+: ")
SHOTS = os.environ.get("AUGUST_STORM_SHOTS")  # a folder: save screenshots there to look at them


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def _open(tmp_path: Path, *, watch: bool = False) -> tuple[App, Path]:
    folder = tmp_path / "scn"
    shutil.copytree(TINY, folder)
    game = Game(load_scenario(folder, 7), 7)
    app = App(game, SIZE, session=Session.for_mode(0, 2), saves_dir=tmp_path / "saves",
              settings=Settings(warn_end_phase=False, first_turn_guide=False, animation_speed=0.0,
                                watch_scenario_files=watch))
    return app, folder


def _move_rd_124(app: App) -> None:
    """A first order in the log: the 124th Rifle Division steps east along the road."""
    for h, button in (((2, 4), 1), ((3, 4), 3)):
        click_at(app, tuple(round(v) for v in app.camera.hex_to_screen(h)), button)  # type: ignore[arg-type]
    assert len(app.game.log) == 1


def _ctrl_r(app: App) -> None:
    key(app, pygame.K_r, pygame.KMOD_LCTRL)


def _shot(surf: pygame.Surface, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        pygame.image.save(surf, str(Path(SHOTS) / name))


def _label(app: App, place: str) -> str:
    return next(p.name for p in app.scenario.map.places if p.id == place)


def test_ctrl_r_reloads_good_edits_keeps_running_on_broken_ones(tmp_path: Path) -> None:
    app, folder = _open(tmp_path)
    _move_rd_124(app)
    u = app.scenario.unit_index["rd_124"]
    at = app.scenario.map.grid.index((3, 4))
    corner = app.scenario.map.grid.index((2, 9))
    assert app.scenario.map.terrain_name(corner) == "hills"
    draw(app)  # fill the tile, counter and label caches from the old data

    # a good edit: a place renamed and a terrain row changed
    _edit(folder / "map.yaml", "name: Borzya,", "name: Borzya Station,")
    _edit(folder / "map.yaml", '"..hhm....~~~"', '"..mmm....~~~"')
    old_game = app.game
    _ctrl_r(app)
    assert app.dialog is None
    assert app.game is not old_game and "reloaded" in app.message and "1 order replayed" in app.message
    assert _label(app, "borzya") == "Borzya Station"
    assert app.scenario.map.terrain_name(corner) == "mountains"
    assert app.layer.map is app.scenario.map  # the terrain tiles are drawn from the new data
    assert app.truth.unit_hex[u] == at and len(app.game.log) == 1  # the move was replayed
    _shot(draw(app), "reload-good.png")

    # a broken edit: nothing changes, every problem is listed as file:line:col
    _edit(folder / "oob_soviet.yaml", "men: 9000", "mens: 9000")
    good_game, good_hash = app.game, app.truth.state_hash()
    _ctrl_r(app)
    assert app.dialog is not None and app.dialog.title.startswith(RELOAD_FAILED)
    problems = [line for line in app.dialog.lines if PROBLEM_LINE.match(line)]
    assert problems and all("oob_soviet.yaml" in p for p in problems)
    assert any("oob_soviet.yaml:13:" in p and "mens" in p for p in problems)
    assert app.game is good_game and app.truth.state_hash() == good_hash
    assert _label(app, "borzya") == "Borzya Station"
    _shot(draw(app), "reload-broken.png")

    # fixed: Ctrl+R again, straight from the problems dialog
    _edit(folder / "oob_soviet.yaml", "mens: 9000", "men: 9000")
    _ctrl_r(app)
    assert app.dialog is None and "reloaded" in app.message
    assert app.truth.state_hash() == good_hash and app.game is not good_game
    draw(app)


def test_an_order_the_new_data_refuses_ends_the_replay(tmp_path: Path) -> None:
    app, folder = _open(tmp_path)
    _move_rd_124(app)
    key(app, pygame.K_RETURN)  # end the phase: the computer plays Japan's
    app.update()
    n = len(app.game.log)
    assert n >= 2
    _edit(folder / "oob_soviet.yaml", "id: rd_124", "id: rd_125")  # the moved unit is gone by that id
    _ctrl_r(app)
    assert app.dialog is None
    assert app.game.log == [] and f"replayed 0 of {n} orders" in app.message and "rd_124" in app.message
    assert "rd_125" in app.scenario.unit_index
    draw(app)


def test_the_watcher_reloads_when_the_files_change(tmp_path: Path) -> None:
    app, folder = _open(tmp_path, watch=True)
    assert app.reloader.watcher is not None
    _edit(folder / "map.yaml", "name: Hailar,", "name: Hailar East,")
    for _ in range(8):  # ~1 s to notice, a little more to see the file has settled
        app.update(250.0)
    assert _label(app, "hailar") == "Hailar East" and "changed on disk" in app.message
    _edit(folder / "oob_soviet.yaml", "men: 9000", "mens: 9000")
    for _ in range(8):
        app.update(250.0)
    assert app.dialog is not None and _label(app, "hailar") == "Hailar East"
    for _ in range(8):  # no change since: the dialog is not shown again and again
        app.update(250.0)
    _edit(folder / "oob_soviet.yaml", "mens: 9000", "men: 9000")
    for _ in range(8):
        app.update(250.0)
    assert app.dialog is None and "reloaded" in app.message


def test_watching_is_a_setting(tmp_path: Path) -> None:
    app, folder = _open(tmp_path, watch=False)
    _edit(folder / "map.yaml", "name: Hailar,", "name: Hailar East,")
    for _ in range(8):
        app.update(250.0)
    assert _label(app, "hailar") == "Hailar"


def test_watcher_waits_for_a_change_to_settle(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("a: 1\n", encoding="utf-8")
    w = ScenarioWatcher(tmp_path, poll_ms=100, settle_ms=50)
    assert not w.poll(100)
    (tmp_path / "a.yaml").write_text("a: 12\n", encoding="utf-8")
    assert not w.poll(100)  # seen ...
    (tmp_path / "b.yaml").write_text("b: 1\n", encoding="utf-8")
    assert not w.poll(50)  # ... still changing ...
    assert w.poll(50)  # ... settled
    assert not w.poll(100)


@pytest.mark.parametrize("source_dir", [""])
def test_a_scenario_not_from_files_says_so(tmp_path: Path, source_dir: str) -> None:
    app, _ = _open(tmp_path)
    app.scenario.source_dir = source_dir  # type: ignore[misc]
    _ctrl_r(app)
    assert "nothing to reload" in app.message and app.dialog is None
