"""Sound effects: synthesised by the game, silent under the dummy audio driver or when muted."""

from __future__ import annotations

import numpy as np
import pytest

from game.ui.sound import EFFECTS, Sounds, synth, to_int16


@pytest.mark.parametrize("name", EFFECTS)
def test_every_effect_is_short_audible_and_in_range(name: str) -> None:
    samples = synth(name)
    assert 0.05 < samples.size / 22050 < 1.0  # short
    assert np.abs(samples).max() > 0.2 and np.abs(samples).max() <= 1.0
    pcm = to_int16(samples, 2)
    assert pcm.dtype == np.int16 and pcm.shape == (samples.size, 2)


def test_unknown_effect_is_an_error() -> None:
    with pytest.raises(ValueError, match="no sound effect"):
        synth("fanfare")


def test_silent_under_the_dummy_driver_and_when_muted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")
    assert not Sounds().play("move")
    muted = Sounds(muted=True)
    assert not muted.play("combat") and muted._ok is None  # muted: the mixer is not even opened
