"""Fog of war: each side sees near its units and in its own territory, and no further."""

from __future__ import annotations

from game.core.state import GameState
from game.core.units import OFF_MAP
from game.core.view import view, visible
from tests.conftest import only_units, unit


def test_sight_range_and_close_terrain(tiny: GameState) -> None:
    s = only_units(tiny, {"rd_124": (2, 4)}, clear_control=True)
    seen = visible(s, 0)
    g = s.scenario.map.grid
    assert seen[g.index((4, 4))] and not seen[g.index((5, 4))]  # two hexes, not three
    # (6, 2) is urban (Hailar): hidden at two hexes, seen from next door
    s = only_units(s, {"rd_124": (4, 2)}, clear_control=True)
    assert not visible(s, 0)[g.index((6, 2))]
    s = only_units(s, {"rd_124": (5, 2)}, clear_control=True)
    assert visible(s, 0)[g.index((6, 2))]


def test_view_hides_enemies_out_of_sight_and_keeps_the_rest(tiny: GameState) -> None:
    s = only_units(tiny, {"rd_124": (2, 4), "tk_1": (3, 4), "id_107": (9, 8)}, clear_control=True)
    v = view(s, 0)
    assert v.unit_hex[s.scenario.unit_index["tk_1"]] == s.unit_hex[s.scenario.unit_index["tk_1"]]
    assert v.unit_hex[s.scenario.unit_index["id_107"]] == OFF_MAP
    assert s.unit_hex[s.scenario.unit_index["id_107"]] != OFF_MAP  # the true state is untouched
    assert v.unit_hex[s.scenario.unit_index["rd_124"]] == s.unit_hex[s.scenario.unit_index["rd_124"]]


def test_own_territory_is_always_seen(tiny: GameState) -> None:
    s = only_units(tiny, {"rd_124": (0, 0), "id_107": (9, 8)}, clear_control=True)
    s.control[s.scenario.map.grid.index((9, 8))] = 0
    assert view(s, 0).unit_hex[s.scenario.unit_index["id_107"]] != OFF_MAP


def test_air_bases_see_around_them(tiny: GameState) -> None:
    s = only_units(tiny, {"ad_12": (1, 6), "id_107": (3, 8)}, clear_control=True)
    assert visible(s, 0)[s.scenario.map.grid.index((3, 8))]


def test_a_move_into_unseen_enemies_stops_on_contact_and_cannot_be_undone(tiny: GameState) -> None:
    from game.core.events import Moved
    from game.core.game import Game
    from game.core.orders import IllegalOrder, Move

    s = only_units(tiny, {"tb_206": (0, 4), "tk_1": (4, 5)}, clear_control=True)
    s.turn = 2
    assert view(s, 0).unit_hex[s.scenario.unit_index["tk_1"]] == OFF_MAP  # out of sight
    game = Game(s, 1)
    moved = game.play(Move("tb_206", (6, 3)))[0]
    assert isinstance(moved, Moved) and moved.contact
    assert moved.path[-1] == (4, 4)  # stopped on entering the hidden brigade's zone of control
    assert s.unit_mp[s.scenario.unit_index["tb_206"]] == 0
    try:
        game.undo()
        raise AssertionError("a move that revealed the enemy was undone")
    except IllegalOrder:
        pass


def test_two_states_that_differ_only_in_hidden_facts_give_the_same_view(tiny: GameState) -> None:
    """A hidden enemy's strength, stocks and the coming dice are not in the view (issue 13)."""
    import numpy as np

    from game.core.view import view, visible

    other = tiny.clone()
    scn = tiny.scenario
    seen = visible(tiny, 0)
    hidden = [u for u in tiny.units_of(1) if not seen[tiny.unit_hex[u]]]
    assert hidden
    for u in hidden:
        other.unit_men[u] //= 2
        other.unit_equipment[u] //= 3
        other.unit_fuel[u] = 0.5
        other.unit_ammo[u] = 0.1
    other.rng = np.random.Generator(np.random.PCG64(12345))
    a, b = view(tiny, 0), view(other, 0)
    for name in tiny.ARRAYS:
        assert np.array_equal(getattr(a, name), getattr(b, name)), name
    assert a.rng.bit_generator.state == b.rng.bit_generator.state
    assert all(a.unit_men[u] == 0 and not a.unit_equipment[u].any() for u in hidden)
    assert scn.unit_side[hidden[0]] == 1


def test_a_side_remembers_the_front_it_last_saw_and_not_what_changed_in_the_fog(tiny: GameState) -> None:
    """Ground taken behind the fog stays the old owner's on that side's map until it sees it again."""
    from game.core.view import remember

    g = tiny.scenario.map.grid
    s = only_units(tiny, {"id_107": (9, 8)}, clear_control=True)
    s.control[:] = 1
    remember(s)
    far = g.index((0, 0))
    s.control[far] = 0  # a Soviet spearhead took it where Japan sees nothing
    assert not visible(s, 1)[far]
    assert view(s, 1).control[far] == 1  # the remembered owner
    assert view(s, 0).control[far] == 0  # the taker knows
    near = only_units(s, {"id_107": (1, 0)})
    assert view(near, 1).control[far] == 0  # seen again: the truth
    remember(near)
    back = only_units(near, {"id_107": (9, 8)})
    assert view(back, 1).control[far] == 0  # and remembered since


def test_seen_enemy_strength_is_an_estimate_not_the_exact_count(tiny: GameState) -> None:
    """Men and equipment of a seen enemy are rounded to a tenth of establishment; stocks are not shown."""
    import numpy as np

    s = only_units(tiny, {"rd_124": (2, 4), "tk_1": (3, 4)}, clear_control=True)
    tk = unit(s, "tk_1")
    assert visible(s, 0)[s.unit_hex[tk]]
    full = int(s.unit_men[tk])
    a, b = s.clone(), s.clone()
    for st, men in ((a, int(full * 0.73)), (b, int(full * 0.71))):
        st.unit_lost_men[tk] = full - men
        st.unit_men[tk] = men
    a.unit_fuel[tk], b.unit_fuel[tk] = 0.3, 1.7
    va, vb = view(a, 0), view(b, 0)
    step = round(full * 0.1)
    assert va.unit_men[tk] == vb.unit_men[tk] and abs(int(va.unit_men[tk]) - round(full * 0.7)) <= 1
    assert va.unit_men[tk] % max(1, step) == 0 or va.unit_men[tk] == full
    assert va.unit_men[tk] + va.unit_lost_men[tk] == full  # the establishment is public
    assert va.unit_fuel[tk] == vb.unit_fuel[tk]
    for name in s.ARRAYS:
        assert np.array_equal(getattr(va, name), getattr(vb, name)), name
    assert view(a, 1).unit_men[tk] == int(full * 0.73)  # a side knows its own units exactly
