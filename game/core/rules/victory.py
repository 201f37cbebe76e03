"""Victory: points for the named places each side holds, link-ups, and the graded result."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.core.state import GameState


@dataclass(frozen=True)
class LinkUp:
    """Units of every listed formation stand in or next to ``place`` (a flat hex index)."""

    name: str
    side: int
    formations: tuple[str, ...]
    place: int
    vp: int = 0


@dataclass(frozen=True)
class Grade:
    """A graded result: ``name`` when ``side`` holds at least ``min_vp`` (checked in order)."""

    name: str
    side: int
    min_vp: int


def victory_points(state: GameState) -> list[int]:
    """VP per side index from the places it controls now."""
    scn = state.scenario
    out = [0] * len(scn.sides)
    for place in scn.map.places:
        holder = int(state.control[scn.map.grid.index(place.hex)])
        if holder >= 0:
            out[holder] += place.vp
    return out


def winner(state: GameState) -> int | None:
    """The side with more VP, or None for a draw."""
    vp = victory_points(state)
    best = max(vp)
    leaders = [i for i, v in enumerate(vp) if v == best]
    return leaders[0] if len(leaders) == 1 else None


def graded_result(state: GameState) -> str:
    """The scenario's first grade whose side holds enough points; without grades, who leads."""
    vp = victory_points(state)
    for grade in state.scenario.grades:
        if vp[grade.side] >= grade.min_vp:
            return grade.name
    if state.scenario.grades:
        return "Draw"
    w = winner(state)
    return f"{state.scenario.sides[w].name} victory" if w is not None else "Draw"
