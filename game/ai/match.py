"""A whole game between computer players, headless: what `simulate` and `make demo` run."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from game.ai.players import Player
from game.core.events import Event, GameOver, HexCaptured
from game.core.game import Game
from game.core.mapdata import MapData
from game.core.rules.victory import graded_result, victory_points, winner
from game.core.state import GameState
from game.core.summary import casualties, logistics, side_totals


@dataclass
class MatchRecord:
    """What happened, turn by turn, in the stable shape `simulate --json` prints."""

    turns: list[dict[str, Any]] = field(default_factory=list)
    start: dict[str, dict[str, int]] = field(default_factory=dict)
    captures: list[dict[str, Any]] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    ai_turn_s: dict[str, list[float]] = field(default_factory=dict)
    wall_s: float = 0.0


def play_match(game: Game, players: list[Player], max_turns: int | None = None,
               on_turn: Callable[[dict[str, Any]], None] | None = None) -> MatchRecord:
    """Play until the game ends or ``max_turns`` turns are done; the game is played in place."""
    state = game.state
    scn = state.scenario
    record = MatchRecord(ai_turn_s={s.id: [] for s in scn.sides}, start=start_totals(state))
    last = scn.turns if max_turns is None else min(scn.turns, max_turns)
    t0 = time.perf_counter()
    while not state.game_over and state.turn <= last:
        turn, side = state.turn, state.side
        start = time.perf_counter()
        events = players[side](game)
        record.ai_turn_s[scn.sides[side].id].append(time.perf_counter() - start)
        record.events += events
        record.captures += [{"place": e.place, "turn": turn, "side": e.side}
                            for e in events if isinstance(e, HexCaptured) and e.place]
        if state.game_over or state.turn != turn:
            record.turns.append(turn_summary(state, turn))
            if on_turn:
                on_turn(record.turns[-1])
        if any(isinstance(e, GameOver) for e in events):
            break
    record.wall_s = time.perf_counter() - t0
    return record


def start_totals(state: GameState) -> dict[str, dict[str, int]]:
    """Per side: men, tanks and SPGs on the map and still to arrive, when a match begins.

    Calibration measures losses against these (tanks lost as a share of the armour a side fields).
    """
    out = {}
    for i, s in enumerate(state.scenario.sides):
        t = side_totals(state, i, with_reinforcements=True)
        out[s.id] = {"men": t["men"], "tanks": t["tanks"], "spgs": t["spgs"]}
    return out


def tracked_places(m: MapData) -> list[tuple[str, int]]:
    """(place id, hex index) of the places whose control each turn entry records: those worth victory
    points and those on a fortified hex (fortresses fall whether or not they score)."""
    found = [(p, m.grid.index(p.hex)) for p in m.places]
    return [(p.id, i) for p, i in found if p.vp > 0 or m.fortification[i] > 0]


def turn_summary(state: GameState, turn: int) -> dict[str, Any]:
    """One turn entry of `simulate --json`: per side totals, losses (cumulative), supply, advance and
    victory points, and ``control``: who holds each tracked place (``tracked_places``) at the end."""
    scn = state.scenario
    vp = victory_points(state)
    sides = {}
    for i, s in enumerate(scn.sides):
        totals = side_totals(state, i)
        lost = casualties(state, i)
        ground = state.ground_units_of(i)
        depth = scn.start_territory_distance[i][state.unit_hex[ground]]
        sides[s.id] = {"men": totals["men"], "tanks": totals["tanks"], "aircraft": totals["aircraft"],
                       "casualties": {k: lost[k] for k in ("killed", "wounded", "captured")},
                       "tanks_lost": lost["tanks_destroyed"],
                       "units_out_of_supply": int((state.unit_oos[ground] > 0).sum()),
                       **logistics(state, i),
                       "deepest_advance_km": round(float(depth.max() if depth.size else 0) * scn.map.km_per_hex, 1),
                       "victory_points": vp[i],
                       "objectives_held": sum(1 for p in scn.map.places
                                              if p.vp > 0 and state.control[scn.map.grid.index(p.hex)] == i)}
    control = {pid: (scn.sides[c].id if (c := int(state.control[i])) >= 0 else None)
               for pid, i in tracked_places(scn.map)}
    return {"turn": turn, "date": scn.date_of(turn).isoformat(), "sides": sides, "control": control}


def result(state: GameState) -> dict[str, Any]:
    """Winner by victory points now, and the scenario's graded result."""
    w = winner(state)
    return {"winner": state.scenario.sides[w].id if w is not None else None, "result": graded_result(state),
            "victory_points": dict(zip([s.id for s in state.scenario.sides], victory_points(state), strict=True))}
