"""Command line: `python -m dashboard check | brief`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from dashboard.core.paths import ROOT


def _check(args: argparse.Namespace) -> int:
    from dashboard.core.dataset import load_dataset

    dataset = load_dataset(Path(args.root))
    for problem in dataset.problems:
        print(problem)
    print(dataset.summary(), file=sys.stderr if dataset.problems else sys.stdout)
    return 1 if dataset.problems else 0


def _brief(args: argparse.Namespace) -> int:
    from dashboard.core.briefing import build_files, write_files
    from dashboard.core.dataset import load_dataset
    from dashboard.core.filters import FILTER_COLUMNS, Filters
    from dashboard.core.views import CHARTS, filter_options

    dataset = load_dataset(Path(args.root))
    options = filter_options(dataset) | {"chart": list(CHARTS)}
    chosen = {name: tuple(getattr(args, name) or ()) for name in [*FILTER_COLUMNS, "chart"]}
    bad = [
        f"unknown {name} '{v}' (expected one of: {', '.join(options[name])})"
        for name, values in chosen.items()
        for v in values
        if v not in options[name]
    ]
    if bad:
        for message in bad:
            print(f"brief: {message}", file=sys.stderr)
        print("brief: nothing written", file=sys.stderr)
        return 2
    if dataset.problems:
        print(
            f"brief: warning: {len(dataset.problems)} data problems; their rows are left out (run `python -m dashboard check`)",
            file=sys.stderr,
        )
    filters = Filters(**{name: chosen[name] for name in FILTER_COLUMNS})
    files = build_files(dataset, filters, list(chosen["chart"]) or None)
    for path in write_files(files, Path(args.out)):
        print(path)
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(prog="python -m dashboard", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser(
        "check", help="run every check over seeds/ and data/; exit 1 on any problem"
    )
    check.add_argument("--root", default=str(ROOT), help="repository root (default: this checkout)")
    check.set_defaults(func=_check)
    brief = sub.add_parser(
        "brief", help="write a briefing (deck, PNG/SVG charts, claims CSV, citations) for a view"
    )
    brief.add_argument("--out", required=True, help="folder to write into (created if needed)")
    for name in ("sector", "measure", "geography", "org", "source", "chart"):
        brief.add_argument(
            f"--{name}",
            action="append",
            metavar=name.upper(),
            help=f"keep only this {name} (repeatable)",
        )
    brief.add_argument("--root", default=str(ROOT), help="repository root (default: this checkout)")
    brief.set_defaults(func=_brief)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the process exit code."""
    args = build_parser().parse_args(argv)
    return int(args.func(args))
