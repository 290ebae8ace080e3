from __future__ import annotations

from dashboard.core.evidence.reader import (
    Highlight,
    escape_markdown,
    render_passage_html,
    render_text_html,
)

TEXT = "Heading without stop\nA <script>alert(1)</script> costs $x$ and *more*.\nSecond para."


def test_source_text_is_escaped_and_headings_kept():
    out = render_text_html(TEXT, [], None, lambda f: f"?claim={f}")
    assert "<script>" not in out and "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "<h4>Heading without stop</h4>" in out
    assert "$x$" in out and "*more*" in out  # literal: no Markdown, no LaTeX in this path


def test_highlights_are_links_with_sector_colour_and_selection():
    start = TEXT.index("costs")
    out = render_text_html(
        TEXT, [Highlight(start, start + 5, "energy", "f-1")], "f-1", lambda f: f"?claim={f}&a=1"
    )
    assert 'href="?claim=f-1&amp;a=1"' in out and 'class="claim selected"' in out
    assert "#E69F00" in out and ">costs</a>" in out


def test_overlapping_highlights_do_not_duplicate_text():
    out = render_text_html(
        "abcdef", [Highlight(0, 4, "energy", "a"), Highlight(2, 6, "housing", "b")], None, str
    )
    assert out.count("cd") == 1 and ">abcd</a>" in out and ">ef</a>" in out


def test_a_phrase_inside_a_quoted_sentence_keeps_its_own_link():
    out = render_text_html(
        "abcdef",
        [Highlight(0, 6, "energy", "whole"), Highlight(3, 6, "transport", "tail")],
        None,
        str,
    )
    assert out.count('class="claim') == 2 and ">abc</a>" in out and ">def</a>" in out


def test_passage_escapes():
    out = render_passage_html("<b>", "$400 <i>", "&", "housing")
    assert "&lt;b&gt;" in out and "$400 &lt;i&gt;" in out and out.endswith("&amp;</p>")


def test_escape_markdown():
    assert escape_markdown("$400 *bold* [x](y) <b>") == r"\$400 \*bold\* \[x\]\(y\) \<b\>"
