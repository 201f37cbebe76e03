"""Nonsense on the command line (issue 15): every invocation ends with a message and a non-zero
exit status, never a traceback, a hang or a runaway allocation."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from game.cli import main
from game.paths import TEST_SCENARIO

T = str(TEST_SCENARIO)

# {tmp}: a fresh folder; {file}: a regular file in it (so {file}/x cannot be created, even by root)
SHOT = ["screenshot", T, "--out", "{tmp}/a.png"]
SIM = ["simulate", T]
NONSENSE: list[list[str]] = [
    [*SIM, "--seed", "-1"], ["play", "--seed", "-1"], [*SHOT, "--seed", "-1"],
    [*SIM, "--seed", "1e9"], [*SIM, "--seed", "9" * 60], [*SIM, "--seed", "abc"],
    [*SIM, "--turns", "0"], [*SIM, "--turns", "-4"], [*SIM, "--runs", "0"],
    [*SIM, "--runs", "2", "--workers", "0"], [*SIM, "--runs", "2", "--scheduler", "bogus::://x"],
    [*SIM, "--runs", "2", "--scheduler", "tcp://host:99999"], [*SIM, "--runs", "2", "--report", "{tmp}"],
    [*SIM, "--save", "{tmp}"], [*SIM, "--difficulty", "impossible"], ["simulate", "/dev/zero"],
    [*SIM, "--soviet", "nobody"],
    ["screenshot", T, "--out", "{tmp}"], [*SHOT, "--center", "1"], [*SHOT, "--center", "a,b"],
    [*SHOT, "--center", "999,999"], [*SHOT, "--size", "60000x60000"], [*SHOT, "--size", "0x0"],
    [*SHOT, "--size", "big"], [*SHOT, "--zoom", "nan"], [*SHOT, "--zoom", "inf"], [*SHOT, "--zoom", "-1"],
    [*SHOT, "--turn", "-5"], [*SHOT, "--select", "nobody"], [*SHOT, "--overlay", "xray"],
    ["screenshot", T, "--out", "{file}/a.png"],
    ["schema", "--out", "{file}/s.json"], ["schema", "--out", "{tmp}"], ["schema", "--all", "{file}/dir"],
    ["schema", "bogus"],
    ["new-scenario", "Bad Name"], ["new-scenario", "ok_name", "--dir", "{file}/x"],
    ["new-scenario", "ok_name", "--from", "{tmp}/nothing"], ["new-scenario", "ok_name", "--dir", "{tmp}"],
    ["validate", "/dev/zero"], ["validate", "{tmp}/missing.yaml"], ["validate", "{file}"],
    ["validate", "{tmp}/empty.json"], ["validate", "{tmp}"],
    ["info", "/dev/zero"], ["info", "{tmp}/nothing"], ["armor", "/dev/zero"],
    ["duel", T, "a", "b", "--runs", "0"], ["duel", T, "nobody", "noone"],
    ["duel", T, "a", "b", "--fortification", "-1"], ["duel", T, "a", "b", "--seed", "-2"],
    ["tournament", T, "--runs", "0"], ["tournament", T, "--seed", "-3"], ["tournament", T, "--workers", "-1"],
    ["play", "--load", "{tmp}/missing.json"], ["play", "--load", "/dev/zero"], ["play", "--load", "{tmp}/empty.json"],
    ["play", "--load", "{tmp}/empty.json", "--seed", "3"], ["play", T, "--computer", "martians"],
    ["bench", "--bogus"], ["--nonsense"], ["nosuchcommand", "x", "y"],
    ["validate", "a" * 5000], ["info", "a" * 5000], ["simulate", "a" * 5000], ["play", "--load", "a" * 5000],
]


def _fill(args: list[str], tmp: Path) -> list[str]:
    (tmp / "file").write_text("not a folder")
    (tmp / "empty.json").write_text("")
    return [a.replace("{tmp}", str(tmp)).replace("{file}", str(tmp / "file")) for a in args]


@pytest.mark.parametrize("args", NONSENSE, ids=[" ".join(a).replace(T, "tiny").replace("a" * 5000, "a*5000")
                                                 for a in NONSENSE])
def test_nonsense_gives_a_message_not_a_traceback(args: list[str], tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    monkeypatch.chdir(tmp_path)
    try:
        status = main(_fill(args, tmp_path))
    except SystemExit as exc:  # argparse: usage and one line saying what is wrong, status 2
        status = exc.code if isinstance(exc.code, int) else 2
    out, err = capsys.readouterr()
    text = out + err
    assert status != 0, text
    assert "Traceback" not in text
    message = [line for line in err.splitlines() if line.strip()] or [line for line in out.splitlines() if line.strip()]
    assert message and len(message[-1]) < 400 + max(len(a) for a in args), text[:400]  # a path may be echoed


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks to /dev/zero are POSIX")
def test_new_scenario_copies_regular_files_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A scenario holding a link to /dev/zero used to be copied until the disk was full."""
    import shutil

    source = tmp_path / "src"
    shutil.copytree(TEST_SCENARIO, source)
    (source / "zero.yaml").symlink_to("/dev/zero")
    os.mkfifo(source / "pipe")
    dest = tmp_path / "copy"
    assert main(["new-scenario", "copy", "--from", str(source), "--dir", str(dest)]) == 0
    assert (dest / "map.yaml").is_file() and not (dest / "zero.yaml").exists() and not (dest / "pipe").exists()


def test_simulate_save_then_validate_and_load(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from game.persistence.saves import load_game

    save = tmp_path / "game.json"
    assert main(["simulate", T, "--seed", "3", "--turns", "2", "--save", str(save)]) == 0
    game = load_game(save)
    assert game.state.turn == 3 and game.meta["soviet"] == "ai"
    assert main(["validate", str(save)]) == 0
    assert "valid save" in capsys.readouterr().out


def test_play_load_opens_the_save_in_the_window(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from game import cli
    from game.persistence.saves import load_game

    save = tmp_path / "game.json"
    assert main(["simulate", T, "--seed", "3", "--turns", "1", "--save", str(save)]) == 0
    opened: dict[str, object] = {}

    def fake_run(state: object = None, **kwargs: object) -> int:
        opened.update(state=state, **kwargs)
        return 0

    monkeypatch.setattr("game.ui.window.run", fake_run)
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    assert cli.main(["play", "--load", str(save)]) == 0
    game = opened["state"]
    assert game.log == load_game(save).log  # type: ignore[attr-defined]
    assert opened["computer_sides"] == frozenset({0, 1})  # an AI game is watched as saved
    assert cli.main(["play", "--load", str(save), "--computer", "none"]) == 0
    assert opened["computer_sides"] == frozenset()
