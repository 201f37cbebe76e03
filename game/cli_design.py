"""The designers' commands: validate (scenarios and saves), info, schema, edit, new-scenario, mapgen.

Split from game/cli.py, which keeps the parser and the players' and measuring commands; each
function here is a sub-command handler ``(args, rest) -> exit status``.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import Any

from game import paths
from game.cli_common import NO_DISPLAY, _display_missing, _err, load_or_report
from game.fileio import atomic_write
from game.scenario.loader import ScenarioError


def _validate(args: argparse.Namespace, _rest: list[str]) -> int:
    from game.scenario.build import build_state
    from game.scenario.source import read_scenario
    from game.scenario.usability import scenario_warnings

    status = 0
    for arg in args.paths:
        path = paths.resolve_scenario(arg)
        if not path.exists():
            _err(f"{arg}: no such file or folder (scenarios: {', '.join(paths.scenario_names()) or 'none'})")
            status = 1
            continue
        if path.suffix.lower() == ".json":
            status = max(status, _validate_save(path))
            continue
        try:
            src = read_scenario(path)
        except ScenarioError as exc:
            for problem in exc.problems:
                print(problem)
            status = 1
            continue
        state = build_state(src)
        scn = state.scenario
        if not _calibration_valid(src.root, scn):
            status = 1
            continue
        warnings = scenario_warnings(src, state)
        for problem in warnings:
            print(problem)
        note = f", {len(warnings)} warning{'s' * (len(warnings) != 1)}" if warnings else ""
        print(f"{arg}: valid ({scn.map.grid.width} x {scn.map.grid.height} hexes, {len(scn.units)} units, "
              f"{scn.turns} turns{note})")
    return status


def _validate_save(path: Path) -> int:
    """A save through the same checks as loading it, then its whole order log replayed from the seed:
    every turn's hash and the final state must come out as saved."""
    from game.core.game import replay
    from game.core.orders import IllegalOrder
    from game.persistence.saves import SaveError, load_game
    from game.scenario.build import load_game as load_scenario

    try:
        game = load_game(path)
    except SaveError as exc:
        print(exc)
        return 1
    start = load_scenario(Path(game.state.scenario.source_dir), game.seed)
    try:
        again = replay(start, game.seed, game.log)
    except IllegalOrder as exc:
        print(f"{path}: the order log does not replay: {' '.join(str(exc).split())}")
        return 1
    if again.turn_hashes != game.turn_hashes or again.state.state_hash() != game.state.state_hash():
        turn = next((i + 2 for i, (a, b) in enumerate(zip(again.turn_hashes, game.turn_hashes, strict=False))
                     if a != b), game.state.turn)
        print(f"{path}: the order log replays to a different game (from turn {turn})")
        return 1
    print(f"{path}: valid save ({game.state.scenario.id}, turn {game.state.turn}, {len(game.log):,} orders replayed)")
    return 0


def _calibration_valid(root: Path, scn: Any) -> bool:
    """A scenario's calibration.yaml, when it has one, is checked with it (one located line a problem)."""
    from game.calibration import calibration_path, load_calibration

    path = calibration_path(root)
    if not path.exists():
        return True
    try:
        load_calibration(path, scn)
    except ScenarioError as exc:
        for problem in exc.problems:
            print(problem)
        return False
    return True


def _info(args: argparse.Namespace, _rest: list[str]) -> int:
    from game.core.summary import scenario_info

    state = load_or_report(args.scenario)
    if state is None:
        return 1
    if args.equipment or args.units:
        from game.scenario.catalog import catalog, format_catalog
        from game.scenario.source import read_scenario

        src = read_scenario(paths.resolve_scenario(args.scenario))  # loaded without problems just above
        lists = catalog(src, equipment=args.equipment, unit_types=args.units)
        print(json.dumps(lists, indent=2) if args.json else format_catalog(lists), end="" if not args.json else "\n")
        return 0
    info = scenario_info(state)
    if args.json:
        print(json.dumps(info, indent=2))
        return 0
    m = info["map"]
    print(f"{info['name']} ({info['id']})")
    print(f"map: {m['width']} x {m['height']} = {m['hexes']:,} hexes ({m['land_hexes']:,} land), "
          f"{m['km_per_hex']:g} km per hex, {m['places']} named places")
    print(f"turns: {info['turns']} ({info['start_date']} to {info['end_date']}), one day each")
    for sid, s in info["sides"].items():
        print(f"\n{s['name']} ({sid}): {s['units']} units, {s['divisions']} divisions, {s['men']:,} men")
        print(f"  tanks {s['tanks']:,}  self-propelled guns {s['spgs']:,}  guns {s['guns']:,}  "
              f"aircraft {s['aircraft']:,}  vehicles {s['vehicles']:,}")
        for kind, n in s["formations_by_kind"].items():
            print(f"  {n:4d} x {kind}")
    return 0


def _schema(args: argparse.Namespace, _rest: list[str]) -> int:
    from game.scenario.jsonschema import schema_json, write_all

    if args.all:
        from game.scenario.docs import update_readme

        try:
            for path in write_all(args.all):
                print(path)
            readme = paths.SCENARIOS / "README.md"
            if update_readme(readme):
                print(readme)
        except OSError as exc:  # a read-only folder, or a file where the folder should be
            _err(f"{exc.filename or args.all}: cannot write the schema: {exc.strerror or exc}")
            return 1
        return 0
    text = schema_json(args.kind)
    if args.out:
        atomic_write(args.out, text, "schema", mode=0o644)
    else:
        print(text, end="")
    return 0


def _edit(args: argparse.Namespace, _rest: list[str]) -> int:
    path = paths.resolve_scenario(args.scenario)
    if not path.exists():
        _err(f"{args.scenario}: no such scenario folder or file (scenarios: {', '.join(paths.scenario_names())})")
        return 1
    if args.screenshot:
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
        from game.ui.editor.editor_app import Editor, save_frame

        save_frame(Editor(path), args.screenshot)
        print(args.screenshot)
        return 0
    why = _display_missing()
    if why:
        _err(NO_DISPLAY.format(why=why))
        return 2
    from game.ui.editor.editor_app import run_editor

    return run_editor(path)


def _new_scenario(args: argparse.Namespace, _rest: list[str]) -> int:
    from game.scenario.newscenario import NewScenarioError, create

    source = paths.resolve_scenario(args.source) if args.source else None
    try:
        dest = create(args.name, source, args.dir)
    except NewScenarioError as exc:
        _err(str(exc))
        return 1
    except OSError as exc:  # a read-only folder, a file where the folder should go
        _err(f"{exc.filename or args.dir}: cannot create the scenario: {exc.strerror or exc}")
        return 1
    print(f"created {dest}; check it with: python main.py validate {dest}")
    return 0


def _mapgen(args: argparse.Namespace, _rest: list[str]) -> int:
    from game.scenario.mapgen import main as mapgen_main

    path = paths.resolve_scenario(args.scenario)
    return mapgen_main([str(path), *(["--check"] if args.check else [])])
