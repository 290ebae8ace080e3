"""What identifies the data and the code cheaply, without pandas: the data files' fingerprint
(names, sizes, modification times: a cache key) and the Overview's first screen kept for it.

The first screen is what a plain visit of the Overview shows (the component's views, the sidebar's
options, the footer), written by the app once its views are built and read by the next server
process for its first page before pandas, plotly or the dataset are imported. It is trusted only
for the exact data files and code that wrote it; anything else, or any damage, reads as absent.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from dashboard.core.base.paths import ROOT
from dashboard.core.data import commit

FIRST_SCREEN = "first-screen.json"  # under the data root's .cache/
PACKAGE = Path(__file__).resolve().parents[2]  # dashboard/


def data_files(root: Path) -> list[Path]:
    """The data files and seeds, in a fixed order. Hidden files are the writer's (lock, journal,
    staged temp files), never data."""
    data = sorted(
        p
        for p in (root / "data").rglob("*")
        if p.is_file() and p.suffix in {".csv", ".json"} and not p.name.startswith(".")
    )
    return data + sorted(
        p for p in (root / "seeds").glob("*") if p.is_file() and not p.name.startswith(".")
    )


def journal_stamp(root: Path) -> str:
    """The journal's state, part of every cache key: its problem comes and goes with it."""
    try:
        return hashlib.sha256((root / commit.JOURNAL).read_bytes()).hexdigest()[:12]
    except OSError:
        return "none" if not commit.pending(root) else "unreadable"


def fingerprint(root: Path = ROOT) -> str:
    """Cheap change detector for caches: names, sizes and modification times of the data files
    (and the journal of an interrupted save)."""
    parts = [f"{p}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in data_files(root)]
    parts.append(journal_stamp(root))
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def code_stamp() -> str:
    """Hash of the app's code and the component's script and style: a first screen is shown
    only by the code that made it."""
    digest = hashlib.sha256()
    for path in sorted([*PACKAGE.rglob("*.py"), *PACKAGE.rglob("*.js"), *PACKAGE.rglob("*.css")]):
        if "static" not in path.relative_to(PACKAGE).parts:  # the vendored bundle is versioned
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _key(root: Path) -> str:
    return f"{fingerprint(root)}-{code_stamp()}"


def write_first_screen(root: Path, content: dict[str, Any]) -> None:
    """Keep `content` as the first screen of these data files and this code (atomically: a
    reader sees the old file or the new one). OSError when the folder cannot be written."""
    folder = root / ".cache"
    folder.mkdir(exist_ok=True)
    text = json.dumps({"key": _key(root), "content": content}, ensure_ascii=False)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".first-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, folder / FIRST_SCREEN)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def read_first_screen(root: Path) -> dict[str, Any] | None:
    """The first screen kept for these data files and this code, or None (absent, stale or
    damaged: the app then builds its first page as usual)."""
    try:
        kept = json.loads((root / ".cache" / FIRST_SCREEN).read_text(encoding="utf-8"))
        if kept.get("key") == _key(root) and isinstance(kept.get("content"), dict):
            return kept["content"]
    except (OSError, ValueError, AttributeError):
        pass
    return None
