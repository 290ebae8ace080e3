"""What one element costs a filter change in Streamlit's front end: the floor app plus ten copies
of one element type (five for sidebar widgets), each measured as bench/interaction.py measures a
filter change, against the bare floor in the same run. (copies' median - floor median) / copies
is the redraw cost of one element. This is how the Overview's elements were chosen (README,
*Performance*).  Usage: python bench/elements.py [--changes N] [--rounds R] [--quick]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

from interaction import browser_latencies

from harness import FLOOR_APP, floor_app, machine, pct, serving

# Each element type: (copies, code drawing copy i; `tag` changes with the filter as page text does).
ELEMENTS = {
    "multiselect (sidebar)": (
        5,
        'st.sidebar.multiselect(f"F{i}", [f"option {j}" for j in range(30)], key=f"m{i}", placeholder="All")',
    ),
    "button (sidebar)": (5, 'st.sidebar.button(f"Button {i}", key=f"b{i}")'),
    "markdown": (10, 'st.markdown(f"**Bold** text {i} with *italic* {tag}")'),
    "caption": (10, 'st.caption(f"Caption {i}: every number here is a quote {tag}")'),
    "html": (10, 'st.html(f"<div><b>Card {i}</b><p>{tag} energy 12 claims</p></div>")'),
    "table": (
        10,
        'st.table(pd.DataFrame({"series": list("abcde"), "mark": [f"m{j} {tag}" for j in range(5)]}), hide_index=True)',
    ),
    "selectbox": (
        10,
        'st.selectbox(f"S{i}", [f"o{j}" for j in range(10)], index=None, key=f"s{i}")',
    ),
    "download_button": (
        10,
        'st.download_button(f"Download {i}", f"data {tag}", f"f{i}.txt", key=f"d{i}", on_click="ignore")',
    ),
    "expander + markdown": (10, 'st.expander(f"Expander {i}").markdown(f"inside {tag}")'),
    "bordered container + markdown": (10, 'st.container(border=True).markdown(f"inside {tag}")'),
}


def element_app(code: str, copies: int) -> Path:
    """The floor app with `copies` of one element drawn before its chart."""
    body = FLOOR_APP.replace(
        "shown = chosen or SECTORS\n",
        "shown = chosen or SECTORS\n"
        "import pandas as pd\n"
        'tag = "|".join(chosen)\n'
        f"for i in range({copies}):\n    {code}\n",
    )
    path = Path(tempfile.mkdtemp(prefix="elements-")) / "app.py"
    path.write_text(body, encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--changes", type=int, default=16, help="filter changes per app and round")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    changes, rounds = (4, 1) if args.quick else (args.changes, args.rounds)
    apps = {"floor": (0, floor_app())}
    apps.update({name: (n, element_app(code, n)) for name, (n, code) in ELEMENTS.items()})
    times: dict[str, list[float]] = {name: [] for name in apps}
    for _ in range(rounds):  # alternating, so every app sees the same machine
        for name, (_, script) in apps.items():
            with serving(script) as url:
                times[name] += browser_latencies(url, changes)[0]
    floor = statistics.median(times["floor"])
    print(
        f"filter change with N copies of one element, ms; {rounds} rounds x {changes} changes ({machine()})"
    )
    print(f"  {'floor':32s} median {floor:6.1f}  p95 {pct(times['floor'], 0.95):6.1f}")
    for name, (copies, _) in list(apps.items())[1:]:
        median = statistics.median(times[name])
        print(
            f"  {name + f' x{copies}':32s} median {median:6.1f}  p95 {pct(times[name], 0.95):6.1f}"
            f"  -> {(median - floor) / copies:5.1f} ms per element"
        )


if __name__ == "__main__":
    main()
