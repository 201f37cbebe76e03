"""UI fuzzing: thousands of random clicks, keys, wheel turns and window events on every screen.

Under SDL's dummy driver, with a seeded ``random.Random`` (``AUGUST_STORM_FUZZ_SEED`` picks
another seed): no exception may escape any screen, QUIT stops the shell without ending the
process, and on the map the game state changes only through ``Game.play``. The fast run is
part of the normal suite; the long one is marked slow (``make test-all``).
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import pygame
import pytest

from game.ui.loadgame import LoadScreen
from game.ui.settings import Settings
from game.ui.shell import Shell
from tests.ui.fuzzing import TARGETS, EventMaker, World, fuzz

SEED = int(os.environ.get("AUGUST_STORM_FUZZ_SEED", "1944"))
SHOTS = os.environ.get("AUGUST_STORM_SHOTS")  # a folder: each screen is saved there after its fuzzing


@pytest.fixture(autouse=True)
def display() -> None:
    """A (dummy) window, as the game has: held modifier keys are read from it."""
    pygame.display.init()
    pygame.font.init()
    pygame.display.set_mode((64, 48))


def _run(tmp_path: Path, per_target: int, seed: int, draw_every: int) -> None:
    shots = Path(SHOTS) if SHOTS else None
    if shots is not None:
        shots.mkdir(parents=True, exist_ok=True)
    report = fuzz(World(tmp_path), random.Random(seed), per_target, draw_every=draw_every, shots=shots)
    print(f"\nUI fuzz (seed {seed}): {report.events} events in {report.batches} batches on {len(report.by_target)} "
          f"screens; {report.plays} game.play/undo calls, {report.quits} quits, {report.setups} set-ups")
    assert set(report.by_target) == set(TARGETS)
    assert report.events >= per_target * len(TARGETS)


def test_fuzz_every_screen(tmp_path: Path) -> None:
    _run(tmp_path, 220, SEED, draw_every=2)


@pytest.mark.slow
def test_fuzz_every_screen_long(tmp_path: Path) -> None:
    for i in range(2):
        _run(tmp_path / str(i), 1500, SEED + 1 + i, draw_every=1)


def test_fuzz_the_real_window_loop(tmp_path: Path) -> None:
    """The same events posted into ``window.run``'s own loop (resizes, settings that reopen the window), then QUIT."""
    from game.ui.window import run

    world = World(tmp_path)
    maker = EventMaker(random.Random(SEED))
    posted, runs = [0], 0

    def on_frame(shell: Shell, frame: int) -> None:
        if frame == 0:
            shell.briefs = world.briefs  # the test scenario only: the real ones take long to load
        # Esc on the main menu, Quit, or a QUIT among these may end the run sooner
        events = maker.batch(shell, shell.window_size) if frame < 200 else [pygame.event.Event(pygame.QUIT)]
        for e in events:
            pygame.event.post(e)
        posted[0] += len(events)

    while posted[0] < 800:
        assert run(size=(1024, 700), saves_dir=world.saves, settings_file=world.settings, max_frames=400,
                   on_frame=on_frame, fps=1000) == 0  # returns: QUIT never exits the process
        runs += 1
    print(f"\nwindow loop fuzz: {posted[0]} events posted in {runs} runs of the loop")


def test_the_fuzzer_notices_a_state_change_behind_game_play(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The harness itself: a UI that changed the state without an order must be caught."""
    from game.ui.app import App

    toggle = App.toggle_overlay

    def cheating(self: App, name: str) -> None:
        toggle(self, name)
        self.truth.unit_men[0] -= 1

    monkeypatch.setattr(App, "toggle_overlay", cheating)
    with pytest.raises(AssertionError, match=r"without Game\.play"):
        fuzz(World(tmp_path), random.Random(SEED), 2000, targets={"map solo": TARGETS["map solo"]})


def test_every_damaged_save_loads_or_says_why(tmp_path: Path) -> None:
    """Each kind of damaged save in the fuzzing folder, loaded from the Load screen: a dialog, never a crash."""
    world = World(tmp_path)
    shell = world.shell((1280, 800), Settings(warn_end_phase=False, first_turn_guide=False, animation_speed=0.0))
    for path in sorted(world.saves.glob("*.json")):
        shell.open_load()
        screen = shell.screen
        assert isinstance(screen, LoadScreen)
        screen.list.selected = [r.data.path for r in screen.list.rows].index(path)
        screen._sync_modes()
        shell.draw(pygame.Surface((1280, 800)))
        screen.activate("load")
        loaded = shell.app is not None
        assert loaded != (shell.dialog is not None), path.name
        assert loaded == (path.name in ("good.json", "old-no-meta.json", "meta-junk.json", "meta-list.json")), path.name
        shell.draw(pygame.Surface((1280, 800)))
        shell.dialog = None
        shell.open_menu()
