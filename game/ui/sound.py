"""Short sound effects the game makes itself: move, combat, phase change, game over.

Each effect is synthesised once with numpy (no sound files to ship or license) and played
through ``pygame.mixer`` at the player's volume; muted, or where no mixer can be opened (a
server, CI, SDL's dummy audio driver), every call is silent and costs nothing.
"""

from __future__ import annotations

import os

import numpy as np
import pygame

RATE = 22050
EFFECTS = ("move", "combat", "phase", "game_over")


def _envelope(n: int, attack: float = 0.01, decay: float = 6.0) -> np.ndarray:
    t = np.arange(n) / RATE
    rise = np.clip(t / attack, 0.0, 1.0)
    return rise * np.exp(-decay * t)


def _tone(freq: float, seconds: float, decay: float = 6.0) -> np.ndarray:
    n = int(RATE * seconds)
    t = np.arange(n) / RATE
    return np.sin(2 * np.pi * freq * t) * _envelope(n, decay=decay)


def synth(name: str) -> np.ndarray:
    """The effect as float samples in [-1, 1] (mono): a pure function, so it is tested without a mixer."""
    if name == "move":  # a short wooden tick: a counter set down
        return 0.6 * _tone(660, 0.08, decay=45) + 0.3 * _tone(990, 0.08, decay=60)
    if name == "combat":  # a dull thud under a burst of noise
        n = int(RATE * 0.45)
        noise = np.random.default_rng(1944).uniform(-1, 1, n) * _envelope(n, decay=9)
        return np.clip(0.55 * noise + 0.6 * _tone(70, 0.45, decay=7), -1, 1)
    if name == "phase":  # two notes up: your turn
        return np.concatenate([0.5 * _tone(523, 0.14, 10), 0.5 * _tone(784, 0.22, 8)])
    if name == "game_over":  # three notes down
        return np.concatenate([0.5 * _tone(f, 0.25, 5) for f in (784, 659, 523)])
    raise ValueError(f"no sound effect '{name}'")


def to_int16(samples: np.ndarray, channels: int) -> np.ndarray:
    """Float samples as the mixer's signed 16-bit frames, one column per channel."""
    pcm = (np.clip(samples, -1, 1) * 32000).astype(np.int16)
    return np.ascontiguousarray(np.repeat(pcm[:, None], channels, axis=1)) if channels > 1 else pcm


class Sounds:
    """The effects, made on first use; ``play`` is silent when muted or without a mixer."""

    def __init__(self, volume: float = 0.6, muted: bool = False) -> None:
        self.volume = volume
        self.muted = muted
        self._made: dict[str, pygame.mixer.Sound] = {}
        self._ok: bool | None = None  # whether a mixer could be opened (tried once)

    def available(self) -> bool:
        if self._ok is None:
            self._ok = _open_mixer()
        return self._ok

    def play(self, name: str) -> bool:
        """Play an effect; True when it was handed to the mixer."""
        if self.muted or self.volume <= 0 or not self.available():
            return False
        sound = self._made.get(name)
        if sound is None:
            init = pygame.mixer.get_init()
            channels = init[2] if init else 1
            sound = self._made[name] = pygame.sndarray.make_sound(to_int16(synth(name), channels))
        sound.set_volume(self.volume)
        sound.play()
        return True


def _open_mixer() -> bool:
    """Open the mixer once; False (silence) under the dummy driver or where no audio device exists."""
    if os.environ.get("SDL_AUDIODRIVER") == "dummy":
        return False
    try:
        if not pygame.mixer.get_init():
            pygame.mixer.init(frequency=RATE, size=-16, channels=2)
        return True
    except pygame.error:
        return False
