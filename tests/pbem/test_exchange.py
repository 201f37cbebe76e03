"""Play by e-mail: two players on two folders exchange turn files for five turns of Khalkhin Gol.

The game is played once per test module (``played``): each player's phases are made by the
computer player on that player's own copy of the game, rebuilt from their own folder.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from game.ai.players import make_player
from game.core.events import Combat
from game.core.game import Game
from game.core.orders import Attack
from game.paths import SCENARIOS
from game.pbem import seeds
from game.pbem.exchange import copy_game, new_game, open_turn_file, rebuild, resend, send
from game.pbem.folder import PbemGame, find_record, list_games
from game.pbem.playback import MOVE, play_back
from game.pbem.turnfile import TurnFileError, checksum, read_turn_file
from game.persistence.saves import order_from_json

KG = SCENARIOS / "khalkhin_gol_1939"
TURNS = 5


@dataclass
class Desk:
    """One player: their folder, their outbox and the game as they last saw it."""

    folder: Path
    outbox: Path
    side: str
    record: PbemGame | None = None
    game: Game | None = None
    seen: list[list[str]] = field(default_factory=list)  # playback lines of each file opened


@dataclass
class Played:
    a: Desk
    b: Desk
    files: list[Path]  # every turn file, in the order sent
    foreign: Path  # a file of another game


def _take(desk: Desk, path: Path) -> None:
    """``desk`` opens ``path``: the opponent's orders are played back on its own game."""
    opened = open_turn_file(desk.folder, path, outbox=desk.outbox)
    desk.record = opened.record
    desk.game = opened.game
    if opened.game is not None and opened.orders:
        side = [s.id for s in opened.game.state.scenario.sides].index(desk.side)
        desk.seen.append([s.text for s in play_back(opened.game, opened.orders, side)])


def _play_and_send(desk: Desk, ai: object) -> Path:
    assert desk.record is not None
    if desk.game is not None and not desk.game.state.game_over:
        ai(desk.game)  # type: ignore[operator]
    return send(desk.folder, desk.record, desk.game)


def fixed_secrets() -> Callable[[], str]:
    """Secrets from a counter instead of the system's random source, so a test plays the same game (the
    same dice) on every run; the protocol does not care where the secrets come from."""
    n = iter(range(1, 1_000_000))
    return lambda: hashlib.sha256(f"test secret {next(n)}".encode()).hexdigest()


@pytest.fixture(scope="module")
def played(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Played]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(seeds, "new_secret", fixed_secrets())
        yield _play_five_turns(tmp_path_factory)


def _play_five_turns(tmp_path_factory: pytest.TempPathFactory) -> Played:
    root = tmp_path_factory.mktemp("pbem")
    a = Desk(root / "a", root / "a-out", "soviet")
    b = Desk(root / "b", root / "b-out", "japan")
    ai = make_player("ai", "easy")
    a.record, invitation = new_game(a.folder, KG, "soviet", "nomonhan", a.outbox)
    files = [invitation]
    _take(b, invitation)
    assert b.record is not None
    files.append(send(b.folder, b.record, None))  # the answer: Japan's secret
    _take(a, files[-1])
    assert a.game is not None and b.game is None
    while True:
        files.append(_play_and_send(a, ai))
        _take(b, files[-1])
        if b.game is not None and (b.game.state.game_over or b.game.state.turn > TURNS):
            break
        files.append(_play_and_send(b, ai))
        _take(a, files[-1])
    _, other = new_game(root / "c", KG, "soviet", "other", root / "c-out")  # another game: its answer
    d = Desk(root / "d", root / "d-out", "japan")
    _take(d, other)
    foreign = send(d.folder, d.record, None)  # type: ignore[arg-type]
    return Played(a, b, files, foreign)


def test_five_turns_exchanged_by_files_end_in_the_same_state(played: Played) -> None:
    a, b = played.a, played.b
    assert a.game is not None and b.game is not None
    assert b.game.state.turn == TURNS + 1  # five whole turns, the sixth handed to Japan... by Soviet's file
    assert a.game.state.turn == TURNS + 1
    # the Soviet desk ended its phase of turn 6 and sent it; Japan replayed it: same state on both desks
    a_final = rebuild(a.record)  # type: ignore[arg-type]
    assert a_final.state.state_hash() == b.game.state.state_hash()
    assert a.record.chain == b.record.chain  # type: ignore[union-attr]
    assert len(played.files) == 3 + 2 * TURNS
    assert all(p.name.endswith(".aspbem") and p.name.startswith("nomonhan-") for p in played.files)
    assert played.files[3].name == "nomonhan-003-t01-japan.aspbem"
    assert any(any("attack" in line for line in lines) for lines in a.seen + b.seen)


def test_each_player_keeps_secrets_and_files_in_their_own_folder(played: Played) -> None:
    a, b = played.a, played.b
    ra, rb = find_record(a.folder, a.record.game_id), find_record(b.folder, b.record.game_id)  # type: ignore[union-attr]
    assert ra is not None and rb is not None
    assert ra.my_secret != rb.my_secret and ra.their_secret == rb.my_secret and rb.their_secret == ra.my_secret
    assert ra.seed == rb.seed and ra.seed is not None
    assert [f["checksum"] for f in ra.files] == [f["checksum"] for f in rb.files]
    assert rb.status() == "your turn (turn 6)" and ra.status().startswith("waiting for")
    listed = list_games(a.folder)
    assert [x.game.game_id for x in listed if x.game] == [ra.game_id]
    # a lost turn file is written again from the record, byte for byte the same document
    lost = played.files[-1]
    doc = read_turn_file(lost)
    lost.unlink()
    assert read_turn_file(resend(ra)) == doc


def _snapshot(*folders: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for f in folders for p in sorted(f.rglob("*")) if p.is_file()}


def _refused(desk: Desk, path: Path, words: str) -> None:
    """Opening ``path`` is refused with one line containing ``words``; nothing on disk or in memory changes."""
    assert desk.game is not None and desk.record is not None
    before_disk = _snapshot(desk.folder)
    before_hash, before_log = desk.game.state.state_hash(), list(desk.game.log)
    before_record = json.dumps(desk.record.__dict__, sort_keys=True)
    with pytest.raises(TurnFileError) as err:
        open_turn_file(desk.folder, path, outbox=desk.outbox)
    line = str(err.value)
    assert "\n" not in line and words in line, line
    assert _snapshot(desk.folder) == before_disk
    assert (desk.game.state.state_hash(), desk.game.log) == (before_hash, before_log)
    assert json.dumps(desk.record.__dict__, sort_keys=True) == before_record


def test_a_tampered_file_is_refused_with_one_line(played: Played, tmp_path: Path) -> None:
    b = played.b
    doc = json.loads(played.files[-1].read_text())
    moves = [o for o in doc["orders"] if o["type"] == "move"]
    moves[0]["to"][0] += 1  # an edited order
    edited = tmp_path / played.files[-1].name
    edited.write_text(json.dumps(doc))
    _refused(b, edited, "edited or damaged")


def test_a_foreign_file_and_files_out_of_order_are_refused(played: Played) -> None:
    a, b = played.a, played.b
    _refused(b, played.foreign, "not among your games")
    _refused(b, played.files[-1], "already opened")
    _refused(b, played.files[-3], "already opened")
    _refused(a, played.files[-1], "your own turn file")


def test_a_skipped_file_is_out_of_sequence(tmp_path: Path) -> None:
    a = Desk(tmp_path / "a", tmp_path / "a-out", "soviet")
    b = Desk(tmp_path / "b", tmp_path / "b-out", "japan")
    a.record, invitation = new_game(a.folder, KG, "soviet", "skip", a.outbox)
    _take(b, invitation)
    _take(a, send(b.folder, b.record, None))  # type: ignore[arg-type]
    first = _play_and_send(a, make_player("baseline"))
    _take(b, first)
    second = _play_and_send(b, make_player("baseline"))
    doc = read_turn_file(second)  # b's next file but one, as if one between had been lost
    doc["seq"] += 1
    doc["checksum"] = checksum(doc)
    later = tmp_path / "later.aspbem"
    later.write_text(json.dumps(doc))
    _refused(a, later, "one is missing")
    _take(a, second)  # the file in sequence still opens
    assert a.game is not None and a.game.state.state_hash() == b.game.state.state_hash()  # type: ignore[union-attr]


def test_the_reveal_must_keep_the_promise(tmp_path: Path) -> None:
    a = Desk(tmp_path / "a", tmp_path / "a-out", "japan")  # the inviter plays the second side
    b = Desk(tmp_path / "b", tmp_path / "b-out", "soviet")
    a.record, invitation = new_game(a.folder, KG, "japan", "reveal", a.outbox)
    _take(b, invitation)
    _take(a, send(b.folder, b.record, None))  # type: ignore[arg-type]
    reveal = send(a.folder, a.record, a.game)  # Soviet moves first: the reveal carries no orders
    doc = read_turn_file(reveal)
    assert doc["orders"] == [] and doc["secret"] == a.record.my_secret
    doc["secret"] = seeds.new_secret()
    doc["checksum"] = checksum(doc)
    forged = tmp_path / "forged.aspbem"
    forged.write_text(json.dumps(doc))
    with pytest.raises(TurnFileError, match="does not match the commitment"):
        open_turn_file(b.folder, forged)
    _take(b, reveal)
    assert b.game is not None and b.record is not None and b.record.seed == a.record.seed
    assert b.game.state.side == 0 and b.record.my_turn


def _combats(events: Sequence[object]) -> list[Combat]:
    return [e for e in events if isinstance(e, Combat)]


def _phase_with_attacks(record: PbemGame) -> int:
    for i, f in enumerate(record.files):
        if f["sender"] == record.my_side and any(o["type"] == "attack" for o in f["orders"]):
            return i
    raise AssertionError("no phase with an attack in five turns")


def test_replaying_a_phase_reproduces_its_dice(played: Played) -> None:
    rec = played.a.record
    assert rec is not None
    i = _phase_with_attacks(rec)
    before = PbemGame(**{**rec.__dict__, "files": rec.files[:i]})
    orders = [order_from_json(o) for o in rec.files[i]["orders"]]
    runs = []
    for _ in range(2):  # reloading the record and playing the phase again: the same dice
        game = rebuild(before)
        runs.append([c for o in orders for c in _combats(game.play(o))])
        runs[-1].append(game.state.state_hash())  # type: ignore[arg-type]
    assert runs[0] == runs[1] and len(runs[0]) > 1


def test_a_different_secret_from_either_player_gives_a_different_game(played: Played) -> None:
    rec = played.a.record
    assert rec is not None
    i = _phase_with_attacks(rec)
    orders = [order_from_json(o) for o in rec.files[i]["orders"]]
    prior = rec.exchanged_orders[: sum(len(f["orders"]) for f in rec.files[:i])]
    other = seeds.new_secret()
    games = {}
    for label, secrets_ in (("agreed", {}), ("inviter", {"my_secret": other}), ("invitee", {"their_secret": other})):
        alt = PbemGame(**{**rec.__dict__, "files": rec.files[:2], **secrets_})  # no orders: the seed only
        assert alt.seed is not None
        game = rebuild(alt)
        for o in prior:
            _try(game, order_from_json(o))
        combats = [c for o in orders for c in _combats(_try(game, o))]
        games[label] = (alt.seed, [(c.attacker_losses, c.defender_losses) for c in combats])
    seeds_ = {v[0] for v in games.values()}
    assert len(seeds_) == 3
    assert games["agreed"][1] != games["inviter"][1] and games["agreed"][1] != games["invitee"][1]


def _try(game: Game, order: object) -> list[object]:
    """Play an order that may not be legal in another game (the dice moved the units elsewhere)."""
    from game.core.orders import IllegalOrder

    try:
        return list(game.play(order))  # type: ignore[arg-type]
    except IllegalOrder:
        return []


def test_playback_shows_only_what_the_receiver_sees(played: Played) -> None:
    """Order by order: a move wholly in the receiver's fog leaves no trace; every move shown is in sight."""
    from game.core.events import Moved
    from game.core.view import visible

    rec = played.b.record
    assert rec is not None
    hidden_total = shown_total = 0
    for i in range(3, len(rec.files)):
        f = rec.files[i]
        if f["sender"] == rec.my_side:
            continue
        game = rebuild(PbemGame(**{**rec.__dict__, "files": rec.files[:i]}), with_pending=False)
        side = [s.id for s in game.state.scenario.sides].index(rec.my_side)
        index = game.state.scenario.map.grid.index
        for o in (order_from_json(x) for x in f["orders"]):
            probe = copy_game(game)
            sight = visible(probe.state, side)
            moved = [e for e in probe.play(o) if isinstance(e, Moved)]
            sight = sight | visible(probe.state, side)
            seen = play_back(game, [o], side)
            shown = {s.unit for s in seen if s.kind == MOVE}
            for e in moved:
                if not any(sight[index(h)] for h in e.path):
                    assert e.unit not in shown
                    hidden_total += 1
            for s in seen:
                if s.kind == MOVE:
                    assert all(sight[index(h)] for h in (s.path[0], s.path[-1]))
                    shown_total += 1
    assert hidden_total > 0 and shown_total > 0


def test_opening_the_attack_orders_is_what_the_file_holds(played: Played) -> None:
    rec = played.a.record
    assert rec is not None
    i = _phase_with_attacks(rec)
    assert any(isinstance(order_from_json(o), Attack) for o in rec.files[i]["orders"])


def test_a_file_for_a_different_scenario_version_is_refused(played: Played, tmp_path: Path) -> None:
    """The invitee's copy of the scenario differs: refused on joining; a file whose digest differs from
    the game's (re-sealed by hand) is refused too."""
    import shutil

    from game.pbem.folder import list_games

    mine = tmp_path / "scenarios"
    shutil.copytree(KG, mine / KG.name)
    yaml = mine / KG.name / "scenario.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("turns: 12", "turns: 13", 1), encoding="utf-8")
    invitation = played.files[0]
    with pytest.raises(TurnFileError, match="different version of scenario 'khalkhin_gol_1939'"):
        open_turn_file(tmp_path / "e", invitation, scenarios=mine)
    assert list_games(tmp_path / "e") == []
    doc = read_turn_file(played.files[-1])
    doc["scenario"]["digest"] = "0" * 64
    doc["seq"] = len(played.a.record.files)  # type: ignore[union-attr]
    doc["sender"] = "japan"
    doc["checksum"] = checksum(doc)
    other = tmp_path / "other.aspbem"
    other.write_text(json.dumps(doc))
    _refused(played.a, other, "different version of scenario")


def test_a_damaged_record_is_one_line(played: Played, tmp_path: Path) -> None:
    from game.pbem.folder import load_record, record_path

    rec = played.a.record
    assert rec is not None
    text = record_path(played.a.folder, rec).read_text()
    bad = tmp_path / "bad.pbem.json"
    bad.write_text(text.replace('"orders":[', '"orders":7,"x":[', 1))
    with pytest.raises(TurnFileError, match=r"damaged play-by-e-mail game \(files\[0\]\.orders") as err:
        load_record(bad)
    assert "\n" not in str(err.value)
    assert [x.problem is not None for x in list_games(tmp_path)] == [True]
