"""``stepback explain``, drawn with Rich from the explanation document."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from stepback.render.names import Names
from stepback.render.terminal_text import plural
from stepback.render.widgets import Glyphs, data_text, hanging_list, section, signed


def render_explain(console: Console, names: Names, document: Mapping[str, Any]) -> None:
    glyphs = Glyphs.for_console(console)
    outcomes: Mapping[str, Mapping[str, Any]] = document["outcomes"]
    console.print(data_text(f"{document['bank']['title']} · version {document['bank']['version']}"))
    console.print(section("Factor weights", "how a positive score pushes toward each outcome"))
    weights = Table(show_edge=False, pad_edge=False, box=glyphs.box)
    weights.add_column("factor")
    # Short labels over columns of numbers: the full names would wrap a narrow table.
    for outcome in outcomes.values():
        weights.add_column(data_text(outcome["label"]), justify="right")
    for factor in document["factors"]:
        weights.add_row(data_text(factor["name"]), *(signed(w) for w in factor["weights"].values()))
    console.print(weights)

    # Each section is one Text: a print call per line costs more than the lines themselves.
    console.print(section("What points to each outcome, and to no other", "its signature"))
    signatures = Text()
    for outcome in outcomes.values():
        signatures.append_text(data_text(outcome["name"] + "\n", "bold"))
        evidence = [f"{s['direction']}: {names.factor(s['factor'])}" for s in outcome["signature"]]
        for item in evidence or ["nothing of its own"]:
            signatures.append_text(data_text(f"  {glyphs.bullet} {item}\n"))
    console.print(signatures, end="")

    console.print(section("What feeds each factor", "question: what each choice adds"))
    feeds = Text()
    for factor in document["factors"]:
        feeds.append_text(data_text(f"{factor['name']} ({factor['id']})\n", "bold"))
        for feed in factor["fed_by"]:
            adds = ", ".join(
                f"{names.choice(feed['question'], key)} {weight:+g}"
                for key, weight in feed["choices"].items()
            )
            feeds.append_text(
                data_text(f"  {glyphs.bullet} {names.question(feed['question'])}: {adds}\n")
            )
    console.print(feeds, end="")

    if "deciding_weights" in document:
        console.print(
            section("The weights that most often carry a leaning", "over the answers given")
        )
        items = [
            f"{names.factor(d['factor'])}, weighted {d['weight']:+g} toward "
            f"{names.label(d['outcome'])}: {plural(d['answer_sets'], 'answer set')}"
            for d in document["deciding_weights"]
        ]
        console.print(hanging_list(items or ["none: no answer set leans clearly"], glyphs))

    if "contributions" in document:
        console.print(section("Your answers' contributions", "each answer's share of each score"))
        table = Table(show_edge=False, pad_edge=False, box=glyphs.box)
        table.add_column("question")
        table.add_column("your answer")
        for outcome in outcomes.values():
            table.add_column(data_text(outcome["label"]), justify="right")
        for entry in document["contributions"]:
            table.add_row(
                data_text(names.question(entry["question"])),
                data_text(names.choice(entry["question"], entry["choice"])),
                *(signed(v) for v in entry["outcomes"].values()),
            )
        console.print(table)

    console.print(section("How scoring works"))
    steps = "\n".join(f"{n}. {step}" for n, step in enumerate(document["scoring_steps"], 1))
    console.print(data_text(steps))
    console.print(Text())
