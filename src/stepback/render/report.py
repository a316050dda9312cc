"""The quiz report, drawn with Rich."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from stepback.core.outcomes import OUTCOMES
from stepback.render.documents import DRIVERS_SHOWN, FLIPS_SHOWN
from stepback.render.widgets import (
    data_text,
    hanging_list,
    joined,
    section,
    signed,
    signed_bar,
)

if TYPE_CHECKING:
    from stepback.core.assessment import Assessment
    from stepback.core.confidence import Flip
    from stepback.core.models import Bank, Quote
    from stepback.core.scoring import Score
    from stepback.core.tour_plan import Plan


def render_report(console: Console, bank: Bank, assessment: Assessment) -> None:
    result = assessment.score
    leaning = bank.outcome(result.leaning)
    runner_up = bank.outcome(result.runner_up)
    console.print(_headline(bank, assessment))
    if assessment.warnings:
        console.print(section("Check your answers"))
        console.print(hanging_list([w.message for w in assessment.warnings]))
    console.print(section("Outcomes", "scores run from -1 to +1"))
    console.print(_bars((bank.outcome(o).label, result.outcomes[o]) for o in OUTCOMES))
    console.print(section("Your factor profile", "left: away from it, right: toward it"))
    console.print(_bars((f.name, result.factors[f.id]) for f in bank.factors))
    console.print(section("What drove it", f"{leaning.label} over {runner_up.label}"))
    console.print(_drivers(bank, result))
    console.print(section("What would change this", "one answer moved one step"))
    console.print(_flips(bank, assessment.flips))
    if assessment.plan is not None:
        console.print(section("A tour-of-duty plan"))
        console.print(_plan(bank, assessment.plan))
    console.print(section("In their words"))
    for quote in assessment.quotes:
        console.print(_quote(bank, quote))
    console.print(section(f"Next steps: {leaning.label}"))
    console.print(hanging_list(leaning.next_steps, numbered=True))
    # Every source, since descriptions and next steps cite them by id, e.g. "(s003)".
    console.print(section("Sources"))
    console.print(hanging_list([f"{s.id}: {s.attribution()}" for s in bank.sources]))


def _headline(bank: Bank, assessment: Assessment) -> Panel:
    result = assessment.score
    leaning = bank.outcome(result.leaning)
    runner_up = bank.outcome(result.runner_up)
    if not result.enough_answers:
        title = Text(
            f"Not enough answers to lean on: {result.answered} of {result.asked} answered",
            style="bold",
        )
    elif result.close_call:
        title = Text("Too close to call: ", style="bold")
        title.append_text(data_text(joined(bank.outcome(o).name for o in result.tied), "bold"))
    else:
        title = Text("Your leaning: ", style="bold")
        title.append_text(data_text(leaning.name, "bold cyan"))
        title.append(f" ({assessment.strength})")
    detail = data_text(
        f"Lead over the runner-up ({runner_up.label}): {result.margin:.2f}. "
        f"{assessment.stability:.0%} of single-step answer changes keep this leaning.",
        "dim",
    )
    description = data_text(leaning.description)
    subtitle = data_text(f"{bank.title} · version {bank.version}")
    return Panel(Group(title, detail, Text(), description), title=subtitle, title_align="left")


def _bars(rows: Iterable[tuple[str, float]]) -> Table:
    table = Table.grid(padding=(0, 1))
    table.add_column(width=1)
    table.add_column(max_width=40)
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True, justify="right")
    for name, value in rows:
        table.add_row("", data_text(name), signed_bar(value), Text(signed(value)))
    return table


def _flips(bank: Bank, flips: Sequence[Flip]) -> Table | Text:
    if not flips:
        return Text("   No single one-step change to an answer would change the leaning.")
    lines = []
    for flip in flips[:FLIPS_SHOWN]:
        question = bank.question(flip.question)
        line = data_text(f"“{question.text}”: ")
        line.append_text(data_text(question.choice(flip.from_key).label, "bold"))
        line.append(" → ")
        line.append_text(data_text(question.choice(flip.to_key).label, "bold"))
        line.append(" would make it ")
        line.append_text(data_text(bank.outcome(flip.leaning).label, "bold"))
        lines.append(line)
    if len(flips) > FLIPS_SHOWN:
        lines.append(Text(f"and {len(flips) - FLIPS_SHOWN} more (see --format json)", "dim"))
    return _bulleted(lines)


def _plan(bank: Bank, plan: Plan) -> Group:
    first = []
    if plan.problem is not None:
        first.append(data_text(f"The problem it is for, in your words: {plan.problem}"))
    first.append(
        Text(
            f"Time box: {plan.months_min} to {plan.months_max} months from {plan.start:%Y-%m-%d}. "
            f"Review on {plan.review_date:%Y-%m-%d}: hand back, or extend once, up to "
            f"{plan.months_max} months."
        )
    )
    return Group(
        _bulleted(first),
        _bulleted([Text("Hand back when:")]),
        Padding(hanging_list(plan.handback), (0, 0, 0, 4)),
        _bulleted([Text("Validate cheaply first:")]),
        Padding(hanging_list(plan.validate_first), (0, 0, 0, 4)),
        Padding(
            data_text(f"Source: {bank.source(plan.source).attribution()}", "dim"), (0, 0, 0, 4)
        ),
    )


def _bulleted(lines: list[Text]) -> Table:
    table = Table.grid(padding=(0, 1))
    table.add_column(width=3, justify="right")
    table.add_column()
    for line in lines:
        table.add_row("•", line)
    return table


def _drivers(bank: Bank, result: Score) -> Table | Text:
    if not result.drivers:
        return Text("  No single answer stands out: the outcomes are nearly level.", style="dim")
    factors = {f.id: f for f in bank.factors}
    lines = []
    for driver in result.drivers[:DRIVERS_SHOWN]:
        question = bank.question(driver.question)
        line = data_text(f"“{question.text}” ")
        line.append("→ ")
        line.append_text(data_text(question.choice(driver.choice).label, "bold"))
        line.append("\n")
        line.append_text(data_text(factors[driver.factor].name, "italic"))
        line.append(f"  {driver.contribution:+.3f}", style="dim")
        lines.append(line)
    return _bulleted(lines)


def _quote(bank: Bank, quote: Quote) -> Table:
    table = Table.grid(padding=(0, 1))
    table.add_column(width=3)
    table.add_column()
    body = data_text(f"“{quote.text}”", "italic")
    body.append("\n")
    body.append_text(data_text(f"— {bank.source(quote.source).attribution()}", "dim"))
    table.add_row("", body)
    table.add_row("", "")
    return table
