"""Command line: `python -m dashboard check | run`."""

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


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(prog="python -m dashboard", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser(
        "check", help="run every check over seeds/ and data/; exit 1 on any problem"
    )
    check.add_argument("--root", default=str(ROOT), help="repository root (default: this checkout)")
    check.set_defaults(func=_check)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the process exit code."""
    args = build_parser().parse_args(argv)
    return int(args.func(args))
