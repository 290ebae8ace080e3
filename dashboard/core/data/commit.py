"""One writer, one commit point: how a save reaches disk so that a crash leaves it whole.

A save holds an OS lock on `data/.write.lock` (filelock: flock on Linux, so it holds across
processes and threads) from its conflict check to its last rename. It stages every file next to
its target (written, fsynced, with the target's mode), then renames a journal into place,
`data/.journal.json`, listing the staged -> target renames: that rename is the commit point.
Then the renames run and the journal is removed. `recover` (run when the app or a command
starts, and before every save) completes a journal a crash left behind (redo) and deletes staged
files that never reached one (rollback), so the data is wholly before or wholly after a save.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

LOCK = "data/.write.lock"
JOURNAL = "data/.journal.json"
WRITABLE_DIRS = ("seeds", "data")  # staged files live beside their targets, only here
NEW_FILE_MODE = 0o644  # what git checks files out as; mkstemp's 0600 would hide them from others
BUSY = "someone else is saving; try again in a moment"


class SaveBusy(RuntimeError):
    """Another process or session holds the write lock."""


def _no_crash(step: str) -> None:
    del step


# Called after every step of a commit; tests replace it (in a child process) to crash there.
checkpoint: Callable[[str], None] = _no_crash


@contextmanager
def write_lock(root: Path, wait: float) -> Iterator[None]:
    """Hold the data folder's write lock, waiting at most `wait` seconds (SaveBusy after)."""
    lock = FileLock(root / LOCK, timeout=wait, mode=NEW_FILE_MODE, preserve_lock_file=True)
    try:
        lock.acquire()
    except Timeout as err:
        raise SaveBusy(BUSY) from err
    try:
        yield
    finally:
        lock.release()


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _stage(target: Path, data: bytes) -> Path:
    mode = target.stat().st_mode & 0o777 if target.exists() else NEW_FILE_MODE
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fchmod(fh.fileno(), mode)
            os.fsync(fh.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)  # a half-written file is nobody's
        raise
    return Path(tmp)


# Plain words for the OS errors a save meets; anything else is named by the OS's own words.
OS_ERRORS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EACCES: "permission denied: the data folder cannot be written by this user",
    errno.EPERM: "permission denied: the data folder cannot be written by this user",
    errno.EROFS: "the data folder is on a read-only file system",
}


class SaveFailed(RuntimeError):
    """An OS error after the commit point: the journal holds the save, recovery completes it."""


def describe_os_error(err: OSError) -> str:
    """One plain sentence for an OS error that stopped a save before its commit point."""
    what = OS_ERRORS.get(err.errno or 0) or f"the data cannot be written ({err.strerror or err})"
    return f"{what}; nothing was saved and nothing was changed"


def commit(root: Path, payload: dict[str, bytes]) -> None:
    """Write every file of `payload` (path relative to root -> bytes) or, after a crash, none.
    An OSError before the commit point removes what was staged and is raised as it is; one
    after it raises SaveFailed (the journal on disk completes the save at the next start)."""
    staged: list[Path] = []
    renames = []
    try:
        for rel, data in payload.items():
            staged.append(_stage(root / rel, data))
            renames.append([staged[-1].relative_to(root).as_posix(), rel])
            checkpoint(f"staged {rel}")
        staged.append(_stage(root / JOURNAL, json.dumps({"renames": renames}).encode()))
        checkpoint("journal staged")
        os.replace(staged[-1], root / JOURNAL)
    except OSError:
        for path in staged:
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)
        raise
    try:
        _fsync_dir(root / "data")
        checkpoint("journal committed")
        _apply(root, renames)
        (root / JOURNAL).unlink()
        _fsync_dir(root / "data")
    except OSError as err:
        what = OS_ERRORS.get(err.errno or 0) or (err.strerror or str(err))
        raise SaveFailed(
            f"{what} while completing the save: it is recorded in {JOURNAL} and is completed"
            " at the next start of the app or `python -m dashboard check`, once the folder can be written"
        ) from err
    checkpoint("journal removed")


def _apply(root: Path, renames: list[list[str]]) -> None:
    for staged, target in renames:
        if (root / staged).exists():  # absent: renamed before a crash
            os.replace(root / staged, root / target)
            checkpoint(f"renamed {target}")
    for folder in {(root / target).parent for _, target in renames}:
        _fsync_dir(folder)


class JournalDamaged(ValueError):
    """The journal cannot be trusted (unreadable, the wrong shape, or renaming anything but a
    table's staged file): its message says what is wrong and how to go on."""


# True advice: with the journal gone, `check` (like any start) removes the staged files.
WAY_OUT = (
    f"so the save it records is not completed (expected the renames of staged files; to go on,"
    f" delete {JOURNAL} and run `python -m dashboard check`, which removes that save's staged"
    f" files and checks the tables as they are, or restore data/ and seeds/ with git)"
)
CHANGES = "data/CHANGES.md"
PACKAGE = "data/datapackage.json"


def _allowed_targets(root: Path) -> set[str]:
    """What a save may rename onto in data/: the declared tables there and the changes log."""
    try:
        resources = json.loads((root / PACKAGE).read_text(encoding="utf-8"))["resources"]
        paths = {f"data/{r['path']}" for r in resources}
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise JournalDamaged(f"cannot be checked: {PACKAGE} cannot be read, {WAY_OUT}") from err
    return {p for p in paths if Path(p).parent.as_posix() == "data"} | {CHANGES}


def _refusal(root: Path, staged: str, target: str, targets: set[str]) -> str | None:
    """Why a rename may not run, or None: only a table's (or a new seed's) own staged file."""
    s, t = Path(staged), Path(target)
    if s.parent != t.parent or s.parent.as_posix() not in WRITABLE_DIRS:
        return "is outside seeds/ and data/"
    if not (s.name.startswith(f".{t.name}.") and s.name.endswith(".tmp")):
        return f"does not rename a staged .{t.name}.*.tmp file"
    if t.parent.as_posix() == "data" and target not in targets:
        return "targets a file that is not a table of data/datapackage.json"
    if t.parent.as_posix() == "seeds":
        if t.name.startswith(".") or t.suffix != ".txt":
            return "targets a file that is not a seed"
        if (root / target).exists() and (root / staged).exists():
            return "would replace a committed seed (seeds are never changed)"
    return None


def read_journal(root: Path) -> list[list[str]]:
    """The journal's renames, or JournalDamaged when it cannot be read or trusted."""
    try:
        renames = json.loads((root / JOURNAL).read_text(encoding="utf-8"))["renames"]
        if not isinstance(renames, list) or not all(
            isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) for p in pair)
            for pair in renames
        ):
            raise TypeError("renames is not a list of [staged, target] pairs")
    except OSError as err:
        raise JournalDamaged(f"cannot be read ({err.strerror}), {WAY_OUT}") from err
    except ValueError as err:  # json.JSONDecodeError, UnicodeDecodeError: typically truncated
        raise JournalDamaged(f"is not valid JSON ({err}), {WAY_OUT}") from err
    except (KeyError, TypeError) as err:
        raise JournalDamaged(f"is not a save's journal ({err}), {WAY_OUT}") from err
    targets = _allowed_targets(root)
    for staged, target in renames:
        if (why := _refusal(root, staged, target, targets)) is not None:
            raise JournalDamaged(f"rename {staged} -> {target} {why}, {WAY_OUT}")
    return renames


def recover_locked(root: Path) -> list[str]:
    """Complete an interrupted commit and delete stray temp files; the caller holds the lock."""
    done = []
    if (root / JOURNAL).exists():
        renames = read_journal(root)
        _apply(root, renames)
        (root / JOURNAL).unlink()
        _fsync_dir(root / "data")
        done.append(f"completed an interrupted save ({', '.join(t for _, t in renames)})")
    for folder in WRITABLE_DIRS:
        for stray in [*(root / folder).glob(".*.tmp"), *(root / folder).glob(".*.bak")]:
            stray.unlink()
            done.append(f"removed the stray temporary file {stray.relative_to(root).as_posix()}")
    return done


def _needs_recovery(root: Path) -> bool:
    strays = (
        p
        for d in WRITABLE_DIRS
        for pattern in (".*.tmp", ".*.bak")
        for p in (root / d).glob(pattern)
    )
    return pending(root) or next(strays, None) is not None


def recover(root: Path, wait: float = 0.0) -> list[str]:
    """recover_locked under the lock; nothing when a save is running (it finishes its own
    work) or the folder cannot be written (a read-only checkout has nothing to recover)."""
    if not _needs_recovery(root):
        return []  # the usual case: no lock taken, nothing written
    try:
        with write_lock(root, wait):
            return recover_locked(root)
    except (SaveBusy, OSError, ValueError, KeyError):
        return []  # a damaged journal stays on disk: load_dataset names it as a problem


def pending(root: Path) -> bool:
    """True when a committed save has not been completed yet (its journal is on disk)."""
    return (root / JOURNAL).exists()
