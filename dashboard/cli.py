"""Command line: `python -m dashboard serve | check | brief | claimreview | publish | add-source | extract`."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from dashboard.core.base.i18n import LANGUAGES, _, from_environment, ngettext, use_language
from dashboard.core.base.paths import ROOT


def _recover(root: Path) -> None:
    from dashboard.core.data.commit import recover

    for done in recover(root, wait=10.0):  # a crashed save is completed or undone first
        print(_("recovered: {what}").format(what=done), file=sys.stderr)


def _loaded(command: str, root: Path, *, recover: bool = True):
    """The dataset for a command that writes files, or None once the error is printed."""
    from dashboard.core.data.dataset import DataUnavailable, load_dataset

    if recover:
        _recover(root)
    try:
        return load_dataset(root)
    except DataUnavailable as err:
        said = _("{command}: {problem}; nothing written")
        print(said.format(command=command, problem=err.problem), file=sys.stderr)
        return None


def _warn_problems(command: str, count: int) -> None:
    if count:
        said = ngettext(
            "warning: {n} data problem; its rows are left out (run `python -m dashboard check`)",
            "warning: {n} data problems; their rows are left out (run `python -m dashboard check`)",
            count,
        )
        print(f"{command}: " + said.format(n=count), file=sys.stderr)


def _cannot_write(where: object, err: OSError) -> str:
    return _("{path}: cannot write ({reason})").format(path=where, reason=err.strerror or err)


def _check(args: argparse.Namespace) -> int:
    from dashboard.core.data.dataset import DataUnavailable, load_dataset

    _recover(Path(args.root))
    try:
        dataset = load_dataset(Path(args.root))
    except DataUnavailable as err:
        print(err.problem)
        print("check: " + _("nothing else can be checked without the schema"), file=sys.stderr)
        return 1
    for problem in dataset.problems:
        print(problem)
    print(dataset.summary(), file=sys.stderr if dataset.problems else sys.stdout)
    return 1 if dataset.problems else 0


def _brief(args: argparse.Namespace) -> int:
    from dashboard.core.data.filters import FILTER_COLUMNS, Filters
    from dashboard.core.output.briefing import brief, write_files
    from dashboard.core.visuals.views import CHARTS, filter_options

    dataset = _loaded("brief", Path(args.root))
    if dataset is None:
        return 1
    options = filter_options(dataset) | {"chart": list(CHARTS)}
    chosen = {name: tuple(getattr(args, name) or ()) for name in [*FILTER_COLUMNS, "chart"]}
    unknown = _("unknown {name} '{value}' (expected one of: {options})")
    bad = [
        unknown.format(name=name, value=v, options=", ".join(options[name]))
        for name, values in chosen.items()
        for v in values
        if v not in options[name]
    ]
    if bad:
        for message in bad:
            print(f"brief: {message}", file=sys.stderr)
        print("brief: " + _("nothing written"), file=sys.stderr)
        return 2
    _warn_problems("brief", len(dataset.problems))
    filters = Filters(**{name: chosen[name] for name in FILTER_COLUMNS})
    # the deck, notes, charts, CSV headers and citations in the run's language (--lang)
    files = brief(dataset, filters, list(chosen["chart"]) or None)
    for path in write_files(files, Path(args.out)):
        print(path)
    return 0


def _claimreview(args: argparse.Namespace) -> int:
    from dashboard.core.output.claimreview import BaseUrlError, claimreview_bytes

    dataset = _loaded("claimreview", Path(args.root), recover=False)
    if dataset is None:
        return 1
    _warn_problems("claimreview", len(dataset.problems))
    out = Path(args.out)
    try:
        data = claimreview_bytes(dataset, args.base_url)
    except BaseUrlError as err:
        print("claimreview: " + _("{error}; nothing written").format(error=err), file=sys.stderr)
        return 2
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
    except OSError as err:  # a folder, a path under a file, no permission: one line, no trace
        print("claimreview: " + _cannot_write(out, err), file=sys.stderr)
        return 2
    print(out)
    return 0


def _publish(args: argparse.Namespace) -> int:
    from dashboard.core.output.claimreview import BaseUrlError, base_url
    from dashboard.core.output.site import publish

    try:
        base = base_url(args.base_url)
    except BaseUrlError as err:
        print("publish: " + _("{error}; nothing written").format(error=err), file=sys.stderr)
        return 2
    dataset = _loaded("publish", Path(args.root))
    if dataset is None:
        return 1
    if dataset.problems:  # a public edition is published from clean data only
        said = ngettext(
            "{n} data problem (run `python -m dashboard check`); nothing written",
            "{n} data problems (run `python -m dashboard check`); nothing written",
            len(dataset.problems),
        )
        print("publish: " + said.format(n=len(dataset.problems)), file=sys.stderr)
        return 1
    try:
        written = publish(dataset, base, Path(args.out), args.lang)
    except OSError as err:
        print("publish: " + _cannot_write(args.out, err), file=sys.stderr)
        return 2
    said = ngettext("{n} file in {out} for {base}", "{n} files in {out} for {base}", len(written))
    print("publish: " + said.format(n=len(written), out=args.out, base=base), file=sys.stderr)
    print(Path(args.out) / "index.html")
    return 0


def _slug(text: str) -> str:
    import re

    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40].strip("-")


def _add_source(args: argparse.Namespace) -> int:
    from dashboard.core.data.curation import CurationError, read_limited, save_addition

    root = Path(args.root)
    path = Path(args.file)
    if not path.is_file():
        print("add-source: " + _("{path}: no such file").format(path=path), file=sys.stderr)
        return 2
    source = {
        "source_id": args.id or _slug(args.title),
        "producer": args.publisher,
        "title": args.title,
        "citation": args.citation
        or f"{args.publisher}, '{args.title}', {args.published}. {args.url}",
        "url": args.url,
        "published": args.published,
        "licence": args.licence,
        "original_name": path.name,
        "description": args.description or args.title,
    }
    try:
        # Planned under the write lock: concurrent runs queue instead of overwriting each other.
        result = save_addition(root, source, read_limited(path), [], None, wait=args.wait)
    except CurationError as err:
        print(f"add-source: {path}: {err}", file=sys.stderr)
        return 2
    for problem in result.problems:
        print(problem, file=sys.stderr)
    if result.busy:
        print(f"add-source: {result.busy}", file=sys.stderr)
    if result.error:
        print(f"add-source: {result.error}", file=sys.stderr)
        return 1
    if not result.ok:
        print("add-source: " + _("nothing written"), file=sys.stderr)
        return 1
    for written in result.written:
        print(written)
    print(
        _("next: {command}").format(
            command=f"python -m dashboard extract seeds/{source['source_id']}.txt"
        ),
        file=sys.stderr,
    )
    return 0


def _extract(args: argparse.Namespace) -> int:
    import csv
    import json

    from dashboard.core.text.extract import candidates_to_records, propose_claims

    path = Path(args.file)
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as err:
        said = _("{path}: cannot read as UTF-8 text ({error})").format(path=path, error=err)
        print("extract: " + said, file=sys.stderr)
        return 2
    records = candidates_to_records(propose_claims(text), args.source_id or path.stem)
    if args.format == "json":
        print(json.dumps(records, ensure_ascii=False, indent=1))
    else:
        writer = csv.DictWriter(
            sys.stdout, fieldnames=list(records[0]) if records else ["quote"], lineterminator="\n"
        )
        writer.writeheader()
        writer.writerows(records)
    said = ngettext("{n} candidate from {path}", "{n} candidates from {path}", len(records))
    print("extract: " + said.format(n=len(records), path=path), file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(prog="python -m dashboard", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser(
        "serve",
        help="serve the app (streamlit run dashboard/webapp.py: app.py with its download route, warmed); options go to streamlit",
    )
    run.add_argument("streamlit_options", nargs="*", metavar="STREAMLIT_OPTION")
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
    review = sub.add_parser(
        "claimreview", help="write the claim checks as schema.org ClaimReview JSON-LD"
    )
    review.add_argument("--out", required=True, help="file to write (e.g. claimreview.json)")
    review.add_argument(
        "--base-url",
        help="public address the app is served at, for each check's ?check= link (default: $DASHBOARD_BASE_URL, else http://127.0.0.1:8501)",
    )
    review.add_argument(
        "--root", default=str(ROOT), help="repository root (default: this checkout)"
    )
    review.set_defaults(func=_claimreview)
    site = sub.add_parser(
        "publish",
        help="write the public edition: a static site of the checks and charts (no JavaScript)",
    )
    site.add_argument("--out", required=True, help="folder to write the site into (e.g. site/)")
    site.add_argument(
        "--base-url",
        help="public address the site is served at (default: $DASHBOARD_BASE_URL, else http://127.0.0.1:8501)",
    )
    site.add_argument("--root", default=str(ROOT), help="repository root (default: this checkout)")
    site.set_defaults(func=_publish)
    add = sub.add_parser(
        "add-source", help="copy a UTF-8 text into seeds/ and record its source row and sha256"
    )
    add.add_argument("file", help="the document as UTF-8 text")
    add.add_argument("--title", required=True)
    add.add_argument("--publisher", required=True, help="producer: author or organisation")
    add.add_argument("--url", required=True, help="address of the original, or 'not stated'")
    add.add_argument("--published", required=True, help="YYYY-MM-DD, YYYY-MM or 'not stated'")
    add.add_argument("--id", help="source id (default: from the title); [a-z0-9-]")
    add.add_argument("--licence", default="not stated")
    add.add_argument("--citation", help="full citation (default: built from the fields)")
    add.add_argument("--description", help="what the document is about")
    add.add_argument("--root", default=str(ROOT), help="repository root (default: this checkout)")
    add.add_argument(
        "--wait", type=float, default=60.0, help="seconds to wait for another save (default 60)"
    )
    add.set_defaults(func=_add_source)
    extract = sub.add_parser("extract", help="propose anchored candidate claims for a UTF-8 text")
    extract.add_argument("file")
    extract.add_argument("--format", choices=["json", "csv"], default="json")
    extract.add_argument(
        "--source-id", help="source id to put on the candidates (default: file name)"
    )
    extract.set_defaults(func=_extract)
    for command in (check, brief, review, site, add, extract):
        command.add_argument(
            "--lang",
            choices=LANGUAGES,
            help="language of the messages and of what is written: deck, notes, charts, pages, "
            "citations (quotes stay as written); default: $LANGUAGE, $LC_ALL, $LC_MESSAGES or "
            "$LANG, else English",
        )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the process exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["serve"] and not {"-h", "--help"} & set(argv):
        from dashboard.serve import serve  # streamlit's own options pass through untouched

        return serve(argv[1:])
    args = build_parser().parse_args(argv)
    with use_language(getattr(args, "lang", None) or from_environment(os.environ)):
        return int(args.func(args))
