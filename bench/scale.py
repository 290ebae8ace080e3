"""Scale: the figures table grown synthetically to 1k, 10k, 100k and 1M rows (generated in a
temporary copy, never shipped), each size measured in its own process: load + validation time,
rerun time after a filter change (filter + build every chart of the view), peak memory, and the
bytes each chart and map would send to the browser; then, in a process of its own (one copy of
the dataset, as a server holds), the Data page: its rerun on a page change and on a row click,
its largest message to the browser, a CSV of every row built on click, and the peak memory.
Usage: python bench/scale.py [--quick] [--sizes 1000,1000000] [--data-only]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from functools import partial
from pathlib import Path

from harness import ROOT, machine

SIZES = [1_000, 10_000, 100_000, 1_000_000]
TIME_LIMIT = 900  # seconds per size; a size that takes longer is reported as such


def grow(root: Path, rows: int) -> None:
    """Replicate the curated rows (same quotes and offsets, so every row still anchors)."""
    path = root / "data" / "figures.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        fields, base = reader.fieldnames, list(reader)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        for i in range(rows):
            row = dict(base[i % len(base)])
            row["figure_id"] = f"{row['source_id']}-synthetic-{i:07d}"
            writer.writerow(row)


def _ms(t0: float) -> float:
    return round((time.perf_counter() - t0) * 1000, 1)


def measure(root: str) -> dict[str, object]:
    """Run in a child process: everything for one size."""
    import os
    import resource

    from streamlit.testing.v1 import AppTest

    from dashboard.core.data import schema
    from dashboard.core.data.dataset import load_dataset_cached
    from dashboard.core.data.filters import Filters, apply_filters
    from dashboard.core.visuals.charts import for_screen
    from dashboard.core.visuals.overview import cards_row_html, sector_cards
    from dashboard.core.visuals.views import build_view

    t0 = time.perf_counter()
    dataset = load_dataset_cached(Path(root))  # validates, then stores .cache/ for later starts
    load_s = round(time.perf_counter() - t0, 2)
    # The first thing this process does after its imports: its peak so far is validation's.
    validate_mb = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    t0 = time.perf_counter()
    load_dataset_cached(Path(root))
    cached_start_s = round(time.perf_counter() - t0, 2)
    first, every = [], []
    for sector in ("energy", "housing", "transport"):
        filters = Filters(sector=(sector,))
        t0 = time.perf_counter()  # what a first visit of a view costs the server (cache miss)
        cards_row_html(sector_cards(apply_filters(dataset.figures, filters), schema.sectors()))
        for_screen(build_view(dataset, filters, ["cost"])["cost"])
        first.append(_ms(t0))
        t0 = time.perf_counter()
        build_view(dataset, filters)
        every.append(_ms(t0))
    os.environ["DASHBOARD_ROOT"] = root  # the real script, on this data
    app = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=600).run()
    for thread in threading.enumerate():  # the views built ahead after the first page (live.py)
        if thread.name == "warm-views":
            thread.join()
    script = []
    # Two sectors at once: views nobody built ahead (each single sector is), then all again.
    pairs = (["energy", "housing"], ["housing", "transport"])
    for step in range(8):  # pair, all, other pair, all, pair, all, other pair, all
        # what the Overview's component does with a sector choice (ui/component._on_choice)
        app.session_state["filter_sector"] = [] if step % 2 else pairs[(step // 2) % 2]
        t0 = time.perf_counter()
        app.run()
        script.append(_ms(t0))
    sizes = {k: len(for_screen(fig).to_json()) for k, fig in build_view(dataset, Filters()).items()}
    return {
        "rows": len(dataset.figures),
        "problems": len(dataset.problems),
        "load_s": load_s,
        "validate_mb": validate_mb,
        "cached_start_s": cached_start_s,
        "first_visit_ms": sorted(first)[1],
        "all_charts_ms": sorted(every)[1],
        "script_first_ms": max(script[:3]),  # a pair, all (seen at start), the other: new views
        "script_repeat_ms": sorted(script[3:])[len(script[3:]) // 2],  # views seen before
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "bytes": sizes,
    }


def data_page(root: str) -> dict[str, object]:
    """Run in a child process: the Data page alone, as one server session sees it."""
    import os
    import resource

    from streamlit.runtime.forward_msg_queue import ForwardMsgQueue
    from streamlit.testing.v1 import AppTest

    largest = [0]  # bytes of the largest message the page sent to the browser
    enqueue = ForwardMsgQueue.enqueue

    def measured(self, msg):  # every delta and page message passes here, as on a server
        largest[0] = max(largest[0], msg.ByteSize())
        return enqueue(self, msg)

    ForwardMsgQueue.enqueue = measured  # type: ignore[method-assign]
    if os.environ.get("BENCH_NO_VIEWS") == "1":  # the Data page alone: no Overview views ahead
        from dashboard.ui import live

        live.prepare_views = lambda dataset: None  # type: ignore[assignment]
    os.environ["DASHBOARD_ROOT"] = root
    app = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=600)
    t0 = time.perf_counter()
    app.switch_page("app_pages/data.py").run()
    first_ms = _ms(t0)
    first_mb = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    assert not app.exception, app.exception
    for thread in threading.enumerate():  # the views built ahead after the first page (warm.py)
        if thread.name == "warm-views":
            thread.join()
    pages, clicks = [], []
    ids = app.session_state["filtered"]["figure_id"]
    for step in range(5):
        app.number_input(key="data_page").set_value(step + 2)
        t0 = time.perf_counter()
        app.run()
        pages.append(_ms(t0))
        # a row click: its callback only sets the selection, then the page reruns with the
        # evidence panel open (AppTest cannot click a dataframe row; the rerun is the cost)
        app.session_state["selection"] = f"claim:{ids.iloc[(step + 1) * 100 + 3]}"
        t0 = time.perf_counter()
        app.run()
        clicks.append(_ms(t0))
    assert not app.exception, app.exception
    rerun_mb = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    from dashboard.core.output import exports, handoff
    from dashboard.ui.data import get_dataset

    dataset = get_dataset()  # the app's own (a process-wide cache), not a second copy
    store = (
        handoff.handoff_store()
    )  # the route's own, as the Data page's CSV button behind `dashboard serve`
    files = {}
    for kind in os.environ.get("BENCH_FILES", "csv").split(","):
        tables = exports.download_tables(dataset.frames, dataset.figures)
        if kind == "csv":
            total = len(dataset.figures)
            write = partial(exports.write_csv, dataset.figures, prepare=tables["figures"][2])
        elif kind == "xlsx":
            total = exports.table_rows(tables)
            write = partial(exports.write_workbook, tables, {})
        else:
            total = exports.table_rows(tables)
            write = partial(exports.write_datapackage_json, tables, {})
        before, most, stop = _rss_mb(), [0], threading.Event()

        def sample(most: list[int] = most, stop: threading.Event = stop) -> None:
            while not stop.wait(0.05):  # the resident set while the file is written and served
                most[0] = max(most[0], _rss_mb())

        threading.Thread(target=sample, daemon=True).start()
        t0 = time.perf_counter()
        job = store.submit(None, f"claims.{kind}", "text/csv", total, write)
        store._pool.submit(lambda: None).result()  # one worker: the file is written
        assert job.state == "ready", job.error
        made_s = round(time.perf_counter() - t0, 1)
        t0 = time.perf_counter()
        served = _serve(job.token, job.name)  # through the app's route, as a browser gets it
        stop.set()
        files[kind] = {
            "rss_before": before,
            "rss_added": max(most[0] - before, 0),
            "s": made_s,
            "mb": round(job.size / 1e6),
            "serve_s": round(time.perf_counter() - t0, 1),
            "served_ok": served == job.size,
            "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        }
        store.drop(job.token)

    csv_file = files.get("csv", {"s": "-", "mb": "-"})
    return {
        "first_ms": first_ms,
        "page_ms": sorted(pages)[len(pages) // 2],
        "click_ms": sorted(clicks)[len(clicks) // 2],
        "click_max_ms": max(clicks + pages),
        "each_ms": [x for pair in zip(pages, clicks, strict=True) for x in pair],
        "largest_msg": largest[0],
        "first_mb": first_mb,
        "rerun_peak_mb": rerun_mb,
        "csv_s": csv_file["s"],
        "csv_mb": csv_file["mb"],
        "files": files,
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def _rss_mb() -> int:
    """The process's resident set now, MB (Linux)."""
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 2**20


def _serve(token: str, name: str) -> int:
    """GET the file through the app's download route (routes.py) in this process, as uvicorn
    calls it; the bytes are counted and dropped, as a browser's socket takes them."""
    import asyncio

    from starlette.applications import Starlette

    from dashboard.core.output import handoff
    from dashboard.routes import download_routes

    app = Starlette(routes=download_routes())
    path = f"/{handoff.ROUTE}/{token}/{name}"
    scope = {"type": "http", "method": "GET", "path": path, "raw_path": path.encode(),
             "query_string": b"", "headers": [], "http_version": "1.1", "scheme": "http",
             "server": ("127.0.0.1", 80), "client": ("127.0.0.1", 1), "root_path": ""}  # fmt: skip
    got, asked = [0], []

    async def receive() -> dict:
        if asked:
            await asyncio.Event().wait()
        asked.append(True)
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        got[0] += len(message.get("body", b""))

    asyncio.run(app(scope, receive, send))
    return got[0]


def _child(flag: str, tmp: str) -> dict[str, object] | None:
    try:
        out = subprocess.run(
            [sys.executable, __file__, flag, tmp],
            capture_output=True,
            text=True,
            timeout=TIME_LIMIT,
            check=True,
            cwd=ROOT,
        )
    except subprocess.TimeoutExpired:
        return None
    except subprocess.CalledProcessError as error:
        print(error.stderr[-3000:])
        raise
    return json.loads(out.stdout.strip().splitlines()[-1])


DATA_HEAD = (
    "Data page, a process of its own, on data validated before (as a server's later starts):"
    " first = its first run;"
    " page / click = median rerun after a page change / a row click (evidence shown);"
    " worst = slowest of both; message = largest ForwardMsg in bytes (target 5 MB);"
    " rerun MB = peak memory until then; CSV = every row written to disk on click (the"
    " handoff store, as behind `dashboard serve`), s and MB; peak MB = whole process after the"
    " CSV and its download through the app's route (target 1.5 GB)"
)


def _data_row(rows: int, d: dict[str, object]) -> str:
    files = "  ".join(
        f"{kind}: {f['s']} s, {f['mb']} MB, served in {f['serve_s']} s"
        f"{'' if f['served_ok'] else ' (SHORT)'}, resident {f['rss_before']} MB + {f['rss_added']}"
        f" MB while written and served, process peak {f['peak_mb']} MB"
        for kind, f in d["files"].items()  # type: ignore[union-attr]
    )
    return (
        f"{rows:>9} {d['first_ms']:>8} {d['page_ms']:>6} {d['click_ms']:>6} {d['click_max_ms']:>6}"
        f" {d['largest_msg']:>9} {d['rerun_peak_mb']:>9} {d['csv_s']:>6} {d['csv_mb']:>6} {d['peak_mb']:>8}"
        f"  {files}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--sizes", help="comma-separated row counts (default: 1k,10k,100k,1M)")
    parser.add_argument("--data-only", action="store_true", help="the Data page figures alone")
    parser.add_argument("--files", default="csv", help="Data page files to write: csv,xlsx,json")
    parser.add_argument(
        "--without-views",
        action="store_true",
        help="the Data page alone: do not build the Overview's views ahead (ui/live.py)",
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--data-child", help=argparse.SUPPRESS)
    parser.add_argument("--prepare-child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child)))
        return
    if args.data_child:
        print(json.dumps(data_page(args.data_child)))
        return
    if args.prepare_child:  # validate once and keep the copy in .cache/, as a server's first start
        from dashboard.core.data.dataset import load_dataset_cached

        load_dataset_cached(Path(args.prepare_child))
        print("{}")
        return
    os.environ["BENCH_FILES"] = args.files  # read by the children
    os.environ["BENCH_NO_VIEWS"] = "1" if args.without_views else ""
    sizes = SIZES[:2] if args.quick else SIZES
    if args.sizes:
        sizes = [int(n) for n in args.sizes.split(",")]
    print(f"scale ({machine()}); server side, ms unless said; bytes = each figure's JSON")
    if not args.data_only:
        print(
            "  load s = validate a new data version; start s = later starts (validated copy in"
            " .cache/); val MB = peak memory up to the end of validation (imports included);"
            " peak MB = the whole process, which also holds a second copy of the dataset (the"
            " app's, under AppTest); first = filter + cards + the open chart for a view not seen"
            " before; all = every chart and map; script = the app's whole rerun (AppTest) for a"
            " new view / a view seen before"
        )
        print(
            f"{'rows':>9} {'load s':>7} {'val MB':>7} {'start s':>7} {'first':>6} {'all':>6}"
            f" {'script new':>10} {'script seen':>11} {'peak MB':>8}  bytes per chart"
        )
    data_rows = []
    for rows in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            shutil.copytree(ROOT / "seeds", Path(tmp) / "seeds")
            shutil.copytree(ROOT / "data", Path(tmp) / "data")
            grow(Path(tmp), rows)
            if not args.data_only:
                r = _child("--child", tmp)
                if r is None:
                    print(f"{rows:>9} did not finish within {TIME_LIMIT} s")
                    break
                print(
                    f"{r['rows']:>9} {r['load_s']:>7} {r['validate_mb']:>7} {r['cached_start_s']:>7}"
                    f" {r['first_visit_ms']:>6}"
                    f" {r['all_charts_ms']:>6} {r['script_first_ms']:>10} {r['script_repeat_ms']:>11}"
                    f" {r['peak_mb']:>8}  {r['bytes']}"
                    + (f"  ({r['problems']} problems)" if r["problems"] else "")
                )
            if args.data_only:
                _child("--prepare-child", tmp)
            d = _child("--data-child", tmp)
            data_rows.append((rows, d))
            if args.data_only:  # one table, printed as each size finishes
                if len(data_rows) == 1:
                    print(DATA_HEAD)
                    print(DATA_COLUMNS)
                print(
                    _data_row(rows, d) if d else f"{rows:>9} did not finish within {TIME_LIMIT} s"
                )
    if not args.data_only:
        print(DATA_HEAD)
        print(DATA_COLUMNS)
        for rows, d in data_rows:
            print(_data_row(rows, d) if d else f"{rows:>9} did not finish within {TIME_LIMIT} s")


DATA_COLUMNS = (
    f"{'rows':>9} {'first ms':>8} {'page':>6} {'click':>6} {'worst':>6} {'message':>9}"
    f" {'rerun MB':>9} {'CSV s':>6} {'CSV MB':>6} {'peak MB':>8}"
)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
