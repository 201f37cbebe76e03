"""The turn file: one JSON document a player sends after their phase, and its checks.

A turn file carries the format version, the scenario's id, folder name and digest, the game's
id and name, its number in the game's sequence of files (``seq``), the turn the sender played
(``played``) and the turn and phase it hands over, the sender's side, the orders played since
the last file, the chain of state hashes, the seed exchange (a commitment or a revealed secret)
and a checksum of the whole document. It is named ``<game-name>-<seq>-t<turn>-<side>.aspbem``
(the number keeps the invitation, the answer and the first phase of turn 1 apart) and written
atomically (``fileio.atomic_write``).

``read_turn_file`` checks everything the file says about itself (format, version, checksum,
every field's type) and raises ``TurnFileError`` with one line; the checks against the game it
belongs to are ``exchange``'s. The checksum catches damage and hand edits; it is no signature:
the receiver's real guarantee is that it replays the orders on its own copy of the game with its
own dice and compares the state hashes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from pathlib import Path
from typing import Any

from game.fileio import FileError, atomic_write, read_text
from game.pbem.seeds import DIGEST, SECRET
from game.persistence import save_schema

FORMAT = "august-storm-pbem"
VERSION = 1
SUFFIX = ".aspbem"
MAX_FILE_BYTES = 4 * 1024 * 1024  # a phase of Manchuria is a few hundred orders: tens of kilobytes
MAX_CHAIN = 10_000
GAME_ID = re.compile(r"[0-9a-f]{12,32}")
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


class TurnFileError(Exception):
    """A turn file that cannot be used; the message is one line for the player."""


def safe_name(name: str) -> str:
    """A game name fit for a file name: letters, digits, - and _ (others become -), at most 40."""
    return _UNSAFE.sub("-", name).strip("-")[:40] or "game"


def file_name(doc: dict[str, Any]) -> str:
    """``<game-name>-<seq>-t<turn>-<side>.aspbem``, e.g. ``nomonhan-003-t01-japan.aspbem``: the turn is the
    one the sender's phase belongs to (``played``), not the turn it hands over."""
    return f"{safe_name(doc['game']['name'])}-{doc['seq']:03d}-t{doc['played']:02d}-{doc['sender']}{SUFFIX}"


def checksum(doc: dict[str, Any]) -> str:
    """sha256 of the canonical JSON of everything in the document but the checksum itself."""
    body = {k: v for k, v in doc.items() if k != "checksum"}
    return hashlib.sha256(json.dumps(body, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def chain_link(previous: str, state_hash: str) -> str:
    """The next link of the chain: sha256 of the previous link and the state's hash, so one link
    stands for the whole history of exchanged phases before it."""
    return hashlib.sha256(f"{previous}:{state_hash}".encode()).hexdigest()


def seal(doc: dict[str, Any]) -> dict[str, Any]:
    """The document with its format, version, time written and checksum filled in."""
    out = {"format": FORMAT, "version": VERSION, **doc,
           "written_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
    out.pop("checksum", None)
    out["checksum"] = checksum(out)
    return out


def write_turn_file(doc: dict[str, Any], folder: Path) -> Path:
    """Write a sealed document atomically into ``folder`` under its ``file_name``; the path written."""
    path = folder / file_name(doc)
    try:
        atomic_write(path, json.dumps(doc, indent=1), "turn file", mode=0o644)
    except FileError as exc:
        raise TurnFileError(f"{path}: cannot write the turn file: {exc.reason}") from exc
    return path


def read_turn_file(path: Path) -> dict[str, Any]:
    """The checked document of a turn file; ``TurnFileError`` (one line) for anything wrong with it."""
    try:
        text = read_text(path, MAX_FILE_BYTES, "turn file")
    except FileError as exc:
        raise TurnFileError(str(exc)) from exc
    try:
        doc = save_schema.parse(text)
    except (json.JSONDecodeError, RecursionError, ValueError) as exc:
        raise TurnFileError(f"{path}: not a turn file (damaged JSON)") from exc
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise TurnFileError(f"{path}: not an August Storm turn file")
    version = doc.get("version")
    if type(version) is not int or version > VERSION or version < 1:
        raise TurnFileError(f"{path}: turn file format version {version!r} is not one this game reads ({VERSION})")
    if doc.get("checksum") != checksum(doc):
        raise TurnFileError(f"{path}: the turn file was edited or damaged (its checksum does not match)")
    try:
        check_fields(doc)
    except save_schema.FieldError as exc:
        raise TurnFileError(f"{path}: damaged turn file ({exc})") from exc
    return doc


def check_fields(doc: dict[str, Any]) -> None:
    """Every field has the type and range the protocol needs (``save_schema.FieldError`` otherwise)."""
    s = save_schema
    game = s.mapping(s.field(doc, "game", ""), "game")
    if not GAME_ID.fullmatch(s.text(s.field(game, "id", "game"), "game.id")):
        raise s.FieldError("game.id", "not a game id")
    s.text(s.field(game, "name", "game"), "game.name")
    scn = s.mapping(s.field(doc, "scenario", ""), "scenario")
    for key in ("id", "folder"):
        s.text(s.field(scn, key, "scenario"), f"scenario.{key}")
    _hex_digest(s.field(scn, "digest", "scenario"), "scenario.digest")
    s.integer(s.field(doc, "seq", ""), "seq", 0, s.MAX_ORDERS)
    s.integer(s.field(doc, "turn", ""), "turn", 1, s.MAX_TURN)
    s.integer(s.field(doc, "played", ""), "played", 1, s.MAX_TURN)
    s.integer(s.field(doc, "phase", ""), "phase", 0, 64)
    for key in ("sender", "inviter"):
        s.text(s.field(doc, key, ""), key)
    if type(s.field(doc, "game_over", "")) is not bool:
        raise s.FieldError("game_over", "expected true or false")
    for key, pattern in (("commitment", DIGEST), ("secret", SECRET)):
        value = doc.get(key)
        if value is not None and (type(value) is not str or not pattern.fullmatch(value)):
            raise s.FieldError(key, "expected 64 hex digits")
    for i, order in enumerate(s.listing(s.field(doc, "orders", ""), "orders", s.MAX_ORDERS)):
        s.check_order(order, f"orders[{i}]")
    for i, link in enumerate(s.listing(s.field(doc, "chain", ""), "chain", MAX_CHAIN)):
        _hex_digest(link, f"chain[{i}]")


def _hex_digest(value: Any, where: str) -> str:
    if type(value) is not str or not DIGEST.fullmatch(value):
        raise save_schema.FieldError(where, "expected a sha256 digest (64 hex digits)")
    return value
