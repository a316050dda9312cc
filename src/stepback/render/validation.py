"""``stepback validate``, drawn with Rich."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from stepback.core.outcomes import OUTCOMES
from stepback.render.widgets import data_text, section

if TYPE_CHECKING:
    from stepback.core.models import Bank
    from stepback.core.validation import Column, Validation


def column_name(bank: Bank, column: Column) -> str:
    for outcome in OUTCOMES:
        if outcome == column:
            return bank.outcome(outcome).label
    return "no clear leaning"


def render_validation(console: Console, bank: Bank, validation: Validation) -> None:
    console.print(data_text(f"{bank.title} · version {bank.version}", "bold"))
    hits = sum(c.hit for c in validation.cases)
    console.print(
        Text(f"Accuracy: {validation.accuracy:.0%} ({hits} of {len(validation.cases)} accounts)")
    )
    console.print(section("Confusion matrix", "rows: what people chose; columns: the leaning"))
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("chose")
    for column in validation.columns:
        table.add_column(data_text(column_name(bank, column)), justify="right")
    table.add_column("recall", justify="right")
    confusion = validation.confusion
    for outcome in OUTCOMES:
        table.add_row(
            data_text(bank.outcome(outcome).label),
            *(str(confusion[outcome][c]) for c in validation.columns),
            f"{validation.recall[outcome]:.0%}",
        )
    console.print(table)
    misses = [c for c in validation.cases if not c.hit]
    console.print(section("Misses", "none" if not misses else f"{len(misses)}"))
    for miss in misses:
        line = data_text(f"  {miss.name}: chose {bank.outcome(miss.expected).label}, got ")
        line.append_text(data_text(column_name(bank, miss.got), "bold"))
        line.append(f" (margin {miss.margin:.2f}, {miss.strength})", style="dim")
        console.print(line)
