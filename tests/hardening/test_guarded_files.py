"""Files the game reads or writes that are not what they seem (issue 15): devices, FIFOs, links out
of the scenario, folders named like files, read-only places. Each gives one line, never a hang,
a traceback or gigabytes of memory."""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from pathlib import Path

import pytest

from game.core.game import Game
from game.core.orders import EndPhase
from game.paths import TEST_SCENARIO
from game.persistence.saves import SaveError, autosave, load_game, save_game, scenario_digest
from game.scenario.build import load_game as load_scenario
from game.scenario.loader import ScenarioError
from game.scenario.source import read_scenario
from game.ui.settings import Settings, load_settings, save_settings

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs, /dev/zero and symlinks are POSIX")


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    dest = tmp_path / "scn"
    shutil.copytree(TEST_SCENARIO, dest)
    return dest


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def _problems(folder: Path) -> list[str]:
    with pytest.raises(ScenarioError) as info:
        read_scenario(folder)
    return [str(p) for p in info.value.problems]


# ---------------------------------------------------------------- the guarded reader


@posix_only
def test_dev_zero_and_a_fifo_are_refused_at_once(tmp_path: Path) -> None:
    from game.fileio import FileError, read_bytes

    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    start = time.monotonic()
    for path in (Path("/dev/zero"), fifo):
        with pytest.raises(FileError, match="not a regular file"):
            read_bytes(path, 1000)
    assert time.monotonic() - start < 2.0


def test_the_limit_is_counted_while_reading(tmp_path: Path) -> None:
    from game.fileio import FileError, read_bytes

    path = tmp_path / "big"
    path.write_bytes(b"x" * 2000)
    assert read_bytes(path, 2000) == b"x" * 2000
    with pytest.raises(FileError, match="larger than the limit of 1,999 bytes"):
        read_bytes(path, 1999)


@posix_only
@pytest.mark.parametrize("part", ["map.yaml", "scenario.yaml", "equipment.yaml"])
def test_a_part_linked_to_dev_zero_is_one_problem(scenario: Path, part: str) -> None:
    (scenario / part).unlink()
    (scenario / part).symlink_to("/dev/zero")
    problems = _problems(scenario)  # scenario.yaml is read as named; its parts must stay in the folder
    errors = [p for p in problems if "not checked until" not in p]  # the validator also names the checks skipped
    assert len(errors) == 1 and ("not a regular file" in errors[0] or "outside the scenario" in errors[0])


@posix_only
def test_a_part_that_is_a_fifo_does_not_hang(scenario: Path) -> None:
    (scenario / "rules.yaml").unlink()
    os.mkfifo(scenario / "rules.yaml")
    assert any("not a regular file" in p for p in _problems(scenario))


@pytest.mark.parametrize("include", ["/etc/passwd", "../../../../etc/hostname", "/proc/self/environ",
                                     "sub/../../x.yaml"])
def test_includes_cannot_leave_the_scenario_folder(scenario: Path, include: str) -> None:
    _edit(scenario / "scenario.yaml", "map: map.yaml", f"map: {include}")
    problems = _problems(scenario)
    line = next(p for p in problems if ": map: " in p)
    assert ("scenario.yaml:" in line and "inside the scenario folder" in line) or "absolute path" in line
    assert not any("root:" in p for p in problems)  # no line of /etc/passwd comes back as a "problem"


def test_parts_may_be_shared_from_the_folder_beside(scenario: Path) -> None:
    """``../shared/NAME`` is the one way out: equipment kept once for several scenarios."""
    shared = scenario.parent / "shared"
    shared.mkdir()
    (scenario / "equipment.yaml").rename(shared / "equipment.yaml")
    _edit(scenario / "scenario.yaml", "equipment: [equipment.yaml]", "equipment: [../shared/equipment.yaml]")
    assert read_scenario(scenario).equipment
    _edit(scenario / "scenario.yaml", "../shared/equipment.yaml", "../shared/../../../etc/hostname")
    assert any("inside the scenario folder or ../shared/" in p for p in _problems(scenario))


@posix_only
def test_a_link_out_of_the_scenario_folder_is_refused(scenario: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    shutil.copy(scenario / "map.yaml", outside)
    (scenario / "map.yaml").unlink()
    (scenario / "map.yaml").symlink_to(outside)
    assert any("leads outside the scenario folder" in p for p in _problems(scenario))


def test_confined_accepts_plain_names(tmp_path: Path) -> None:
    from game.fileio import FileError, confined

    (tmp_path / "sub").mkdir()
    assert confined(tmp_path, "sub/x.yaml") == tmp_path / "sub" / "x.yaml"
    with pytest.raises(FileError):
        confined(tmp_path, "")


@posix_only
def test_validate_dev_zero_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    from game.cli import main

    assert main(["validate", "/dev/zero"]) == 1
    out = capsys.readouterr().out.strip()
    assert out.count("\n") == 0 and "not a regular file" in out


# ---------------------------------------------------------------- the digest


@posix_only
def test_the_digest_covers_only_declared_files(scenario: Path, tmp_path: Path) -> None:
    """A folder named notes.yaml or a dangling link used to make every save fail."""
    before = scenario_digest(str(scenario))
    (scenario / "notes.yaml").mkdir()
    (scenario / "gone.yaml").symlink_to(scenario / "nowhere.yaml")
    (scenario / "zero.yaml").symlink_to("/dev/zero")
    assert scenario_digest(str(scenario)) == before
    game = Game(load_scenario(scenario, 1), 1)
    save_game(game, tmp_path / "s.json")
    assert load_game(tmp_path / "s.json").state.state_hash() == game.state.state_hash()
    _edit(scenario / "rules.yaml", "leave_cost: 2", "leave_cost: 3")
    assert scenario_digest(str(scenario)) != before


def test_a_save_made_with_the_old_digest_still_loads(scenario: Path, tmp_path: Path) -> None:
    """No save is lost: saves from before the declared-files digest carry the every-*.yaml one."""
    import hashlib

    game = Game(load_scenario(scenario, 1), 1)
    path = tmp_path / "old.json"
    save_game(game, path)
    h = hashlib.sha256()
    for p in sorted(scenario.rglob("*.yaml")):
        h.update(p.relative_to(scenario).as_posix().encode())
        h.update(p.read_bytes())
    doc = json.loads(path.read_text())
    doc["scenario"]["digest"] = h.hexdigest()
    path.write_text(json.dumps(doc))
    assert load_game(path).state.state_hash() == game.state.state_hash()


# ---------------------------------------------------------------- settings


@pytest.mark.parametrize("text", ["[" * 5000 + "]" * 5000, '{"ui_scale": ' + "9" * 5000 + "}",
                                  '{"ui_scale": ' + "9" * 400 + "}", '{"ui_scale": Infinity}',
                                  '{"scroll_speed": 1e999}', '{"resolution": [1e999, 2]}'])
def test_hostile_settings_fall_back_to_defaults_in_one_line(tmp_path: Path, text: str) -> None:
    path = tmp_path / "settings.json"
    path.write_text(text)
    settings, message = load_settings(path)
    assert settings == Settings() and message and "\n" not in message


@posix_only
def test_settings_linked_to_dev_zero(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.symlink_to("/dev/zero")
    settings, message = load_settings(path)
    assert settings == Settings() and message and "not a regular file" in message


# ---------------------------------------------------------------- writing


def test_a_save_into_a_place_that_cannot_hold_it_names_the_save(tmp_path: Path) -> None:
    """A read-only save folder gave a raw OSError naming the temporary file."""
    blocker = tmp_path / "file"
    blocker.write_text("")
    game = Game(load_scenario(TEST_SCENARIO, 1), 1)
    target = blocker / "saves" / "quick.json"
    with pytest.raises(SaveError) as info:
        save_game(game, target)
    assert str(target) in str(info.value) and ".tmp" not in str(info.value)
    with pytest.raises(SaveError):
        save_game(game, tmp_path)  # a folder
    with pytest.raises(OSError, match="cannot write the settings"):
        save_settings(Settings(), blocker / "settings.json")


def test_atomic_write_leaves_nothing_behind_on_failure(tmp_path: Path) -> None:
    from game.fileio import atomic_write

    def fail(_f: object) -> None:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        atomic_write(tmp_path / "x.png", fail)
    assert list(tmp_path.iterdir()) == []
    atomic_write(tmp_path / "x.txt", "hello", mode=0o644)
    assert (tmp_path / "x.txt").read_text() == "hello"


def test_stale_temporary_files_are_cleaned_by_the_next_save(tmp_path: Path) -> None:
    from game.fileio import remove_stale_temps

    old = [tmp_path / f".autosave-tiny-t0{i}.json.abc{i}.tmp" for i in range(5)]
    for p in old:
        p.write_bytes(b"{half a save")
        os.utime(p, (time.time() - 3600, time.time() - 3600))
    fresh = tmp_path / ".quicksave.json.fresh.tmp"  # another window may be writing it right now
    fresh.write_bytes(b"{")
    save_game(Game(load_scenario(TEST_SCENARIO, 1), 1), tmp_path / "quicksave.json")
    assert not any(p.exists() for p in old) and fresh.exists()
    stale = tmp_path / ".settings.json.abc.tmp"
    stale.write_text("{")
    os.utime(stale, (time.time() - 3600, time.time() - 3600))
    save_settings(Settings(), tmp_path / "settings.json")
    assert not stale.exists()
    assert remove_stale_temps(tmp_path, older_than_s=-1) == 1


# ---------------------------------------------------------------- autosave rotation


def _autosaves(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("autosave-*.json"))


def test_rotation_ignores_clocks(tmp_path: Path) -> None:
    """Autosaves carrying future times used to outlive the one just written, which was deleted."""
    game = Game(load_scenario(TEST_SCENARIO, 1), 1)
    first = autosave(game, tmp_path, keep=2)
    future = time.time() + 10 * 86400
    os.utime(first, (future, future))
    game.play(EndPhase())
    game.play(EndPhase())
    newest = autosave(game, tmp_path, keep=2)
    game.play(EndPhase())
    game.play(EndPhase())
    newer = autosave(game, tmp_path, keep=2)
    assert newest.exists() and newer.exists() and not first.exists()


def test_a_second_game_keeps_its_hands_off_the_first_games_autosaves(tmp_path: Path) -> None:
    one = Game(load_scenario(TEST_SCENARIO, 1), 1)
    mine = autosave(one, tmp_path, keep=2)
    two = Game(load_scenario(TEST_SCENARIO, 1), 1)
    for _ in range(3):
        autosave(two, tmp_path, keep=2)
        two.play(EndPhase())
        two.play(EndPhase())
    assert mine.exists()
    assert len(_autosaves(tmp_path)) == 3  # the first game's one, the second game's newest two


def test_after_going_back_the_newest_autosave_stays(tmp_path: Path) -> None:
    game = Game(load_scenario(TEST_SCENARIO, 1), 1)
    early = game.state.clone()
    for _ in range(2):
        game.play(EndPhase())
        game.play(EndPhase())
        autosave(game, tmp_path, keep=2)
    game.state, game.log, game.turn_hashes = early, [], []  # a quickload back to turn 1
    back = autosave(game, tmp_path, keep=2)
    assert back.exists() and len(_autosaves(tmp_path)) == 2
