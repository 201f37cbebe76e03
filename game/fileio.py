"""Guarded reading and atomic writing: the one way the game touches the files it keeps or is given.

Why one module: a size check from ``st_size`` says 0 for /dev/zero and for a FIFO, so a
symlink to either exhausted memory or hung the game; an include path could name /etc/passwd;
four writers each had their own temp-file dance, one without fsync or clean-up. Here

* ``read_bytes`` opens without blocking, refuses anything but a regular file (after following
  links, checked on the open descriptor), and stops reading at a byte limit it counts itself;
* ``confined`` resolves a relative path inside a root folder and refuses absolute paths, ``..``
  and links that lead out of it;
* ``atomic_write`` writes a temporary file in the target's folder, fsyncs it, renames it over the
  target and fsyncs the folder, so a crash leaves the old file or the new one, never half of one;
  ``remove_stale_temps`` clears what a killed writer left behind.

Every failure is a ``FileError`` whose message is one line naming the file.
"""

from __future__ import annotations

import os
import stat
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO

TEMP_SUFFIX = ".tmp"
STALE_TEMP_S = 60.0  # a temp file older than this belongs to no running writer


class FileError(Exception):
    """A file that cannot be read or written; the message is one line naming it (``reason`` without it)."""

    def __init__(self, path: Path | str, reason: str):
        self.path, self.reason = str(path), _one_line(reason)
        super().__init__(f"{self.path}: {self.reason}")

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        return (type(self), (self.path, self.reason))


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _reason(exc: OSError) -> str:
    return _one_line(exc.strerror or str(exc))


def read_bytes(path: Path, limit: int, what: str = "file") -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; ``FileError`` otherwise.

    O_NONBLOCK makes opening a FIFO return at once (it is then refused as not a regular file);
    the limit is enforced while reading, since devices and /proc files report a size of 0.
    """
    return _read(path, limit, what, whole=True)


def read_prefix(path: Path, limit: int, what: str = "file") -> bytes:
    """At most the first ``limit`` bytes of a regular file (a longer file is not an error)."""
    return _read(path, limit, what, whole=False)


def _read(path: Path, limit: int, what: str, whole: bool) -> bytes:
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise FileError(path, f"cannot read the {what}: {_reason(exc)}") from exc
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise FileError(path, f"is a directory, not a {what}")
        if not stat.S_ISREG(mode):
            raise FileError(path, f"not a regular file (a device, FIFO or socket), so not a {what}")
        chunks: list[bytes] = []
        total = 0
        wanted = limit + 1 if whole else limit
        while total < wanted:
            chunk = os.read(fd, min(1 << 20, wanted - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if whole and total > limit:
            raise FileError(path, f"the {what} is larger than the limit of {limit:,} bytes")
        return b"".join(chunks)
    except OSError as exc:
        raise FileError(path, f"cannot read the {what}: {_reason(exc)}") from exc
    finally:
        os.close(fd)


def read_text(path: Path, limit: int, what: str = "file") -> str:
    """``read_bytes`` decoded as UTF-8 (a BOM is dropped); bad bytes are a one-line ``FileError``."""
    data = read_bytes(path, limit, what)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileError(path, f"the {what} is not UTF-8 text (byte {exc.start})") from exc


SHARED_FOLDER = "shared"  # beside the scenario folders: parts several scenarios include as ../shared/NAME


def confined(root: Path, name: str, what: str = "file") -> Path:
    """``root / name`` when, after resolving links, it lies inside ``root`` or the shared folder beside it.

    A scenario names its parts relative to its own folder; absolute paths and ``..`` out of it
    would let a downloaded scenario read any file on the machine (and print its lines back as
    problems). The one way out is ``../shared/...``: files kept once for several scenarios.
    Raises ``FileError`` (one line) otherwise.
    """
    if not name or "\x00" in name:
        raise FileError(repr(name), f"not a usable {what} name")
    rel = Path(name.replace("\\", "/"))
    if rel.is_absolute() or Path(name).is_absolute() or Path(name).drive or name.startswith(("/", "\\")):
        raise FileError(name, f"the {what} must be named relative to the scenario folder, not by an absolute path")
    path = root / rel
    try:
        real_root, real = root.resolve(), path.resolve()
    except (OSError, RuntimeError) as exc:  # a link loop
        raise FileError(path, f"cannot resolve the {what}: {exc}") from exc
    shared = real_root.parent / SHARED_FOLDER
    if _inside(real, real_root) or (rel.parts[:2] == ("..", SHARED_FOLDER) and _inside(real, shared)):
        return path
    if ".." in rel.parts:
        raise FileError(name, f"the {what} must be inside the scenario folder or ../{SHARED_FOLDER}/ "
                        "('..' leads elsewhere)")
    raise FileError(name, f"the {what} is a link that leads outside the scenario folder (to {real})")


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


# ---------------------------------------------------------------- writing


def atomic_write(path: Path, write: Callable[[IO[bytes]], None] | bytes | str, what: str = "file",
                 mode: int | None = None) -> Path:
    """Write ``path`` atomically; ``write`` is the content or a function filling a binary file.

    ``mode`` (e.g. 0o644 for a page or picture to share) replaces the private 0o600 of the
    temporary file.
    Raises ``FileError`` (one line naming ``path``, never the temporary file) when the folder is
    read-only, full, or the target is a folder.
    """
    folder = path.parent
    if path.is_dir():
        raise FileError(path, f"is a folder; cannot write the {what} there")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=folder)
    except OSError as exc:
        raise FileError(path, f"cannot write the {what}: {_reason(exc)}") from exc
    try:
        with os.fdopen(fd, "wb") as f:
            if callable(write):
                write(f)
            else:
                f.write(write.encode("utf-8") if isinstance(write, str) else write)
            f.flush()
            os.fsync(f.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise FileError(path, f"cannot write the {what}: {_reason(exc)}") from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(folder)
    return path


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # Windows cannot open folders; the rename is still atomic there
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def remove_stale_temps(folder: Path, older_than_s: float = STALE_TEMP_S) -> int:
    """Delete ``.*.tmp`` files a killed writer left in ``folder``; how many went.

    Only files older than ``older_than_s`` go, so a save being written right now by another
    window is left alone. Failures are ignored: clean-up must never stop a save.
    """
    removed = 0
    now = time.time()
    try:
        candidates = list(folder.glob(f".*{TEMP_SUFFIX}"))
    except OSError:
        return 0
    for p in candidates:
        try:
            st = p.lstat()
            if stat.S_ISREG(st.st_mode) and now - st.st_mtime > older_than_s:
                p.unlink()
                removed += 1
        except OSError:  # gone already, or not ours to remove
            continue
    return removed
