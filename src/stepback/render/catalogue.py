"""``stepback banks``: what the bundled banks are."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from stepback.files.banks import bundled_bank_names, load_bank

if TYPE_CHECKING:
    from rich.console import Console


def catalogue() -> list[dict[str, Any]]:
    rows = []
    for name in bundled_bank_names():
        bank = load_bank(name)
        rows.append(
            {
                "id": bank.id,
                "title": bank.title,
                "version": bank.version,
                "questions": len(bank.questions),
                "minutes": bank.minutes,
            }
        )
    return rows


def catalogue_markdown(rows: list[dict[str, Any]]) -> str:
    from stepback.render.terminal_text import clean

    def table_cell(value: str) -> str:
        return clean(value).replace("|", "\\|").replace("\n", " ")

    lines = ["| id | title | version | questions | minutes |", "| --- | --- | --- | ---: | ---: |"]
    for row in rows:
        cells = [
            table_cell(str(row[k])) for k in ("id", "title", "version", "questions", "minutes")
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def draw_catalogue(console: Console, rows: list[dict[str, Any]]) -> None:
    from rich.table import Table

    from stepback.render.widgets import data_text

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
