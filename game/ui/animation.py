"""Playing back a computer phase on the map: counters gliding along their paths, combats and demolitions
flashed on their hexes.

The beats come from ``computer.play_computer_phase`` already cut to what the watching side may
see. This module only keeps time: which beat is playing, how far along it is, and which
state the map should show meanwhile. The speed is the player's animation setting (a
multiplier; 0 means no animation at all) and Space skips to the end.
"""

from __future__ import annotations

import pygame

from game.core.hexgrid import Hex
from game.core.state import GameState
from game.ui import hexdraw, overlays, palette
from game.ui.camera import Camera
from game.ui.combat_info import RESULT_WORDS
from game.ui.computer import Beat
from game.ui.text import Text

MS_PER_HEX = 150.0  # a counter's step along its path at normal speed
MIN_MOVE_MS = 300.0
COMBAT_MS = 1200.0
DEMOLITION_MS = 800.0  # shorter than a combat: there is no outcome to read, only where the bridge went
FLASH_MS = {"combat": COMBAT_MS, "demolition": DEMOLITION_MS}
BLOWN = "Blown"  # a demolition beat's word over its hex
GAP_MS = 60.0  # a breath between beats, so separate moves read as separate


class PhaseAnimation:
    """Time through a list of beats; ``shown`` is what the map draws at this moment."""

    def __init__(self, beats: list[Beat], start: GameState, speed: float, budget_ms: float = 0.0) -> None:
        """``budget_ms`` > 0: play faster than ``speed`` when needed so the whole phase takes no longer
        (a 300-unit phase move by move at normal speed takes minutes; a player wants the gist)."""
        self.beats = beats
        self.speed = max(0.01, speed)
        if budget_ms > 0:
            self.speed = max(self.speed, self.total_ms() / budget_ms)
        self.index = 0
        self.elapsed = 0.0
        self.shown = beats[0].before if beats else start
        self.final = beats[-1].after if beats else start

    @property
    def done(self) -> bool:
        return self.index >= len(self.beats)

    @property
    def beat(self) -> Beat | None:
        return None if self.done else self.beats[self.index]

    def duration(self, beat: Beat) -> float:
        if beat.kind == "move":
            return max(MIN_MOVE_MS, MS_PER_HEX * (len(beat.path) - 1)) / self.speed
        return FLASH_MS[beat.kind] / self.speed

    def total_ms(self) -> float:
        """How long the whole playback takes at the current speed."""
        return sum(self.duration(b) + GAP_MS / self.speed for b in self.beats)

    def progress(self) -> float:
        b = self.beat
        return 1.0 if b is None else min(1.0, self.elapsed / self.duration(b))

    def update(self, dt_ms: float) -> bool:
        """Advance the clock; True when the state shown changed (a beat began or ended)."""
        if self.done:
            return False
        changed = False
        self.elapsed += dt_ms
        while not self.done and self.elapsed >= self.duration(self.beats[self.index]) + GAP_MS / self.speed:
            self.elapsed -= self.duration(self.beats[self.index]) + GAP_MS / self.speed
            self.index += 1
            changed = True
        self.shown = self.final if self.done else self.beats[self.index].before
        return changed

    def skip(self) -> None:
        self.index = len(self.beats)
        self.shown = self.final

    def focus(self) -> Hex | None:
        """The hex the current beat is about (the camera follows it when it is off screen)."""
        b = self.beat
        if b is None:
            return None
        if b.kind == "move":
            return b.path[min(len(b.path) - 1, int(self.progress() * (len(b.path) - 1)))]
        return b.target

    def mover_position(self, camera: Camera) -> tuple[float, float] | None:
        """Screen position of the unit moving now, interpolated between hex centres."""
        b = self.beat
        if b is None or b.kind != "move":
            return None
        t = self.progress() * (len(b.path) - 1)
        k = min(len(b.path) - 2, int(t))
        f = t - k
        ax, ay = camera.hex_to_screen(b.path[k])
        bx, by = camera.hex_to_screen(b.path[k + 1])
        return ax + (bx - ax) * f, ay + (by - ay) * f


def draw_move_trail(surf: pygame.Surface, camera: Camera, path: tuple[Hex, ...], upto: float) -> None:
    """The path behind the moving counter, so the eye can follow where it came from."""
    pts = [camera.hex_to_screen(h) for h in path[: int(upto) + 2]]
    if len(pts) >= 2:
        w = max(2, camera.tile_size // 6)
        pygame.draw.lines(surf, (20, 20, 20), False, pts, w + 2)
        pygame.draw.lines(surf, (255, 236, 160), False, pts, w)


def draw_flash(surf: pygame.Surface, camera: Camera, beat: Beat, t: float, text: Text) -> None:
    """A combat or a demolition beat at ``t`` (0 to 1) of its time, on its hex."""
    _FLASHES[beat.kind](surf, camera, beat, t, text)


def draw_combat_flash(surf: pygame.Surface, camera: Camera, beat: Beat, t: float, text: Text) -> None:
    """The target hex pulsing red under arrows from the attackers, then the outcome once it is known."""
    assert beat.combat is not None
    c = beat.combat
    grid = beat.before.scenario.map.grid
    index = beat.before.scenario.unit_index
    sources = [grid.hex_at(int(beat.before.unit_hex[index[uid]])) for uid in c.attackers
               if uid in index and beat.before.unit_hex[index[uid]] >= 0]
    pulse = _pulse(t)
    _veil(surf, camera, c.target, palette.ATTACK, pulse)
    overlays.draw_attack_marks(surf, camera, sources, c.target, palette.mix(palette.ATTACK, (255, 255, 255),
                                                                             0.4 * pulse))
    _tag(surf, camera, c.target, text, RESULT_WORDS.get(c.result, c.result) if t > 0.45 else "Combat", (120, 20, 10))


def draw_demolition_flash(surf: pygame.Surface, camera: Camera, beat: Beat, t: float, text: Text) -> None:
    """The blown hex pulsing orange under the wreck's burst, swelling to full size in the first half of the beat
    (the hatching the map keeps for a wreck comes with the beat's after state, once it is over)."""
    assert beat.blown is not None
    s = camera.tile_size
    cx, cy = camera.hex_to_screen(beat.blown)
    _veil(surf, camera, beat.blown, palette.WRECK, _pulse(t))
    burst = hexdraw.wreck_burst(float(max(3, round(s * (0.25 + 0.45 * min(1.0, 2 * t))))))  # whole pixels: cached
    surf.blit(burst, burst.get_rect(center=(round(cx), round(cy))))
    _tag(surf, camera, beat.blown, text, BLOWN, palette.WRECK_EDGE)


_FLASHES = {"combat": draw_combat_flash, "demolition": draw_demolition_flash}


def _pulse(t: float) -> float:
    """0.5 to 1 and back, three times over a beat: the flash's strength at ``t``."""
    return 0.5 + 0.5 * abs(((t * 3) % 2) - 1)


def _veil(surf: pygame.Surface, camera: Camera, h: Hex, color: palette.Color, pulse: float) -> None:
    """The hex tinted ``color``, translucent so the counter on it stays readable."""
    s = camera.tile_size
    cx, cy = camera.hex_to_screen(h)
    veil = pygame.Surface((2 * s + 4, 2 * s + 4), pygame.SRCALPHA)
    pygame.draw.polygon(veil, (*color, int(35 + 75 * pulse)), hexdraw.corners(s + 2, s + 2, s, 0.98))
    surf.blit(veil, (cx - s - 2, cy - s - 2))


def _tag(surf: pygame.Surface, camera: Camera, h: Hex, text: Text, word: str, halo: palette.Color) -> None:
    """``word`` in white on a ``halo`` outline just above the hex."""
    s = camera.tile_size
    cx, cy = camera.hex_to_screen(h)
    tag = text.render_halo(word, max(16, min(26, s // 2)), (255, 255, 255), halo, bold=True)
    surf.blit(tag, tag.get_rect(midbottom=(cx, cy - s * 0.95)))
