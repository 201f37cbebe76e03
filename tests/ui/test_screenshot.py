"""The map screen, headless: screenshots and an App driven by synthetic events.

Everything runs under SDL's dummy video driver, so no display is needed.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pygame
import pytest

from game.core.game import Game
from game.core.hexgrid import Hex
from game.core.state import GameState
from game.ui.app import App, run
from game.ui.screenshot import render_screenshot
from game.ui.shell import Shell

# pygame reads the driver when the display starts, not on import, so this may follow the imports.
os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

SIZE = (1280, 800)
FOREST: Hex = (6, 0)  # no unit, place or feature on these two
STEPPE: Hex = (1, 0)


@pytest.fixture
def state(tiny: GameState) -> GameState:
    """The tiny scenario (the shared ``tiny`` fixture), under the name these tests read best with."""
    return tiny


def _pixels(path: Path) -> np.ndarray:
    """[x, y, rgb] array of a PNG."""
    return pygame.surfarray.array3d(pygame.image.load(str(path))).astype(int)


def _screen_pos(state: GameState, h: Hex) -> tuple[int, int]:
    """Where hex ``h`` lands in a default screenshot of SIZE (a fresh App fits the map alike)."""
    x, y = App(state, SIZE).camera.hex_to_screen(h)
    return round(x), round(y)


def _click(app: App, h: Hex, button: int) -> None:
    pos = tuple(round(v) for v in app.camera.hex_to_screen(h))
    app.handle(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    app.handle(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button))
    app.handle(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button))


def test_screenshot_whole_map(tmp_path: Path, state: GameState) -> None:
    out = tmp_path / "shots" / "tiny.png"
    render_screenshot(state, out, size=SIZE)
    assert out.is_file()
    assert not list(out.parent.glob("*.tmp"))
    assert pygame.image.load(str(out)).get_size() == SIZE
    px = _pixels(out)
    forest = px[_screen_pos(state, FOREST)]
    steppe = px[_screen_pos(state, STEPPE)]
    assert np.abs(forest - steppe).sum() > 150, (forest, steppe)
    assert forest[1] > forest[0] and forest[1] > forest[2]  # green
    assert steppe.sum() > forest.sum() + 200  # open ground is light, forest dark


def test_selection_shades_movement_range(tmp_path: Path, state: GameState) -> None:
    plain, chosen = tmp_path / "plain.png", tmp_path / "chosen.png"
    render_screenshot(state, plain, size=SIZE, zoom=40, center=(3, 4))
    render_screenshot(state, chosen, size=SIZE, zoom=40, center=(3, 4), select="rd_124")
    a, b = _pixels(plain), _pixels(chosen)
    changed = np.any(a != b, axis=2)
    assert changed.sum() > 5000
    app = App(state, SIZE)
    app.camera.zoom_to(40)
    app.camera.center_on((3, 4))
    x, y = (round(v) for v in app.camera.hex_to_screen((4, 5)))  # in reach: shaded lighter
    assert b[x, y].sum() > a[x, y].sum() + 30
    x, y = (round(v) for v in app.camera.hex_to_screen((11, 9)))  # sea, out of reach: unchanged
    assert (a[x, y] == b[x, y]).all()


def test_screenshot_unknown_unit(tmp_path: Path, state: GameState) -> None:
    with pytest.raises(KeyError):
        render_screenshot(state, tmp_path / "x.png", size=SIZE, select="no_such_unit")
    assert not (tmp_path / "x.png").exists()


def test_app_orders_go_through_the_engine(state: GameState) -> None:
    app = App(state, SIZE)
    u = state.scenario.unit_index["rd_124"]
    grid = state.scenario.map.grid
    _click(app, (2, 4), 1)
    assert app.selected == u and app.move_range is not None
    surf = pygame.Surface(SIZE)
    app.draw(surf)
    _click(app, (3, 4), 3)  # right-click: Move
    assert state.unit_hex[u] == grid.index((3, 4))
    assert state.unit_mp[u] < state.scenario.unit_max_mp[u]
    before = state.state_hash()
    _click(app, (11, 9), 3)  # the sea: the engine refuses and the player is told why
    assert state.state_hash() == before
    assert "cannot move" in app.message
    _click(app, (4, 4), 1)  # left-click on a shaded hex also moves
    assert state.unit_hex[u] == grid.index((4, 4))
    app.draw(surf)
    app.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r"))
    assert state.phase == 1
    app.handle(pygame.event.Event(pygame.QUIT))
    assert not app.running


def test_stack_click_cycles(state: GameState) -> None:
    app = App(state, SIZE)
    a, b = state.scenario.unit_index["rd_124"], state.scenario.unit_index["tb_206"]
    _click(app, (3, 3), 1)
    _click(app, (2, 4), 3)  # the tank brigade joins the rifle division
    _click(app, (2, 4), 1)
    first = app.selected
    _click(app, (2, 4), 1)
    assert {first, app.selected} == {a, b}


def test_computer_side_plays_its_phase(state: GameState) -> None:
    calls: list[int] = []

    def ai(game: Game) -> list:
        calls.append(game.state.phase)
        return []  # does nothing: the app must still end the phase for it

    app = App(state, SIZE, computer_sides=frozenset({1}), players={1: ai})
    assert app.update() is False  # the human side is to move
    app.end_phase()
    assert state.phase == 1
    assert app.update() is True
    assert calls == [1] and state.phase == 0 and state.turn == 2


def test_run_loop_driven_by_posted_events(tmp_path: Path, state: GameState) -> None:
    u = state.scenario.unit_index["rd_124"]

    def post(kind: int, **attrs: object) -> None:
        pygame.event.post(pygame.event.Event(kind, **attrs))

    frames: list[int] = []

    def script(shell: Shell, frame: int) -> None:
        frames.append(frame)
        app = shell.app
        assert app is not None
        if frame == 1:
            pos = tuple(round(v) for v in app.camera.hex_to_screen((2, 4)))
            post(pygame.MOUSEBUTTONDOWN, pos=pos, button=1)
            post(pygame.MOUSEBUTTONUP, pos=pos, button=1)
        elif frame == 2:
            pos = tuple(round(v) for v in app.camera.hex_to_screen((3, 5)))
            post(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
            post(pygame.MOUSEBUTTONDOWN, pos=pos, button=3)
            post(pygame.MOUSEBUTTONUP, pos=pos, button=3)
        elif frame == 3:
            post(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r")
        elif frame == 4:
            post(pygame.QUIT)

    quiet = '{"warn_end_phase": false, "first_turn_guide": false}'  # Enter ends the phase at once
    (tmp_path / "settings.json").write_text(quiet, encoding="utf-8")
    assert run(state, size=SIZE, max_frames=50, on_frame=script, fps=1000, hotseat=False, saves_dir=tmp_path,
               settings_file=tmp_path / "settings.json") == 0
    assert state.unit_hex[u] == state.scenario.map.grid.index((3, 5))
    assert state.phase == 1
    assert max(frames) < 10  # QUIT ended the loop, not max_frames


def test_view_controls_leave_the_state_alone(state: GameState) -> None:
    app = App(state, SIZE)
    surf = pygame.Surface(SIZE)
    before = state.state_hash()
    size0 = app.camera.tile_size
    app.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_PLUS, mod=0, unicode="+"))
    assert app.camera.tile_size > size0
    app.draw(surf)
    origin = app.camera.origin
    app.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RIGHT, mod=0, unicode=""))
    assert app.camera.origin != origin
    app.handle(pygame.event.Event(pygame.MOUSEMOTION, pos=(300, 300), rel=(0, 0), buttons=(0, 0, 0)))
    app.handle(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False, precise_x=0.0, precise_y=-1.0))
    app.handle(pygame.event.Event(pygame.MOUSEMOTION, pos=(320, 310), rel=(20, 10), buttons=(0, 0, 1)))
    app.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_TAB, mod=0, unicode="\t"))
    assert app.selected is not None
    app.draw(surf)
    app.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_HOME, mod=0, unicode=""))
    app.draw(pygame.Surface((900, 600)))  # a resized window
    assert app.layout.size == (900, 600)
    assert state.state_hash() == before
    app.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_ESCAPE, mod=0, unicode="\x1b"))
    assert app.dialog is not None  # the game menu
    quit_button = next(b for b in app.dialog.buttons if b.action == "quit")
    app.draw(surf)
    app.handle(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=quit_button.rect.center, button=1))
    assert app.running and app.dialog is not None and app.dialog.title == "Leave the game?"  # asks first
    leave = next(b for b in app.dialog.buttons if b.action == "quit!")
    app.draw(surf)
    app.handle(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=leave.rect.center, button=1))
    assert not app.running and app.exit_request is None
