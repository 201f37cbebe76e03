"""Landings: gather units in the ports before an operation's turn, then sail for the best beach.

A side may land only through the scenario's operations. A few turns before an operation opens,
the units nearest its ports (foot units first: they are slow anywhere else) are told to hold the
port, up to the operation's capacity; from its first turn those in a port that have not moved
land next to the target worth most. The engine refuses a landing onto a hidden enemy, so the AI
lands only on beaches it can see.
"""

from __future__ import annotations

import numpy as np

from game.ai.fields import goal_field
from game.ai.goals import HOLD, Goal
from game.ai.situation import Situation
from game.core import engine
from game.core.orders import Landing
from game.core.rules.naval import LandingOp
from game.core.view import visible


def _open(sit: Situation, op: LandingOp) -> bool:
    st = sit.state
    return op.side == sit.side and st.extra.get(f"landed:{op.name}", 0) < op.max_units


def _worth(sit: Situation, op: LandingOp) -> float:
    """VP the operation's targets are worth to the side, counting only those it does not hold."""
    return float(sum(sit.place_vp[t] for t in op.targets if sit.state.control[t] != sit.side))


def gathering_goals(sit: Situation) -> dict[int, Goal]:
    """Units to send into ports for operations that open soon (unit -> hold-the-port goal)."""
    st = sit.state
    scn = sit.scn
    out: dict[int, Goal] = {}
    if not sit.cfg.landings:
        return out
    for op in scn.landings:
        if not _open(sit, op) or _worth(sit, op) <= 0 or not op.ports:
            continue
        gather = sit.cfg.landing_gather_turns
        if not (op.from_turn - gather <= st.turn < op.from_turn + gather):
            continue
        left = op.max_units - st.extra.get(f"landed:{op.name}", 0)
        port = min(op.ports)
        scored = []
        for u in sit.own:
            u = int(u)
            if u in out or scn.units[u].moves_from_turn >= op.from_turn:
                continue
            f = goal_field(scn, int(scn.unit_class[u]), port)[st.unit_hex[u]]
            turns = f / max(float(scn.unit_max_mp[u]), 1.0)
            if not np.isfinite(f) or turns > max(op.from_turn - st.turn, 1) + 1:
                continue
            if sit.enemy_zoc[st.unit_hex[u]]:
                continue  # in contact: needed where it is
            scored.append((turns, int(scn.unit_class[u]) != 0, -int(st.unit_men[u]), u))
        for _, _, _, u in sorted(scored)[:left]:
            out[u] = Goal(port, sit.cfg.port_value, HOLD, f"port for {op.name}")
    return out


def plan_landings(sit: Situation) -> list[Landing]:
    """Landings the side can make now, onto visible, empty beaches next to its best targets."""
    st = sit.state
    scn = sit.scn
    if not sit.cfg.landings:
        return []
    seen = visible(st, sit.side)
    occ = sit.occupancy.copy()
    orders: list[Landing] = []
    for op in scn.landings:
        if not _open(sit, op) or st.turn < op.from_turn:
            continue
        left = op.max_units - st.extra.get(f"landed:{op.name}", 0)
        units = [int(u) for u in sit.own if int(st.unit_hex[u]) in op.ports and engine.may_move(st, int(u))
                 and st.turn >= scn.units[u].moves_from_turn and st.unit_mp[u] >= scn.unit_max_mp[u]
                 and not st.unit_attacked[u]]
        targets = sorted(op.targets, key=lambda t: (-(sit.place_vp[t] * (st.control[t] != sit.side)), t))
        for u in units[:left]:
            beach = _beach(sit, u, targets, seen, occ)
            if beach is None:
                break
            occ[beach] += 1
            orders.append(Landing(scn.units[u].id, op.name, sit.grid.hex_at(beach)))
    return orders


def _beach(sit: Situation, u: int, targets: list[int], seen: np.ndarray, occ: np.ndarray) -> int | None:
    scn = sit.scn
    mclass = int(scn.unit_class[u])
    for t in targets:
        ring = [t, *(int(n) for n in sit.nbr[t] if n >= 0)]
        ok = [h for h in ring if seen[h] and not sit.enemy_occupied[h] and occ[h] < sit.stack_max
              and np.isfinite(scn.movement.terrain_cost[mclass, int(scn.map.terrain[h])])]
        if ok:
            # the place itself if possible, else the beach with most own-side neighbours
            return t if t in ok else min(ok, key=lambda h: (-int(sit.threat[h] == 0), h))
    return None
