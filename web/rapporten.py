"""Reports and the national overview as the console serves them: the same self-contained HTML
as `stj beoordeel` writes, with the console's breadcrumb at the top, so a report opened from
the console has a way back (left out when printed)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from markupsafe import Markup, escape

_BODY = re.compile(r"<body\b[^>]*>", re.IGNORECASE)
_STIJL = (
    "<style>"
    "nav.console-terug{font:0.95rem/1.5 'DejaVu Sans',Arial,sans-serif;background:#154273;"
    "padding:0.5rem 1rem;margin:0 0 1rem}"
    "nav.console-terug ol{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;"
    "gap:0.2rem 0.5rem}"
    "nav.console-terug li{color:#fff;margin:0}"
    "nav.console-terug li+li::before{content:'›';margin-right:0.5rem}"
    "nav.console-terug a{color:#fff}"
    "nav.console-terug a:focus{outline:3px solid #fff;outline-offset:2px}"
    "@media print{nav.console-terug{display:none}}"
    "</style>"
)


def kruimelpad(kruimels: Sequence[tuple[str, str]], hier: str) -> Markup:
    """The breadcrumb as navigation: the way up, and where one is (aria-current)."""
    stappen = [Markup('<li><a href="{}">{}</a></li>').format(pad, naam) for naam, pad in kruimels]
    stappen.append(Markup('<li aria-current="page">{}</li>').format(hier))
    return Markup('<nav class="console-terug" aria-label="Kruimelpad"><ol>{}</ol></nav>').format(
        Markup("").join(stappen)
    )


def met_terugweg(html: str, kruimels: Sequence[tuple[str, str]], hier: str) -> str:
    """The report's HTML with the console's breadcrumb right after <body>."""
    treffer = _BODY.search(html)
    if treffer is None:
        return html
    invoeging = _STIJL + str(kruimelpad(kruimels, escape(hier)))
    return html[: treffer.end()] + invoeging + html[treffer.end() :]
