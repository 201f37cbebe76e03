"""Which events a side may read: the event log and reports must keep the fog of war too.

The map is drawn from ``view(state, side)``, but the engine's events describe the true game:
"tk_1 moves (2,3) -> (6,4)" in the log would tell the player where a hidden enemy went. So
each side's log gets only what that side could see: its own units' doings, anything in a hex
it saw before or after the order, and the public news (turns, phases, places changing hands,
link-ups, the end of the game).

Demolitions: the wreck itself is public (both sides' views show it, as bombed roads), but the
``Demolished`` line names the unit that blew it, which would tell where a hidden enemy unit stands;
so an enemy's demolition is logged only when its hex was in sight, like an enemy's arrival. A
``Repaired`` line names no unit and only says what the map shows anyway (the marker goes): public.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from game.core.events import (
    AirBattle,
    AirMissionFlown,
    Arrived,
    Combat,
    Demolished,
    Event,
    Landed,
    Moved,
    SupplyReport,
)
from game.core.state import Scenario


def events_seen_by(events: Sequence[Event], scenario: Scenario, side: int | None,
                   seen: np.ndarray | None) -> list[Event]:
    """The events ``side`` may know of, given the hexes it saw (``seen``, bool per hex; None: all).

    ``side`` None is a spectator who sees everything.
    """
    if side is None or seen is None:
        return list(events)
    index = scenario.map.grid.index
    units = scenario.unit_index
    sid = scenario.sides[side].id

    def own(unit_id: str) -> bool:
        u = units.get(unit_id)
        return u is not None and scenario.units[u].side == side

    out: list[Event] = []
    for e in events:
        if isinstance(e, Moved):
            keep = own(e.unit) or any(seen[index(h)] for h in e.path)
        elif isinstance(e, Combat):
            keep = seen[index(e.target)] or any(own(u) for u in e.attackers)
        elif isinstance(e, Arrived | Landed | Demolished):
            keep = own(e.unit) or bool(seen[index(e.hex)])
        elif isinstance(e, AirMissionFlown):
            keep = own(e.unit) or bool(seen[index(e.target)])
        elif isinstance(e, AirBattle):
            keep = own(e.mission_unit) or bool(seen[index(e.hex)])
        elif isinstance(e, SupplyReport):
            keep = e.side == sid
        else:  # HexCaptured, PhaseEnded, TurnBegan, LinkUpMade, GameOver, Repaired: public news
            keep = True
        if keep:
            out.append(e)
    return out
