"""``python main.py pbem new|open|status|resend``: play by e-mail from the command line.

The phases themselves are played in the window (``play --load FILE``); these commands set a
game up, open the opponent's file (printing what your side saw of their phase), list your
games with whose turn it is and write a lost file again. Every refusal is one line on stderr
and exit 1, and changes nothing.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from game import paths
from game.cli_common import _err

DEFAULT_FOLDER = "saves/pbem"  # under the user's data folder, as the window keeps it


def default_folder() -> Path:
    return paths.user_data_dir() / DEFAULT_FOLDER


def add_parser(cmd: Any) -> None:
    """Add the ``pbem`` subcommand (``cmd(name, help, func)`` from ``cli._parser``)."""
    sp = cmd("pbem", "play by e-mail: set up a game, open your opponent's turn file, list your games", _pbem)
    sp.add_argument("action", choices=["new", "open", "status", "resend"])
    sp.add_argument("target", nargs="?", metavar="SCENARIO|FILE|GAME",
                    help="new: the scenario; open: the opponent's turn file; resend: a game's name or id")
    sp.add_argument("--side", help="new: the side you play (the other player gets the other side)")
    sp.add_argument("--name", help="new: the game's name (default: the scenario and the date)")
    sp.add_argument("--folder", type=Path, help="your play-by-e-mail folder (default: the window's, "
                    f"<user data>/{DEFAULT_FOLDER})")
    sp.add_argument("--out", type=Path, help="where your turn files go (default: FOLDER/outbox)")


def _pbem(args: argparse.Namespace, _rest: list[str]) -> int:
    from game.pbem.turnfile import TurnFileError

    folder = args.folder or default_folder()
    out = args.out or folder / "outbox"
    try:
        if args.action == "new":
            return _new(args, folder, out)
        if args.action == "open":
            return _open(args, folder, out)
        if args.action == "resend":
            return _resend(args, folder)
        return _status(folder)
    except TurnFileError as exc:
        _err(str(exc))
        return 1


def _need(args: argparse.Namespace, what: str) -> str | None:
    if not args.target:
        _err(f"pbem {args.action}: give {what}")
    return args.target  # type: ignore[no-any-return]


def _new(args: argparse.Namespace, folder: Path, out: Path) -> int:
    import datetime as dt

    from game.pbem.exchange import new_game

    target = _need(args, "the scenario")
    if target is None or not args.side:
        _err("pbem new: give the scenario and --side SIDE") if target else None
        return 2
    path = paths.resolve_scenario(target)
    name = args.name or f"{path.name}-{dt.datetime.now():%m%d-%H%M}"
    record, sent = new_game(folder, path, args.side, name, out)
    print(f"game {record.name} ({record.game_id}): you play {record.my_side}")
    print(f"invitation: {sent} (send it to your opponent)")
    return 0


def _open(args: argparse.Namespace, folder: Path, out: Path) -> int:
    from game.pbem.exchange import open_turn_file, send
    from game.pbem.playback import play_back

    target = _need(args, "the turn file")
    if target is None:
        return 2
    opened = open_turn_file(folder, Path(target), outbox=out)
    record = opened.record
    game = opened.game
    if game is None:
        print(f"joined game {record.name} as {record.my_side}; your answer: {send(folder, record, None)}")
        return 0
    sides = [s.id for s in game.state.scenario.sides]
    mine = sides.index(record.my_side)
    for seen in play_back(game, opened.orders, mine):
        print(seen.text)
    if not game.state.game_over and game.state.side != mine:  # the answer came; the opponent moves first
        print(f"the seed is agreed; your reveal: {send(folder, record, game)}")
        return 0
    where = Path(folder) / record.path_name
    print("game over" if game.state.game_over else
          f"turn {game.state.turn}: your phase. Play it in the window: python main.py play --load {where}")
    return 0


def _status(folder: Path) -> int:
    from game.pbem.folder import list_games

    games = list_games(folder)
    if not games:
        print(f"no play-by-e-mail games in {folder}")
    for g in games:
        if g.game is None:
            print(f"{g.path.name}: {g.problem}")
        else:
            r = g.game
            print(f"{r.name}  {r.scenario['id']}  you: {r.my_side}  {r.status()}  ({g.path})")
    return 0


def _resend(args: argparse.Namespace, folder: Path) -> int:
    from game.pbem.exchange import resend
    from game.pbem.folder import list_games

    target = _need(args, "the game's name or id")
    if target is None:
        return 2
    for g in list_games(folder):
        if g.game is not None and target in (g.game.name, g.game.game_id):
            print(resend(g.game))
            return 0
    _err(f"pbem resend: no game '{target}' in {folder}")
    return 1
