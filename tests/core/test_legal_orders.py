"""Every order `legal_orders` lists is one the engine accepts, and random games made of them keep
every invariant (hypothesis draws the orders; the tiny scenario, with demolitions, keeps it fast)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.core.engine import apply, legal_orders
from game.core.invariants import check_all
from game.core.orders import AirMission, Attack, EndPhase, IllegalOrder, Landing, Move
from game.core.rules.demolition import DemolitionRules
from game.core.state import GameState
from game.paths import TEST_SCENARIO
from game.scenario.build import load_game


def _opening(seed: int) -> GameState:
    """The tiny scenario with demolitions in its rules, so random games blow bridges too."""
    state = load_game(TEST_SCENARIO, seed)
    state.scenario.demolition = DemolitionRules(entry_cost=(1.0, 1.0, 4.0, 3.0), mp_share=0.5, repair_days=2)
    return state


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(1, 50), data=st.data())
def test_random_legal_orders_are_never_refused_and_keep_the_invariants(seed: int, data: st.DataObject) -> None:
    state = _opening(seed)
    men, equipment = state.unit_men + state.unit_lost_men, state.unit_equipment + state.unit_lost_equipment
    kinds: set[str] = set()
    for _ in range(60):
        orders = legal_orders(state)
        if not orders:
            assert state.game_over
            break
        order = data.draw(st.sampled_from(orders))
        kinds.add(type(order).__name__)
        try:
            apply(state, order)
        except IllegalOrder as exc:  # pragma: no cover - the failure message says which
            raise AssertionError(f"the engine refused a listed order {order}: {exc}") from exc
        problems = check_all(state, men, equipment)
        assert not problems, f"after {order}: {problems}"
    assert "EndPhase" in kinds or state.game_over


def test_attacks_are_listed_with_every_unit_that_may_join_and_each_alone(tiny: GameState) -> None:
    """tb_206 and rd_124 next to the Japanese tank brigade on a day turn: one attack by both, one by each."""
    scn = tiny.scenario
    grid = scn.map.grid
    tiny.unit_hex[scn.unit_index["tb_206"]] = grid.index((1, 3))
    tiny.unit_hex[scn.unit_index["tk_1"]] = grid.index((2, 3))
    tiny.turn = 2
    attacks = {o for o in legal_orders(tiny) if isinstance(o, Attack)}
    assert Attack(("tb_206", "rd_124"), (2, 3)) in attacks or Attack(("rd_124", "tb_206"), (2, 3)) in attacks
    assert {Attack(("tb_206",), (2, 3)), Attack(("rd_124",), (2, 3))} <= attacks
    for o in attacks:
        apply(tiny.clone(), o)  # every one accepted
    tiny.unit_attacked[scn.unit_index["rd_124"]] = True  # it attacked elsewhere: only the tanks may go
    assert {o for o in legal_orders(tiny) if isinstance(o, Attack)} == {Attack(("tb_206",), (2, 3))}
    assert isinstance(legal_orders(tiny)[-1], EndPhase)
    assert all(isinstance(o, (Move, Attack, Landing, AirMission, EndPhase)) for o in legal_orders(tiny))


def test_air_missions_are_listed_over_seen_enemies_and_own_troops_and_flown(tiny: GameState) -> None:
    grid = tiny.scenario.map.grid
    tiny.unit_hex[tiny.scenario.unit_index["tk_1"]] = grid.index((2, 3))  # an enemy the Soviets can see
    tiny.unit_hex[tiny.scenario.unit_index["tb_206"]] = grid.index((1, 3))
    tiny.turn = 2
    missions = [o for o in legal_orders(tiny) if isinstance(o, AirMission)]
    kinds = {o.mission for o in missions}
    assert kinds == {"ground_support", "interdiction", "air_superiority", "air_supply"}
    assert all(o.target == (2, 3) for o in missions if o.mission == "ground_support")
    for o in missions[:20]:
        apply(tiny.clone(), o)  # accepted
    flown = missions[0]
    apply(tiny, flown)
    assert not any(isinstance(o, AirMission) and o.unit == flown.unit for o in legal_orders(tiny))
