"""The command line: `python main.py [SUBCOMMAND] ...` (play when none is given)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from game import cliargs, paths
from game.cli_common import NO_DISPLAY, _display_missing, _err, load_or_report
from game.cli_design import _edit, _info, _mapgen, _new_scenario, _schema, _validate
from game.cli_pbem import add_parser as add_pbem_parser
from game.fileio import FileError
from game.scenario.loader import ScenarioError


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = _parser()
    if not argv or (argv[0] not in _commands(parser) and argv[0] not in ("-h", "--help")):
        argv = ["play", *argv]
    args, rest = parser.parse_known_args(argv)
    if rest and args.command != "simulate":
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    try:
        return int(args.func(args, rest))
    except FileError as exc:  # an output that cannot be written: a read-only folder, a full disk
        _err(str(exc))
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a path the system cannot even look up (too long, a loop of links ...)
        _err(f"{str(exc.filename or '')[:200]}: {exc.strerror or exc}")
        return 1


def _commands(parser: argparse.ArgumentParser) -> set[str]:
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return set(sub.choices)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="main.py", description="August Storm: Manchuria 1944, an operational "
                                "hex wargame. With no subcommand, starts the game.")
    sub = p.add_subparsers(dest="command", metavar="SUBCOMMAND", title="subcommands")

    def cmd(name: str, help_: str, func: Any) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, help=help_, description=help_)
        sp.set_defaults(func=func)
        return sp

    sp = cmd("play", "open the game window (default)", _play)
    sp.add_argument("scenario", nargs="?", help="scenario folder or name, played at once (none: the main menu)")
    sp.add_argument("--seed", type=cliargs.seed)
    sp.add_argument("--load", type=Path, metavar="SAVE", help="open this saved game (to watch an AI game or "
                    "continue it; --computer overrides who plays which side)")
    sp.add_argument("--computer", action="append", default=[], metavar="SIDE",
                    help="side id played by the computer (repeatable); 'all' watches the computer play every side, "
                         "'none' is a hotseat game for people sharing the screen (the default)")
    sp = cmd("validate", "check scenario files, or save files (*.json: loaded and their order log replayed); "
             "one problem per line as file:line:col: field: message", _validate)
    sp.add_argument("paths", nargs="+", metavar="PATH", help="scenario folder, scenario.yaml, bare name "
                    "(e.g. manchuria_1944) or save file; warnings (exit 0) flag what validates but cannot work")
    sp = cmd("info", "map size, calendar and per-side totals of a scenario", _info)
    sp.add_argument("scenario")
    sp.add_argument("--json", action="store_true", help="one JSON document on stdout")
    sp.add_argument("--equipment", action="store_true", help="list the equipment the scenario defines, with how "
                    "many each side fields")
    sp.add_argument("--units", action="store_true", help="list the unit types the rules define, with how many "
                    "units of each type each side has")
    sp = cmd("schema", "print the JSON Schema of scenario files", _schema)
    sp.add_argument("kind", nargs="?", default="scenario", choices=["scenario", "map", "rules", "equipment",
                                                                    "oob", "geo"])
    sp.add_argument("--out", type=cliargs.out_file, help="write to FILE instead of stdout")
    sp.add_argument("--all", type=Path, metavar="DIR", help="write every kind's schema into DIR")
    sp = cmd("simulate", "play a whole game between computer players, headless", _simulate)
    sp.add_argument("scenario", nargs="?")
    sp.add_argument("--seed", type=cliargs.seed, help="the game's seed (with --runs: the first of N consecutive seeds)")
    sp.add_argument("--turns", type=cliargs.turns, help="stop after N turns")
    sp.add_argument("--save", type=cliargs.out_file, metavar="FILE", help="write the finished game as a save "
                    "(open it with play --load FILE)")
    sp.add_argument("--scheduler", type=cliargs.scheduler, metavar="ADDRESS",
                    help="with --runs: run the games on this Dask cluster (needs the cluster extra)")
    sp.add_argument("--report", type=cliargs.out_file, metavar="FILE",
                    help="with --runs: where to write the HTML balance report (default SCENARIO_ID-balance.html)")
    sp.add_argument("--difficulty", default="normal", choices=["easy", "normal", "hard"],
                    help="level of the ai players (default normal)")
    sp.add_argument("--runs", type=cliargs.runs, metavar="N", help="play N seeds in parallel and print a summary table")
    sp.add_argument("--workers", type=cliargs.workers, metavar="K",
                    help="processes for --runs (default: the CPU count)")
    sp.add_argument("--json", action="store_true", help="one JSON document on stdout")
    sp.add_argument("--calibrate", action="store_true", help="with --runs (default 10): measure the games "
                    "against the scenario's calibration.yaml and print each target, PASS or MISS")
    sp.epilog = ("Per side: --SIDE_ID PLAYER (e.g. --soviet ai --japan baseline); players: ai (default), "
                 "baseline, pass.")
    sp = cmd("tournament", "is the AI worth playing from either side? paired games over N seeds against the "
             "baseline, against itself and hard against normal, each beside the issue's target, and against "
             "standing still (a reference: what each side's play is worth)", _tournament)
    sp.add_argument("scenario")
    sp.add_argument("--runs", type=cliargs.runs, default=10, metavar="N", help="seeds per set-up (default 10)")
    sp.add_argument("--seed", type=cliargs.seed, metavar="S", help="the first of N consecutive seeds (default: the "
                    "scenario's seed)")
    sp.add_argument("--workers", type=cliargs.workers, metavar="K", help="processes (default: the CPU count)")
    sp.add_argument("--turns", type=cliargs.turns, metavar="T", help="stop each game after T turns")
    sp.add_argument("--json", action="store_true", help="one JSON document on stdout")
    sp = cmd("screenshot", "render a map view to a PNG without a window", _screenshot)
    sp.add_argument("scenario", nargs="?")
    sp.add_argument("--out", type=cliargs.out_file, required=True)
    sp.add_argument("--size", type=cliargs.size, default="1920x1080", help="WIDTHxHEIGHT (at most 7680x4320)")
    sp.add_argument("--zoom", type=cliargs.zoom, help="hex radius in pixels, 1 to 400")
    sp.add_argument("--center", type=cliargs.hex_pair, help="COL,ROW")
    sp.add_argument("--select", metavar="UNIT_ID", help="show this unit selected with its range")
    sp.add_argument("--overlay", choices=["supply", "zoc", "fortifications", "fog", "cost"],
                    help="as the S, Z, F, G and C keys show it (cost: the --select unit's)")
    sp.add_argument("--turn", type=cliargs.turns, default=1, help="play the computer players up to turn N first")
    sp.add_argument("--seed", type=cliargs.seed)
    sp.add_argument("--grid", action="store_true", help="write each hex's COL,ROW on it (zoom in to read them)")
    sp.add_argument("--reveal", action="store_true", help="no fog of war: show every unit of every side")
    sp = cmd("edit", "the hex map editor: paint terrain, move units, undo/redo, live checks, save keeping "
             "comments", _edit)
    sp.add_argument("scenario", help="scenario folder or name")
    sp.add_argument("--screenshot", type=Path, metavar="PNG", help="draw the editor once to PNG and exit "
                    "(no window needed)")
    sp = cmd("new-scenario", "create a scenario folder to start from (a small template, or a copy)", _new_scenario)
    sp.add_argument("name", help="the new scenario's id: lower-case letters, digits and _")
    sp.add_argument("--from", dest="source", metavar="SCENARIO", help="copy this scenario instead of the template")
    sp.add_argument("--dir", type=Path, help="where to create it (default: scenarios/NAME)")
    sp = cmd("mapgen", "rebuild a scenario's map.yaml from its geographic data in geo/ (--check: only compare)",
             _mapgen)
    sp.add_argument("scenario")
    sp.add_argument("--check", action="store_true", help="exit 1 and list differences when map.yaml is stale")
    sp = cmd("armor", "penetration table: every gun against every armoured vehicle and facing, 100-2,000 m",
             _armor)
    sp.add_argument("scenario")
    sp.add_argument("--json", action="store_true", help="a list of records on stdout")
    sp = cmd("duel", "combat lab: the named units fight one attack many times on a small clean board", _duel)
    sp.add_argument("scenario")
    sp.add_argument("attackers", metavar="ATTACKER[,ATTACKER...]", help="unit ids from the order of battle")
    sp.add_argument("defenders", metavar="DEFENDER[,DEFENDER...]", help="unit ids of the other side")
    sp.add_argument("--terrain", default="clear", metavar="KIND", help="terrain of the whole board (default clear)")
    sp.add_argument("--fortification", type=cliargs.level, default=0, metavar="N", help="fortification level of the "
                    "defender's hex (default 0)")
    sp.add_argument("--night", action="store_true", help="fight on a night turn (the night engagement range)")
    sp.add_argument("--runs", type=cliargs.runs, default=50, metavar="N", help="attacks to fight (default 50)")
    sp.add_argument("--seed", type=cliargs.seed, metavar="S",
                    help="seed of the first run; run i uses S+i (default: the scenario's seed)")
    sp.add_argument("--json", action="store_true", help="one JSON document on stdout")
    sp.epilog = ("The standard duel: defenders in the centre of a 7 x 7 board of one terrain, with no rivers or "
                 "roads, attackers all in the one hex west of them, so the defender's front is struck. More "
                 "attackers than the stacking limit spill into further adjacent hexes, which can turn the facing "
                 "to side (the report says which). Daylight, clear weather, no surprise, full fuel and ammunition, "
                 "no aircraft; held-back units may attack. Prints mean, p10 and p90 of every loss beside the "
                 "preview's expectation, the defender-retreat rate and the hex-taken rate.")
    add_pbem_parser(cmd)
    sp = cmd("bench", "time the hot paths and print medians", _bench)
    sp.add_argument("--json", action="store_true")
    sp.add_argument("--only", metavar="NAME")
    sp.add_argument("--scale", action="store_true", help="only the scaling figures: 1x, 4x and 16x the work on "
                    "generated scenarios, and their ratios (the full bench includes them)")
    return p


# ---------------------------------------------------------------- subcommands


def _play(args: argparse.Namespace, _rest: list[str]) -> int:
    why = _display_missing()
    if why:
        _err(NO_DISPLAY.format(why=why))
        return 2
    try:
        return _play_save(args) if args.load is not None else _play_scenario(args)
    except Exception as exc:  # pygame.error when the video system cannot start
        if type(exc).__module__.split(".")[0] != "pygame":
            raise
        _err(NO_DISPLAY.format(why=str(exc) or "the video system did not start"))
        return 2


def _play_scenario(args: argparse.Namespace) -> int:
    from game.ui.window import run

    menu = args.scenario is None and not args.computer and args.seed is None
    state = None if menu else load_or_report(args.scenario, args.seed)
    if state is None:
        return run() if menu else 1  # the main menu
    computer = _computer_sides(args.computer, state.scenario.side_index)
    if computer is None:
        return 2
    seed = state.scenario.seed if args.seed is None else args.seed
    return run(state, computer_sides=computer, seed=seed)


def _computer_sides(names: list[str], sides: dict[str, int]) -> frozenset[int] | None:
    """The side indices --computer names ('all', 'none' or side ids); None after printing an unknown one."""
    unknown = [c for c in names if c not in sides and c not in ("all", "none")]
    if unknown:
        _err(f"--computer: unknown side '{unknown[0]}' (sides: {', '.join(sides)}, or all, or none)")
        return None
    return frozenset(sides[s] for c in names for s in (list(sides) if c == "all" else [] if c == "none" else [c]))


def _play_save(args: argparse.Namespace) -> int:
    """``play --load SAVE``: the saved game in the window, played as saved unless --computer says otherwise."""
    from game.persistence.saves import SaveError, load_game
    from game.ui.session import Session
    from game.ui.window import run

    if args.scenario is not None or args.seed is not None:
        _err("--load: the save names its scenario and seed; give neither")
        return 2
    if is_pbem(args.load):
        return _play_pbem(args.load)
    try:
        game = load_game(args.load)
    except SaveError as exc:
        _err(str(exc))
        return 1
    sides = game.state.scenario.side_index
    computer = _computer_sides(args.computer, sides)
    if computer is None:
        return 2
    saved = None if args.computer else Session.from_meta(game.meta, list(sides))
    if saved is not None:
        return run(game, computer_sides=saved.computer_sides(len(sides)), hotseat=saved.hotseat)
    return run(game, computer_sides=computer)


def is_pbem(path: Path) -> bool:
    """A play-by-e-mail turn file or game record rather than a save."""
    from game.pbem.folder import RECORD_SUFFIX
    from game.pbem.turnfile import SUFFIX

    return path.name.endswith((SUFFIX, RECORD_SUFFIX))


def _play_pbem(path: Path) -> int:
    """``play --load FILE.aspbem`` opens the opponent's turn file in the window (its own damage is one line
    here; the checks against your game show in the window); ``--load GAME.pbem.json`` resumes a game."""
    from game.pbem.turnfile import SUFFIX, TurnFileError, read_turn_file
    from game.ui.window import run

    if path.name.endswith(SUFFIX):
        try:
            read_turn_file(path)
        except TurnFileError as exc:
            _err(str(exc))
            return 1
    return run(pbem=path)


def _simulate(args: argparse.Namespace, rest: list[str]) -> int:
    from game.ai.players import PLAYERS
    from game.ai.runs import document, format_summary, progress_bar, run_many, summarize

    state = load_or_report(args.scenario, args.seed)
    if state is None:
        return 1
    scn = state.scenario
    side_ids = [s.id for s in scn.sides]
    sp = argparse.ArgumentParser(prog="main.py simulate SCENARIO")
    for sid in side_ids:
        sp.add_argument(f"--{sid}", choices=sorted(PLAYERS), default="ai")
    chosen = vars(sp.parse_args(rest))
    players = {sid: chosen[sid] for sid in side_ids}
    seed = scn.seed if args.seed is None else args.seed
    if args.calibrate:  # N seeds against calibration.yaml; exit 0 even when targets miss: a measurement
        from game.calibration import calibration_path, evaluate, format_report, load_calibration

        cal_path = calibration_path(scn.source_dir)
        if not cal_path.is_file():
            _err(f"{scn.id}: no calibration.yaml in {scn.source_dir}; nothing to calibrate against")
            return 1
        try:
            cal = load_calibration(cal_path, scn)
        except ScenarioError as exc:
            for problem in exc.problems:
                print(problem)
            return 1
        if args.difficulty != cal.difficulty or any(p != cal.players for p in players.values()):
            _err(f"note: the targets are for {cal.players} players at {cal.difficulty} difficulty; this run is "
                 f"{', '.join(f'{k} = {v}' for k, v in players.items())} at {args.difficulty}")
        from game.cluster import ClusterError

        try:
            docs = run_many(scn.source_dir, range(seed, seed + (args.runs or 10)), players, args.difficulty,
                            args.turns, args.workers, progress_bar, args.scheduler)
        except ClusterError as exc:
            _err(str(exc))
            return 2
        result = evaluate(cal, docs)
        print(json.dumps(result, indent=2) if args.json else format_report(result))
        return 0
    if args.runs:
        from game.cluster import ClusterError
        from game.report import write_report

        try:
            docs = run_many(paths.resolve_scenario(args.scenario), range(seed, seed + args.runs), players,
                            args.difficulty, args.turns, args.workers, progress_bar, args.scheduler)
        except ClusterError as exc:
            _err(str(exc))
            return 2
        summary = summarize(docs)
        report = write_report(docs, args.report or Path(f"{scn.id}-balance.html"),
                              f"{scn.name}: {args.runs} games ({', '.join(f'{k} = {v}' for k, v in players.items())})")
        _err(f"report: {report}")
        print(json.dumps({"summary": summary, "games": docs}, indent=2) if args.json else format_summary(summary))
        return 0
    from game.ai.match import play_match
    from game.ai.players import make_player
    from game.core.game import Game

    def progress(t: dict[str, Any]) -> None:
        sides = "  ".join(f"{sid}: {v['men']:,} men, {v['victory_points']} VP, {v['deepest_advance_km']:g} km"
                          for sid, v in t["sides"].items())
        _err(f"turn {t['turn']:2d} {t['date']}  {sides}")

    game = Game(state, seed)
    game.meta = {**{sid: "ai" for sid in side_ids}, "difficulty": args.difficulty}  # as the window saves it
    record = play_match(game, [make_player(players[sid], args.difficulty) for sid in side_ids], args.turns, progress)
    doc = document(game.state, record, players, args.difficulty, seed)
    if args.save:
        from game.persistence.saves import SaveError, save_game

        try:
            save_game(game, args.save)
        except SaveError as exc:
            _err(str(exc))
            return 1
        _err(f"saved: {args.save} (open it with: python main.py play --load {args.save})")
    if args.json:
        print(json.dumps(doc, indent=2))
        return 0
    print(f"{scn.name}: {len(record.turns)} turns in {record.wall_s:.2f} s "
          f"({', '.join(f'{sid} = {p}' for sid, p in players.items())}; {args.difficulty})")
    for c in record.captures:
        place = next(p for p in scn.map.places if p.id == c["place"])
        print(f"  turn {c['turn']:2d}: {c['side']} takes {place.label}")
    for lu in doc["link_ups"]:
        print(f"  link-up '{lu['name']}': " + (f"made on turn {lu['turn']}" if lu["turn"] else "not made"))
    if record.turns:
        for sid, v in record.turns[-1]["sides"].items():
            c = v["casualties"]
            print(f"  {sid}: {v['men']:,} men left; lost {c['killed']:,} killed, {c['wounded']:,} wounded, "
                  f"{c['captured']:,} captured, {v['tanks_lost']:,} tanks; {v['units_out_of_supply']} units cut off; "
                  f"deepest advance {v['deepest_advance_km']:g} km")
    times = ", ".join(f"{sid} median {t['median']:.2f} s, max {t['max']:.2f} s" for sid, t in doc["ai_turn_s"].items())
    print(f"  turn times: {times}")
    vp = ", ".join(f"{sid} {v} VP" for sid, v in doc["victory_points"].items())
    print(f"result: {doc['result']} ({vp})")
    return 0


def _tournament(args: argparse.Namespace, _rest: list[str]) -> int:
    from game.ai.runs import progress_bar
    from game.tournament import format_table, tournament

    state = load_or_report(args.scenario)
    if state is None:
        return 1
    scn = state.scenario
    if len(scn.sides) != 2 or args.runs < 1:
        _err(f"{scn.id}: a tournament needs two sides and --runs of at least 1")
        return 2
    seed = scn.seed if args.seed is None else args.seed
    result = tournament(paths.resolve_scenario(args.scenario), [s.id for s in scn.sides],
                        range(seed, seed + args.runs), args.turns, args.workers, progress_bar, scn.id)
    print(json.dumps(result, indent=2) if args.json else format_table(result))
    return 0


def _stats(times: list[float]) -> dict[str, float]:
    import statistics

    return {"median": round(statistics.median(times), 4) if times else 0.0,
            "max": round(max(times), 4) if times else 0.0}


def _screenshot(args: argparse.Namespace, _rest: list[str]) -> int:
    state = load_or_report(args.scenario, args.seed)
    if state is None:
        return 1
    w, h = args.size
    center = args.center
    grid = state.scenario.map.grid
    if center is not None and not grid.contains(center):
        _err(f"--center: {center[0]},{center[1]} is not on the map ({grid.width} x {grid.height} hexes)")
        return 2
    if args.select and args.select not in state.scenario.unit_index:
        _err(f"--select: no unit '{args.select}'")
        return 2
    from game.core.game import Game

    shown = Game(state, state.scenario.seed if args.seed is None else args.seed)
    if args.turn > 1:
        from game.ai.match import play_match
        from game.ai.players import make_player

        play_match(shown, [make_player("ai")] * len(state.scenario.sides), max_turns=args.turn - 1)
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    from game.ui.screenshot import render_screenshot

    render_screenshot(shown, args.out, size=(w, h), zoom=args.zoom, center=center,  # type: ignore[arg-type]
                      select=args.select, overlay=args.overlay, grid=args.grid, reveal=args.reveal)
    print(args.out)
    return 0


def _armor(args: argparse.Namespace, _rest: list[str]) -> int:
    from game.core.rules.armor import format_table, penetration_records

    state = load_or_report(args.scenario)
    if state is None:
        return 1
    records = penetration_records(state.scenario.equipment)
    print(json.dumps(records, indent=1) if args.json else format_table(records))
    return 0


def _duel(args: argparse.Namespace, _rest: list[str]) -> int:
    from game.lab import LabError, build_duel, format_report, run_duel

    state = load_or_report(args.scenario)
    if state is None:
        return 1
    try:
        duel = build_duel(state, _ids(args.attackers), _ids(args.defenders), args.terrain, args.fortification,
                          args.night)
        doc = run_duel(duel, args.runs, state.scenario.seed if args.seed is None else args.seed)
    except LabError as exc:
        _err(f"duel: {exc}")
        return 1
    print(json.dumps(doc, indent=2) if args.json else format_report(doc))
    return 0


def _ids(arg: str) -> list[str]:
    """A comma list of unit ids (spaces and empty items ignored)."""
    return [p.strip() for p in arg.split(",") if p.strip()]


def _bench_ui_ai(only: str | None, ui: bool, ai: bool) -> dict[str, float]:
    """The UI's and the AI's figures (the AI's only where its bench exists)."""
    results: dict[str, float] = {}
    if ui:
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
        from game.ui.bench import ui_bench

        results.update({k: v for k, v in ui_bench().items() if not only or only in k})
    if ai:
        try:
            from game.ai.bench import ai_bench
        except ImportError:
            pass
        else:
            results.update({k: v for k, v in ai_bench().items() if not only or only in k})
    return results


def _bench(args: argparse.Namespace, _rest: list[str]) -> int:
    from game.bench import AI_NAMES, BUDGETS, UI_NAMES, run_bench, run_scale, selects

    if args.scale:
        results = run_scale()
    else:
        results = run_bench(args.only)
        if selects(args.only, ("scale_",)):
            results.update({k: v for k, v in run_scale().items() if not args.only or args.only in k})
        results.update(_bench_ui_ai(args.only, selects(args.only, UI_NAMES), selects(args.only, AI_NAMES)))
    if args.json:
        print(json.dumps(results))
        return 0
    for name, value in results.items():
        budget = BUDGETS.get(name)
        note = f"  (budget {budget:g}: {'ok' if value <= budget else 'OVER'})" if budget else ""
        print(f"{name:28s} {value:10.3f}{note}")
    return 0
