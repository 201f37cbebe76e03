"""Dice no one can choose: the game's seed is made from a secret of each player (commit and reveal).

The player who sets up the game sends only a commitment to their secret (its sha256 with the
game's id); the other player answers with their own secret in clear; the first reveals theirs in
their next file, and each receiver checks a reveal against its commitment. The first player
committed before seeing the second secret and the second chose theirs without seeing the first,
so neither picks the seed alone. The generator's state then travels inside the hashed game
state, so replaying a phase draws the same dice.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

SECRET_BYTES = 32
SECRET = re.compile(r"[0-9a-f]{64}")
DIGEST = re.compile(r"[0-9a-f]{64}")


def new_secret() -> str:
    """A fresh secret: 64 hex digits from the operating system's random source."""
    return secrets.token_hex(SECRET_BYTES)


def commitment(secret: str, game_id: str) -> str:
    """sha256 of the game id and the secret: binds the secret to this game without showing it."""
    return hashlib.sha256(f"{game_id}:{secret}".encode()).hexdigest()


def reveal_matches(secret: str, commit: str, game_id: str) -> bool:
    """Whether a revealed ``secret`` is the one ``commit`` promised (compared in constant time)."""
    return bool(SECRET.fullmatch(secret)) and hmac.compare_digest(commitment(secret, game_id), commit)


def seed_from(inviter_secret: str, invitee_secret: str, game_id: str) -> int:
    """The game's seed: 63 bits of sha256(inviter's secret || invitee's secret || game id)."""
    h = hashlib.sha256(f"{inviter_secret}{invitee_secret}{game_id}".encode()).digest()
    return int.from_bytes(h[:8], "big") >> 1
