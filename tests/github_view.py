"""A report's Markdown as GitHub's file view shows it, close enough to judge the first screen.

The Markdown goes through cmark-gfm, GitHub's own renderer, with GitHub's extensions and no hard
line breaks (the file view joins lines that comments would keep apart). The page around it is an
approximation of github.com at 1200px: a header band of GitHub's height with no text in it, and a
1012px file box with GitHub's Markdown styles (system font, 16px/1.5, bordered tables that scroll).
GitHub draws mermaid blocks as charts in a frame; here they stay code blocks of similar height.
"""

from __future__ import annotations

import html

import cmarkgfm

# What github.com shows above a file's rendered Markdown at 1200x900: global header and repository
# tabs, breadcrumbs, the latest-commit bar and the Preview/Code/Blame bar. An estimate from
# GitHub's layout (about 330px), not a measurement; pass chrome_px=0 for the file box alone.
GITHUB_CHROME_PX = 330

_CSS = """
body { margin: 0; background: #fff; color: #1f2328;
  font: 16px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial,
  sans-serif; }
.chrome { background: #f6f8fa; border-bottom: 1px solid #d1d9e0; }
.markdown-body { box-sizing: border-box; max-width: 1012px; margin: 0 auto; padding: 32px;
  border: 1px solid #d1d9e0; border-top: 0; word-wrap: break-word; }
.markdown-body > *:first-child { margin-top: 0; }
h1, h2, h3, h4 { margin: 24px 0 16px; font-weight: 600; line-height: 1.25; }
h1 { font-size: 2em; padding-bottom: .3em; border-bottom: 1px solid #d1d9e0; }
h2 { font-size: 1.5em; padding-bottom: .3em; border-bottom: 1px solid #d1d9e0; }
h3 { font-size: 1.25em; }
p, ul, ol, table, pre, details, blockquote { margin: 0 0 16px; }
ul, ol { padding-left: 2em; }
code, pre { font: 85% ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; }
code { padding: .2em .4em; background: #eff1f3; border-radius: 6px; }
pre { padding: 16px; background: #f6f8fa; border-radius: 6px; overflow: auto; line-height: 1.45; }
pre code { padding: 0; background: none; font-size: 100%; }
table { display: block; width: max-content; max-width: 100%; overflow: auto;
  border-collapse: collapse; border-spacing: 0; }
th, td { padding: 6px 13px; border: 1px solid #d1d9e0; }
th { font-weight: 600; }
tr:nth-child(2n) { background: #f6f8fa; }
a { color: #0969da; text-decoration: none; }
"""


def markdown_html(markdown: str) -> str:
    """The HTML GitHub makes of `markdown`: cmark-gfm with GitHub's extensions and raw HTML allowed
    (GitHub keeps <details> and the like; its tagfilter extension defuses <script> and friends)."""
    options = cmarkgfm.Options.CMARK_OPT_UNSAFE | cmarkgfm.Options.CMARK_OPT_FOOTNOTES
    rendered: str = cmarkgfm.github_flavored_markdown_to_html(markdown, options=options)
    return rendered


def github_page(
    markdown: str, *, title: str = "report.md", chrome_px: int = GITHUB_CHROME_PX
) -> str:
    """A self-contained HTML page showing `markdown` as GitHub's file view would."""
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{_CSS}</style></head><body>"
        f'<div class="chrome" style="height: {chrome_px}px" aria-hidden="true"></div>'
        f'<article class="markdown-body">{markdown_html(markdown)}</article></body></html>'
    )
