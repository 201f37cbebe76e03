"""Hard's look-ahead: it rehearses real alternatives, on the side's view only, and leaves the game alone."""

from __future__ import annotations

from game.ai import lookahead
from game.ai.config import LEVELS, STYLES
from game.core.game import Game
from game.core.view import view
from tests.ai.conftest import hidden_changed, manchuria_after

HARD = LEVELS["hard"]


def test_hard_has_styles_and_normal_plays_its_own_weights_without_rehearsing() -> None:
    assert set(HARD.styles) <= set(STYLES) and len(HARD.styles) >= 2
    state = manchuria_after(2)
    before = state.state_hash()
    assert lookahead.choose(state, 0, LEVELS["normal"]) is LEVELS["normal"]
    assert state.state_hash() == before


def test_the_styles_rehearse_to_different_outcomes_and_the_best_one_is_played() -> None:
    state = manchuria_after(2)
    before = state.state_hash()
    v = view(state, 0)
    options = lookahead.candidates(HARD, lookahead.posture(v, 0, HARD))
    assert len(options) >= 2
    scores = [lookahead.rehearse(v, c, LEVELS["normal"]) for c in options]
    assert len(set(scores)) == len(scores), "each style should lead to another position"
    chosen = lookahead.choose(state, 0, HARD)
    assert chosen == options[scores.index(max(scores))]
    assert state.state_hash() == before  # rehearsals run on copies of the view


def test_the_soviet_offensive_rehearses_pushing_harder_and_the_japanese_defence_holding_tighter_too() -> None:
    state = manchuria_after(2)
    assert lookahead.posture(view(state, 0), 0, HARD) == "attacking"
    assert lookahead.posture(view(state, 1), 1, HARD) == "defending"
    soviet = lookahead.candidates(HARD, "attacking")[1:]
    japan = lookahead.candidates(HARD, "defending")[1:]
    assert [c.loss_weight < HARD.loss_weight for c in soviet] == [True]
    assert [c.loss_weight < HARD.loss_weight for c in japan] == [True, False]
    assert japan[1].defense_weight > HARD.defense_weight


def test_the_look_ahead_decides_on_the_view_not_on_hidden_facts() -> None:
    state = manchuria_after(2)
    altered = hidden_changed(state, 0)
    assert altered.state_hash() != state.state_hash()
    options = lookahead.candidates(HARD)
    scores = [lookahead.rehearse(view(state, 0), c, LEVELS["normal"]) for c in options]
    assert scores == [lookahead.rehearse(view(altered, 0), c, LEVELS["normal"]) for c in options]


def test_a_hard_phase_replays_exactly() -> None:
    from game.ai.planner import play_phase

    games = [Game(manchuria_after(2), 3) for _ in range(2)]
    for g in games:
        play_phase(g, HARD)
    assert games[0].log == games[1].log and games[0].state.state_hash() == games[1].state.state_hash()


def test_the_rehearsal_plays_the_next_phase_too_and_it_changes_what_a_style_is_worth() -> None:
    state = manchuria_after(2)
    v = view(state, 0)
    one = lookahead.rehearse(v, HARD, LEVELS["normal"])
    two = lookahead.rehearse(v, HARD, LEVELS["normal"], follow_up=True)
    assert two != one  # the next phase's captures and losses count
    assert two > 0  # the Soviet offensive gains over two phases from where it stands on turn 3
