"""Each report format's renderer, imported the first time its format is asked for.

A run writes one or two formats; importing all six cost a cold `assess` to Markdown a tenth of its
time (the HTML page's chart, the SARIF and JUnit writers, XML), so each is loaded on first use.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from engine.assessment.assessment import Assessment
from engine.rules.ruleset import RuleSet


def render(
    form: str, result: Assessment, ruleset: RuleSet, link_base: str | None, lang: str = "en"
) -> str:
    """One profile's document (or batch fragment) in `form`; a page for people (Markdown, HTML)
    in the language `lang`, a format for machines always the same."""
    if form in ("markdown", "html"):
        from engine.i18n.text import language

        titles = {key: area.title for key, area in ruleset.areas.items()}
        with language(lang):
            return _page(form)(result, titles, link_base)
    if form == "json":
        from engine.render.json_report import render_json

        return render_json(result)
    if form == "sarif":
        from engine.render import sarif

        return sarif.fragment(result, ruleset)
    if form == "junit":
        from engine.render import junit

        return junit.fragment(result, ruleset)
    from engine.render import github

    return github.fragment(result)


def _page(form: str) -> Callable[[Assessment, dict[str, str], str | None], str]:
    if form == "markdown":
        from engine.render.markdown import render_markdown

        return render_markdown
    from engine.render.html import render_html

    return render_html


def junit_counts(result: Assessment, ruleset: RuleSet) -> tuple[int, int, int]:
    """(tests, failures, skipped) of one profile, for the JUnit document's totals."""
    from engine.render import junit

    return junit.counts(result, ruleset)


def assemble(
    form: str,
    pieces: Iterable[str],
    verdicts: Mapping[str, str],
    ruleset: RuleSet,
    totals: tuple[int, int, int],
) -> Iterable[str]:
    """A batch document (SARIF, JUnit, GitHub annotations) from its per-profile fragments."""
    if form == "sarif":
        from engine.render import sarif

        return sarif.assemble(pieces, dict(verdicts), ruleset)
    if form == "junit":
        from engine.render import junit

        return junit.assemble(pieces, totals)
    return pieces
