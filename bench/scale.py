"""Scale: the figures table grown synthetically to 1k, 10k, 100k and 1M rows (generated in a
temporary copy, never shipped), each size measured in its own process: load + validation time,
rerun time after a filter change (filter + build every chart of the view), peak memory, and the
bytes each chart and map would send to the browser.  Usage: python bench/scale.py [--quick]
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--sizes", help="comma-separated row counts (default: 1k,10k,100k,1M)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child)))
        return
    sizes = SIZES[:2] if args.quick else SIZES
    if args.sizes:
        sizes = [int(n) for n in args.sizes.split(",")]
    print(f"scale ({machine()}); server side, ms unless said; bytes = each figure's JSON")
    print(
        "  load s = validate a new data version; start s = later starts (validated copy in .cache/);"
    )
    print(
        "  val MB = peak memory up to the end of validation (imports included); peak MB = the whole"
        " process, which also holds a second copy of the dataset (the app's, under AppTest)"
    )
    print(
        "  first = filter + cards + the open chart for a view not seen before; all = every chart"
        " and map; script = the app's whole rerun (AppTest) for a new view / a view seen before"
    )
    print(
        f"{'rows':>9} {'load s':>7} {'val MB':>7} {'start s':>7} {'first':>6} {'all':>6}"
        f" {'script new':>10} {'script seen':>11} {'peak MB':>8}  bytes per chart"
    )
    for rows in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            shutil.copytree(ROOT / "seeds", Path(tmp) / "seeds")
            shutil.copytree(ROOT / "data", Path(tmp) / "data")
            grow(Path(tmp), rows)
            try:
                out = subprocess.run(
                    [sys.executable, __file__, "--child", tmp],
                    capture_output=True,
                    text=True,
                    timeout=TIME_LIMIT,
                    check=True,
                    cwd=ROOT,
                )
            except subprocess.TimeoutExpired:
                print(f"{rows:>9} did not finish within {TIME_LIMIT} s")
                break
            r = json.loads(out.stdout.strip().splitlines()[-1])
            print(
                f"{r['rows']:>9} {r['load_s']:>7} {r['validate_mb']:>7} {r['cached_start_s']:>7}"
                f" {r['first_visit_ms']:>6}"
                f" {r['all_charts_ms']:>6} {r['script_first_ms']:>10} {r['script_repeat_ms']:>11}"
                f" {r['peak_mb']:>8}  {r['bytes']}"
                + (f"  ({r['problems']} problems)" if r["problems"] else "")
            )


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
