"""``stepback compare``, drawn with Rich."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from stepback.rich_widgets import data_text, hanging_list, section, signed, signed_bar

if TYPE_CHECKING:
    from stepback.comparison import Comparison
    from stepback.scorer import Result


def render_compare(console: Console, comparison: Comparison) -> None:
    bank = comparison.bank
    old, new = comparison.old, comparison.new

    def leaning(result: Result) -> Text:
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
    if old.leaning == new.leaning:
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
    questions = {q.id: q for q in bank.questions}
    lines = []
    for question_id, before, after in comparison.changed:
        question = questions[question_id]
        was = question.choice(before).label if before else "not asked"
        is_now = question.choice(after).label if after else "not asked"
        lines.append(f"{question.text}  {was} → {is_now}")
    console.print(hanging_list(lines) if lines else Text("   None: the same answers."))
