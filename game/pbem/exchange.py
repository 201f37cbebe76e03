"""The play-by-e-mail protocol: set up a game, open the opponent's file, send your own.

Sequence (``seq`` numbers the files of one game):

0. the invitation, from the player who sets the game up (either side): the scenario, the game's
   id and name, the inviter's side and a commitment to the inviter's secret; no orders;
1. the answer: the other player's secret in clear; no orders (nobody knows the seed yet);
2. the inviter reveals their secret; from here both know the seed. The scenario's first side
   moves first: if the inviter plays it, this file carries the first phase, else no orders;
3. and on: each file carries the orders of the sender's phase, which ends with the phase
   handed to the receiver (or the game over).

Every file from 2 on adds a link to the chain of state hashes. Opening a file checks it against
the receiver's record (``folder``) and replays its orders on a copy of the receiver's own game:
any mismatch raises ``TurnFileError`` with one line, and then nothing has been written and the
game in memory is untouched. Only a file that passes is added to the record.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game import paths
from game.core.game import Game
from game.core.orders import IllegalOrder, Order
from game.pbem import seeds
from game.pbem.folder import PbemGame, find_record, save_record
from game.pbem.turnfile import TurnFileError, chain_link, read_turn_file, seal, write_turn_file
from game.persistence.saves import SaveError, order_from_json, order_to_json, scenario_digest

REVEAL_SEQ = 2  # the inviter's reveal: the first file after which the seed is known


@dataclass
class Opened:
    """A turn file that passed every check: the record with it added (already saved), the game as it
    was before the file's orders (None before the seed is known) and those orders, to play back."""

    record: PbemGame
    game: Game | None
    orders: list[Order]
    path: Path


# ---------------------------------------------------------------- building the game


def _load_scenario(path: Path, seed: int) -> Any:
    from game.scenario.build import load_game_cached
    from game.scenario.loader import ScenarioError

    try:
        return load_game_cached(path, scenario_digest(str(path)), seed)
    except (ScenarioError, SaveError, OSError, ValueError) as exc:
        raise TurnFileError(f"{path}: the scenario does not load: {' '.join(str(exc).split())[:160]}") from exc


def rebuild(record: PbemGame, with_pending: bool = True) -> Game:
    """The game as the record has it: the orders of every file exchanged (and, by default, of the phase
    being played) replayed from the seed on the scenario, which must still be the version agreed."""
    seed = record.seed
    if seed is None:
        raise TurnFileError(f"game {record.name}: the seed is not known yet (the first files are still "
                            "being exchanged)")
    folder = Path(record.scenario["path"])
    try:
        digest = scenario_digest(str(folder))
    except SaveError as exc:
        raise TurnFileError(str(exc)) from exc
    if digest != record.scenario["digest"]:
        raise TurnFileError(f"{folder}: scenario '{record.scenario['id']}' has changed since game "
                            f"{record.name} began (both players need the same version)")
    game = Game(_load_scenario(folder, seed), seed)
    orders = record.exchanged_orders + (record.pending if with_pending else [])
    try:
        for o in orders:
            game.play(order_from_json(o))
    except (IllegalOrder, SaveError) as exc:
        raise TurnFileError(f"game {record.name}: its orders no longer replay ({exc})") from exc
    return game


def copy_game(game: Game) -> Game:
    """An independent copy to try orders on (observers are not copied)."""
    return Game(game.state.clone(), game.seed, list(game.log), list(game.turn_hashes), dict(game.meta))


# ---------------------------------------------------------------- setting up


def new_game(folder: Path, scenario_path: Path, my_side: str, name: str, outbox: Path) -> tuple[PbemGame, Path]:
    """Set up a game as ``my_side`` and write the invitation to ``outbox``; the record and the file's path."""
    from game.scenario.build import load_game as load_scenario
    from game.scenario.loader import ScenarioError

    try:
        state = load_scenario(scenario_path)
    except (ScenarioError, OSError, ValueError) as exc:
        raise TurnFileError(f"{scenario_path}: the scenario does not load: {' '.join(str(exc).split())[:160]}") \
            from exc
    scn = state.scenario
    side_ids = [s.id for s in scn.sides]
    if len(side_ids) != 2:
        raise TurnFileError(f"{scn.id}: play by e-mail needs a scenario of two sides (it has {len(side_ids)})")
    if my_side not in side_ids:
        raise TurnFileError(f"{scn.id}: no side '{my_side}' (the sides are {', '.join(side_ids)})")
    root = Path(scn.source_dir)
    gid = uuid.uuid4().hex[:16]
    secret = seeds.new_secret()
    record = PbemGame(gid, name, {"id": scn.id, "folder": root.name, "path": str(root),
                                  "digest": scenario_digest(str(root))},
                      my_side, my_side, secret, seeds.commitment(secret, gid), outbox=str(outbox))
    doc = _document(record, turn=1, phase=0, commitment=record.commitment)
    return record, _send(folder, record, doc)


def _document(record: PbemGame, *, turn: int, phase: int, played: int = 1, orders: list[dict[str, Any]] | None = None,
              chain: list[str] | None = None, game_over: bool = False, commitment: str | None = None,
              secret: str | None = None) -> dict[str, Any]:
    scn = record.scenario
    return seal({"game": {"id": record.game_id, "name": record.name},
                 "scenario": {"id": scn["id"], "folder": scn["folder"], "digest": scn["digest"]},
                 "seq": record.next_seq, "sender": record.my_side, "inviter": record.inviter,
                 "turn": turn, "phase": phase, "played": played, "game_over": game_over, "commitment": commitment,
                 "secret": secret, "orders": orders or [], "chain": chain or []})


def _send(folder: Path, record: PbemGame, doc: dict[str, Any]) -> Path:
    """Keep the file in the record first (so it can always be written again), then write it out."""
    record.files.append(doc)
    record.pending = []
    save_record(folder, record)
    return write_turn_file(doc, Path(record.outbox))


def send(folder: Path, record: PbemGame, game: Game | None) -> Path:
    """Write our next file: the answer (our secret), or the orders played since the last file.

    ``game`` is our game at the end of our phase (None for the answer). Raises ``TurnFileError``
    when the next file is not ours to write or the phase is not over.
    """
    if not record.my_turn:
        raise TurnFileError(f"game {record.name}: {record.status()}; the next file is not yours to write")
    if record.next_seq == 1:
        return _send(folder, record, _document(record, turn=1, phase=0, secret=record.my_secret))
    if game is None:
        raise TurnFileError(f"game {record.name}: no game to send")
    sent = len(record.exchanged_orders)
    st = game.state
    my_index = [s.id for s in st.scenario.sides].index(record.my_side)
    if not st.game_over and st.side == my_index:
        raise TurnFileError(f"game {record.name}: end your phase before sending it")
    chain = record.chain
    link = chain_link(chain[-1] if chain else record.game_id, st.state_hash())
    played = record.files[-1]["turn"] if len(record.files) > REVEAL_SEQ else 1
    doc = _document(record, turn=st.turn, phase=st.phase, played=played,
                    orders=[order_to_json(o) for o in game.log[sent:]], chain=[*chain, link], game_over=st.game_over,
                    secret=record.my_secret if record.next_seq == REVEAL_SEQ else None)
    return _send(folder, record, doc)


def resend(record: PbemGame) -> Path:
    """Write our last file again (it was lost on the way): it is kept in the record as it was sent."""
    ours = [f for f in record.files if f["sender"] == record.my_side]
    if not ours:
        raise TurnFileError(f"game {record.name}: you have sent no file yet")
    return write_turn_file(ours[-1], Path(record.outbox))


# ---------------------------------------------------------------- opening


def open_turn_file(folder: Path, path: Path, outbox: Path | None = None,
                   scenarios: Path = paths.SCENARIOS) -> Opened:
    """Check the opponent's file against our record and our own replay of it; keep it when it passes.

    An invitation starts a new record (our outbox: ``outbox``, else a folder ``outbox`` in
    ``folder``). Anything wrong raises ``TurnFileError`` with one line before anything is written.
    """
    doc = read_turn_file(path)
    gid, name = doc["game"]["id"], doc["game"]["name"]
    record = find_record(folder, gid)
    if record is None:
        if doc["seq"] != 0:
            raise TurnFileError(f"{path}: this file belongs to game '{name}' ({gid}), which is not among "
                                f"your games in {folder}")
        record = _join(doc, path, outbox or folder / "outbox", scenarios)
        save_record(folder, record)
        return Opened(record, None, [], path)
    _check_sequence(record, doc, path)
    if doc["scenario"]["digest"] != record.scenario["digest"] or doc["scenario"]["id"] != record.scenario["id"]:
        raise TurnFileError(f"{path}: made with a different version of scenario '{doc['scenario']['id']}' "
                            "than this game")
    their_secret = _check_secret(record, doc, path)
    trial = PbemGame(**{**record.__dict__, "files": [*record.files, doc], "pending": [],
                        "their_secret": their_secret})
    if doc["seq"] < REVEAL_SEQ:  # the answer: a secret, no orders yet
        if doc["orders"] or doc["chain"]:
            raise TurnFileError(f"{path}: damaged answer (it carries orders before the seed is known)")
        ready = rebuild(trial) if trial.seed is not None else None
        save_record(folder, trial)
        return Opened(trial, ready, [], path)
    game = rebuild(PbemGame(**{**trial.__dict__, "files": record.files}), with_pending=False)
    orders = _check_orders(game, doc, record, path)
    save_record(folder, trial)
    return Opened(trial, game, orders, path)


def _join(doc: dict[str, Any], path: Path, outbox: Path, scenarios: Path) -> PbemGame:
    """The record of a game we are invited to: the other side, a fresh secret, the scenario found here."""
    if doc["commitment"] is None or doc["sender"] != doc["inviter"]:
        raise TurnFileError(f"{path}: damaged invitation (it carries no commitment)")
    root = find_scenario(doc["scenario"], scenarios, path)
    from game.scenario.build import load_game as load_scenario

    sides = [s.id for s in load_scenario(root).scenario.sides]
    if doc["sender"] not in sides or len(sides) != 2:
        raise TurnFileError(f"{path}: the invitation's side '{doc['sender']}' is not one of {', '.join(sides)}")
    mine = next(s for s in sides if s != doc["sender"])
    scn = {**doc["scenario"], "path": str(root.resolve())}
    return PbemGame(doc["game"]["id"], doc["game"]["name"], scn, mine, doc["sender"], seeds.new_secret(),
                    doc["commitment"], files=[doc], outbox=str(outbox))


def find_scenario(info: dict[str, str], scenarios: Path, path: Path) -> Path:
    """Our copy of the sender's scenario: a folder under ``scenarios`` whose files have the same digest."""
    named = scenarios / info["folder"]
    candidates = [named] + [scenarios / n for n in paths.scenario_names() if scenarios == paths.SCENARIOS]
    for root in candidates:
        try:
            if (root / "scenario.yaml").is_file() and scenario_digest(str(root)) == info["digest"]:
                return root
        except SaveError:
            continue
    if (named / "scenario.yaml").is_file():
        raise TurnFileError(f"{path}: made with a different version of scenario '{info['id']}' than yours "
                            f"in {named}")
    raise TurnFileError(f"{path}: scenario '{info['id']}' is not installed here (looked in {scenarios})")


def _check_sequence(record: PbemGame, doc: dict[str, Any], path: Path) -> None:
    seq, expected = doc["seq"], record.next_seq
    if doc["sender"] == record.my_side:
        raise TurnFileError(f"{path}: this is your own turn file (file {seq}); open your opponent's")
    if seq < expected:
        if seq < len(record.files) and record.files[seq].get("checksum") == doc["checksum"]:
            raise TurnFileError(f"{path}: already opened (file {seq}; game '{record.name}' is at file "
                                f"{expected - 1})")
        raise TurnFileError(f"{path}: out of sequence: file {seq} does not match file {seq} of game "
                            f"'{record.name}'")
    if seq > expected:
        raise TurnFileError(f"{path}: out of sequence: this is file {seq}, game '{record.name}' expects file "
                            f"{expected} next (one is missing)")
    if record.my_turn:
        raise TurnFileError(f"{path}: out of sequence: it is your turn to send, not to receive")
    if doc["inviter"] != record.inviter:
        raise TurnFileError(f"{path}: does not match game '{record.name}' (different inviter)")


def _check_secret(record: PbemGame, doc: dict[str, Any], path: Path) -> str | None:
    """The opponent's secret after this file; checks the answer carries one and the reveal keeps the promise."""
    seq, secret = doc["seq"], doc["secret"]
    if seq == 1:
        if secret is None:
            raise TurnFileError(f"{path}: damaged answer (it carries no secret)")
        return str(secret)
    if seq == REVEAL_SEQ:
        if secret is None or record.commitment is None or not seeds.reveal_matches(secret, record.commitment,
                                                                                    record.game_id):
            raise TurnFileError(f"{path}: the revealed secret does not match the commitment of the invitation "
                                "(the dice would not be the agreed ones)")
        return str(secret)
    return record.their_secret


def _check_orders(game: Game, doc: dict[str, Any], record: PbemGame, path: Path) -> list[Order]:
    """Replay the file's orders on a copy of our game: they must be legal, hand the phase to us (or end
    the game), arrive at the turn and phase the file says, and give the state hash the sender chained."""
    chain = record.chain
    if doc["chain"][:-1] != chain or len(doc["chain"]) != len(chain) + 1:
        raise TurnFileError(f"{path}: its history of states does not match game '{record.name}' (a file of "
                            "another branch of the game)")
    try:
        orders = [order_from_json(o) for o in doc["orders"]]
    except SaveError as exc:
        raise TurnFileError(f"{path}: damaged turn file ({exc})") from exc
    trial = copy_game(game)
    sides = [s.id for s in trial.state.scenario.sides]
    for i, order in enumerate(orders):
        if trial.state.game_over or sides[trial.state.side] != doc["sender"]:
            raise TurnFileError(f"{path}: order {i + 1} comes after the sender's phase ended")
        try:
            trial.play(order)
        except IllegalOrder as exc:
            raise TurnFileError(f"{path}: order {i + 1} is refused by the rules: {exc}") from exc
    st = trial.state
    if not st.game_over and sides[st.side] != record.my_side:
        raise TurnFileError(f"{path}: the sender's phase is not finished in the file")
    if (st.turn, st.phase, st.game_over) != (doc["turn"], doc["phase"], doc["game_over"]):
        raise TurnFileError(f"{path}: the file says turn {doc['turn']} phase {doc['phase'] + 1}, its orders "
                            f"lead to turn {st.turn} phase {st.phase + 1}")
    if chain_link(chain[-1] if chain else record.game_id, st.state_hash()) != doc["chain"][-1]:
        raise TurnFileError(f"{path}: its orders do not give the state the sender had (edited, or another "
                            "version of the game)")
    return orders
