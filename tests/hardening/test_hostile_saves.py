"""Hostile and damaged saves (issue 15): every one is refused with one line naming the file, before
anything uses it; none loads to crash on the next turn, and none rewinds a game on reload."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from game.cli import main as cli_main
from game.core.orders import Move
from game.persistence.saves import SaveError, load_game
from tests.hardening.conftest import played_game

Damage = Callable[[dict[str, Any]], None]


def _set(path: str, value: Any) -> Damage:
    """Set the field at a dotted path ('snapshot.extra', 'orders.0.to.0') to ``value``."""

    def damage(doc: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = doc
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value

    return damage


def _nested(depth: int) -> Any:
    value: Any = 0
    for _ in range(depth):
        value = [value]
    return value


FIELD_DAMAGE = {
    "seed Infinity": ("seed", float("inf"), "Infinity is not a number"),  # refused while parsing
    "seed NaN": ("seed", float("nan"), "NaN is not a number"),
    "order coordinate 1e999": ("orders.0.to.0", float("inf"), "Infinity is not a number"),
    "seed a fraction": ("seed", 1.5, "seed"),
    "order coordinate 10^30": ("orders.0.to.0", 10**30, "orders[0].to[0]"),
    "4,200-digit seed": ("seed", 10**4200, "seed"),  # (5,000 digits: in the raw-text test below)
    "extra as a list": ("snapshot.extra", [1, 2], "snapshot.extra"),
    "extra as a string": ("snapshot.extra", "x", "snapshot.extra"),
    "turn_hashes a number": ("turn_hashes", 5, "turn_hashes"),
    "turn a string": ("snapshot.turn", "3", "snapshot.turn"),
    "rng state missing": ("snapshot.rng", {"bit_generator": "PCG64"}, "snapshot.rng.state"),
    "array of strings": ("snapshot.arrays.unit_men.data", ["a"], "snapshot.arrays.unit_men"),
    "array float in ints": ("snapshot.arrays.unit_men.shape", [10**9], "snapshot.arrays.unit_men"),
    "unknown order": ("orders.0", {"type": "teleport"}, "orders[0].type"),
    "scenario path a list": ("scenario.path", ["/"], "scenario.path"),
    "scenario path too long to look up": ("scenario.path", "a" * 4000, "is not at"),
}


@pytest.mark.parametrize("name", list(FIELD_DAMAGE))
def test_a_bad_field_is_one_line_naming_it(name: str, base_doc: dict[str, Any],
                                           write_doc: Callable[..., Path]) -> None:
    where, value, field = FIELD_DAMAGE[name]
    doc = copy.deepcopy(base_doc)
    if where.startswith("orders.0") and not doc["orders"][0].get("to"):
        doc["orders"][0] = {"type": "move", "unit": "x", "to": [0, 0]}
    _set(where, value)(doc)
    path = write_doc(doc)
    with pytest.raises(SaveError) as info:
        load_game(path)
    message = str(info.value)
    assert "\n" not in message and str(path) in message and field in message, message


@pytest.mark.parametrize("value", ["[" * 5000 + "]" * 5000, "Infinity", "-Infinity", "NaN", "9" * 5000, "1e999"],
                         ids=["nesting 5000 deep", "Infinity", "-Infinity", "NaN", "5000 digits", "1e999"])
def test_hostile_json_in_a_whole_save_is_refused_in_one_line(value: str, base_doc: dict[str, Any],
                                                             tmp_path: Path) -> None:
    path = tmp_path / "hostile.json"
    text = json.dumps(base_doc)
    assert '"seed": 5,' in text
    path.write_text(text.replace('"seed": 5,', f'"seed": {value},'))
    with pytest.raises(SaveError) as info:
        load_game(path)
    assert "\n" not in str(info.value) and "damaged save" in str(info.value)


STATE_EDITS: dict[str, tuple[Callable[[Any], None], str]] = {
    "unit off the map": (lambda s: s.unit_hex.__setitem__(0, s.scenario.map.grid.size + 5), "unit_hex"),
    "phase 99": (lambda s: setattr(s, "phase", 99), "snapshot.phase"),
    "turn 99": (lambda s: setattr(s, "turn", 99), "snapshot.turn"),
    "control 99": (lambda s: s.control.__setitem__(0, 99), "control"),
    "negative men": (lambda s: s.unit_men.__setitem__(0, -50), "unit_men"),
    "negative fuel": (lambda s: s.unit_fuel.__setitem__(0, -1.0), "unit_fuel"),
    "infinite fortification": (lambda s: s.fort_level.__setitem__(0, np.inf), "Infinity"),
    "NaN fuel": (lambda s: s.unit_fuel.__setitem__(0, np.nan), "NaN"),
    "weather 99": (lambda s: s.extra.__setitem__(f"weather:{s.turn}", 99), "weather"),
}


@pytest.mark.parametrize("name", list(STATE_EDITS))
def test_an_edited_snapshot_with_a_recomputed_checksum_is_refused(name: str, save_of: Callable[..., Path]) -> None:
    """The checksum only says the file is as written: the snapshot must also fit the scenario."""
    game = played_game()
    edit, field = STATE_EDITS[name]
    edit(game.state)
    path = save_of(game)
    with pytest.raises(SaveError) as info:
        load_game(path)
    assert field in str(info.value) and "\n" not in str(info.value)


def test_a_log_cut_short_is_refused_not_rewound(save_of: Callable[..., Path]) -> None:
    """A log cut to 5 orders used to load, and the next reload silently rewound the game to turn 1."""
    game = played_game(3)
    assert len(game.log) > 5
    game.log = game.log[:5]
    path = save_of(game)
    with pytest.raises(SaveError, match="the log was cut or edited"):
        load_game(path)


def test_an_edited_log_is_refused(save_of: Callable[..., Path]) -> None:
    game = played_game()
    path = save_of(game)
    doc = json.loads(path.read_text())
    unit = game.state.scenario.units[0].id
    doc["orders"].insert(0, {"type": "move", "unit": unit, "to": [0, 0]})
    path.write_text(json.dumps(doc))
    with pytest.raises(SaveError, match="order log does not match its checksum"):
        load_game(path)


def test_orders_naming_what_the_scenario_lacks_are_refused(save_of: Callable[..., Path]) -> None:
    game = played_game()
    game.log.insert(0, Move("no_such_unit", (0, 0)))
    with pytest.raises(SaveError, match="no unit 'no_such_unit'"):
        load_game(save_of(game))
    game.log[0] = Move(game.state.scenario.units[0].id, (500, 3))
    with pytest.raises(SaveError, match="not a hex of the map"):
        load_game(save_of(game))


def test_validate_replays_a_save_and_finds_an_illegal_order(save_of: Callable[..., Path],
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    """A log with an order the rules refuse, checksums and all recomputed: only a replay can tell."""
    game = played_game()
    good = save_of(game, "good.json")
    assert cli_main(["validate", str(good)]) == 0
    assert "valid save" in capsys.readouterr().out
    unit = next(u for u in game.state.scenario.units if u.side == 0)
    game.log.insert(0, Move(unit.id, (0, 0)))  # far across the map: refused by the engine
    bad = save_of(game, "bad.json")
    assert cli_main(["validate", str(bad)]) == 1
    out = capsys.readouterr().out.strip()
    assert out.count("\n") == 0 and "does not replay" in out and str(bad) in out


def test_the_load_screen_lists_every_save_beside_a_hostile_one(tmp_path: Path, save_of: Callable[..., Path],
                                                               base_doc: dict[str, Any],
                                                               write_doc: Callable[..., Path]) -> None:
    """One deeply nested .json in the saves folder used to crash the Load screen every time."""
    from game.ui.session import list_saves

    save_of(played_game(), "good.json")
    (tmp_path / "bomb.json").write_text("[" * 100_000 + "]" * 100_000)
    (tmp_path / "inf.json").write_text('{"format": "august-storm-save", "version": 1, "summary": Infinity}')
    long_path = copy.deepcopy(base_doc)
    long_path["scenario"]["path"] = "a" * 4000  # stat() says ENAMETOOLONG instead of "no such file"
    write_doc(long_path, "long.json")
    entries = {e.path.name: e for e in list_saves(tmp_path)}
    assert entries["good.json"].problem is None and entries["good.json"].turn == 3
    assert entries["bomb.json"].problem and "\n" not in entries["bomb.json"].problem
    assert entries["inf.json"].problem
    assert entries["long.json"].scenario == "tiny" and entries["long.json"].turn == 3  # listed; loading says why not


def test_listing_reads_only_the_summary_line(save_of: Callable[..., Path]) -> None:
    """The Load screen reads the first line of a save, not the whole file (a 60 MB save took 10 s)."""
    path = save_of(played_game())
    with path.open("a") as f:  # a file damaged after its first line still lists, as it was saved
        f.write("x" * 1000)
    from game.persistence.saves import read_summary

    doc = read_summary(path)
    assert doc["summary"]["turn"] == 3 and doc["scenario"]["id"] == "tiny"
    with pytest.raises(SaveError):
        load_game(path)


def test_damaged_meta_is_dropped_not_refused(base_doc: dict[str, Any], write_doc: Callable[..., Path]) -> None:
    """Meta only says who played which side: the game loads and the player chooses again."""
    doc = copy.deepcopy(base_doc)
    doc["meta"] = {"soviet": {"a": [1]}, "japan": "ai", "n": 5}
    assert load_game(write_doc(doc)).meta == {"japan": "ai"}
