"""The attack planner's index of movers near each hex (``Planner._movers_near``) only narrows the
search: every mover that could attack a target from some hex is in the index for that hex."""

from __future__ import annotations

from game.ai import attacks, planner
from game.ai.config import LEVELS
from game.ai.situation import Situation
from tests.ai.conftest import manchuria_after


def test_every_mover_able_to_attack_a_target_is_indexed_next_to_it() -> None:
    state = manchuria_after(4)
    v = planner.sanitized_view(state, state.side)
    sit = Situation(v, v.side, LEVELS["normal"])
    p = attacks.Planner(sit, planner.own_ranges(sit))
    targets = sorted({int(h) for h in v.unit_hex[sit.enemy]})
    able = 0
    for t in targets:
        near = {u for n in sit.nbr[t] if n >= 0 for u in p._near.get(int(n), ())}
        for u in sit.movers:
            if p.positions(u, t):
                able += 1
                assert u in near, (u, t)
    assert able > 20  # the position has a front: many movers can attack something
