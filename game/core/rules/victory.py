"""Victory points: the sum of the named places each side holds."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.core.state import GameState


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
