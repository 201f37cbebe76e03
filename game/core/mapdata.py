"""The static map: per-hex layers as numpy arrays and per-hexside features.

Per-hex layers are flat arrays of length ``grid.size`` (reshape to ``[row, col]`` with
``grid.height, grid.width`` for display); per-hexside layers are ``[size, 6]`` arrays by
direction and are symmetric: a river on side E of one hex is on side W of its neighbour.
Nothing here changes during a game, so every GameState shares one MapData.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from game.core.hexgrid import Grid, Hex

RIVER_NONE, RIVER_MINOR, RIVER_MAJOR = 0, 1, 2
RIVER_KINDS = ("none", "minor", "major")


@dataclass(frozen=True)
class Place:
    """A named place; holding it is worth ``vp`` victory points."""

    id: str
    name: str
    hex: Hex
    vp: int = 0
    kind: str = "town"
    name_1944: str = ""

    @property
    def label(self) -> str:
        """Modern name with the 1944 name beside it where it differs."""
        return f"{self.name} / {self.name_1944}" if self.name_1944 else self.name


@dataclass
class MapData:
    """All static map layers. Build with ``MapData.empty`` then fill, or through the scenario."""

    grid: Grid
    km_per_hex: float
    terrain_kinds: tuple[str, ...]  # index -> terrain kind name
    terrain: np.ndarray  # uint8 [size]
    fortification: np.ndarray  # uint8 [size], 0 none .. 5 fortress
    river: np.ndarray  # uint8 [size, 6]: RIVER_*
    road: np.ndarray  # bool [size, 6]
    rail_gauge: np.ndarray  # int16 [size, 6]: 0 none, else mm
    places: tuple[Place, ...] = ()
    names: dict[str, str] = field(default_factory=dict)  # names of rivers etc. (free text)

    @classmethod
    def empty(cls, grid: Grid, km_per_hex: float, terrain_kinds: tuple[str, ...]) -> MapData:
        n = grid.size
        return cls(grid, km_per_hex, terrain_kinds, np.zeros(n, np.uint8), np.zeros(n, np.uint8),
                   np.zeros((n, 6), np.uint8), np.zeros((n, 6), bool), np.zeros((n, 6), np.int16))

    def set_hexside(self, layer: np.ndarray, index: int, direction: int, value: int | bool) -> None:
        """Set a hexside feature on both hexes that share the side."""
        layer[index, direction] = value
        other = self.grid.neighbor_table[index, direction]
        if other >= 0:
            layer[other, (direction + 3) % 6] = value

    def terrain_name(self, index: int) -> str:
        return self.terrain_kinds[int(self.terrain[index])]

    def place_at(self, index: int) -> Place | None:
        return self._place_index.get(index)

    @property
    def _place_index(self) -> dict[int, Place]:
        cached = self.__dict__.get("_places_by_hex")
        if cached is None:
            cached = {self.grid.index(p.hex): p for p in self.places}
            self.__dict__["_places_by_hex"] = cached
        return cached
