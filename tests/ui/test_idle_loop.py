"""The window loop must not redraw or spin while nothing happens (an idle game uses almost no CPU)."""

from __future__ import annotations

import time
from pathlib import Path

import pygame
import pytest

from game.ui import window
from game.ui.shell import Shell


def test_idle_loop_draws_once_and_waits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(window, "IDLE_WAIT_MS", 20)
    draws: list[int] = []
    frames = 15

    def hook(shell: Shell, frame: int) -> None:
        if frame == 0:
            real = shell.draw

            def counting(surf: pygame.Surface) -> None:
                draws.append(frame)
                real(surf)

            shell.draw = counting  # type: ignore[method-assign]
        if frame == 8:  # one input in the middle: exactly one more frame is drawn
            pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=(5, 5), rel=(1, 1), buttons=(0, 0, 0)))

    t0 = time.perf_counter()
    window.run(size=(800, 600), max_frames=frames, on_frame=hook, saves_dir=tmp_path / "saves",
               settings_file=tmp_path / "settings.json")
    elapsed = time.perf_counter() - t0
    assert len(draws) == 2  # the first frame and the one after the input; the idle iterations draw nothing
    # idle iterations sleep in the event queue (IDLE_WAIT_MS each) rather than return at once
    assert elapsed >= (frames - 4) * 0.02 * 0.8
