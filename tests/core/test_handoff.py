"""Large downloads are written a chunk at a time to disk and handed over by token: the writers
never hold a table whole (the 1M-row CSV lifted the server by its 838 MB when Streamlit's button
kept it in memory), the store queues, expires and deletes, and the workbook never cuts rows."""

from __future__ import annotations

import io
import json
import threading

import openpyxl
import pandas as pd
import pytest
from streamlit.web.server.starlette.starlette_app_utils import generate_xsrf_token_string

from dashboard.core.base.i18n import use_language
from dashboard.core.base.paths import ROOT
from dashboard.core.data.dataset import load_dataset_cached
from dashboard.core.output import exports, handoff

DATASET = load_dataset_cached(ROOT)


class Recorder(io.BytesIO):
    """A file that remembers the size of every write."""

    def __init__(self) -> None:
        super().__init__()
        self.writes: list[int] = []

    def write(self, data: bytes) -> int:  # type: ignore[override]
        self.writes.append(len(data))
        return super().write(data)


def _grown(rows: int) -> pd.DataFrame:
    """The real claims repeated to `rows` rows, each id its own."""
    figures = DATASET.figures
    frame = figures.iloc[[i % len(figures) for i in range(rows)]].reset_index(drop=True)
    frame["figure_id"] = [f"grown-{i:06d}" for i in range(rows)]
    return frame


def test_the_csv_is_written_a_chunk_at_a_time_never_whole(monkeypatch):
    monkeypatch.setattr(exports, "CSV_CHUNK", 1_000)
    frame = _grown(10_500)
    seen: list[int] = []

    def prepare(chunk: pd.DataFrame) -> pd.DataFrame:  # citations joined per chunk, as the page
        seen.append(len(chunk))
        return exports.claims_table(chunk, DATASET.frames["sources"])

    out, progress = Recorder(), []
    exports.write_csv(frame, out, progress.append, prepare=prepare)
    assert seen == [1_000] * 10 + [500]  # no call ever saw the table whole
    assert len(out.writes) == 11 and max(out.writes) < len(out.getvalue()) / 9
    assert progress == [*range(1_000, 10_001, 1_000), 10_500]
    back = pd.read_csv(io.BytesIO(out.getvalue()))
    assert len(back) == 10_500 and list(back["figure_id"]) == list(frame["figure_id"])
    assert back.columns[0] == "quote" and "source_citation" in back.columns


def test_the_package_and_workbook_prepare_a_chunk_at_a_time(monkeypatch):
    monkeypatch.setattr(exports, "CSV_CHUNK", 1_000)
    frame = _grown(2_500)
    seen: list[int] = []

    def prepare(chunk: pd.DataFrame) -> pd.DataFrame:
        seen.append(len(chunk))
        return exports.claims_table(chunk, DATASET.frames["sources"])

    tables = {"figures": ("Claims", frame, prepare)}
    out = Recorder()
    exports.write_datapackage_json(tables, {"Filters applied": '"@rows-0@"'}, out)
    assert max(seen) <= 1_000
    package = json.loads(out.getvalue())
    assert [r["figure_id"] for r in package["resources"][0]["data"]] == list(frame["figure_id"])
    assert package["about"] == {"Filters applied": '"@rows-0@"'}  # text is data, kept as is
    seen.clear()
    book = io.BytesIO()
    exports.write_workbook(tables, {}, book)
    assert max(seen) <= 1_000
    assert openpyxl.load_workbook(book)["Claims"].max_row == 2_501


def test_a_table_longer_than_a_sheet_goes_on_in_further_sheets_and_says_so(monkeypatch):
    monkeypatch.setattr(exports, "EXCEL_ROWS", 1_001)  # 1,000 rows under the header
    frame = _grown(2_500)
    tables = {"figures": ("Claims", frame, None)}
    out = io.BytesIO()
    exports.write_workbook(tables, {"Data version": "v"}, out)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Claims", "Claims (2)", "Claims (3)", "Data dictionary", "About"]
    column = list(frame.columns).index("figure_id") + 1
    ids = [
        row[0]
        for title in ("Claims", "Claims (2)", "Claims (3)")
        for row in book[title].iter_rows(
            min_row=2, min_col=column, max_col=column, values_only=True
        )
    ]
    assert ids == list(frame["figure_id"])  # every row, in order: nothing cut
    about = dict(book["About"].iter_rows(min_row=2, values_only=True))
    assert about["Sheets"] == (
        "The 2,500 rows of Claims fill 3 sheets, as an Excel sheet holds 1,001 rows with its"
        " header: Claims holds rows 1 to 1,000; Claims (2) holds rows 1,001 to 2,000;"
        " Claims (3) holds rows 2,001 to 2,500."
    )


def _wait(job: handoff.Handoff, store: handoff.HandoffStore) -> None:
    store._pool.submit(lambda: None).result(timeout=60)  # one worker: the job ran before this


def test_a_file_is_queued_written_handed_over_and_deleted_when_it_expires(tmp_path):
    store = handoff.HandoffStore(tmp_path, ttl=3600)
    gate = threading.Event()

    def slow(out, progress):
        gate.wait(60)
        out.write(b"a,b\n1,2\n")
        progress(1)

    first = store.submit("me", "first.csv", "text/csv", 1, slow)
    second = store.submit("me", "second.csv", "text/csv", 1, slow)
    assert (
        handoff.where(second, store.ahead(second))
        == "second.csv is in the queue, 1 file ahead of it."
    )
    gate.set()
    _wait(second, store)
    assert first.state == second.state == "ready" and first.size == 8
    assert handoff.where(first, 0) == "first.csv is ready (8 bytes)."
    assert first.path.read_bytes() == b"a,b\n1,2\n"
    store.ttl = 0
    first.expires = second.expires = 0  # both past their time
    assert store.get(first.token) is None and not first.path.exists()
    assert store.get(second.token) is None and not second.path.exists()


def test_a_failed_file_says_so_in_a_sentence_and_leaves_nothing(tmp_path):
    store = handoff.HandoffStore(tmp_path)

    def broken(out, progress):
        out.write(b"half")
        raise ValueError("a bug")

    job = store.submit(None, "claims.csv", "text/csv", 10, broken)
    _wait(job, store)
    assert job.state == "failed" and not job.path.exists()
    assert job.error == (
        "The file claims.csv could not be made for this selection; the details are in the server's log."
    )


def test_one_browser_keeps_a_bounded_number_of_files(tmp_path):
    store = handoff.HandoffStore(tmp_path)
    jobs = [
        store.submit("me", f"{n}.csv", "text/csv", 0, lambda out, p: out.write(b"x"))
        for n in range(handoff.KEEP_PER_OWNER + 2)
    ]
    _wait(jobs[-1], store)
    kept = [j for j in jobs if store.get(j.token)]
    assert kept == jobs[2:] and not jobs[0].path.exists()


def test_the_owner_is_the_browsers_xsrf_token_not_its_mask():
    token = b"0123456789abcdef"
    one, two = (generate_xsrf_token_string(token, 1) for _ in range(2))
    assert one != two  # Streamlit re-masks the cookie on every response
    assert handoff.owner_of(one) == handoff.owner_of(two) is not None
    assert handoff.owner_of(generate_xsrf_token_string(b"fedcba9876543210", 1)) != handoff.owner_of(
        one
    )
    for bad in (None, "", "2|zz|00|1", "1|00|00|1", "2|0011|00", "garbage"):
        assert handoff.owner_of(bad) is None


@pytest.mark.parametrize(
    ("size", "words"),
    [(512, "512 bytes"), (6_600, "6.6 KB"), (838_000_000, "838 MB"), (1.2e9, "1.2 GB")],
)
def test_sizes_are_said_as_people_read_them(size, words):
    assert handoff.size_words(int(size)) == words


def test_sizes_counts_and_where_a_file_stands_in_ukrainian(tmp_path):
    job = handoff.Handoff("t", "me", "claims.csv", "text/csv", 1_234_567, tmp_path / "t.part")
    with use_language("uk"):
        assert [handoff.size_words(n) for n in (1, 3, 512, 6_600, 838_000_000)] == [
            "1 байт",
            "3 байти",
            "512 байтів",
            "6,6 КБ",
            "838 МБ",
        ]
        assert handoff.where(job, 2) == "claims.csv у черзі, попереду 2 файли."
        job.state, job.rows = "writing", 1_000
        said = "Записується claims.csv: записано рядків — 1 000 з 1 234 567."
        assert handoff.where(job, 0) == said.replace(" 000", "\u00a0000").replace(
            " 234 ", "\u00a0234\u00a0"
        )  # Ukrainian groups digits with a no-break space


def test_the_render_browser_starts_idle_and_niced_and_the_server_threads_do_not(monkeypatch):
    """On two cores a browser drawing at full priority took CPU from people's page reruns: it is
    started under SCHED_IDLE (`chrt --idle 0`) and `nice`; Python threads are not niced (one
    waiting for the CPU would hold Python's lock, and every rerun with it)."""
    from choreographer.browsers import Chromium

    from dashboard.core.output import offline_browser
    from dashboard.core.output.rendering import IDLE_ENV, NICE_ENV

    monkeypatch.setattr(Chromium, "get_cli", lambda self: ["python", "wrapper.py", "chromium"])
    browser = object.__new__(offline_browser.OfflineChromium)
    cli = list(browser.get_cli())
    assert cli[0].endswith("chrt") and cli[1:3] == ["--idle", "0"]
    assert cli[3].endswith("nice") and cli[4:6] == ["-n", "10"]
    assert cli[6:9] == ["python", "wrapper.py", "chromium"]
    monkeypatch.setenv(NICE_ENV, "0")
    assert browser.get_cli()[3] == "python"
    monkeypatch.setenv(IDLE_ENV, "0")
    assert browser.get_cli()[0] == "python"


def test_folders_of_processes_gone_are_removed_and_others_kept(tmp_path):
    """A server stopped by a signal runs no exit handler: the next one removes the folders of
    processes that no longer run, and leaves live processes' folders alone."""
    import os
    import subprocess
    import sys

    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead = tmp_path / f"{handoff.FOLDER_PREFIX}{gone.stdout.strip()}-abc"
    alive = tmp_path / f"{handoff.FOLDER_PREFIX}{os.getppid()}-def"
    other = tmp_path / "dashboard-downloads-old"
    for folder in (dead, alive, other):
        folder.mkdir()
        (folder / "x.part").write_bytes(b"x")
    assert handoff.remove_orphans(tmp_path) == [dead]
    assert not dead.exists() and alive.exists() and other.exists()
