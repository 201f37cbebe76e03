"""``python main.py pbem ...`` and ``play --load FILE.aspbem`` as a player runs them: exit codes, one
line per refusal, no tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_cli import run


def test_pbem_commands_set_up_join_and_refuse_with_one_line(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    new = run("pbem", "new", "khalkhin_gol_1939", "--side", "japan", "--name", "cli game", "--folder", str(a))
    assert new.returncode == 0, new.stderr
    invitation = next((a / "outbox").glob("*.aspbem"))
    assert invitation.name == "cli-game-000-t01-japan.aspbem"
    joined = run("pbem", "open", str(invitation), "--folder", str(b))
    assert joined.returncode == 0 and "joined game cli game as soviet" in joined.stdout, joined.stderr
    answer = next((b / "outbox").glob("*.aspbem"))
    revealed = run("pbem", "open", str(answer), "--folder", str(a))  # Soviet moves first: reveal at once
    assert revealed.returncode == 0 and "your reveal" in revealed.stdout, revealed.stderr
    status = run("pbem", "status", "--folder", str(a))
    assert "cli game" in status.stdout and "waiting for soviet" in status.stdout
    again = run("pbem", "open", str(answer), "--folder", str(a))
    assert again.returncode == 1 and again.stdout == "" and "already opened" in again.stderr
    assert len(again.stderr.strip().splitlines()) == 1 and "Traceback" not in again.stderr
    doc = json.loads(invitation.read_text())
    doc["commitment"] = "f" * 64
    invitation.write_text(json.dumps(doc))
    edited = run("pbem", "open", str(invitation), "--folder", str(tmp_path / "c"))
    assert edited.returncode == 1 and "edited or damaged" in edited.stderr
    assert len(edited.stderr.strip().splitlines()) == 1 and not (tmp_path / "c").exists()
    shown = run("play", "--load", str(invitation), env={"SDL_VIDEODRIVER": "dummy"})
    assert shown.returncode == 1 and "edited or damaged" in shown.stderr and "Traceback" not in shown.stderr
    resent = run("pbem", "resend", "cli game", "--folder", str(a))
    assert resent.returncode == 0 and resent.stdout.strip().endswith(".aspbem")
