"""The bad-input corpus: each case breaks one thing in a copy of the data and names the exact
problem `python -m dashboard check` must report. Cases are edits, not files, so the corpus stays
in step with the real tables."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

FIG = "data/figures.csv"
SRC = "data/sources.csv"
SEED = "seeds/kyiv-attack-before-talks.txt"


@dataclass(frozen=True)
class Case:
    name: str
    edit: Callable[[Path], None]
    expected: str  # one exact problem line


def _text(root: Path, rel: str, old: str, new: str, count: int = 1) -> None:
    path = root / rel
    text = path.read_bytes().decode("utf-8")
    assert old in text, f"case setup: {old!r} not in {rel}"
    path.write_bytes(text.replace(old, new, count).encode("utf-8"))


def _bytes(root: Path, rel: str, transform: Callable[[bytes], bytes]) -> None:
    path = root / rel
    path.write_bytes(transform(path.read_bytes()))


def edit(rel: str, old: str, new: str, count: int = 1) -> Callable[[Path], None]:
    return lambda root: _text(root, rel, old, new, count)


def raw(rel: str, transform: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    return lambda root: _bytes(root, rel, transform)


def add_file(rel: str, data: bytes) -> Callable[[Path], None]:
    return lambda root: (root / rel).write_bytes(data)


ROW1 = "kyiv-attack-before-talks-01,kyiv-attack-before-talks,Russia launched a large-scale missile and drone assault on Kyiv,0,63,"
ROW15 = "kyiv-attack-before-talks-15,kyiv-attack-before-talks,They created long-term reconstruction demands exceeding $400 billion."


def _swap_header(name: str, new: str) -> Callable[[Path], None]:
    return edit(FIG, f",{name},", f",{new},")


CASES = [
    Case(
        "missing column",
        edit(FIG, ",sector,measure,", ",measure,"),
        "data/figures.csv:1:sector: column missing from the header (expected columns: figure_id, source_id, quote, start, end, sector, measure, figure_text, value_low, value_high, unit, bound, hedge, per_year, geography, attributed_to, attributed_url, attribution_basis, note)",
    ),
    Case(
        "wrong type",
        edit(FIG, ",0,63,", ",zero,63,"),
        "data/figures.csv:2:start: 'zero' is not a whole number (expected a whole number)",
    ),
    Case(
        "unknown sector",
        edit(FIG, ",63,cross-sector,", ",63,energi,"),
        "data/figures.csv:2:sector: 'energi' is not a known sector (expected one of: energy, housing, transport, cross-sector, humanitarian)",
    ),
    Case(
        "quote not in source",
        edit(
            FIG,
            "Russia launched a large-scale missile and drone assault on Kyiv,",
            "Ukraine's grid was fully restored within hours,",
        ),
        "data/figures.csv:2:quote: quote is not the seed text at [0, 63), which reads 'Russia launched a large-scale missile and drone assault on …' (expected the quote verbatim; no similar passage in the seed)",
    ),
    Case(
        "offsets off by one",
        edit(FIG, ",0,63,", ",1,64,"),
        "data/figures.csv:2:quote: quote is not the seed text at [1, 64), which reads 'ussia launched a large-scale missile and drone assault on K…' (expected the quote verbatim; found verbatim at start=0 end=63: 'Russia launched a large-scale missile and drone assault on …' — not applied)",
    ),
    Case(
        "duplicate id",
        edit(FIG, "kyiv-attack-before-talks-02,", "kyiv-attack-before-talks-01,"),
        "data/figures.csv:3:figure_id: duplicate value 'kyiv-attack-before-talks-01' (expected a unique figure_id; first in row 2)",
    ),
    Case(
        "low above high",
        edit(FIG, ",100000000000,1000000000000,USD,", ",1000000000000,100000000000,USD,"),
        "data/figures.csv:12:value_low: value_low 1000000000000 is above value_high 100000000000 (expected low <= high)",
    ),
    Case(
        "byte-order mark",
        raw(FIG, lambda b: b"\xef\xbb\xbf" + b),
        "data/figures.csv:1: file starts with a UTF-8 byte-order mark (expected UTF-8 without BOM; re-save without it)",
    ),
    Case(
        "CRLF line endings",
        raw(FIG, lambda b: b.replace(b"\n", b"\r\n")),
        "data/figures.csv:1: line endings are CRLF (expected LF, as committed)",
    ),
    Case(
        "non-UTF-8 bytes",
        raw(FIG, lambda b: b.replace(b"They cut access", b"They cut \xff access", 1)),
        "data/figures.csv:18:quote: cell holds bytes that are not valid UTF-8 (expected UTF-8 text)",
    ),
    Case(
        "empty file",
        raw(FIG, lambda b: b""),
        "data/figures.csv: file is empty (expected a header row: figure_id,source_id,quote,start,end,sector,measure,figure_text,value_low,value_high,unit,bound,hedge,per_year,geography,attributed_to,attributed_url,attribution_basis,note)",
    ),
    Case(
        "quote with script",
        edit(FIG, ",The strikes targeted energy systems,", ",<script>alert(1)</script>,"),
        "data/figures.csv:3:quote: quote is not the seed text at [197, 232), which reads 'The strikes targeted energy systems' (expected the quote verbatim; no similar passage in the seed)",
    ),
    Case(
        "source id with ../",
        edit(SRC, "\nkyiv-attack-before-talks,seed,", "\n../kyiv-attack-before-talks,seed,"),
        "data/sources.csv:2:source_id: '../kyiv-attack-before-talks' does not match the expected form (expected pattern ^[a-z0-9]+(-[a-z0-9]+)*$)",
    ),
    Case(
        "path outside the repository",
        edit(SRC, ",seeds/kyiv-attack-before-talks.txt,", ",seeds/../../etc/passwd,"),
        "data/sources.csv:2:path: 'seeds/../../etc/passwd' points outside the repository (expected seeds/... or data/geo/...)",
    ),
    Case(
        "formula cell",
        edit(
            FIG,
            "The attack the article reports; the article gives no date.",
            '"=HYPERLINK(""http://example.invalid"",""click"")"',
        ),
        "data/figures.csv:2:note: cell begins with '=' and would run as a spreadsheet formula (expected plain text, or a plain number)",
    ),
    Case(
        "formula cell behind a number",
        edit(
            FIG,
            "The attack the article reports; the article gives no date.",
            '"-.5+HYPERLINK(""http://example.invalid"")"',
        ),
        "data/figures.csv:2:note: cell begins with '-' and would run as a spreadsheet formula (expected plain text, or a plain number)",
    ),
    Case(
        "formula cell behind a tab",
        edit(FIG, "The attack the article reports; the article gives no date.", "\t=1+1"),
        "data/figures.csv:2:note: cell begins with '\\t' and would run as a spreadsheet formula (expected plain text, or a plain number)",
    ),
    Case(
        "figures header only",
        raw(FIG, lambda data: data.split(b"\n", 1)[0] + b"\n"),
        "data/figures.csv:2: no rows under the header (expected at least one figure)",
    ),
    Case(
        "seed edited",
        edit(SEED, "Russia launched", "Russia fired"),
        "data/sources.csv:2:sha256: file hashes to dcbadcb95af161308643445468aaf7e9b5a0bf9c726e11633de1228761c43d01, not dbdba6f227c7b0a8fb03d05f8743be743d4742dc1aa0af18128d11e7e78b5817 (expected an unchanged file; a changed document needs a new source id)",
    ),
    Case(
        "seed without a row",
        add_file("seeds/unlisted.txt", b"An unlisted seed.\n"),
        "seeds/unlisted.txt: document has no row in data/sources.csv (expected one row per file, with its sha256)",
    ),
    Case(
        "row without a seed",
        lambda root: (root / SEED).unlink(),
        "data/sources.csv:2:path: 'seeds/kyiv-attack-before-talks.txt' does not exist (expected the committed copy of the document)",
    ),
    Case(
        "seed not UTF-8",
        raw(SEED, lambda b: b.replace("Kyiv’s".encode(), b"Kyiv\x92s", 1)),
        "seeds/kyiv-attack-before-talks.txt:2: byte 0x92 at byte 590 is not valid UTF-8 (expected UTF-8 text)",
    ),
    Case(
        "seed with BOM",
        raw(SEED, lambda b: b"\xef\xbb\xbf" + b),
        "seeds/kyiv-attack-before-talks.txt: seed starts with a UTF-8 byte-order mark (expected UTF-8 without BOM: offsets would be off by one)",
    ),
    Case(
        "empty seed",
        raw(SEED, lambda b: b"\n"),
        "seeds/kyiv-attack-before-talks.txt: seed is empty (expected the document's text)",
    ),
    Case(
        "unknown geography",
        edit(FIG, ",kyiv-city,article,,none,The attack", ",kyiv-oblast,article,,none,The attack"),
        "data/figures.csv:2:geography: 'kyiv-oblast' is not a known geography (expected one of: kyiv-city, ukraine, east-south, europe)",
    ),
    Case(
        "open bound with a high value",
        edit(FIG, ",400000000000,,USD,at_least,", ",400000000000,500000000000,USD,at_least,"),
        "data/figures.csv:16:value_high: at_least needs value_low and no value_high (expected an open upper bound)",
    ),
    Case(
        "hedge not in the figure",
        edit(FIG, ",USD,at_least,exceeding,", ",USD,at_least,more than,"),
        "data/figures.csv:16:hedge: 'more than' is not in the figure expression 'exceeding $400 billion' (expected the source's own words)",
    ),
    Case(
        "value disagrees with its words",
        edit(FIG, ",400000000000,,USD,at_least,", ",500000000000,,USD,at_least,"),
        "data/figures.csv:16:value_low: value_low '500000000000' disagrees: 'exceeding $400 billion' reads as exceeding US$400 bn (no upper bound) (expected 4e+11)",
    ),
    Case(
        "short row",
        edit(FIG, ROW1, "kyiv-attack-before-talks-01,kyiv-attack-before-talks\n" + ROW1),
        "data/figures.csv:2: row has 2 cells (expected 19)",
    ),
    Case(
        "unknown source id",
        edit(
            FIG,
            "kyiv-attack-before-talks-02,kyiv-attack-before-talks,",
            "kyiv-attack-before-talks-02,no-such-source,",
        ),
        "data/figures.csv:3:source_id: 'no-such-source' is not in data/sources.csv (expected an existing source_id)",
    ),
    Case(
        "unknown district",
        edit(
            "data/reference/kyiv_attack_districts.csv",
            "2025-12-27,Darnytskyi",
            "2025-12-27,Darnytsia",
        ),
        "data/reference/kyiv_attack_districts.csv:2:district: 'Darnytsia' is not in data/reference/kyiv_districts.csv (expected an existing district)",
    ),
    Case(
        "bad boolean",
        edit(
            FIG,
            ",USD,interval,tens of ... annually,true,",
            ",USD,interval,tens of ... annually,yes,",
        ),
        "data/figures.csv:22:per_year: 'yes' is not true or false (expected true or false)",
    ),
    Case(
        "a value on a measure without quantity",
        edit(
            FIG,
            ",housing,needs,exceeding $400 billion,",
            ",housing,targeting,exceeding $400 billion,",
        ),
        "data/figures.csv:16:measure: measure 'targeting' carries no quantity, but the row states 'exceeding $400 billion' (expected bound 'none' and no value, or a measure with a quantity: damage, needs, losses, displacement, disruption)",
    ),
    Case(
        "money on a people measure",
        edit(
            FIG,
            ",housing,needs,exceeding $400 billion,",
            ",housing,displacement,exceeding $400 billion,",
        ),
        "data/figures.csv:16:unit: 'USD' is money, which measure 'displacement' cannot be (expected one of: people, households)",
    ),
    Case(
        "per year on a stock",
        edit(FIG, ",USD,at_least,exceeding,false,", ",USD,at_least,exceeding,true,"),
        "data/figures.csv:16:per_year: per_year 'true' on 'needs', a stock (expected false; only flows such as losses or disruption are per year)",
    ),
    Case(
        "form feed in a quote",
        edit(
            FIG,
            "missile and drone assault on Kyiv,0,63,",
            "missile and drone\fassault on Kyiv,0,63,",
        ),
        "data/figures.csv:2:quote: cell holds a form feed (U+000C) at character 48 (expected printable text on one line: Excel and the chart images cannot hold it; replace it with a space)",
    ),
    Case(
        "line feed in a source title",
        edit(SRC, ",seed,not stated,not stated,", ',seed,not stated,"not\n- 2026-01-01: forged",'),
        "data/sources.csv:2:title: cell holds a line feed (U+000A) at character 4 (expected printable text on one line: Excel and the chart images cannot hold it; replace it with a space)",
    ),
    Case(
        "C1 control in a check's reasoning",
        edit("data/checks.csv", "The article attributes", "The\x85article attributes"),
        "data/checks.csv:2:reasoning: cell holds a control character (U+0085) at character 4 (expected printable text on one line: Excel and the chart images cannot hold it; replace it with a space)",
    ),
    Case(
        "tab inside a reference cell",
        edit("data/reference/kyiv_districts.csv", "Darnytskyi,", "Darnyt\tskyi,"),
        "data/reference/kyiv_districts.csv:3:district: cell holds a tab (U+0009) at character 7 (expected printable text on one line: Excel and the chart images cannot hold it; replace it with a space)",
    ),
]
