"""Saves and replays: round trips, exact replays, atomic writes, clear messages for bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.ai.match import play_match
from game.ai.players import baseline_player
from game.core.game import Game, replay
from game.core.orders import EndPhase, IllegalOrder, Move
from game.persistence.saves import VERSION, SaveError, autosave, load_game, read_document, save_game
from game.scenario.build import load_game as load_scenario
from game.scenario.synthetic import write_scenario


@pytest.fixture(scope="module")
def scenario_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_scenario(tmp_path_factory.mktemp("syn") / "syn", width=30, height=24, units=40, seed=3)


@pytest.fixture
def game(scenario_dir: Path) -> Game:
    return Game(load_scenario(scenario_dir, 11), 11)


def test_replaying_the_log_reproduces_every_turn(game: Game, scenario_dir: Path) -> None:
    play_match(game, [baseline_player, baseline_player])
    assert len(game.turn_hashes) >= 9 and game.state.game_over
    again = replay(load_scenario(scenario_dir, 11), 11, game.log)
    assert again.turn_hashes == game.turn_hashes
    assert again.state.state_hash() == game.state.state_hash()


def test_save_and_load_mid_game_then_play_on_identically(game: Game, tmp_path: Path) -> None:
    play_match(game, [baseline_player, baseline_player], max_turns=4)
    path = tmp_path / "mid.json"
    game.meta = {"soviet": "human", "japan": "ai", "difficulty": "hard"}
    save_game(game, path)
    loaded = load_game(path)
    assert loaded.state.state_hash() == game.state.state_hash() and loaded.log == game.log
    assert loaded.meta == game.meta
    play_match(game, [baseline_player, baseline_player], max_turns=7)
    play_match(loaded, [baseline_player, baseline_player], max_turns=7)
    assert loaded.state.state_hash() == game.state.state_hash()
    assert not list(tmp_path.glob("*.tmp")), "no temporary files left behind"


def test_save_is_readable_json_with_version(game: Game, tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    save_game(game, path)
    doc = json.loads(path.read_text())
    assert doc["format"] == "august-storm-save" and doc["version"] == VERSION and doc["seed"] == 11


@pytest.mark.parametrize("damage,words", [
    (lambda t: t[: len(t) // 2], "damaged save (invalid JSON"),
    (lambda t: "", "damaged save (invalid JSON"),
    (lambda t: '{"format": "something else"}', "not an August Storm save"),
    (lambda t: t.replace(f'"version":{VERSION}', '"version":99'), "newer than this game reads"),
    (lambda t: t.replace(f'"version":{VERSION}', '"version":0'), "too old for this game"),
    (lambda t: t.replace(f'"version":{VERSION}', '"version":"1"'), "no format version"),
    (lambda t: t.replace('"turn":', '"turn":1', 2), "does not match its checksum"),  # summary and snapshot
    (lambda t: t.replace('"turn":', '"turn":1', 1), "summary.turn: does not match the snapshot"),
    (lambda t: t.replace('"orders":[', '"orders":[{"type":"teleport"},'), "unknown order type"),
    (lambda t: t.replace('"snapshot":', '"snapshot_":'), "damaged save"),
])
def test_damaged_saves_give_one_clear_line(game: Game, tmp_path: Path, damage, words: str) -> None:
    play_match(game, [baseline_player, baseline_player], max_turns=1)
    path = tmp_path / "bad.json"
    save_game(game, path)
    path.write_text(damage(path.read_text()))
    with pytest.raises(SaveError) as info:
        load_game(path)
    message = str(info.value)
    assert words in message and "\n" not in message and str(path) in message


def test_binary_junk_and_missing_file(tmp_path: Path) -> None:
    junk = tmp_path / "junk.json"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n\x00\xff")
    with pytest.raises(SaveError, match=r"not a save|damaged"):
        read_document(junk)
    with pytest.raises(SaveError, match="cannot read"):
        read_document(tmp_path / "missing.json")


def test_changed_scenario_is_refused(game: Game, tmp_path: Path, scenario_dir: Path) -> None:
    import shutil

    copy = tmp_path / "scn"
    shutil.copytree(scenario_dir, copy)
    g = Game(load_scenario(copy, 11), 11)
    path = tmp_path / "s.json"
    save_game(g, path)
    (copy / "rules.yaml").write_text((copy / "rules.yaml").read_text().replace("leave_cost: 2", "leave_cost: 3"))
    with pytest.raises(SaveError, match="has changed"):
        load_game(path)


def test_autosave_keeps_the_newest_few(game: Game, tmp_path: Path) -> None:
    paths = []
    for _ in range(7):
        game.play(EndPhase())
        paths.append(autosave(game, tmp_path, keep=3))
    left = sorted(tmp_path.glob("autosave-*.json"))
    assert len(left) == 3 and paths[-1] in left
    assert load_game(paths[-1]).state.state_hash() == game.state.state_hash()


def test_undo_takes_back_moves_only(game: Game) -> None:
    s = game.state
    unit = next(u for u in s.ground_units_of(0) if s.scenario.units[u].moves_from_turn <= 1)
    from game.core.rules.movement import movement_range

    dest = movement_range(s, int(unit)).destinations()[0]
    before = s.state_hash()
    game.play(Move(s.scenario.units[unit].id, s.scenario.map.grid.hex_at(int(dest))))
    assert game.can_undo
    game.undo()
    assert game.state.state_hash() == before and game.log == []
    game.play(EndPhase())
    with pytest.raises(IllegalOrder, match="nothing to undo"):
        game.undo()


def test_a_move_writes_only_what_its_undo_copies_and_several_undos_restore_each_step(game: Game) -> None:
    """``Game`` keeps a move's undo as ``clone_before_move`` (only ``MOVE_WRITES`` copied, the rest
    shared): that is right only while a move writes nothing else, which this holds the engine to."""
    import numpy as np

    from game.core.rules.movement import movement_range

    s = game.state
    movers = [int(u) for u in s.ground_units_of(0) if s.scenario.units[u].moves_from_turn <= 1][:3]
    hashes = []
    for u in movers:
        dest = movement_range(game.state, u).destinations()
        if not dest.size:
            continue
        before = {name: getattr(game.state, name).copy() for name in game.state.ARRAYS}
        hashes.append(game.state.state_hash())
        game.play(Move(s.scenario.units[u].id, s.scenario.map.grid.hex_at(int(dest[-1]))))
        changed = {name for name in game.state.ARRAYS if not np.array_equal(before[name], getattr(game.state, name))}
        assert changed and changed <= set(game.state.MOVE_WRITES), changed
    assert len(hashes) >= 2
    snap = game._undo[-1]
    assert snap.unit_equipment is game.state.unit_equipment and snap.unit_hex is not game.state.unit_hex
    for h in reversed(hashes):
        game.undo()
        assert game.state.state_hash() == h
