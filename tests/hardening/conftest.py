"""A small finished-in-part game and its save, shared by the hostile-file tests."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from game.ai.match import play_match
from game.ai.players import baseline_player
from game.core.game import Game
from game.paths import TEST_SCENARIO
from game.persistence.saves import save_game, to_document
from game.scenario.build import load_game as load_scenario


def as_save_text(doc: Any) -> str:
    """A document as the game writes it (summary line first), or plain JSON where that is not possible."""
    try:
        from game.persistence.saves import document_text
    except ImportError:  # before issue 15 (these tests are run there to show they fail)
        return json.dumps(doc)
    return document_text(doc) if isinstance(doc, dict) else json.dumps(doc)


def played_game(turns: int = 2) -> Game:
    """The tiny scenario after ``turns`` turns of the baseline player on both sides."""
    game = Game(load_scenario(TEST_SCENARIO, 5), 5)
    play_match(game, [baseline_player, baseline_player], max_turns=turns)
    return game


@pytest.fixture(scope="session")
def base_doc() -> dict[str, Any]:
    """A good save document (turn 3 of the tiny scenario), to damage one field at a time."""
    return to_document(played_game())


@pytest.fixture
def write_doc(tmp_path: Path) -> Callable[[Any], Path]:
    """Write a (damaged) document as a save file and return its path."""

    def write(doc: Any, name: str = "bad.json") -> Path:
        path = tmp_path / name
        text = as_save_text(doc)
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def save_of(tmp_path: Path) -> Callable[[Game], Path]:
    def save(game: Game, name: str = "edited.json") -> Path:
        path = tmp_path / name
        save_game(game, path)
        return path

    return save
