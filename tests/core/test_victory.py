"""Victory: places, link-ups, enemy losses, graded results."""

from __future__ import annotations

from game.core.engine import apply
from game.core.events import LinkUpMade
from game.core.orders import EndPhase
from game.core.rules.victory import graded_result, victory_points
from game.core.state import GameState


def test_link_up_needs_every_formation_and_scores(tiny: GameState) -> None:
    g = tiny.scenario.map.grid
    rd, cd = tiny.scenario.unit_index["rd_124"], tiny.scenario.unit_index["cd_59"]
    tiny.unit_hex[rd] = g.index((6, 5))  # next to Bayan (6, 6)
    events = apply(tiny, EndPhase())
    assert not any(isinstance(e, LinkUpMade) for e in events)  # the 36th Army is not there yet
    apply(tiny, EndPhase())
    tiny.unit_hex[cd] = g.index((5, 6))
    before = victory_points(tiny)[0]
    events = apply(tiny, EndPhase())
    assert LinkUpMade("Meet at Bayan", "soviet", 2) in events
    assert victory_points(tiny)[0] == before + 2
    # recorded once only
    assert not any(isinstance(e, LinkUpMade) for e in apply(tiny, EndPhase()) + apply(tiny, EndPhase()))


def test_graded_results_in_order(tiny: GameState) -> None:
    g = tiny.scenario.map.grid
    tiny.control[g.index((6, 2))] = 0  # Hailar (5 VP) to the Soviets; Borzya (1) is theirs already
    assert victory_points(tiny)[0] == 6 and graded_result(tiny) == "Soviet victory"
    tiny.control[g.index((6, 6))] = 0  # and Bayan (3)
    assert graded_result(tiny) == "Soviet decisive victory"
    tiny.control[:] = 1
    assert graded_result(tiny) == "Japanese victory"


def test_enemy_losses_score_when_the_scenario_says(tiny: GameState) -> None:
    tiny.scenario.vp_per_1000_enemy_losses = 1.0
    base = victory_points(tiny)[0]
    tiny.unit_lost_men[tiny.scenario.unit_index["id_107"]] = 4500
    assert victory_points(tiny)[0] == base + 4


def test_scheduled_events_are_announced_and_score(tiny: GameState) -> None:
    from game.core.events import Announcement

    before = victory_points(tiny)[0]
    apply(tiny, EndPhase())
    events = apply(tiny, EndPhase())
    assert Announcement(2, "Reinforcements are on the way.") in events
    assert victory_points(tiny)[0] == before + 1  # nothing moved: only the event scored
    assert tiny.extra["vp:soviet"] == 1
