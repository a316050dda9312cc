"""``stepback banks``, drawn with Rich."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from stepback.render.widgets import data_text


def draw_catalogue(console: Console, rows: list[dict[str, Any]]) -> None:
    table = Table(show_edge=False, pad_edge=False)
    for column in ("id", "title", "version"):
        table.add_column(column)
    table.add_column("questions", justify="right")
    table.add_column("minutes", justify="right")
    for row in rows:
        table.add_row(
            data_text(row["id"]),
            data_text(row["title"]),
            data_text(row["version"]),
            str(row["questions"]),
            f"~{row['minutes']}",
        )
    console.print(table)
