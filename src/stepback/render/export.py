"""``--export FILE``: the full report written to a file as well as printed, by extension."""

from __future__ import annotations

import html
import io
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stepback.errors import UsageError
from stepback.files.atomic import write_atomic
from stepback.render.documents import json_text
from stepback.render.terminal_text import without_escapes

if TYPE_CHECKING:
    from rich.console import Console

    from stepback.core.models import Bank

EXPORT_SUFFIXES = (".html", ".svg", ".md", ".txt", ".json")
EXPORT_WIDTH = 100
# Rich's SVG asks a public CDN for its font: a report must not reach the network.
_FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}\s*", re.DOTALL)
_SVG_OPEN = re.compile(r'<svg class="([^"]+)" viewBox="0 0 ([\d.]+) ([\d.]+)"')


def check_export_path(path: Path) -> None:
    """Refuse an unknown extension before any work is done."""
    suffix = path.suffix.lower()
    if suffix not in EXPORT_SUFFIXES:
        raise UsageError(
            f"--export {path}: unknown file type {suffix or '(no extension)'}; "
            f"choose one of {', '.join(EXPORT_SUFFIXES)}"
        )


def export_report(
    path: Path,
    *,
    bank: Bank,
    document: Mapping[str, Any],
    markdown: Callable[[], str],
    draw: Callable[[Console], None],
    title: str,
) -> None:
    suffix = path.suffix.lower()
    if suffix == ".json":
        text = json_text(document)
    elif suffix == ".md":
        text = markdown()
    elif suffix == ".html":
        from stepback.render.html import html_report

        text = html_report(bank, document)
    else:
        text = _recorded(draw, suffix, title)
    write_atomic(path, text)


def _recorded(draw: Callable[[Console], None], suffix: str, title: str) -> str:
    from rich.console import Console

    # A picture keeps its colours whatever the terminal is; the text export has none.
    console = Console(
        record=True,
        file=io.StringIO(),
        width=EXPORT_WIDTH,
        force_terminal=suffix == ".svg",
        color_system="truecolor" if suffix == ".svg" else None,
        no_color=suffix != ".svg",
    )
    draw(console)
    if suffix == ".svg":
        return fixed_size_svg(
            console.export_svg(title=html.escape(without_escapes(title)), clear=False)
        )
    return "\n".join(line.rstrip() for line in console.export_text(clear=False).splitlines()) + "\n"


def fixed_size_svg(svg: str) -> str:
    """Rich's SVG, with its own size (legible when opened on its own) and no web fonts."""
    svg = _FONT_FACE.sub("", svg)
    return _SVG_OPEN.sub(
        lambda m: (
            f'<svg class="{m.group(1)}" width="{m.group(2)}" height="{m.group(3)}" '
            f'viewBox="0 0 {m.group(2)} {m.group(3)}"'
        ),
        svg,
        count=1,
    )
