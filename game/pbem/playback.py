"""What the receiver may see of the opponent's phase: the orders replayed through its own fog.

The receiver holds every order of the opponent's phase (it must, to replay them), but shows
only what its side could have seen had it watched: after each order the side's sight before
and after is taken (``view.visible``), and the order's events are kept when they happened in
it — the stretch of a move that passes through sight, attacks on the receiver's units (with
their results) and other combats in sight, bridges and track blown in sight (naming the unit),
and hexes taken that it sees, held, or that are named places (news of those travels). A move
wholly in the fog leaves no trace. With ``frames`` the views of the map before and after each
item are kept too, for the UI to animate.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.core.events import Combat, Demolished, Event, HexCaptured, Moved
from game.core.game import Game
from game.core.hexgrid import Hex
from game.core.orders import Order
from game.core.state import GameState
from game.core.view import view, visible

MOVE, ATTACK, CAPTURE, DEMOLITION = "move", "attack", "capture", "demolition"


@dataclass(frozen=True)
class Seen:
    """One thing the receiver sees of the opponent's phase."""

    kind: str  # MOVE, ATTACK, CAPTURE or DEMOLITION
    text: str
    unit: str | None = None  # the unit that moved
    path: tuple[Hex, ...] = ()  # the part of the move in sight
    combat: Combat | None = None
    on_us: bool = False  # an attack on the receiver's units
    hex: Hex | None = None  # a hex taken or blown
    before: GameState | None = None  # with ``frames``: the receiver's view before and after the order
    after: GameState | None = None


def play_back(game: Game, orders: list[Order], side: int, frames: bool = False) -> list[Seen]:
    """Play ``orders`` on ``game`` (through ``Game.play``); what ``side`` sees of them, in order."""
    out: list[Seen] = []
    sight = visible(game.state, side)
    for order in orders:
        held = game.state.control.copy()
        ours = _occupied_by(game.state, side)
        prev = game.state.clone() if frames else None
        events = game.play(order)
        now = visible(game.state, side)
        items = _seen_events(game.state, events, side, sight | now, held, ours)
        if items and prev is not None:
            before, after = view(prev, side), view(game.state, side)
            items = [_framed(s, before, after) for s in items]
        out += items
        sight = now
    return out


def _framed(s: Seen, before: GameState | None, after: GameState) -> Seen:
    return Seen(s.kind, s.text, s.unit, s.path, s.combat, s.on_us, s.hex, before, after)


def _occupied_by(state: GameState, side: int) -> np.ndarray:
    return state.occupancy(side) > 0


def _seen_events(state: GameState, events: list[Event], side: int, seen: np.ndarray, held: np.ndarray,
                 ours: np.ndarray) -> list[Seen]:
    scn = state.scenario
    index = scn.map.grid.index
    mine = scn.sides[side].id
    out: list[Seen] = []
    for e in events:
        if isinstance(e, Moved) and scn.units[scn.unit_index[e.unit]].side != side:
            path = _in_sight(e.path, seen, index)
            if path:
                out.append(Seen(MOVE, f"{_name(state, e.unit)} seen moving {path[0]} -> {path[-1]}", e.unit,
                                path))
        elif isinstance(e, Combat) and (ours[index(e.target)] or seen[index(e.target)]):
            on_us = bool(ours[index(e.target)])
            who = ", ".join(_name(state, u) for u in e.attackers)
            out.append(Seen(ATTACK, f"{who} attack{'s' if len(e.attackers) == 1 else ''} "
                                    f"{'your units at ' if on_us else ''}{e.target}: {_result(e, on_us)}",
                            combat=e, on_us=on_us))
        elif isinstance(e, Demolished) and seen[index(e.hex)]:
            out.append(Seen(DEMOLITION, f"{_name(state, e.unit)} blows the bridges and track at {e.hex}",
                            e.unit, hex=e.hex))
        elif isinstance(e, HexCaptured) and e.side != mine:
            i = index(e.hex)
            if seen[i] or held[i] == side or e.place is not None:
                out.append(Seen(CAPTURE, f"{e.side} takes {e.place or e.hex}", hex=e.hex))
    return out


def _in_sight(path: tuple[Hex, ...], seen: np.ndarray, index: object) -> tuple[Hex, ...]:
    """The part of a path from its first to its last hex in sight (empty when none is)."""
    idx = [i for i, h in enumerate(path) if seen[index(h)]]  # type: ignore[operator]
    return path[idx[0]: idx[-1] + 1] if idx else ()


def _name(state: GameState, unit_id: str) -> str:
    u = state.scenario.unit_index.get(unit_id)
    return state.scenario.units[u].name if u is not None else unit_id


def _result(e: Combat, on_us: bool) -> str:
    words = {"held": "held", "retreated": "the defender fell back", "taken": "the hex was taken"}
    mine, theirs = (e.defender_losses, e.attacker_losses) if on_us else (e.attacker_losses, e.defender_losses)
    lost = f"you lost {mine.get('men', 0):,} men" if on_us else f"they lost {theirs.get('men', 0):,} men"
    return f"{words.get(e.result, e.result)}; {lost}"
