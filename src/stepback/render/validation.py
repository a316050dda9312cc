"""``stepback validate``, drawn with Rich from the validation document."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from stepback.render.names import Names
from stepback.render.widgets import Glyphs, data_text, hanging_list, section
from stepback.render.wording import validation_figures


def column_name(names: Names, column: str) -> str:
    return "no clear leaning" if column == "none" else names.label(column)


def render_validation(console: Console, names: Names, document: Mapping[str, Any]) -> None:
    glyphs = Glyphs.for_console(console)
    console.print(data_text(f"{names.bank.title} · version {document['bank']['version']}", "bold"))
    for sentence in validation_figures(document):
        console.print(Text(sentence))
    console.print(section("Confusion matrix", "rows: what people chose; columns: the leaning"))
    confusion: Mapping[str, Mapping[str, int]] = document["confusion"]
    columns = list(next(iter(confusion.values())))
    table = Table(show_edge=False, pad_edge=False, box=glyphs.box)
    table.add_column("chose")
    for column in columns:
        table.add_column(data_text(column_name(names, column)), justify="right")
    table.add_column("recall", justify="right")
    for outcome, row in confusion.items():
        table.add_row(
            data_text(names.label(outcome)),
            *(str(row[c]) for c in columns),
            f"{document['recall'][outcome]:.0%}",
        )
    console.print(table)
    misses = [case for case in document["cases"] if not case["hit"]]
    console.print(section("Misses", str(len(misses))))
    items = []
    for miss in misses:
        line = data_text(f"{miss['file']}: chose {names.label(miss['expected'])}, got ")
        line.append_text(data_text(column_name(names, miss["leaning"]), "bold"))
        line.append(f" (margin {miss['margin']:.2f}, {miss['strength']})", style="dim")
        items.append(line)
    console.print(hanging_list(items, glyphs) if items else Text("   None."))
