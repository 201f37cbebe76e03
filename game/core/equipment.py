"""Equipment types: armour by facing, weapons and their penetration by range.

Figures come from the scenario's equipment files; this module holds the mechanism only.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

FACINGS = ("front", "side", "rear")

# Kinds counted as "guns" in the totals: every tube and launcher of the artillery.
GUN_KINDS = frozenset({"gun", "anti_tank_gun", "anti_aircraft_gun", "mortar", "rocket_launcher"})


@dataclass(frozen=True)
class Weapon:
    name: str
    caliber_mm: float
    pen_range_m: tuple[float, ...]  # increasing
    pen_mm: tuple[float, ...]
    he: float = 0.0
    max_range_m: int = 2000

    def penetration(self, range_m: float | np.ndarray) -> float | np.ndarray:
        """Penetration in mm at ``range_m``, interpolated; 0 beyond the weapon's reach."""
        if not self.pen_range_m:
            return np.zeros_like(range_m, dtype=float) if isinstance(range_m, np.ndarray) else 0.0
        pen = np.interp(range_m, self.pen_range_m, self.pen_mm)
        pen = np.where(np.asarray(range_m) > self.max_range_m, 0.0, pen)
        return pen if isinstance(range_m, np.ndarray) else float(pen)


@dataclass(frozen=True)
class EquipmentType:
    id: str
    name: str
    kind: str
    armor: tuple[float, float, float] | None  # front, side, rear in mm; None for soft targets
    weapons: tuple[Weapon, ...] = ()
    crew: int = 0
    role: str = ""  # aircraft: fighter, attack, bomber, transport, recon
    speed_kmh: float | None = None

    @property
    def armored(self) -> bool:
        return self.armor is not None and max(self.armor) > 0
