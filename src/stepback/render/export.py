"""``--export FILE``: the report written to a file as well as printed, chosen by extension."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stepback.errors import UsageError
from stepback.files.atomic import write_atomic

if TYPE_CHECKING:
    from rich.console import Console

EXPORT_SUFFIXES = (".svg", ".html", ".md", ".txt", ".json")
EXPORT_WIDTH = 100


def check_export_path(path: Path) -> None:
    """Refuse an unknown extension or a folder before any work is done."""
    suffix = path.suffix.lower()
    if suffix not in EXPORT_SUFFIXES:
        raise UsageError(
            f"--export {path}: unknown file type {suffix or '(no extension)'}; "
            f"choose one of {', '.join(EXPORT_SUFFIXES)}"
        )
    if path.is_dir():
        raise UsageError(f"--export {path}: is a directory")


def json_text(document: Any) -> str:
    # ASCII escapes keep any control character in file-borne text inert.
    return json.dumps(document, indent=2, ensure_ascii=True) + "\n"


def export_report(
    path: Path,
    *,
    document: dict[str, Any],
    markdown: Callable[[], str],
    draw: Callable[[Console], None],
    title: str,
) -> None:
    suffix = path.suffix.lower()
    if suffix == ".json":
        text = json_text(document)
    elif suffix == ".md":
        text = markdown()
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
        force_terminal=True,
        color_system="truecolor",
        no_color=False,
    )
    draw(console)
    if suffix == ".svg":
        return console.export_svg(title=title, clear=False)
    if suffix == ".html":
        return console.export_html(clear=False)
    return console.export_text(clear=False)
