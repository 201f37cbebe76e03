"""Argument types for the command line: each turns one text into a checked value or says why not.

argparse prints an ``argparse.ArgumentTypeError`` as one line (``main.py simulate: error:
argument --seed: ...``) and exits with 2, so every range and shape is checked here, before a
subcommand runs: ``--seed -1`` used to reach numpy, ``--size 60000x60000`` a 24 GB surface and
``--center 1`` the camera, each as a traceback.
"""

from __future__ import annotations

import math
import re
from argparse import ArgumentTypeError
from collections.abc import Callable
from pathlib import Path

MAX_SEED = 2**63 - 1  # numpy seeds are non-negative; saves hold seeds below 2**64
SCREEN_MIN, SCREEN_MAX = (160, 120), (7680, 4320)
SCHEDULER = re.compile(r"(?:(?:tcp|tls|inproc|ucx|ws|wss)://)?(?:[A-Za-z0-9_.-]+|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?")


def int_range(lo: int, hi: int, what: str = "a whole number") -> Callable[[str], int]:
    """A type accepting whole numbers from ``lo`` to ``hi``."""

    def parse(text: str) -> int:
        try:
            value = int(text.strip()) if len(text) <= 30 else None
        except ValueError:
            value = None
        if value is None:
            raise ArgumentTypeError(f"expected {what} from {lo:,} to {hi:,}, got {text[:40]!r}")
        if not lo <= value <= hi:
            raise ArgumentTypeError(f"{value:,} is outside {lo:,}..{hi:,}")
        return value

    parse.__name__ = what  # argparse names the type in some messages
    return parse


seed = int_range(0, MAX_SEED, "a seed")
turns = int_range(1, 10_000, "a number of turns")
runs = int_range(1, 100_000, "a number of runs")
workers = int_range(1, 256, "a number of processes")
level = int_range(0, 100, "a level")


def zoom(text: str) -> float:
    """A hex radius in pixels: finite and from 1 to 400."""
    try:
        value = float(text)
    except ValueError:
        raise ArgumentTypeError(f"expected a number of pixels, got {text[:40]!r}") from None
    if not math.isfinite(value) or not 1 <= value <= 400:
        raise ArgumentTypeError(f"{text[:40]} is outside 1..400 pixels")
    return value


def size(text: str) -> tuple[int, int]:
    """WIDTHxHEIGHT within what a screen can show (a bigger PNG only exhausts memory)."""
    m = re.fullmatch(r"\s*(\d{1,6})\s*[xX]\s*(\d{1,6})\s*", text)
    if not m:
        raise ArgumentTypeError(f"expected WIDTHxHEIGHT such as 1920x1080, got {text[:40]!r}")
    w, h = int(m[1]), int(m[2])
    (w0, h0), (w1, h1) = SCREEN_MIN, SCREEN_MAX
    if not (w0 <= w <= w1 and h0 <= h <= h1):
        raise ArgumentTypeError(f"{w}x{h} is outside {w0}x{h0}..{w1}x{h1}")
    return w, h


def hex_pair(text: str) -> tuple[int, int]:
    """COL,ROW (checked against the map by the subcommand, which knows it)."""
    m = re.fullmatch(r"\s*(\d{1,5})\s*,\s*(\d{1,5})\s*", text)
    if not m:
        raise ArgumentTypeError(f"expected COL,ROW such as 40,30, got {text[:40]!r}")
    return int(m[1]), int(m[2])


def scheduler(text: str) -> str:
    """A Dask scheduler address: [scheme://]host[:port]."""
    m = SCHEDULER.fullmatch(text)
    if not m or (m[1] is not None and not 1 <= int(m[1]) <= 65535):
        raise ArgumentTypeError(f"expected an address such as tcp://host:8786, got {text[:60]!r}")
    return text


def out_file(text: str) -> Path:
    """A file to write: not a folder, and not empty."""
    path = Path(text)
    if not text or path.is_dir():
        raise ArgumentTypeError(f"{text!r} is a folder; name a file to write")
    return path
