"""UI timing benchmark: how long the map screen takes to draw, zoom, toggle and start.

``ui_bench`` measures the real drawing code (``App.draw``) offscreen with SDL's dummy video
driver at 1920x1080 on the Manchuria scenario, with the whole theatre in view and every unit
shown (the true state: a watching session has no fog), so the figures are the worst case a
player meets on the biggest map. Medians over repeats keep one slow frame (a GC pause) from
deciding a figure. ``python main.py bench`` reports it next to the engine's numbers.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

SIZE = (1920, 1080)
SCENARIO = "manchuria_1944"
PAN_FRAMES = 100
EXIT_AFTER_FIRST_FRAME = "AUGUST_STORM_EXIT_AFTER_FIRST_FRAME"  # window.run draws one frame and returns


def _ms(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000.0


def _p95(xs: list[float]) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, round(0.95 * (len(s) - 1)))]


def ui_bench(repeats: int = 3) -> dict[str, float]:
    """Median UI timings in ms (``startup_menu_s`` and ``new_game_s`` in seconds); takes well under a minute.

    ``overlay_change_ms`` is toggling the supply overlay as a player does (the state unchanged);
    ``overlay_first_ms`` the first toggle after the state changed, with the supply trace and the
    overlay's tiles to redo.
    """
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")  # the sound effects stay silent
    import pygame

    from game import paths
    from game.core.game import Game
    from game.scenario.build import load_game
    from game.ui.app import App
    from game.ui.session import Session

    pygame.display.init()
    pygame.font.init()
    screen = pygame.display.set_mode(SIZE)  # a display surface, so tiles are converted as in the game
    state = load_game(paths.SCENARIOS / SCENARIO)
    app = App(Game(state, state.scenario.seed), SIZE, session=Session(frozenset()))  # watching: no fog
    draw = lambda: app.draw(screen)  # noqa: E731
    draw()  # warm the tile cache at the fitted zoom

    pans: list[float] = []
    for i in range(PAN_FRAMES):
        d = 3 if (i // 25) % 2 == 0 else -3
        app.camera.pan(d, d / 2)
        pans.append(_ms(draw))

    zoom_first: list[float] = []
    zoom_full: list[float] = []
    for _ in range(repeats):
        for steps in (1, -1):
            app.layer.clear()
            draw()
            t0 = time.perf_counter()
            app.camera.zoom_step(steps)
            draw()
            zoom_first.append((time.perf_counter() - t0) * 1000.0)
            while app.busy or not app.layer.ready(app.camera):
                draw()
            zoom_full.append((time.perf_counter() - t0) * 1000.0)
    app.camera.fit()
    draw()

    overlay: list[float] = []
    overlay_first: list[float] = []
    for i in range(4 * repeats):
        first = i % 2 == 0
        if first:
            app.version += 1  # as after a move: the supply trace and the overlay's tiles are redone
            draw()
        t0 = time.perf_counter()
        app.overlays.toggle("supply")
        draw()
        (overlay_first if first else overlay).append((time.perf_counter() - t0) * 1000.0)
        app.overlays.toggle("supply")
        draw()

    window, headless = _computer_phase_s(screen)
    new_game = [_new_game_s() for _ in range(repeats)]
    startup = [_startup_s() for _ in range(repeats)]
    return {
        "frame_pan_median_ms": statistics.median(pans),
        "frame_pan_p95_ms": _p95(pans),
        "zoom_first_frame_ms": statistics.median(zoom_first),
        "zoom_full_ms": statistics.median(zoom_full),
        "overlay_change_ms": statistics.median(overlay),
        "overlay_first_ms": statistics.median(overlay_first),
        "computer_phase_window_s": window,
        "computer_phase_headless_s": headless,
        "startup_menu_s": statistics.median(startup),
        "new_game_s": statistics.median(new_game),
    }


def _computer_phase_s(screen: object) -> tuple[float, float]:
    """The Soviet opening phase of Manchuria played by the computer: in the window at the default
    settings (Japan at the screen, every frame drawn with the clock's real time passing, until the
    playback is over), and headless (the player's call alone), in seconds."""
    import pygame

    from game import paths
    from game.core.game import Game
    from game.scenario.build import load_game
    from game.ui.app import App
    from game.ui.session import Session, computer_player
    from game.ui.settings import Settings

    assert isinstance(screen, pygame.Surface)
    state = load_game(paths.SCENARIOS / SCENARIO)
    computer_player()(Game(state.clone(), state.scenario.seed))  # warm-up: caches the first phase fills
    game = Game(state.clone(), state.scenario.seed)
    t0 = time.perf_counter()
    computer_player()(game)
    headless = time.perf_counter() - t0
    app = App(Game(state, state.scenario.seed), SIZE, session=Session(frozenset({1})), settings=Settings())
    app.draw(screen)
    t0 = last = time.perf_counter()
    while app.truth.side == 0 or app.anim is not None:
        now = time.perf_counter()
        app.update((now - last) * 1000.0)
        last = now
        app.draw(screen)
        if now - t0 > 120:
            raise RuntimeError("the computer phase did not end in two minutes")
    return time.perf_counter() - t0, headless


def _new_game_s() -> float:
    """From Start on the New game screen with Manchuria chosen to its map drawn, in this process."""
    import pygame

    from game import paths
    from game.ui.newgame import NewGameScreen
    from game.ui.settings import Settings
    from game.ui.shell import Shell

    screen = pygame.display.get_surface()
    assert screen is not None, "ui_bench sets the display mode first"
    with tempfile.TemporaryDirectory() as tmp:
        shell = Shell(SIZE, settings=Settings(animation_speed=0.0), settings_file=Path(tmp) / "settings.json",
                      saves_dir=Path(tmp) / "saves")
        shell.open_new_game()
        ng = shell.screen
        assert isinstance(ng, NewGameScreen)
        target = paths.SCENARIOS / SCENARIO
        idx = next(i for i, b in enumerate(ng.briefs) if Path(b.path) == target)
        ng.list.selected = idx
        ng._sync_modes()
        shell.draw(screen)
        t0 = time.perf_counter()
        ng.activate("start")
        assert shell.app is not None, "the scenario did not open"
        shell.app.handover = None  # a hotseat default would hide the map; the map is what is timed
        shell.draw(screen)
        return time.perf_counter() - t0


def _startup_s() -> float:
    """``python main.py`` from a cold process to the main menu drawn (the window honours the exit flag)."""
    main = Path(__file__).resolve().parents[2] / "main.py"
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", **{EXIT_AFTER_FIRST_FRAME: "1"})
    with tempfile.TemporaryDirectory() as tmp:
        env["XDG_DATA_HOME"] = env["XDG_CONFIG_HOME"] = tmp  # no user settings or saves in the way
        t0 = time.perf_counter()
        subprocess.run([sys.executable, str(main)], env=env, check=True, capture_output=True, timeout=60)
        return time.perf_counter() - t0


if __name__ == "__main__":
    for k, v in ui_bench().items():
        print(f"{k:22s} {v:8.2f}")
