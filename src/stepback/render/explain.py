"""``stepback explain``, drawn with Rich."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from stepback.core.explanation import SCORING_STEPS, feeding_questions, signatures
from stepback.core.outcomes import OUTCOMES
from stepback.core.scoring import answer_contributions, score
from stepback.render.widgets import answer_label, data_text, hanging_list, signed

if TYPE_CHECKING:
    from stepback.core.models import Bank


def render_explain(console: Console, bank: Bank, answers: Mapping[str, str] | None) -> None:
    names = {o: bank.outcome(o).name for o in OUTCOMES}
    console.print(data_text(f"{bank.title} · version {bank.version}", "bold"))
    console.print(Text("\nFactor weights", style="bold underline"))
    console.print(
        Text("How a positive score on each factor pushes toward each outcome.", style="dim")
    )
    weights = Table(show_edge=False, pad_edge=False)
    weights.add_column("factor")
    for outcome in OUTCOMES:
        weights.add_column(data_text(names[outcome]), justify="right")
    for factor in bank.factors:
        weights.add_row(data_text(factor.name), *(signed(factor.weights.of(o)) for o in OUTCOMES))
    console.print(weights)

    console.print(Text("\nWhat points to each outcome, and to no other", style="bold underline"))
    console.print(Text("the evidence each outcome needs of its own", style="dim"))
    factor_names = {f.id: f.name for f in bank.factors}
    for outcome, evidence in signatures(bank).items():
        console.print(data_text(names[outcome], "bold"))
        described = [f"{'high' if d > 0 else 'low'}: {factor_names[f]}" for f, d in evidence]
        console.print(hanging_list(described or ["nothing of its own"]))

    console.print(Text("\nWhat feeds each factor", style="bold underline"))
    console.print(Text("question: weight added by each choice, in order", style="dim"))
    fed = feeding_questions(bank)
    for factor in bank.factors:
        console.print(data_text(f"{factor.name} ({factor.id})", "bold"))
        for question_id, per_choice in fed[factor.id]:
            line = data_text(f"  {question_id}: ")
            line.append_text(data_text(", ".join(f"{k} {v:+g}" for k, v in per_choice.items())))
            console.print(line)

    if answers is not None:
        console.print(Text("\nYour answers' contributions", style="bold underline"))
        console.print(Text("each answer's share of each outcome score", style="dim"))
        table = Table(show_edge=False, pad_edge=False)
        table.add_column("question")
        table.add_column("answer")
        for outcome in OUTCOMES:
            table.add_column(data_text(names[outcome]), justify="right")
        for question_id, choice, shares in answer_contributions(score(bank, answers)):
            question = bank.question(question_id)
            table.add_row(
                data_text(question.text),
                data_text(answer_label(question, choice)),
                *(f"{shares[o]:+.3f}" for o in OUTCOMES),
            )
        console.print(table)

    console.print(Text("\nHow scoring works", style="bold underline"))
    console.print(hanging_list(SCORING_STEPS, numbered=True))
