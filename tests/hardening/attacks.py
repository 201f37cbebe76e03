"""Issue 15's attack list, re-run as an attacker would: ``python -m tests.hardening.attacks [--json]``.

Each attack goes through the function the game itself uses (``saves.load_game``, the Load
screen's ``list_saves``, ``Shell.load_save``, ``load_settings``, ``read_scenario``, ``autosave``,
``cli.main``) and ends in one of

* ``ok``: the game refused it with a message (or, where that is right, loaded it),
* ``TRACEBACK``: any other exception escaped,
* ``HANG``: it took longer than ``HANG_S`` (an alarm stops it),

and the process's peak memory is reported at the end (an address-space limit of 2 GB keeps a
runaway from taking the machine down with it). ``tests/hardening/test_attacks.py`` runs this
in a subprocess and asserts zero tracebacks, zero hangs and a peak under 500 MB.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import resource
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # stdout is the JSON report

from game.core.game import Game
from game.core.orders import EndPhase
from game.paths import TEST_SCENARIO
from game.persistence.saves import SaveError, autosave, document_text, load_game, save_game
from game.scenario.build import load_game as load_scenario
from game.scenario.loader import ScenarioError

HANG_S = 5
ADDRESS_LIMIT = 2 * 1024**3
Attack = Callable[[Path], object]
ATTACKS: dict[str, Attack] = {}


class Hang(Exception):
    pass


def attack(name: str) -> Callable[[Attack], Attack]:
    def register(fn: Attack) -> Attack:
        ATTACKS[name] = fn
        return fn

    return register


def _game(turns: int = 2) -> Game:
    from game.ai.match import play_match
    from game.ai.players import baseline_player

    game = Game(load_scenario(TEST_SCENARIO, 5), 5)
    play_match(game, [baseline_player, baseline_player], max_turns=turns)
    return game


def _refused(path: Path) -> str:
    """load_game must refuse ``path`` with one line."""
    try:
        load_game(path)
    except SaveError as exc:
        assert "\n" not in str(exc)
        return str(exc)
    raise AssertionError(f"{path.name} loaded")


def _doc() -> dict[str, Any]:
    from game.persistence.saves import to_document

    return to_document(_game())


def _write(tmp: Path, name: str, text: str) -> Path:
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- hostile saves through load_game

RAW_SAVES = {
    "nesting 1,000 deep": '{"format":"august-storm-save","version":1,"meta":' + "[" * 1000 + "]" * 1000 + "}",
    "nesting 100,000 deep": "[" * 100_000 + "]" * 100_000,
    "seed Infinity": '{"format":"august-storm-save","version":1,"seed":Infinity}',
    "seed 1e999": '{"format":"august-storm-save","version":1,"seed":1e999}',
    "5,000-digit number": '{"format":"august-storm-save","version":1,"seed":' + "7" * 5000 + "}",
}
for _name, _text in RAW_SAVES.items():
    def _raw(tmp: Path, text: str = _text) -> str:
        return _refused(_write(tmp, "s.json", text))

    attack(f"save: {_name}")(_raw)

FIELDS: dict[str, Callable[[dict[str, Any]], None]] = {
    "seed 1e999 in a whole save": lambda d: d.update(seed=float("inf")),
    "order coordinate 1e999": lambda d: d["orders"].insert(0, {"type": "move", "unit": "x", "to": [1e999, 0]}),
    "order coordinate 10^30": lambda d: d["orders"].insert(0, {"type": "move", "unit": "x", "to": [10**30, 0]}),
    "snapshot.extra a list": lambda d: d["snapshot"].update(extra=[1, 2]),
    "snapshot.extra a string": lambda d: d["snapshot"].update(extra="x"),
    "turn_hashes: 5": lambda d: d.update(turn_hashes=5),
    "arrays of strings": lambda d: d["snapshot"]["arrays"]["unit_men"].update(data=["x"] * 10),
}
for _name, _edit in FIELDS.items():
    def _field_attack(tmp: Path, edit: Callable[[dict[str, Any]], None] = _edit) -> str:
        doc = _doc()
        edit(doc)
        return _refused(_write(tmp, "s.json", document_text(doc).replace("Infinity", "1e999")))

    attack(f"save: {_name}")(_field_attack)

EDITS: dict[str, Callable[[Any], None]] = {
    "units off the map": lambda s: s.unit_hex.__setitem__(0, s.scenario.map.grid.size + 7),
    "phase 99": lambda s: setattr(s, "phase", 99),
    "control 99": lambda s: s.control.__setitem__(3, 99),
    "negative men": lambda s: s.unit_men.__setitem__(0, -100),
}
for _name, _edit_state in EDITS.items():
    def _edited(tmp: Path, edit: Callable[[Any], None] = _edit_state) -> str:
        game = _game()
        edit(game.state)
        save_game(game, tmp / "edited.json")  # the checksum is recomputed by the saver itself
        return _refused(tmp / "edited.json")

    attack(f"edited save, checksum recomputed: {_name}")(_edited)


@attack("edited save: log cut to 5 orders")
def _cut(tmp: Path) -> str:
    game = _game(3)
    game.log = game.log[:5]
    save_game(game, tmp / "cut.json")
    return _refused(tmp / "cut.json")


@attack("edited save: an illegal order in the log")
def _illegal(tmp: Path) -> str:
    from game.cli import main
    from game.core.orders import Move

    game = _game()
    game.log.insert(0, Move(game.state.scenario.units[0].id, (0, 0)))
    save_game(game, tmp / "illegal.json")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["validate", str(tmp / "illegal.json")]) == 1
    return out.getvalue().strip()


# ---------------------------------------------------------------- the game window


def _shell(tmp: Path) -> Any:
    import pygame

    from game.ui.settings import Settings
    from game.ui.shell import Shell

    pygame.display.init()
    pygame.font.init()
    saves = tmp / "saves"
    saves.mkdir(exist_ok=True)
    return Shell((1024, 700), settings=Settings(animation_speed=0.0), settings_file=tmp / "settings.json",
                 saves_dir=saves)


@attack("window: every hostile save opened from the Load screen")
def _window_loads(tmp: Path) -> str:
    import pygame

    shell = _shell(tmp)
    for i, text in enumerate(RAW_SAVES.values()):
        path = _write(tmp / "saves", f"h{i}.json", text)
        assert not shell.load_save(path) and shell.dialog is not None
        shell.draw(pygame.Surface((1024, 700)))
        shell.dialog = None
    return "6 dialogs"


@attack("window: the Load screen with a nesting bomb in the saves folder")
def _window_lists(tmp: Path) -> str:
    import pygame

    shell = _shell(tmp)
    save_game(_game(1), tmp / "saves" / "good.json")
    _write(tmp / "saves", "bomb.json", "[" * 100_000 + "]" * 100_000)
    shell.open_load()
    shell.draw(pygame.Surface((1024, 700)))
    rows = shell.screen.list.rows
    assert len(rows) == 2
    return f"{len(rows)} saves listed"


# ---------------------------------------------------------------- reads without a real limit


def _scenario(tmp: Path) -> Path:
    dest = tmp / "scn"
    shutil.copytree(TEST_SCENARIO, dest)
    return dest


def _scenario_refused(folder: Path) -> str:
    from game.scenario.source import read_scenario

    try:
        read_scenario(folder)
    except ScenarioError as exc:
        assert all("\n" not in str(p) for p in exc.problems)
        return str(exc.problems[0])
    raise AssertionError("the scenario loaded")


for _part, _kind, _make in (("map.yaml", "linked to /dev/zero", lambda p: p.symlink_to("/dev/zero")),
                            ("scenario.yaml", "linked to /dev/zero", lambda p: p.symlink_to("/dev/zero")),
                            ("rules.yaml", "a FIFO", os.mkfifo)):
    def _special_part(tmp: Path, part: str = _part, make: Callable[[Path], None] = _make) -> str:
        scn = _scenario(tmp)
        (scn / part).unlink()
        make(scn / part)
        return _scenario_refused(scn)

    attack(f"read: {_part} {_kind}")(_special_part)


@attack("read: a stray *.yaml linked to /dev/zero, then autosave and load")
def _stray_zero(tmp: Path) -> str:
    scn = _scenario(tmp)
    (scn / "stray.yaml").symlink_to("/dev/zero")
    game = Game(load_scenario(scn, 1), 1)
    game.play(EndPhase())
    path = autosave(game, tmp)
    return f"loaded turn {load_game(path).state.turn}"


for _kind, _make in (("linked to /dev/zero", lambda p: p.symlink_to("/dev/zero")), ("a FIFO", os.mkfifo)):
    def _settings_special(tmp: Path, make: Callable[[Path], None] = _make) -> str:
        from game.ui.settings import load_settings

        make(tmp / "settings.json")
        _settings, message = load_settings(tmp / "settings.json")
        assert message
        return message

    attack(f"read: settings.json {_kind}")(_settings_special)


# ---------------------------------------------------------------- the digest and include paths


@attack("digest: a folder named notes.yaml and a dangling link, then autosave, quicksave, load")
def _digest(tmp: Path) -> str:
    scn = _scenario(tmp)
    (scn / "notes.yaml").mkdir()
    (scn / "gone.yaml").symlink_to(scn / "nowhere.yaml")
    game = Game(load_scenario(scn, 1), 1)
    autosave(game, tmp)
    save_game(game, tmp / "quicksave.json")
    return f"loaded turn {load_game(tmp / 'quicksave.json').state.turn}"


for _include in ("/etc/passwd", "../../../../etc/hostname", "/proc/self/environ"):
    def _escape(tmp: Path, include: str = _include) -> str:
        scn = _scenario(tmp)
        text = (scn / "scenario.yaml").read_text()
        (scn / "scenario.yaml").write_text(text.replace("map: map.yaml", f"map: {include}"))
        message = _scenario_refused(scn)
        assert "scenario folder" in message, message
        return message

    attack(f"include: {_include}")(_escape)


# ---------------------------------------------------------------- values that validated but broke the engine

for _file, _old, _new in (("oob_soviet.yaml", "zis3: 32", "zis3: 3000000000"),
                          ("rules.yaml", "gauge_conversion_km_per_day: 22", "gauge_conversion_km_per_day: .inf")):
    def _engine(tmp: Path, file: str = _file, old: str = _old, new: str = _new) -> str:
        scn = _scenario(tmp)
        text = (scn / file).read_text()
        assert old in text
        (scn / file).write_text(text.replace(old, new))
        return _scenario_refused(scn)

    attack(f"value: {_new}")(_engine)


# ---------------------------------------------------------------- autosaves


@attack("autosave: older autosaves carry future times")
def _future(tmp: Path) -> str:
    game = Game(load_scenario(TEST_SCENARIO, 1), 1)
    first = autosave(game, tmp, keep=2)
    os.utime(first, (time.time() + 864000, time.time() + 864000))
    for _ in range(2):
        game.play(EndPhase())
        game.play(EndPhase())
        newest = autosave(game, tmp, keep=2)
    assert newest.exists()
    return "the newest stays"


@attack("autosave: a second game of the same scenario")
def _second(tmp: Path) -> str:
    first = autosave(Game(load_scenario(TEST_SCENARIO, 1), 1), tmp, keep=1)
    two = Game(load_scenario(TEST_SCENARIO, 1), 1)
    for _ in range(3):
        autosave(two, tmp, keep=1)
        two.play(EndPhase())
    assert first.exists()
    return "the first game's autosave stays"


@attack("autosave: stale .tmp files from killed saves")
def _stale(tmp: Path) -> str:
    for i in range(46):
        p = tmp / f".autosave-tiny-t01-p0.json.x{i}.tmp"
        p.write_bytes(b"{" * 1000)
        os.utime(p, (time.time() - 3600, time.time() - 3600))
    autosave(Game(load_scenario(TEST_SCENARIO, 1), 1), tmp)
    left = list(tmp.glob(".*.tmp"))
    assert not left, left
    return "cleaned"


@attack("autosave: a save folder that cannot be written")
def _readonly(tmp: Path) -> str:
    (tmp / "file").write_text("")
    try:
        autosave(Game(load_scenario(TEST_SCENARIO, 1), 1), tmp / "file" / "saves")
    except SaveError as exc:
        assert ".tmp" not in str(exc)
        return str(exc)
    raise AssertionError("saved into a file")


# ---------------------------------------------------------------- settings

for _name, _text in (("nesting", "[" * 5000 + "]" * 5000), ("5,000 digits", '{"ui_scale": ' + "9" * 5000 + "}"),
                     ("400 digits", '{"ui_scale": ' + "9" * 400 + "}")):
    def _settings(tmp: Path, text: str = _text) -> str:
        from game.ui.settings import load_settings

        _s, message = load_settings(_write(tmp, "settings.json", text))
        assert message and "\n" not in message
        return message

    attack(f"settings: {_name}")(_settings)


# ---------------------------------------------------------------- the command line


def _cli_cases() -> list[list[str]]:
    from tests.hardening.test_cli_nonsense import NONSENSE

    return NONSENSE


def _cli(tmp: Path, args: list[str]) -> str:
    from game.cli import main
    from tests.hardening.test_cli_nonsense import _fill

    out, err = io.StringIO(), io.StringIO()
    cwd = os.getcwd()
    os.chdir(tmp)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                status = main(_fill(args, tmp))
            except SystemExit as exc:
                status = exc.code if isinstance(exc.code, int) else 2
    finally:
        os.chdir(cwd)
    assert status != 0
    lines = [line for line in (err.getvalue() or out.getvalue()).splitlines() if line.strip()]
    return lines[-1] if lines else ""


@attack("cli: new-scenario --from a scenario holding a /dev/zero link")
def _copy_zero(tmp: Path) -> str:
    from game.cli import main

    scn = _scenario(tmp)
    (scn / "zero.yaml").symlink_to("/dev/zero")
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["new-scenario", "copy", "--from", str(scn), "--dir", str(tmp / "copy")]) == 0
    assert not (tmp / "copy" / "zero.yaml").exists()
    return "copied regular files only"


# ---------------------------------------------------------------- a big legal save


@attack("save: a legal save padded past the size limit")
def _huge(tmp: Path) -> str:
    doc = _doc()
    path = tmp / "huge.json"
    with path.open("w") as f:
        f.write(document_text(doc)[:-1] + ', "padding": "' + "x" * (40 * 2**20) + '"}')
    return _refused(path)


@attack("save: 99,000 orders, 4 MB (near the most a save may hold)")
def _many_orders(tmp: Path) -> str:
    doc = _doc()
    unit = doc["orders"][0].get("unit", "rd_124") if doc["orders"] else "rd_124"
    doc["orders"] = [{"type": "move", "unit": unit, "to": [1, 1]}] * 99_000
    path = _write(tmp, "many.json", document_text(doc))
    assert path.stat().st_size > 4 * 10**6
    return _refused(path)


# ---------------------------------------------------------------- running


def _alarm(_signum: int, _frame: object) -> None:
    raise Hang()


def run_all() -> dict[str, Any]:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_LIMIT, ADDRESS_LIMIT))
    signal.signal(signal.SIGALRM, _alarm)
    cases: list[tuple[str, Attack]] = list(ATTACKS.items())
    cases += [("cli: " + " ".join(a).replace(str(TEST_SCENARIO), "tiny"),
               lambda tmp, a=a: _cli(tmp, a)) for a in _cli_cases()]  # type: ignore[misc]
    results = []
    for name, fn in cases:
        with tempfile.TemporaryDirectory(prefix="attack") as folder:
            t0 = time.perf_counter()
            signal.alarm(HANG_S)
            try:
                outcome, detail = "ok", str(fn(Path(folder)))
            except Hang:
                outcome, detail = "HANG", f"over {HANG_S} s"
            except BaseException as exc:
                outcome, detail = "TRACEBACK", f"{type(exc).__name__}: {' '.join(str(exc).split())[:200]}"
            finally:
                signal.alarm(0)
            results.append({"attack": name, "outcome": outcome, "seconds": round(time.perf_counter() - t0, 2),
                            "detail": detail[:200]})
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"attacks": results, "tracebacks": sum(r["outcome"] == "TRACEBACK" for r in results),
            "hangs": sum(r["outcome"] == "HANG" for r in results), "peak_mb": round(peak_mb, 1)}


def main() -> int:
    report = run_all()
    if "--json" in sys.argv:
        print(json.dumps(report, indent=1))
    else:
        for r in report["attacks"]:
            print(f"{r['outcome']:9s} {r['seconds']:5.2f} s  {r['attack']}: {r['detail']}")
        print(f"{len(report['attacks'])} attacks: {report['tracebacks']} tracebacks, {report['hangs']} hangs, "
              f"peak memory {report['peak_mb']} MB")
    return 1 if report["tracebacks"] or report["hangs"] else 0


if __name__ == "__main__":
    sys.exit(main())
