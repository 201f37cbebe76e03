"""Which units blow the bridges and track of their hex before the enemy gets there.

A rearguard on its own side's ground (held at the start) wrecks the road or railway it stands on
when more enemy fire can reach it next phase than stands there (``demolish_odds``), so the hex
will probably be lost: a unit that stays pays nothing for it (it was not going
to move), and one that falls back does it first when it can still reach its planned hex with
the movement left. The enemy then pays the wreck's entry cost to come through, its lorries too,
and its trains stop there
(``game.core.rules.demolition``). Ground taken from the enemy is never wrecked: the side will need
those roads and that track itself for its own advance and supply. (A first version asked the
planner's ``defending`` instead, and any hex the enemy could reach: the Soviets blew their own
border roads on turn 2 and, once they held most objectives, roads in Manchuria.)

``hard`` on the defensive blows its hex wherever the enemy can attack it next phase
(``Difficulty.defender_demolish_odds`` 0), even where the rearguard could hold: the wreck still costs the
enemy's lorries and trains when the hex falls later, and costs a unit that stays nothing. Measured with
that odds at normal for Japan (seeds 3000-3009, the same games with odds 0, 0.1 and 0.2): against the
Soviet normal AI its margin rose from -84.7 to -77.0 VP a game (better on 7 of 10), and on seeds
3010-3019 from -89.9 to -85.9 (6 of 10); against the Soviet
baseline, which leaves its prizes empty for a counter-attack to retake, it fell from +82.2 to +78.3
(4 of 10), so ``normal`` keeps its odds of 1.
"""

from __future__ import annotations

from game.ai.situation import Situation
from game.core.orders import Demolish, Move, Order
from game.core.rules.demolition import why_cannot_demolish
from game.core.rules.movement import MoveRange


def with_demolitions(sit: Situation, ranges: dict[int, MoveRange], units: list[int],
                     moves: list[tuple[int, int]], on_defensive: bool = False) -> list[Order]:
    """The phase's moves as orders, with the demolitions: the units that blow nothing move first (a wreck
    would make their planned paths dearer), then each rearguard blows its hex and falls back, then those
    that stay blow theirs. A rearguard's own path may still cross a wreck made just before; the executor
    checks every move's reach again after a demolition and drops what is out of reach. ``on_defensive``:
    the side is on the defensive (``planner.defending``), so a level's ``defender_demolish_odds`` apply."""
    scn = sit.scn
    planned = dict(moves)
    blow = set()
    rules = scn.demolition
    cfg = sit.cfg
    if rules is not None and cfg.demolitions:
        odds = cfg.defender_demolish_odds if on_defensive and cfg.defender_demolish_odds is not None \
            else cfg.demolish_odds
        threatened = sit.threat > odds * sit.own_power_at  # it will probably be lost
        home = scn.initial_control == sit.side  # its own ground: what it took it will need itself
        for u in units:
            h = int(sit.state.unit_hex[u])
            if not (threatened[h] and home[h]) or why_cannot_demolish(sit.state, u) is not None:
                continue
            left = float(sit.state.unit_mp[u]) - rules.mp_share * float(scn.unit_max_mp[u])
            if u in planned and float(ranges[u].cost_at(planned[u])) > left + 1e-4:
                continue  # falling back where it means to go matters more
            blow.add(u)
    # the others move first, over hexes still whole; then the rearguards blow their hex and fall back
    out: list[Order] = [Move(scn.units[u].id, sit.grid.hex_at(dest)) for u, dest in moves if u not in blow]
    for u, dest in moves:
        if u in blow:
            out += [Demolish(scn.units[u].id), Move(scn.units[u].id, sit.grid.hex_at(dest))]
    out += [Demolish(scn.units[u].id) for u in units if u in blow and u not in planned]
    return out
