"""Game observers: every order played is reported with its events, refusals separately, and the
observers stay out of saves, comparisons and pickles."""

from __future__ import annotations

import pickle

import pytest

from game.ai.match import play_match
from game.ai.players import baseline_player
from game.core.events import Event
from game.core.game import Game
from game.core.orders import EndPhase, IllegalOrder, Move, Order
from game.core.state import GameState
from game.persistence.saves import to_document


def test_an_observer_sees_every_order_of_a_game_in_order_with_its_events(tiny: GameState) -> None:
    game = Game(tiny, 1)
    seen: list[tuple[Order, list[Event]]] = []
    game.observers.append(lambda order, events: seen.append((order, events)))
    record = play_match(game, [baseline_player, baseline_player])
    assert game.state.game_over and len(seen) > 10
    assert [o for o, _ in seen] == game.log
    assert [e for _, events in seen for e in events] == record.events


def test_a_removed_observer_hears_nothing_more(tiny: GameState) -> None:
    game = Game(tiny, 1)
    seen: list[Order] = []
    with game.observing(lambda order, _events: seen.append(order)):
        game.play(EndPhase())
    game.play(EndPhase())
    assert seen == [EndPhase()] and len(game.log) == 2 and not game.observers

    def once(order: Order, _events: list[Event]) -> None:
        seen.append(order)
        game.observers.remove(once)  # an observer may remove itself while being called

    game.observers.append(once)
    game.play(EndPhase())
    game.play(EndPhase())
    assert len(seen) == 2


def test_a_refused_order_goes_to_the_refusal_observers_only(tiny: GameState) -> None:
    game = Game(tiny, 1)
    played: list[Order] = []
    refused: list[tuple[Order, IllegalOrder]] = []
    bad = Move("no_such_unit", (0, 0))
    with game.observing(lambda o, _e: played.append(o), lambda o, exc: refused.append((o, exc))), \
            pytest.raises(IllegalOrder):
        game.play(bad)
    assert not played and [o for o, _ in refused] == [bad] and not game.log
    assert not game.refusal_observers


def test_observers_are_not_compared_printed_saved_or_pickled(tiny: GameState) -> None:
    game = Game(tiny, 1)
    plain = Game(tiny, 1)
    game.observers.append(lambda _o, _e: None)  # a closure: cannot be pickled
    game.refusal_observers.append(lambda _o, _e: None)
    assert game == plain
    assert "observers" not in repr(game)
    assert to_document(game) == to_document(plain)
    copy = pickle.loads(pickle.dumps(game))
    assert copy.observers == [] and copy.refusal_observers == [] and copy.seed == 1
    assert game.observers  # pickling leaves the original's observers alone
