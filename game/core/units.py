"""Units and the formation tree: the parts of a unit that never change during a game.

What changes (position, movement points, men, equipment) lives in GameState as arrays
indexed by the unit's position in ``Scenario.units``.
"""

from __future__ import annotations

from dataclasses import dataclass

MOVEMENT_CLASSES = ("foot", "cavalry", "wheeled", "tracked")
DIVISION_SIZE = "XX"
OFF_MAP = -1  # unit_hex of a unit not on the map (eliminated, or not yet arrived)


@dataclass(frozen=True)
class UnitType:
    id: str
    name: str
    symbol: str  # NATO symbol name: infantry, armor, ...
    size: str  # II, III, X, XX, XXX ...
    movement_class: int  # index into MOVEMENT_CLASSES
    movement_points: float


@dataclass(frozen=True)
class UnitInfo:
    """The static part of one unit on the map."""

    id: str
    name: str
    side: int  # index into Scenario.sides
    type: UnitType
    parent: str | None
    experience: float = 1.0


@dataclass(frozen=True)
class Formation:
    """A headquarters above the units: front, army, corps."""

    id: str
    name: str
    size: str
    side: int
    parent: str | None
