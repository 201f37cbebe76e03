"""The game around the map: undo, quicksave and quickload, computer phases and their animation,
fog of war in the log, the order-of-battle and victory panels, and the game-over screen.
"""

from __future__ import annotations

from pathlib import Path

import pygame

from game.core.events import Moved, PhaseEnded
from game.core.game import Game
from game.core.orders import IllegalOrder
from game.core.rules.victory import graded_result
from game.core.state import GameState
from game.core.units import OFF_MAP
from game.core.view import visible
from game.scenario.build import load_game as load_scenario
from game.ui.app import App
from game.ui.fog import events_seen_by
from game.ui.session import Session
from game.ui.settings import Settings
from tests.conftest import TINY
from tests.ui.conftest import SIZE, click_at, draw, key


def _click_hex(app: App, h: tuple[int, int], button: int = 1) -> None:
    click_at(app, tuple(round(v) for v in app.camera.hex_to_screen(h)), button)  # type: ignore[arg-type]


def _solo(tmp_path: Path, side: int = 0, speed: float = 0.0) -> App:
    game = Game(load_scenario(TINY), 7)
    return App(game, SIZE, session=Session.for_mode(side, 2), saves_dir=tmp_path / "saves",
               settings=Settings(warn_end_phase=False, first_turn_guide=False, animation_speed=speed))


def test_ctrl_z_undoes_a_move(tmp_path: Path) -> None:
    app = _solo(tmp_path)
    u = app.scenario.unit_index["rd_124"]
    before = app.truth.state_hash()
    _click_hex(app, (2, 4))
    _click_hex(app, (3, 4), 3)
    assert app.truth.unit_hex[u] == app.scenario.map.grid.index((3, 4))
    assert app.game.can_undo
    key(app, pygame.K_z, pygame.KMOD_LCTRL)
    assert app.truth.state_hash() == before and app.game.log == []
    assert app.message.startswith("Undone")
    key(app, pygame.K_z, pygame.KMOD_LCTRL)  # nothing left: the game's own words say why
    try:
        app.game.undo()
    except IllegalOrder as exc:
        assert app.message == str(exc)
    draw(app)


def test_quicksave_then_quickload_restores_the_same_state(tmp_path: Path) -> None:
    app = _solo(tmp_path)
    _click_hex(app, (2, 4))
    _click_hex(app, (3, 4), 3)
    key(app, pygame.K_F5)
    saved = app.truth.state_hash()
    assert (tmp_path / "saves" / "quicksave.json").is_file() and "Quicksaved" in app.message
    key(app, pygame.K_RETURN)  # end the phase; the computer plays Japan's
    app.update()
    assert app.truth.state_hash() != saved
    key(app, pygame.K_RETURN)  # close the report
    log_lines = len(app.events.entries)
    key(app, pygame.K_F9)
    assert app.dialog is not None and app.dialog.title == "Quickload?"  # issue 14: asks first
    assert app.truth.state_hash() != saved
    key(app, pygame.K_RETURN)  # "Load"
    assert app.truth.state_hash() == saved and app.dialog is None
    assert len(app.events.entries) == log_lines + 1  # the log is kept, with a line saying so
    assert "Quickloaded" in app.events.entries[-1][0]
    assert app.session.human_sides == {0} and app.computer_sides == {1}  # still the same people at the desk
    draw(app)


def test_quickload_of_a_damaged_file_is_a_dialog(tmp_path: Path) -> None:
    app = _solo(tmp_path)
    key(app, pygame.K_F9)
    assert app.dialog is None and "No quicksave" in app.message
    (tmp_path / "saves" / "quicksave.json").write_text("{}", encoding="utf-8")
    before = app.truth.state_hash()
    key(app, pygame.K_F9)
    key(app, pygame.K_RETURN)  # "Load" in the confirmation
    assert app.dialog is not None and "not an August Storm save" in app.dialog.lines[0]
    draw(app)
    key(app, pygame.K_RETURN)
    assert app.dialog is None and app.truth.state_hash() == before


def test_autosave_at_the_start_of_every_turn_keeps_five(tmp_path: Path) -> None:
    app = App(Game(load_scenario(TINY), 7), SIZE, session=Session(frozenset()), saves_dir=tmp_path / "saves",
              settings=Settings(warn_end_phase=False, first_turn_guide=False, animation_speed=0.0))
    for _ in range(20):
        app.update()
    gid = app.game.meta["game_id"]  # autosaves are named and rotated by their own game
    names = sorted(p.name for p in (tmp_path / "saves").glob("autosave-*.json"))
    assert names == [f"autosave-tiny-{gid}-t0{t}-p0.json" for t in (1, 2, 3)]


def test_the_computer_phase_is_animated_then_summed_up(tmp_path: Path) -> None:
    app = _solo(tmp_path, side=1, speed=1.0)  # Japan: the Soviet computer moves first
    app.update(16)
    assert app.anim is not None and app.anim.beats
    assert not app._human_to_move()
    first = app.anim.beats[0]
    assert first.kind in ("move", "combat")
    if first.kind == "move":
        assert first.before.unit_hex[first.unit] == OFF_MAP  # drawn gliding, not standing in its old hex
    draw(app)
    app.update(200)
    draw(app)
    key(app, pygame.K_SPACE)  # skip
    assert app.anim is None and app.report is not None and app.truth.side == 1
    assert app.report.lines
    draw(app)
    key(app, pygame.K_RETURN)
    assert app.report is None and app._human_to_move()


def test_the_log_keeps_the_fog_of_war(tmp_path: Path) -> None:
    """Playing Japan, a Soviet move entirely out of Japan's sight never reaches Japan's log."""
    app = _solo(tmp_path, side=1)
    scn = app.scenario
    grid = scn.map.grid
    seen = visible(app.truth, 1)
    far = Moved("rd_94", ((1, 7), (0, 8), (0, 9)), 2.0)  # the south-west corner, far from any Japanese eye
    near = Moved("rd_124", ((3, 4), (4, 4), (5, 4)), 2.0)  # into ground Japan holds, so sees
    assert not any(seen[grid.index(h)] for h in far.path) and seen[grid.index((5, 4))]
    public = PhaseEnded("soviet", 1)
    assert events_seen_by([far, near, public], scn, 1, seen) == [near, public]
    assert events_seen_by([far], scn, 0, visible(app.truth, 0)) == [far]  # the Soviets know their own moves
    assert set(app.logs) == {1}  # one log, Japan's, and the screen shows it
    app.update()
    assert app.events is app.logs[1]
    assert "Soviet Union ends its phase" in [line for line, _ in app.events.entries]


def test_order_of_battle_finds_a_unit_and_the_victory_panel_lists_objectives(tmp_path: Path) -> None:
    app = _solo(tmp_path)
    draw(app)
    click_at(app, app.layout.oob_button.center)
    assert app.oob is not None and app.oob.side == 0
    draw(app)
    rows = app.oob.rows(app.state)
    assert rows[0].kind == "formation" and "Transbaikal Front" in rows[0].label
    army = next(rect for rect, row in app.oob._rows if row.key == "army_36")
    click_at(app, army.center)  # unfold the 36th Army
    draw(app)
    unit_rect, unit_row = next((rect, row) for rect, row in app.oob._rows
                               if row.kind == "unit" and app.truth.unit_hex[int(row.key)] != OFF_MAP)
    app.camera.zoom_to(60)
    app.camera.center_on((11, 9))
    click_at(app, unit_rect.center)
    u = int(unit_row.key)
    assert app.selected == u
    x, y = app.camera.hex_to_screen(app.scenario.map.grid.hex_at(int(app.truth.unit_hex[u])))
    assert abs(x - app.layout.map.centerx) < 60 and abs(y - app.layout.map.centery) < 60
    key(app, pygame.K_o)
    assert app.oob is None
    key(app, pygame.K_v)
    assert app.victory is not None
    draw(app)
    key(app, pygame.K_ESCAPE)
    assert app.victory is None and app.dialog is None


def test_game_over_after_the_tiny_scenario_played_computer_against_computer(tmp_path: Path, tiny: GameState) -> None:
    app = App(Game(tiny, 7), SIZE, session=Session(frozenset()), saves_dir=tmp_path / "saves",
              settings=Settings(warn_end_phase=False, first_turn_guide=False, animation_speed=0.0))
    for _ in range(30):
        app.update()
        if app.over is not None:
            break
    assert app.over is not None and tiny.game_over
    assert app.over.result == graded_result(tiny)
    assert [t["turn"] for t in app.over.turns] == [0, 1, 2, 3]
    assert len(app.over.series("men")) == 2 and len(app.over.series("casualties")[0].values) == 4
    draw(app)
    click_at(app, next(b for b in app.over.buttons if b.action == "map").rect.center)
    assert app.over_hidden
    draw(app)
    click_at(app, app.layout.end_button.center)  # "Results"
    assert not app.over_hidden
    draw(app)
    click_at(app, next(b for b in app.over.buttons if b.action == "menu").rect.center)
    assert not app.running and app.exit_request == "menu"


def test_a_loaded_game_gets_its_charts_back_by_replay(tmp_path: Path) -> None:
    from game.persistence.saves import load_game, save_game

    first = App(Game(load_scenario(TINY), 7), SIZE, session=Session(frozenset()),
                settings=Settings(warn_end_phase=False, first_turn_guide=False, animation_speed=0))
    for _ in range(3):
        first.update()
    save_game(first.game, tmp_path / "mid.json")
    app = App(load_game(tmp_path / "mid.json"), SIZE, session=Session(frozenset()),
              settings=Settings(warn_end_phase=False, first_turn_guide=False, animation_speed=0))
    for _ in range(30):
        app.update()
        if app.over is not None:
            break
    assert app.over is not None and [t["turn"] for t in app.over.turns] == [0, 1, 2, 3]


def test_a_failing_computer_player_is_reported_and_the_game_goes_on(tmp_path: Path) -> None:
    def broken(game: Game) -> list:
        raise RuntimeError("no idea what to do")

    app = App(Game(load_scenario(TINY), 7), SIZE, session=Session.for_mode(1, 2), players={0: broken},
              settings=Settings(warn_end_phase=False, first_turn_guide=False, animation_speed=0.0))
    app.update()
    assert app.dialog is not None and "no idea what to do" in app.dialog.lines[0]
    assert app.truth.side == 1  # its phase was ended for it
    key(app, pygame.K_RETURN)
    assert app.dialog is None and app._human_to_move()
