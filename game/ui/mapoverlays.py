"""The toggled map overlays (S supply, Z enemy zones of control, F fortifications, G fog, C movement cost).

Which overlays are on is view state; what they show is read from the rules (``supply_map``,
``deliveries``, ``enemy_zoc``) for the viewing side, once per state version, so toggling or
panning never re-runs a supply trace. The supply overlay shades the side's hexes by what its
lorries deliver there today (``supplyview.hex_levels``): full, partial, thin, cut off.
"""

from __future__ import annotations

import numpy as np
import pygame

from game.core.rules.movement import enemy_zoc
from game.core.rules.supply import Deliveries, SupplyMap, deliveries, supply_map
from game.core.state import GameState
from game.core.view import visible
from game.ui import overlays, palette, supplyview
from game.ui.camera import Camera
from game.ui.text import Text

OVERLAYS: tuple[str, ...] = ("supply", "zoc", "fortifications", "fog", "cost")
# Overlays that shade whole hexes: one at a time, for two shadings over the terrain read as mud. The
# others (fortification outlines, cost numbers) are marks and layer over any shading.
SHADINGS = frozenset({"supply", "zoc", "fog"})
LABELS = {"supply": "Supply", "zoc": "Enemy ZOC", "fortifications": "Fortifications", "fog": "Fog",
          "cost": "Move cost"}
KEYS = {"supply": "S", "zoc": "Z", "fortifications": "F", "fog": "G", "cost": "C"}
FOG_DIM: overlays.RGBA = (8, 10, 14, 120)


class MapOverlays:
    """Which overlays are on, their cached layers, and the rule results they draw."""

    def __init__(self) -> None:
        self.active: set[str] = set()
        self._supply_layer = overlays.HexMaskLayer(palette.SUPPLY_FILL, palette.SUPPLY_EDGE, overlays.draw_railhead,
                                                   palette.SUPPLY_SHADES)
        self._zoc_layer = overlays.HexMaskLayer(palette.ZOC_FILL, palette.ZOC_EDGE)
        self._fort_layer = overlays.HexMaskLayer(palette.FORT_VEIL)
        self._fog_layer = overlays.HexMaskLayer(FOG_DIM)
        self._version = -1  # the state version the cached rule results below belong to, per side
        self._supply: dict[int, SupplyMap] = {}
        self._days: dict[int, Deliveries] = {}
        self._levels: dict[int, np.ndarray] = {}
        self._zoc: dict[int, np.ndarray] = {}

    def toggle(self, name: str) -> bool:
        """Switch an overlay; returns whether it is now on. A shading switched on replaces the one that was
        on (``SHADINGS``); marks combine with anything."""
        if name not in OVERLAYS:
            raise ValueError(f"unknown overlay {name!r} (choose from {', '.join(OVERLAYS)})")
        if name in SHADINGS and name not in self.active:
            self.active -= SHADINGS
        self.active ^= {name}
        return name in self.active

    def names(self) -> list[str]:
        """Active overlays in a fixed order, for the top bar and the legend."""
        return [LABELS[n] for n in OVERLAYS if n in self.active]

    # --- rule results, cached per state version ----------------------------------------------
    def _at(self, version: int) -> None:
        """Forget the results of another state version (each side's are kept for the same one)."""
        if version != self._version:
            self._version = version
            self._supply, self._days, self._levels, self._zoc = {}, {}, {}, {}

    def supply(self, state: GameState, side: int, version: int) -> SupplyMap:
        self._at(version)
        if side not in self._supply:
            self._supply[side] = supply_map(state, side)
        return self._supply[side]

    def deliveries(self, state: GameState, side: int, version: int) -> Deliveries | None:
        """The side's day of supply unit by unit (None when the scenario has no supply rules)."""
        if state.scenario.supply is None:
            return None
        self._at(version)
        if side not in self._days:
            self._days[side] = deliveries(state, side, self.supply(state, side, version))
        return self._days[side]

    def levels(self, state: GameState, side: int, version: int) -> np.ndarray | None:
        """The supply overlay's level of every hex for the side (None without supply rules)."""
        day = self.deliveries(state, side, version)
        if day is None:
            return None
        if side not in self._levels:
            self._levels[side] = supplyview.hex_levels(state, side, self.supply(state, side, version), day)
        return self._levels[side]

    def unit_supply(self, state: GameState, unit: int, version: int) -> supplyview.UnitSupply | None:
        """One unit's supply today, for its panel (its own side's deliveries)."""
        day = self.deliveries(state, int(state.scenario.unit_side[unit]), version)
        return None if day is None else supplyview.unit_supply(state, day, unit)

    def zoc(self, state: GameState, side: int, version: int) -> np.ndarray:
        self._at(version)
        if side not in self._zoc:
            self._zoc[side] = enemy_zoc(state, side)
        return self._zoc[side]

    def cut_off(self, state: GameState, side: int, version: int, *, always: bool = False) -> set[int]:
        """The side's ground units that no supply reaches now, or too little food (supply overlay on, or
        ``always``: the counters' encircled mark, worked out once per state)."""
        if ("supply" not in self.active and not always) or state.scenario.supply is None:
            return set()
        day = self.deliveries(state, side, version)
        assert day is not None
        return {int(u) for u in day.units[supplyview.unit_levels(state, day) == supplyview.CUT_OFF]}

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
            self._supply_layer.draw(surf, camera, m, sm.supplied, (version, side), marks=sm.rail,
                                    levels=self.levels(state, side, version))
        if "zoc" in self.active:
            self._zoc_layer.draw(surf, camera, m, self.zoc(state, side, version), (version, side))

    def draw_over_units(self, surf: pygame.Surface, camera: Camera, state: GameState, text: Text) -> None:
        if "fortifications" in self.active:
            overlays.draw_fort_emphasis(surf, camera, state.scenario.map, text)
