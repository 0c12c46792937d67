"""The tools that look at reports as a reader meets them: do they see what a reader would?

Each test builds a tiny page whose answer is known, so a failure here is the tool's, not a report's.
They need Debian's chromium (and npm for mermaid): without it they skip, except in CI, which fails.
"""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from tests.browser import PRINT_WIDTH_PX, Browser
from tests.github_view import markdown_html
from tests.mermaid_check import MERMAID_VERSIONS, mermaid_blocks, render_mermaid

PIE = 'pie showData\n    title Open findings by severity\n    "Blocker" : 2\n    "Condition" : 11\n'


def table(columns: int, cell: str) -> str:
    head = "".join(f"<th>Column {n}</th>" for n in range(columns))
    return f"<table><tr>{head}</tr><tr>{f'<td>{cell}</td>' * columns}</tr></table>"


def test_a_table_wider_than_the_printed_page_is_found(browser: Browser) -> None:
    wide = table(7, "an_unbreakable_identifier_that_cannot_wrap")
    page = f"<h1>Report</h1>{table(3, 'short')}{wide}"
    assert browser.overflowing_tables(page) == [
        " ".join(f"Column {n}" for n in range(7)),
    ]


def test_a_table_that_scrolls_inside_its_box_is_found(browser: Browser) -> None:
    # GitHub's table style (display: block; overflow: auto) prints a clipped table with a scrollbar.
    wide = table(7, "an_unbreakable_identifier_that_cannot_wrap")
    page = f"<style>table {{ display: block; overflow: auto; max-width: 100% }}</style>{wide}"
    assert len(browser.overflowing_tables(page)) == 1
    assert browser.overflowing_tables(page, width=PRINT_WIDTH_PX * 3) == []


def test_a_document_of_three_pages_prints_three_letter_pages(browser: Browser) -> None:
    page = "<style>section { break-after: page }</style>" + "".join(
        f"<section>Page {n} text</section>" for n in (1, 2, 3)
    )
    printed = browser.print_pdf(page)
    assert printed.page_count == 3
    assert [text.strip() for text in printed.pages] == ["Page 1 text", "Page 2 text", "Page 3 text"]
    assert printed.data.startswith(b"%PDF")


def test_print_css_applies_when_printing(browser: Browser, tmp_path: Path) -> None:
    source = tmp_path / "report.html"
    source.write_text(
        "<style>@media print { .screen-only { display: none } }</style>"
        "<p class='screen-only'>Open the questionnaire</p><p>Verdict: GO</p>",
        encoding="utf-8",
    )
    assert browser.print_pdf(source).pages == ["Verdict: GO"]


def test_the_first_screen_holds_what_is_above_the_fold(browser: Browser) -> None:
    page = (
        "<h1>NO-GO: Cedar County</h1><div style='height: 1000px'></div>"
        "<p>Pushed below the first screen</p><details><summary>More</summary>Folded away</details>"
    )
    seen = browser.first_screen_text(page)
    assert "NO-GO: Cedar County" in seen
    assert "Pushed below" not in seen
    assert browser.text_above_fold(page, size=(1200, 2000))[-2:] == [
        "Pushed below the first screen",
        "More",  # a closed <details> shows its summary only
    ]


def test_a_screenshot_is_a_png_of_the_first_screen(browser: Browser, tmp_path: Path) -> None:
    png = browser.screenshot("<h1>Report</h1>", tmp_path / "first.png")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert struct.unpack(">II", png[16:24]) == (1200, 900)
    assert (tmp_path / "first.png").read_bytes() == png


def test_network_requests_are_refused_and_listed(browser: Browser) -> None:
    page = "<link rel=stylesheet href='https://cdn.example.invalid/x.css'><p>offline</p>"
    assert browser.refused_requests(page) == ["https://cdn.example.invalid/x.css"]
    assert browser.refused_requests("<p>self-contained</p>") == []


def test_markdown_is_rendered_as_github_does() -> None:
    html = markdown_html("| a |\n| --- |\n| b |\n\nline one\nline two\n\n<script>x</script>\n")
    assert "<table>" in html
    assert "line one\nline two" in html  # the file view joins the lines: no <br>
    assert "&lt;script>" in html  # tagfilter defuses raw <script>


@pytest.mark.parametrize("version", MERMAID_VERSIONS)
def test_mermaid_draws_a_chart_and_reports_errors_and_cut_titles(
    browser: Browser, mermaid_bundles: dict[str, Path], version: str
) -> None:
    title = " ".join(["A title far longer than the chart is wide."] * 4)
    too_long = f'xychart-beta\n    title "{title}"\n    x-axis [a, b]\n    bar [1, 2]\n'
    good, broken, cut = render_mermaid(
        browser, mermaid_bundles[version], [PIE, "pie\n  title x\n  ][", too_long], width=500
    )
    assert (good.version, good.error, good.cut) == (version, None, [])
    assert {"Open findings by severity", "Blocker [2]", "Condition [11]"} <= set(good.texts)
    assert good.svg.startswith("<svg")
    assert broken.error
    assert broken.texts == []
    assert cut.error is None
    assert cut.cut == [title]


def test_mermaid_blocks_are_found_in_a_report() -> None:
    markdown = f"# Report\n\n```mermaid\n{PIE}```\n\n```text\nnot a chart\n```\n"
    assert mermaid_blocks(markdown) == [PIE]
