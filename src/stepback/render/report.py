"""The quiz report, drawn with Rich from the result document (the one ``--format json``
prints), so that every format says the same thing with the same rounding.

Two layouts. The short one is for a terminal: it ends with the verdict, so that when the
command returns the leaning, how sure it is and any warning are on the last screen. The full
one (``--full``, and every export) reads top-down like a document.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.text import Text

from stepback.render.documents import DRIVERS_SHOWN, FLIPS_SHOWN
from stepback.render.names import Names
from stepback.render.terminal_text import plural
from stepback.render.widgets import (
    Glyphs,
    bars,
    data_text,
    hanging_list,
    quoted,
    section,
)
from stepback.render.wording import (
    confidence,
    drivers_by_question,
    headline,
    leans_clearly,
    leans_on,
    settled_note,
    support_note,
)

SHORT_DRIVERS = 3
SHORT_STEPS = 3

Document = Mapping[str, Any]


def render_report(console: Console, names: Names, document: Document, *, full: bool) -> None:
    glyphs = Glyphs.for_console(console)
    parts = full_report(names, document, glyphs) if full else short_report(names, document, glyphs)
    for part in parts:
        console.print(part)


def short_report(names: Names, document: Document, glyphs: Glyphs) -> list[RenderableType]:
    """The essentials, verdict last."""
    parts: list[RenderableType] = [data_text(_title(names, document), "dim")]
    parts += _quotes(names, document, glyphs, limit=1 + len(document["tied"][1:]))
    if document["enough_answers"]:
        parts += _drivers(names, document, glyphs, SHORT_DRIVERS)
    if document["plan"] is not None:
        parts += [section("A tour-of-duty plan"), _plan_box(document["plan"], glyphs)]
    parts += _next_steps(names, document, glyphs, SHORT_STEPS)
    parts += _outcomes(names, document, glyphs)
    parts.append(Text())
    parts.append(_verdict(names, document, glyphs))
    parts.append(
        Text(
            "The full report (your factor profile, what would change it, every quote and next "
            "step, the sources): add --full, or --export report.html.",
            style="dim",
        )
    )
    return parts


def full_report(names: Names, document: Document, glyphs: Glyphs) -> list[RenderableType]:
    """Everything, verdict first."""
    leaning = document["leaning"]
    parts: list[RenderableType] = [_verdict(names, document, glyphs, title=True)]
    if leans_clearly(document):
        parts.append(Padding(data_text(names.description(leaning)), (1, 0, 0, 0)))
    parts += _outcomes(names, document, glyphs)
    parts.append(section("Your factor profile", "left: away from it, right: toward it"))
    unknown = set(document["unknown_factors"])
    parts.append(
        bars(
            (
                (names.factor(f), None if f in unknown else score)
                for f, score in document["factors"].items()
            ),
            glyphs,
        )
    )
    parts += _drivers(names, document, glyphs, DRIVERS_SHOWN)
    parts += _flips(names, document, glyphs)
    rests_on = leans_on(names, document)
    if rests_on:
        parts.append(section("What it rests on", "the bank's weights that carry the lead most"))
        parts.append(hanging_list(rests_on, glyphs))
    if document["plan"] is not None:
        parts += _plan(names, document["plan"], glyphs)
    parts += _quotes(names, document, glyphs, limit=None)
    parts += _next_steps(names, document, glyphs, None)
    if document["skipped"]:
        parts.append(section("Questions you skipped", "they count for nothing either way"))
        parts.append(hanging_list([names.question(q) for q in document["skipped"]], glyphs))
    parts.append(section("Sources"))
    parts.append(
        hanging_list([names.attribution(s) for s in names.sources], glyphs),
    )
    return parts


def _title(names: Names, document: Document) -> str:
    return f"{names.bank.title} · version {document['bank']['version']}"


def _verdict(names: Names, document: Document, glyphs: Glyphs, *, title: bool = False) -> Panel:
    lines: list[RenderableType] = []
    for warning in document["warnings"]:
        line = Text("Check your answers: ", style="bold yellow")
        line.append_text(data_text(warning["message"], "yellow"))
        lines.append(line)
    if lines:
        lines.append(Text())
    style = "bold cyan" if leans_clearly(document) else "bold"
    lines.append(data_text(headline(names, document), style))
    lines.append(data_text(confidence(names, document), "dim"))
    for note in (support_note(document), settled_note(document)):
        if note is not None:
            lines.append(data_text(note, "dim"))
    return Panel(
        Group(*lines),
        title=data_text(_title(names, document)) if title else None,
        title_align="left",
        box=glyphs.box,
    )


def _outcomes(names: Names, document: Document, glyphs: Glyphs) -> list[RenderableType]:
    return [
        section("Outcomes", "scores run from -1 to +1"),
        bars(((names.label(o), s) for o, s in document["outcomes"].items()), glyphs),
    ]


def _drivers(names: Names, document: Document, glyphs: Glyphs, limit: int) -> list[RenderableType]:
    """The answers that added most to the lead, one line per question (a question can drive
    through several factors)."""
    ranked = drivers_by_question(document, limit)
    over = f"{names.label(document['leaning'])} over {names.label(document['runner_up'])}"
    if not ranked:
        note = Text("   No single answer stands out: the outcomes are nearly level.", "dim")
        return [section("What drove it", over), note]
    items = []
    for question_id in ranked:
        line = quoted(names.question(question_id), glyphs)
        line.append(f" {glyphs.arrow} you answered ")
        line.append_text(
            data_text(names.choice(question_id, document["answers"][question_id]), "bold")
        )
        items.append(line)
    return [section("What drove it", over), hanging_list(items, glyphs)]


def _flips(names: Names, document: Document, glyphs: Glyphs) -> list[RenderableType]:
    heading = section("What would change this", "one answer moved one step")
    flips: Sequence[Mapping[str, str]] = document["flips"]
    if not flips:
        return [heading, Text("   No single one-step change to an answer would change it.")]
    items: list[str | Text] = []
    for flip in flips[:FLIPS_SHOWN]:
        line = quoted(names.question(flip["question"]), glyphs)
        line.append(": ")
        line.append_text(data_text(names.choice(flip["question"], flip["from"]), "bold"))
        line.append(f" {glyphs.arrow} ")
        line.append_text(data_text(names.choice(flip["question"], flip["to"]), "bold"))
        line.append(" would make it ")
        line.append_text(data_text(names.label(flip["leaning"]), "bold"))
        items.append(line)
    if len(flips) > FLIPS_SHOWN:
        more = len(flips) - FLIPS_SHOWN
        items.append(Text(f"and {plural(more, 'change')} of the same size or larger", "dim"))
    return [heading, hanging_list(items, glyphs)]


def _plan_box(plan: Mapping[str, Any], glyphs: Glyphs) -> Text:
    months = plan["months"]
    return Text(
        f"   Time box {months['min']} to {months['max']} months from {plan['start']}: "
        f"check in on {plan['check_in']}, review on {plan['review_date']} "
        f"(hand back, or extend once {glyphs.dash} up to {months['max']} months)."
    )


def _plan(names: Names, plan: Mapping[str, Any], glyphs: Glyphs) -> list[RenderableType]:
    parts: list[RenderableType] = [section("A tour-of-duty plan")]
    if plan["problem"] is not None:
        problem = Text("   What it is for (your answer): ")
        problem.append_text(data_text(plan["problem"], "italic"))
        parts.append(problem)
    parts.append(_plan_box(plan, glyphs))
    parts.append(Text("   Hand back when:"))
    parts.append(hanging_list([names.cite(h) for h in plan["handback"]], glyphs, indent=3))
    if plan["validate_first"]:
        parts.append(Text("   Validate cheaply first:"))
        parts.append(hanging_list(list(plan["validate_first"]), glyphs, indent=3))
    parts.append(
        data_text(f"   Source: {names.attribution(plan['source']['id'])}", "dim"),
    )
    return parts


def _quotes(
    names: Names, document: Document, glyphs: Glyphs, limit: int | None
) -> list[RenderableType]:
    quotes = document["quotes"] if limit is None else document["quotes"][:limit]
    items: list[str | Text] = []
    for quote in quotes:
        body = quoted(quote["text"], glyphs, "italic")
        body.append("\n")
        body.append_text(
            data_text(f"{glyphs.dash} {names.attribution(quote['source']['id'])}", "dim")
        )
        items.append(body)
    return [section("In their words"), hanging_list(items, glyphs)] if items else []


def _next_steps(
    names: Names, document: Document, glyphs: Glyphs, limit: int | None
) -> list[RenderableType]:
    steps = [names.cite(step) for step in document["next_steps"]]
    shown = steps if limit is None else steps[:limit]
    exploring = not leans_clearly(document)
    title = "Next steps: find out more" if exploring else "Next steps"
    note = "" if limit is None or len(steps) <= limit else f"{len(shown)} of {len(steps)}"
    return [section(title, note), hanging_list(shown, glyphs, numbered=True)]
