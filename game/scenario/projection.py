"""From latitude/longitude to the hex grid: a Lambert conformal conic projection.

A conformal conic keeps shapes and, between its two standard parallels, scale within about 1 %
— so a hex is close to ``km_per_hex`` across everywhere on a map of Manchuria's size, where a
plain lat/lon grid would be 30 % wider at 38°N than at 54°N. The grid is laid over the
projected bounding box: hex [0, 0] sits at its north-west corner, rows run south.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from game.core.hexgrid import SQRT3, Hex, hex_to_pixel, pixel_to_hex

EARTH_RADIUS_KM = 6371.0


@dataclass(frozen=True)
class Projection:
    """Parameters come from the scenario's geography file, not from code."""

    lat1: float  # standard parallels, degrees
    lat2: float
    lat0: float  # origin latitude and central meridian
    lon0: float
    km_per_hex: float  # distance between neighbouring hex centres
    west: float  # the lat/lon box the grid must cover
    east: float
    south: float
    north: float

    @cached_property
    def _cone(self) -> tuple[float, float, float]:
        p1, p2, p0 = (math.radians(v) for v in (self.lat1, self.lat2, self.lat0))
        t = lambda p: math.tan(math.pi / 4 + p / 2)  # noqa: E731
        n = (math.log(math.cos(p1) / math.cos(p2)) / math.log(t(p2) / t(p1))) if self.lat1 != self.lat2 \
            else math.sin(p1)
        f = math.cos(p1) * t(p1) ** n / n
        rho0 = EARTH_RADIUS_KM * f / t(p0) ** n
        return n, f, rho0

    def to_xy(self, lat: np.ndarray | float, lon: np.ndarray | float) -> tuple[np.ndarray, np.ndarray]:
        """Projected km east and north of the origin."""
        n, f, rho0 = self._cone
        phi = np.radians(np.asarray(lat, dtype=float))
        rho = EARTH_RADIUS_KM * f / np.tan(np.pi / 4 + phi / 2) ** n
        theta = n * np.radians(np.asarray(lon, dtype=float) - self.lon0)
        return rho * np.sin(theta), rho0 - rho * np.cos(theta)

    def to_latlon(self, x: np.ndarray | float, y: np.ndarray | float) -> tuple[np.ndarray, np.ndarray]:
        """Inverse of ``to_xy``."""
        n, f, rho0 = self._cone
        x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        rho = np.sign(n) * np.hypot(x, rho0 - y)
        theta = np.arctan2(x, rho0 - y)
        phi = 2 * np.arctan((EARTH_RADIUS_KM * f / rho) ** (1 / n)) - np.pi / 2
        return np.degrees(phi), self.lon0 + np.degrees(theta / n)

    @cached_property
    def hex_size_km(self) -> float:
        """Circumradius of a pointy-top hex whose centres are ``km_per_hex`` apart."""
        return self.km_per_hex / SQRT3

    @cached_property
    def bounds_xy(self) -> tuple[float, float, float, float]:
        """(xmin, xmax, ymin, ymax) of the lat/lon box's outline, projected."""
        edge = np.linspace(0, 1, 200)
        lats = np.concatenate([self.south + (self.north - self.south) * edge, np.full(200, self.north),
                               self.south + (self.north - self.south) * edge, np.full(200, self.south)])
        lons = np.concatenate([np.full(200, self.west), self.west + (self.east - self.west) * edge,
                               np.full(200, self.east), self.west + (self.east - self.west) * edge])
        x, y = self.to_xy(lats, lons)
        return float(x.min()), float(x.max()), float(y.min()), float(y.max())

    @cached_property
    def size(self) -> tuple[int, int]:
        """(width, height) in hexes of a grid that covers the box."""
        xmin, xmax, ymin, ymax = self.bounds_xy
        width = math.ceil((xmax - xmin) / self.km_per_hex) + 1
        height = math.ceil((ymax - ymin) / (1.5 * self.hex_size_km)) + 1
        return width, height

    def hex_of(self, lat: float, lon: float) -> Hex:
        """The hex containing a point."""
        xmin, _, _, ymax = self.bounds_xy
        x, y = self.to_xy(lat, lon)
        return pixel_to_hex(float(x) - xmin, ymax - float(y), self.hex_size_km)

    def center_of(self, h: Hex) -> tuple[float, float]:
        """(lat, lon) of a hex centre."""
        xmin, _, _, ymax = self.bounds_xy
        px, py = hex_to_pixel(h, self.hex_size_km)
        lat, lon = self.to_latlon(xmin + px, ymax - py)
        return float(lat), float(lon)

    def centers(self) -> tuple[np.ndarray, np.ndarray]:
        """(lat, lon) of every hex centre as flat arrays in hex index order."""
        width, height = self.size
        rows, cols = np.divmod(np.arange(width * height), width)
        xmin, _, _, ymax = self.bounds_xy
        px = self.km_per_hex * (cols + 0.5 * (rows & 1))
        py = 1.5 * self.hex_size_km * rows
        return self.to_latlon(xmin + px, ymax - py)
