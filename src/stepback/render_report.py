"""The quiz report, drawn with Rich."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from stepback.quote_selection import choose_quotes
from stepback.rich_widgets import data_text, signed, signed_bar
from stepback.scorer import OUTCOME_ORDER

if TYPE_CHECKING:
    from stepback.models import Bank, Quote
    from stepback.scorer import Result

STRONG_MARGIN = 0.2
MODERATE_MARGIN = 0.1


def strength_label(result: Result) -> str:
    if result.close_call:
        return "too close to call"
    if result.margin >= STRONG_MARGIN:
        return "strong"
    return "moderate" if result.margin >= MODERATE_MARGIN else "slight"


def render_report(console: Console, bank: Bank, result: Result) -> None:
    outcomes = bank.outcomes
    name = {o: getattr(outcomes, o).name for o in OUTCOME_ORDER}
    console.print(_headline(bank, result, name))
    console.print(_section("Outcomes"))
    console.print(_outcome_table(result, name))
    console.print(_section("Your factor profile", "left: away from it · right: toward it"))
    console.print(_factor_table(bank, result))
    console.print(_section("What drove it", f"lead of {name[result.leaning]} over {name[result.runner_up]}"))
    console.print(_drivers(bank, result))
    console.print(_section("In their words"))
    for quote in choose_quotes(bank, result):
        console.print(_quote(bank, quote))
    console.print(_section(f"Next steps: {name[result.leaning]}"))
    steps = getattr(outcomes, result.leaning).next_steps
    for number, step in enumerate(steps, 1):
        line = Text(f"  {number}. ")
        line.append_text(data_text(step))
        console.print(line)


def _headline(bank: Bank, result: Result, name: dict[str, str]) -> Panel:
    if result.close_call:
        title = Text("Too close to call: ", style="bold")
        title.append_text(data_text(name[result.leaning], "bold"))
        title.append(" and ", style="bold")
        title.append_text(data_text(name[result.runner_up], "bold"))
    else:
        title = Text("Your leaning: ", style="bold")
        title.append_text(data_text(name[result.leaning], "bold cyan"))
        title.append(f"  ({strength_label(result)})")
    detail = data_text(
        f"Lead over the runner-up, {name[result.runner_up]}: {result.margin:.2f} "
        "(outcome scores run from -1 to +1).",
        "dim",
    )
    description = data_text(getattr(bank.outcomes, result.leaning).description)
    subtitle = data_text(f"{bank.title} · version {bank.version}")
    return Panel(Group(title, detail, Text(), description), title=subtitle, title_align="left")


def _section(title: str, note: str = "") -> Text:
    text = Text(f"\n{title}", style="bold underline")
    if note:
        text.append(f"  ({note})", style="dim")
    return text


def _outcome_table(result: Result, name: dict[str, str]) -> Padding:
    table = Table.grid(padding=(0, 2))
    for outcome in OUTCOME_ORDER:
        marker = "▶" if outcome == result.leaning else " "
        table.add_row(
            Text(f"{marker} "),
            data_text(name[outcome]),
            signed_bar(result.outcomes[outcome]),
            Text(signed(result.outcomes[outcome])),
        )
    return Padding(table, (0, 0, 0, 1), expand=False)


def _factor_table(bank: Bank, result: Result) -> Padding:
    table = Table.grid(padding=(0, 2))
    for factor in bank.factors:
        value = result.factors[factor.id]
        table.add_row(data_text(factor.name), signed_bar(value), Text(signed(value)))
    return Padding(table, (0, 0, 0, 3), expand=False)


def _drivers(bank: Bank, result: Result) -> Group:
    questions = {q.id: q for q in bank.questions}
    factors = {f.id: f for f in bank.factors}
    lines = []
    for driver in result.drivers[:5]:
        question = questions[driver.question]
        label = question.choice(driver.choice).label
        line = Text("  • ")
        line.append_text(data_text(f"“{question.text}”"))
        line.append(" → ")
        line.append_text(data_text(label, "bold"))
        line.append("\n    via ")
        line.append_text(data_text(factors[driver.factor].name, "italic"))
        line.append(f", {driver.contribution:+.3f}", style="dim")
        lines.append(line)
    if not lines:
        lines.append(Text("  No single answer stands out: the outcomes are nearly level.", style="dim"))
    return Group(*lines)


def _quote(bank: Bank, quote: Quote) -> Padding:
    body = data_text(f"“{quote.text}”", "italic")
    attribution = data_text(f"— {bank.source(quote.source).attribution()}", "dim")
    return Padding(Group(body, attribution), (0, 2, 1, 2), expand=False)
