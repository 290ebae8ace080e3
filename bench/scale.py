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


def measure(root: str) -> dict[str, object]:
    """Run in a child process: everything for one size."""
    import resource

    from dashboard.core.dataset import load_dataset
    from dashboard.core.filters import Filters, apply_filters
    from dashboard.core.views import build_view

    t0 = time.perf_counter()
    dataset = load_dataset(Path(root))
    load_s = time.perf_counter() - t0
    from dashboard.core import schema
    from dashboard.core.overview import sector_cards

    reruns, overview = [], []
    for sector in ("energy", "housing", "transport"):
        filters = Filters(sector=(sector,))
        t0 = time.perf_counter()
        sector_cards(apply_filters(dataset.figures, filters), schema.sectors())
        build_view(dataset, filters, ["cost", "assessments", "impacts"])
        overview.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        apply_filters(dataset.figures, filters)
        build_view(dataset, filters)
        reruns.append((time.perf_counter() - t0) * 1000)
    sizes = {k: len(fig.to_json()) for k, fig in build_view(dataset, Filters()).items()}
    return {
        "rows": len(dataset.figures),
        "problems": len(dataset.problems),
        "load_s": round(load_s, 2),
        "rerun_ms": round(sorted(reruns)[1], 1),
        "overview_ms": round(sorted(overview)[1], 1),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "bytes": sizes,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child)))
        return
    sizes = SIZES[:2] if args.quick else SIZES
    print(
        f"scale ({machine()}); server side: overview = filter + cards + its 3 charts; all = filter + all 5 charts and maps"
    )
    print(
        f"{'rows':>9} {'load s':>8} {'overview ms':>12} {'all ms':>7} {'peak MB':>8}  bytes per chart"
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
                f"{r['rows']:>9} {r['load_s']:>8} {r['rerun_ms']:>9} {r['peak_mb']:>8}  {r['bytes']}"
                + (f"  ({r['problems']} problems)" if r["problems"] else "")
            )


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
