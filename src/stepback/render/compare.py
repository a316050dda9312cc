"""``stepback compare``, drawn with Rich."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from stepback.render.widgets import (
    answer_label,
    data_text,
    hanging_list,
    section,
    signed,
    signed_bar,
)

if TYPE_CHECKING:
    from stepback.core.comparison import Comparison
    from stepback.core.models import Bank
    from stepback.core.scoring import Score


def render_compare(console: Console, bank: Bank, comparison: Comparison) -> None:
    old, new = comparison.old, comparison.new

    def leaning(result: Score) -> Text:
        text = data_text(bank.outcome(result.leaning).name, "bold")
        note = "too close to call" if result.close_call else f"lead {result.margin:.2f}"
        text.append(f" ({note})", style="dim")
        return text

    console.print(data_text(f"{bank.title} · version {bank.version}", "bold"))
    then, now = Text("Then: "), Text("Now:  ")
    then.append_text(leaning(old))
    now.append_text(leaning(new))
    console.print(then)
    console.print(now)
    if comparison.leaning_changed:
        changed = Text("Your leaning has changed: ", style="bold")
        changed.append_text(data_text(bank.outcome(old.leaning).name, "bold"))
        changed.append(" → ", style="bold")
        changed.append_text(data_text(bank.outcome(new.leaning).name, "bold"))
        console.print(changed)
    else:
        console.print(Text("Your leaning has not changed.", style="dim"))
    console.print(section("Factor changes", "left: lower now, right: higher now"))
    table = Table.grid(padding=(0, 1))
    table.add_column(width=1)
    table.add_column(max_width=40)
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True, justify="right")
    for factor in bank.factors:
        change = comparison.factor_changes()[factor.id]
        # A change can run from -2 to +2: halve it so the bar spans the same width.
        table.add_row("", data_text(factor.name), signed_bar(change / 2), Text(signed(change)))
    console.print(table)
    console.print(section("Answers that changed"))
    lines = []
    for question_id, before, after in comparison.changed:
        question = bank.question(question_id)
        was, is_now = answer_label(question, before), answer_label(question, after)
        lines.append(f"{question.text}  {was} → {is_now}")
    console.print(hanging_list(lines) if lines else Text("   None: the same answers."))
