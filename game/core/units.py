"""Units and the formation tree: the parts of a unit that never change during a game.

What changes (position, movement points, men, equipment) lives in GameState as arrays
indexed by the unit's position in ``Scenario.units``.
"""

from __future__ import annotations

from dataclasses import dataclass

OFF_MAP = -1  # unit_hex of a unit not on the map (eliminated, or not yet arrived)

MOVEMENT_CLASSES = ("foot", "cavalry", "wheeled", "tracked")
DIVISION_SIZE = "XX"


@dataclass(frozen=True)
class UnitType:
    id: str
    name: str
    symbol: str  # NATO symbol name: infantry, armor, ...
    size: str  # II, III, X, XX, XXX ...
    movement_class: int  # index into MOVEMENT_CLASSES
    movement_points: float
    domain: str = "ground"  # ground, air or naval: only ground units hold hexes and exert zones of control
    support_range: int = 0  # hexes its artillery reaches to support attacks and defence from other hexes


@dataclass(frozen=True)
class UnitInfo:
    """The static part of one unit on the map."""

    id: str
    name: str
    side: int  # index into Scenario.sides
    type: UnitType
    parent: str | None
    experience: float = 1.0
    arrives: int | None = None  # turn a reinforcement enters the map, at entry_hex
    entry_hex: int = OFF_MAP  # flat index where a reinforcement enters
    moves_from_turn: int = 1  # held back before this turn


@dataclass(frozen=True)
class Formation:
    """A headquarters above the units: front, army, corps."""

    id: str
    name: str
    size: str
    side: int
    parent: str | None
