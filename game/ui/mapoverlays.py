"""The toggled map overlays (S supply, Z enemy zones of control, F fortifications, G fog, C movement cost).

Which overlays are on is view state; what they show is read from the rules (``supply_map``,
``enemy_zoc``) for the viewing side, once per state version, so toggling or panning never
re-runs a supply trace.
"""

from __future__ import annotations

import numpy as np
import pygame

from game.core.rules.movement import enemy_zoc
from game.core.rules.supply import SupplyMap, supply_map
from game.core.state import GameState
from game.core.view import visible
from game.ui import overlays, palette
from game.ui.camera import Camera
from game.ui.text import Text

OVERLAYS: tuple[str, ...] = ("supply", "zoc", "fortifications", "fog", "cost")
LABELS = {"supply": "Supply", "zoc": "Enemy ZOC", "fortifications": "Fortifications", "fog": "Fog",
          "cost": "Move cost"}
KEYS = {"supply": "S", "zoc": "Z", "fortifications": "F", "fog": "G", "cost": "C"}
FOG_DIM: overlays.RGBA = (8, 10, 14, 120)


class MapOverlays:
    """Which overlays are on, their cached layers, and the rule results they draw."""

    def __init__(self) -> None:
        self.active: set[str] = set()
        self._supply_layer = overlays.HexMaskLayer(palette.SUPPLY_FILL, palette.SUPPLY_EDGE, overlays.draw_railhead)
        self._zoc_layer = overlays.HexMaskLayer(palette.ZOC_FILL, palette.ZOC_EDGE)
        self._fort_layer = overlays.HexMaskLayer(palette.FORT_VEIL)
        self._fog_layer = overlays.HexMaskLayer(FOG_DIM)
        self._supply: tuple[tuple[int, int], SupplyMap] | None = None
        self._zoc: tuple[tuple[int, int], np.ndarray] | None = None

    def toggle(self, name: str) -> bool:
        """Switch an overlay; returns whether it is now on."""
        if name not in OVERLAYS:
            raise ValueError(f"unknown overlay {name!r} (choose from {', '.join(OVERLAYS)})")
        self.active ^= {name}
        return name in self.active

    def names(self) -> list[str]:
        """Active overlays in a fixed order, for the top bar and the legend."""
        return [LABELS[n] for n in OVERLAYS if n in self.active]

    # --- rule results, cached per state version ----------------------------------------------
    def supply(self, state: GameState, side: int, version: int) -> SupplyMap:
        if self._supply is None or self._supply[0] != (version, side):
            self._supply = ((version, side), supply_map(state, side))
        return self._supply[1]

    def zoc(self, state: GameState, side: int, version: int) -> np.ndarray:
        if self._zoc is None or self._zoc[0] != (version, side):
            self._zoc = ((version, side), enemy_zoc(state, side))
        return self._zoc[1]

    def cut_off(self, state: GameState, side: int, version: int) -> set[int]:
        """The side's ground units standing where supply does not reach now (supply overlay on)."""
        if "supply" not in self.active or state.scenario.supply is None:
            return set()
        sm = self.supply(state, side, version)
        units = state.ground_units_of(side)
        return {int(u) for u in units[~sm.supplied[state.unit_hex[units]]]}

    # --- drawing -----------------------------------------------------------------------------
    def draw_under_units(self, surf: pygame.Surface, camera: Camera, state: GameState, side: int,
                         version: int) -> None:
        m = state.scenario.map
        if "fortifications" in self.active:
            self._fort_layer.draw(surf, camera, m, m.fortification == 0, "static")
        if "fog" in self.active:  # what the side to move cannot see (the screen may show more: watching)
            self._fog_layer.draw(surf, camera, m, ~visible(state, state.side), (version, state.side))
        if "supply" in self.active:
            sm = self.supply(state, side, version)
            self._supply_layer.draw(surf, camera, m, sm.supplied, (version, side), marks=sm.rail)
        if "zoc" in self.active:
            self._zoc_layer.draw(surf, camera, m, self.zoc(state, side, version), (version, side))

    def draw_over_units(self, surf: pygame.Surface, camera: Camera, state: GameState, text: Text) -> None:
        if "fortifications" in self.active:
            overlays.draw_fort_emphasis(surf, camera, state.scenario.map, text)
