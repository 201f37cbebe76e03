"""Orders: everything a player or the AI can do, as plain frozen dataclasses.

Orders name units by id and hexes as (col, row), so they read well in logs and replays and
survive a save. The engine validates every order the same way, whoever gave it.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.core.hexgrid import Hex


@dataclass(frozen=True)
class Move:
    """Move a unit to a hex along its cheapest path."""

    unit: str
    to: Hex


@dataclass(frozen=True)
class Attack:
    """Attack the enemy in ``target`` with units standing next to it."""

    units: tuple[str, ...]
    target: Hex


@dataclass(frozen=True)
class AirMission:
    """An air unit flies ``mission`` (ground_support, interdiction, air_superiority, air_supply) to ``target``."""

    unit: str
    mission: str
    target: Hex


@dataclass(frozen=True)
class Landing:
    """A unit in one of a landing's ports sails and lands at ``to``, next to one of its targets."""

    unit: str
    landing: str
    to: Hex


@dataclass(frozen=True)
class Demolish:
    """A unit wrecks the bridges, culverts and track of the hex it stands in (rules.demolition)."""

    unit: str


@dataclass(frozen=True)
class EndPhase:
    """The side to move is done; the other side's phase (or the next turn) begins."""


Order = Move | Attack | AirMission | Landing | Demolish | EndPhase


class IllegalOrder(Exception):
    """An order the rules do not allow; the message says why in words a player can read."""
