"""``stepback compare``, drawn with Rich from the comparison document."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.console import Console
from rich.text import Text

from stepback.render.names import Names
from stepback.render.widgets import Glyphs, bars, data_text, hanging_list, section


def render_compare(console: Console, names: Names, document: Mapping[str, Any]) -> None:
    glyphs = Glyphs.for_console(console)
    old, new = document["old"], document["new"]

    def leaning(summary: Mapping[str, Any]) -> Text:
        text = data_text(names.outcome(summary["leaning"]), "bold")
        note = "too close to call" if summary["close_call"] else f"lead {summary['margin']:.2f}"
        text.append(f" ({note})", style="dim")
        return text

    console.print(data_text(f"{names.bank.title} · version {document['bank']['version']}", "bold"))
    for label, summary in (("Then: ", old), ("Now:  ", new)):
        line = Text(label)
        line.append_text(leaning(summary))
        console.print(line)
    if document["leaning_changed"]:
        changed = Text("Your leaning has changed: ", style="bold")
        changed.append_text(data_text(names.outcome(old["leaning"]), "bold"))
        changed.append(f" {glyphs.arrow} ", style="bold")
        changed.append_text(data_text(names.outcome(new["leaning"]), "bold"))
        console.print(changed)
    else:
        console.print(Text("Your leaning has not changed.", style="dim"))
    console.print(section("Factor changes", "left: lower now, right: higher now"))
    # A change can run from -2 to +2: halve it so the bar spans the same width.
    rows = ((names.factor(f), v["change"] / 2) for f, v in document["factors"].items())
    console.print(bars(rows, glyphs))
    console.print(section("Answers that changed"))
    lines = [
        f"{names.question(c['question'])}  {names.choice(c['question'], c['old'])} "
        f"{glyphs.arrow} {names.choice(c['question'], c['new'])}"
        for c in document["changed_answers"]
    ]
    console.print(hanging_list(lines, glyphs) if lines else Text("   None: the same answers."))
