"""Victory: points for the named places each side holds, link-ups, and the graded result."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from game.core.events import Event, LinkUpMade

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
    """VP per side: places it holds, link-ups it made, and the enemy's losses (per 1,000 men)."""
    scn = state.scenario
    out = [0] * len(scn.sides)
    for place in scn.map.places:
        holder = int(state.control[scn.map.grid.index(place.hex)])
        if holder >= 0:
            out[holder] += place.vp
    for lu in scn.link_ups:
        if link_up_key(lu) in state.extra:
            out[lu.side] += lu.vp
    for i, side in enumerate(scn.sides):
        out[i] += state.extra.get(f"vp:{side.id}", 0)  # from scheduled events
    if scn.vp_per_1000_enemy_losses:
        for s in range(len(scn.sides)):
            enemy_lost = int(state.unit_lost_men[scn.unit_side != s].sum())
            out[s] += int(enemy_lost / 1000 * scn.vp_per_1000_enemy_losses)
    return out


def link_up_key(lu: LinkUp) -> str:
    return f"link_up:{lu.name}"


def check_link_ups(state: GameState) -> list[Event]:
    """Record link-ups made now: a unit of every listed formation in or next to the place."""
    scn = state.scenario
    grid = scn.map.grid
    events: list[Event] = []
    for lu in scn.link_ups:
        key = link_up_key(lu)
        if key in state.extra:
            continue
        near = grid.distances_from(grid.hex_at(lu.place)) <= 1
        units = state.ground_units_of(lu.side)
        here = units[near[state.unit_hex[units]]]
        if all(any(f in scn.unit_formations[u] for u in here) for f in lu.formations):
            state.extra[key] = state.turn
            events.append(LinkUpMade(lu.name, scn.sides[lu.side].id, state.turn))
    return events


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
