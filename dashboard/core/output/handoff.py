"""Large downloads handed over by link: a file is written a chunk at a time into a temporary
folder of the process, then served from disk by the app's download route (`dashboard/routes.py`)
under an unguessable token that expires. The server never holds the file in memory (Streamlit's
download button keeps every file in its media store: a million-row CSV lifted the process by
its 838 MB).

One queue, `WORKERS` threads of its own (never asyncio's default pool): a file waits its turn,
and the page says how many are ahead of it and, while one is written, how many rows are done.
A token belongs to the browser that asked (a digest of its Streamlit XSRF cookie, which the
browser sends with the page's connection and with the download alike); a file is deleted when
its token expires, when the same browser asks for a new version of it, and when the process exits.
"""

from __future__ import annotations

import atexit
import binascii
import contextvars
import hashlib
import logging
import os
import re
import secrets
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from dashboard.core.base.i18n import N_, _, format_decimal_places, format_integer, ngettext

LOG = logging.getLogger(__name__)

ROUTE = "download"  # the route's first path segment: {base}/download/{token}/{file name}
TTL = 30 * 60.0  # seconds a finished file stays downloadable: time to click, not to keep
WORKERS = 1  # files written at once: each holds one chunk; two would share two cores with pages
KEEP_PER_OWNER = 8  # files one browser may hold at once; the oldest goes first
XSRF_COOKIE = "_streamlit_xsrf"  # Streamlit's cookie; the token in it names the browser
TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")  # secrets.token_urlsafe(32)

Progress = Callable[[int], None]  # rows written so far
Writer = Callable[[BinaryIO, Progress], None]


def owner_of(cookie: str | None) -> str | None:
    """A digest of the token in Streamlit's XSRF cookie ('2|mask|masked token|time': the mask
    changes from response to response, the token does not); None without a readable cookie."""
    parts = (cookie or "").strip("\"'").split("|")
    if len(parts) != 4 or parts[0] != "2":
        return None
    try:
        mask, masked = binascii.a2b_hex(parts[1]), binascii.a2b_hex(parts[2])
    except (binascii.Error, ValueError):
        return None
    if len(mask) != 4 or not masked:
        return None
    token = bytes(b ^ mask[i % 4] for i, b in enumerate(masked))
    return hashlib.sha256(token).hexdigest()


@dataclass
class Handoff:
    """One file asked for: where it stands, then where it is."""

    token: str
    owner: str | None
    name: str
    mime: str
    total: int  # rows to write
    path: Path
    asked: float = field(default_factory=time.monotonic)
    state: str = "queued"  # queued, writing, ready, failed
    rows: int = 0  # written so far
    size: int = 0  # bytes, once ready
    error: str = ""
    expires: float = float("inf")  # monotonic; set when ready or failed


class HandoffStore:
    """The process's prepared downloads: a queue, a folder, tokens that expire."""

    def __init__(self, folder: Path | None = None, workers: int = WORKERS, ttl: float = TTL):
        if folder is None:
            remove_orphans(Path(tempfile.gettempdir()))
            folder = Path(tempfile.mkdtemp(prefix=f"{FOLDER_PREFIX}{os.getpid()}-"))
        self.folder = folder
        self.ttl = ttl
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="handoff")
        self._lock = threading.Lock()
        self._jobs: dict[str, Handoff] = {}  # in the order asked

    def submit(self, owner: str | None, name: str, mime: str, total: int, write: Writer) -> Handoff:
        """Queue a file; `write` gets the open file and a callback for the rows written."""
        self.sweep()
        token = secrets.token_urlsafe(32)
        job = Handoff(token, owner, name, mime, total, self.folder / f"{token}.part")
        with self._lock:
            self._jobs[token] = job
            mine = [j for j in self._jobs.values() if j.owner == owner and j.token != token]
        for old in mine[: max(0, len(mine) + 1 - KEEP_PER_OWNER)]:
            self.drop(old.token)
        # the worker writes in the asker's context: its language words a failure
        self._pool.submit(contextvars.copy_context().run, self._run, job, write)
        return job

    def get(self, token: str) -> Handoff | None:
        """The file under `token`, None when unknown or expired (an expired file is deleted)."""
        self.sweep()
        with self._lock:
            return self._jobs.get(token)

    def ahead(self, job: Handoff) -> int:
        """Files asked for before this one and not finished: 0 when it is being written."""
        with self._lock:
            if job.state != "queued":
                return 0
            return sum(
                1
                for j in self._jobs.values()
                if j.asked < job.asked and j.state in {"queued", "writing"}
            )

    def drop(self, token: str) -> None:
        """Forget a file and delete it (a file being written is deleted once it is done)."""
        with self._lock:
            job = self._jobs.pop(token, None)
        if job is not None and job.state != "writing":
            job.path.unlink(missing_ok=True)

    def sweep(self) -> None:
        """Delete the files whose token has expired."""
        now = time.monotonic()
        with self._lock:
            gone = [t for t, j in self._jobs.items() if j.expires <= now]
        for token in gone:
            self.drop(token)

    def close(self) -> None:
        """Delete every file and the folder (at exit)."""
        self._pool.shutdown(wait=False, cancel_futures=True)
        shutil.rmtree(self.folder, ignore_errors=True)

    def _run(self, job: Handoff, write: Writer) -> None:
        with self._lock:
            if job.token not in self._jobs:
                return  # dropped while queued
            job.state = "writing"

        def progress(rows: int) -> None:
            job.rows = min(rows, job.total)

        try:
            with job.path.open("wb") as out:
                write(out, progress)
            job.size = job.path.stat().st_size
            job.rows, job.state = job.total, "ready"
        except OSError as error:
            LOG.exception("download %s could not be written", job.name)
            job.error = _(
                "The file could not be written on the server ({error}); try again later."
            ).format(error=error.strerror or _("an OS error"))
            job.state = "failed"
        except Exception:
            LOG.exception("download %s failed", job.name)
            job.error = _(
                "The file {name} could not be made for this selection; the details are in the server's log."
            ).format(name=job.name)
            job.state = "failed"
        finally:
            job.expires = time.monotonic() + self.ttl
            with self._lock:
                kept = job.token in self._jobs
            if job.state == "failed" or not kept:
                job.path.unlink(missing_ok=True)


FOLDER_PREFIX = "dashboard-downloads-"  # then the process id: a folder outlives a killed process


def remove_orphans(temp: Path) -> list[Path]:
    """Delete the download folders of processes that no longer run (a server killed by SIGKILL,
    or by a signal uvicorn re-raises after its shutdown, runs no exit handler)."""
    removed = []
    for folder in temp.glob(f"{FOLDER_PREFIX}*-*"):
        pid = folder.name[len(FOLDER_PREFIX) :].split("-", 1)[0]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
        except OSError:  # alive, another user's: not ours to judge
            continue
    return removed


def close_store() -> None:
    """Delete the process's files now (the served app's shutdown, before uvicorn re-raises the
    signal that stopped it, which skips exit handlers)."""
    with _STORE_LOCK:
        if _STORE is not None:
            _STORE.close()


_SERVED = threading.Event()


def mark_served() -> None:
    """Say that this process serves the download route (dashboard/webapp.py does, on import)."""
    _SERVED.set()


def served() -> bool:
    """Whether the download route is served here (not under `streamlit run app.py`, AppTest)."""
    return _SERVED.is_set()


_STORE: HandoffStore | None = None
_STORE_LOCK = threading.Lock()


def handoff_store() -> HandoffStore:
    """The process's one store, made on first use; its folder is removed at exit."""
    global _STORE
    with _STORE_LOCK:
        if _STORE is None:
            _STORE = HandoffStore(ttl=env_ttl())
            atexit.register(_STORE.close)
        return _STORE


UNITS = {"GB": N_("GB"), "MB": N_("MB"), "KB": N_("KB")}  # decimal units, as file managers say


def size_words(size: int) -> str:
    """A file's size as people read it: '838 MB', '61 KB', '512 bytes' ('6,6 КБ' in Ukrainian)."""
    for unit, step in (("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if size >= step:
            amount = size / step
            places = 1 if amount < 10 else 0
            return f"{format_decimal_places(amount, places)} {_(UNITS[unit])}"
    return ngettext("{n} byte", "{n} bytes", size).format(n=format_integer(size))


def where(job: Handoff, ahead: int) -> str:
    """Where a file stands, in a sentence."""
    if job.state == "queued":
        return ngettext(
            "{name} is in the queue, {n} file ahead of it.",
            "{name} is in the queue, {n} files ahead of it.",
            ahead,
        ).format(name=job.name, n=format_integer(ahead))
    if job.state == "writing":
        return _("Writing {name}: {rows} of {total} rows.").format(
            name=job.name, rows=format_integer(job.rows), total=format_integer(job.total)
        )
    if job.state == "failed":
        return job.error
    return _("{name} is ready ({size}).").format(name=job.name, size=size_words(job.size))


def env_ttl() -> float:
    """TTL from DASHBOARD_DOWNLOAD_MINUTES (1 to 1440), else 30 minutes."""
    raw = os.environ.get("DASHBOARD_DOWNLOAD_MINUTES", "")
    try:
        return min(max(float(raw), 1.0), 1440.0) * 60 if raw else TTL
    except ValueError:
        return TTL
