"""Hypothesis against saves and settings (issue 15): any value in any field of a save document, and
any settings document, ends in a loaded game (or the settings) or one clear line, never anything
else; and a stateful game that saves, loads and reloads at random stays the same game."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from game.core.game import Game
from game.core.orders import EndPhase
from game.paths import TEST_SCENARIO
from game.persistence.saves import SaveError, load_game, save_game
from game.scenario.build import load_game as load_scenario
from game.ui.settings import Settings, from_json, load_settings
from tests.hardening.conftest import as_save_text, played_game

scalars = st.one_of(st.none(), st.booleans(), st.integers(-2**70, 2**70),
                    st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=12),
                    st.sampled_from([10**30, -1, 0, 2**31, 2**63, 99]))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                      max_leaves=20)
FAST = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
_GOOD: dict[str, Any] = {}


def _good_doc() -> dict[str, Any]:
    if not _GOOD:
        from game.persistence.saves import to_document

        _GOOD.update(to_document(played_game(1)))
    return copy.deepcopy(_GOOD)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in the document a value could be replaced (long data lists: their first items only)."""
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node[:3]):
            out += _paths(v, (*prefix, i))
    return out


PATHS = _paths(_good_doc())[1:]


def _replace(doc: Any, where: tuple[Any, ...], value: Any) -> None:
    for key in where[:-1]:
        doc = doc[key]
    doc[where[-1]] = value


def _load_once(path: Path) -> None:
    try:
        game = load_game(path)
    except SaveError as exc:
        assert "\n" not in str(exc) and str(path) in str(exc), str(exc)
        return
    game.play(EndPhase())  # a save that loads plays on: no value was let through that breaks a turn


@FAST
@given(st.sampled_from(PATHS), values)
def test_any_value_in_any_field(tmp_path: Path, where: tuple[Any, ...], value: Any) -> None:
    doc = _good_doc()
    _replace(doc, where, value)
    path = tmp_path / "fuzz.json"
    path.write_text(as_save_text(doc), encoding="utf-8")
    _load_once(path)


@FAST
@given(st.data())
def test_cut_and_flipped_bytes(tmp_path: Path, data: st.DataObject) -> None:
    text = as_save_text(_good_doc()).encode()
    at = data.draw(st.integers(0, len(text) - 1))
    if data.draw(st.booleans()):
        text = text[:at]
    else:
        text = text[:at] + bytes([data.draw(st.integers(0, 255))]) + text[at + 1:]
    path = tmp_path / "fuzz.json"
    path.write_bytes(text)
    _load_once(path)


@FAST
@given(values)
def test_any_settings_document(tmp_path: Path, doc: Any) -> None:
    settings_, problems = from_json(doc)
    assert isinstance(settings_, Settings) and all("\n" not in p for p in problems)
    path = tmp_path / "settings.json"
    path.write_text(json.dumps(doc))
    loaded, message = load_settings(path)
    assert isinstance(loaded, Settings) and (message is None or "\n" not in message)


class SaveLoadReload(RuleBasedStateMachine):
    """Play, save, load and reload in any order: the game is always the one played."""

    @initialize()
    def start(self) -> None:
        import tempfile

        self.folder = Path(tempfile.mkdtemp(prefix="saveload"))
        self.game = Game(load_scenario(TEST_SCENARIO, 9), 9)
        self.expected = self.game.state.state_hash()

    @rule()
    def end_phase(self) -> None:
        if not self.game.state.game_over:
            self.game.play(EndPhase())
        self.expected = self.game.state.state_hash()

    @rule()
    def save_and_load(self) -> None:
        save_game(self.game, self.folder / "quick.json")
        loaded = load_game(self.folder / "quick.json")
        assert loaded.log == self.game.log and loaded.turn_hashes == self.game.turn_hashes
        self.game = loaded

    @rule()
    def reload(self) -> None:
        from game.ui.reload import reload_game

        result = reload_game(self.game)
        assert result.complete
        self.game = result.game

    @invariant()
    def same_game(self) -> None:
        if hasattr(self, "game"):
            assert self.game.state.state_hash() == self.expected


SaveLoadReload.TestCase.settings = settings(max_examples=15, stateful_step_count=12, deadline=None)
test_save_load_reload = SaveLoadReload.TestCase
