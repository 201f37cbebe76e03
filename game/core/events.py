"""Events: what happened, with the numbers behind it. The UI animates them; logs print them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from game.core.hexgrid import Hex


@dataclass(frozen=True)
class Moved:
    unit: str
    path: tuple[Hex, ...]
    cost: float
    contact: bool = False  # ran into enemies it had not seen and stopped

    def __str__(self) -> str:
        return f"{self.unit} moves {self.path[0]} -> {self.path[-1]} ({len(self.path) - 1} hexes, {self.cost:g} MP)"


@dataclass(frozen=True)
class Arrived:
    unit: str
    hex: Hex

    def __str__(self) -> str:
        return f"{self.unit} arrives at {self.hex}"


@dataclass(frozen=True)
class HexCaptured:
    hex: Hex
    side: str
    place: str | None = None  # place id when the hex is a named place

    def __str__(self) -> str:
        return f"{self.side} takes {self.place or self.hex}"


@dataclass(frozen=True)
class PhaseEnded:
    side: str
    turn: int

    def __str__(self) -> str:
        return f"turn {self.turn}: {self.side} ends its phase"


@dataclass(frozen=True)
class TurnBegan:
    turn: int
    date: dt.date

    def __str__(self) -> str:
        return f"turn {self.turn} begins ({self.date.isoformat()})"


@dataclass(frozen=True)
class GameOver:
    victory_points: tuple[tuple[str, int], ...]
    winner: str | None

    def __str__(self) -> str:
        vp = ", ".join(f"{s} {v} VP" for s, v in self.victory_points)
        return f"game over: {vp}; " + (f"{self.winner} wins" if self.winner else "a draw")


@dataclass(frozen=True)
class Combat:
    """One attack and its outcome, with the numbers behind it."""

    attackers: tuple[str, ...]
    target: Hex
    range_m: float
    night: bool
    facing: str  # the defender's armour facing struck
    attacker_losses: dict[str, int]  # "men" and equipment id -> count
    defender_losses: dict[str, int]
    result: str  # held, retreated, taken
    retreated: tuple[str, ...] = ()
    surrendered: tuple[str, ...] = ()
    destroyed: tuple[str, ...] = ()
    advanced: str | None = None
    assault_teams: int = 0  # close-assault teams sent in, by either side
    assault_kills: int = 0

    def __str__(self) -> str:
        a, d = self.attacker_losses, self.defender_losses
        return (f"{', '.join(self.attackers)} attack {self.target} at {self.range_m:g} m: "
                f"attacker loses {a.get('men', 0):,} men, defender {d.get('men', 0):,}; {self.result}")


@dataclass(frozen=True)
class AirMissionFlown:
    unit: str
    mission: str
    target: Hex

    def __str__(self) -> str:
        return f"{self.unit} flies {self.mission.replace('_', ' ')} over {self.target}"


@dataclass(frozen=True)
class AirBattle:
    mission_unit: str
    patrols: tuple[str, ...]
    hex: Hex
    mission_lost: int  # aircraft
    patrols_lost: int

    def __str__(self) -> str:
        return (f"air battle over {self.hex}: {self.mission_unit} loses {self.mission_lost} aircraft, "
                f"{', '.join(self.patrols)} lose {self.patrols_lost}")


@dataclass(frozen=True)
class Announcement:
    """A scheduled event from the scenario."""

    turn: int
    text: str

    def __str__(self) -> str:
        return f"turn {self.turn}: {self.text}"


@dataclass(frozen=True)
class Landed:
    unit: str
    landing: str
    hex: Hex

    def __str__(self) -> str:
        return f"{self.unit} lands at {self.hex} ({self.landing})"


@dataclass(frozen=True)
class LinkUpMade:
    name: str
    side: str
    turn: int

    def __str__(self) -> str:
        return f"turn {self.turn}: {self.side} link-up made: {self.name}"


@dataclass(frozen=True)
class Demolished:
    """A unit wrecked the bridges and track of its hex (rules.demolition)."""

    unit: str
    hex: Hex

    def __str__(self) -> str:
        return f"{self.unit} blows the bridges and track at {self.hex}"


@dataclass(frozen=True)
class Repaired:
    """The engineers of the side holding a wrecked hex have repaired it."""

    hex: Hex

    def __str__(self) -> str:
        return f"the wrecked crossings at {self.hex} are repaired"


@dataclass(frozen=True)
class SupplyReport:
    """A side's supply at the start of its phase."""

    side: str
    units_out_of_supply: int
    delivery_percent: int  # share of the day's needs the trucks carried
    surrendered: tuple[str, ...] = ()

    def __str__(self) -> str:
        s = f"{self.side}: {self.units_out_of_supply} units out of supply, trucks carry {self.delivery_percent}%"
        return s + (f"; surrendered: {', '.join(self.surrendered)}" if self.surrendered else "")


Event = (Moved | Arrived | HexCaptured | PhaseEnded | TurnBegan | GameOver | Combat | SupplyReport | AirMissionFlown
         | AirBattle | LinkUpMade | Landed | Announcement | Demolished | Repaired)
