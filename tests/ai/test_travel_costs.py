"""Hard hands out goals by the phases a unit needs along its roads (``travel_costs``), not by the
straight-line distance normal guesses from: of two equal prizes, the one the roads bring nearer."""

from __future__ import annotations

import numpy as np

from game.ai import goals, planner
from game.ai.config import LEVELS, tuned
from game.ai.fields import goal_field
from game.ai.situation import Situation
from game.core.state import GameState


def soviet_sit(tiny: GameState, travel: bool) -> Situation:
    v = planner.sanitized_view(tiny, 0)
    return Situation(v, 0, tuned(LEVELS["normal"], travel_costs=travel, variety=0.0))


def test_travel_turns_are_the_goal_fields_over_the_movement_points(tiny: GameState) -> None:
    sit = soviet_sit(tiny, True)
    units = np.array(sit.movers[:5], dtype=np.int64)
    gs = [goals.Goal(h, 1.0, goals.TAKE, f"g{h}") for h in (0, sit.n // 2, sit.n - 1)]
    got = goals.travel_turns(sit, units, gs)
    for i, u in enumerate(units):
        for j, g in enumerate(gs):
            want = goal_field(sit.scn, int(sit.scn.unit_class[u]), g.hex)[int(sit.state.unit_hex[u])]
            assert got[i, j] == want / max(float(sit.scn.unit_max_mp[u]), 1.0)


def test_of_two_equal_prizes_hard_picks_the_one_the_roads_bring_nearer(tiny: GameState) -> None:
    sit = soviet_sit(tiny, False)
    u = sit.movers[0]
    here = int(sit.state.unit_hex[u])
    hexes = np.arange(sit.n)
    hex_d = goals.hex_distances(sit, np.array([here]), hexes)[0]
    probe = [goals.Goal(int(h), 1.0, goals.TAKE, "probe") for h in hexes]
    road = goals.travel_turns(sit, np.array([u]), probe)[0] * max(float(sit.scn.unit_max_mp[u]), 1.0)
    # a pair: `near` fewer hexes away, `fast` cheaper to reach along the roads
    pair = next(((a, b) for a in hexes for b in hexes if np.isfinite(road[a]) and np.isfinite(road[b])
                 and hex_d[a] < hex_d[b] and road[b] < road[a] and hex_d[a] > 1), None)
    assert pair is not None, "the tiny map should have a road that beats the straight line"
    near, fast = (int(h) for h in pair)

    def pick(travel: bool) -> int:
        s = soviet_sit(tiny, travel)
        both = [goals.Goal(near, 5.0, goals.TAKE, "near", demand=1e9), goals.Goal(fast, 5.0, goals.TAKE, "fast",
                                                                               demand=1e9)]
        return goals.assign(s, both, [u])[u].hex

    assert pick(False) == near
    assert pick(True) == fast
