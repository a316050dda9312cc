"""The interactive quiz: one question at a time, with back, why, and nothing lost on Ctrl-C."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from stepback.core.curtailment import settled_leader
from stepback.core.outcomes import SKIP
from stepback.render.terminal_text import plural, the_last
from stepback.render.widgets import Glyphs, data_text, hanging_list, quoted
from stepback.session import Waiting

if TYPE_CHECKING:
    from stepback.core.models import Bank, Question

BACK = "b"
WHY = "?"
SKIP_KEY = "s"
QUIT = "q"
GO_ON = ("g", "go", "go on")


def welcome(console: Console, bank: Bank, resumed: int) -> None:
    count = bank.longest_quiz()
    console.print(data_text(bank.title, "bold"))
    console.print(data_text(bank.description))
    console.print(
        Text(
            f"Up to {plural(count, 'question')}, about {plural(bank.minutes, 'minute')}. "
            "Your answers stay on this machine: nothing is sent anywhere.\n"
            "Answer with a number or a choice. s skips a question you cannot answer (I don't "
            "know), b goes back, ? shows why a question is asked, q or Ctrl-C stops and keeps "
            "your answers so far.",
            style="dim",
        )
    )
    if resumed:
        console.print(Text(f"Resuming: {plural(resumed, 'answer')} kept.", style="bold"))


class Settling:
    """Stopping early: once the questions left cannot change the leaning, say so once and
    offer the result (unless ``thorough``); ``settled_after`` is how many were answered then."""

    def __init__(self, *, thorough: bool = False) -> None:
        self.thorough = thorough
        self.offered = False
        self.settled_after: int | None = None


def ask_all(
    console: Console,
    bank: Bank,
    answers: dict[str, str],
    start_at: int | None = None,
    settling: Settling | None = None,
) -> dict[str, str]:
    """Ask every question that applies, from ``start_at`` (default: the first unanswered
    one), and return the answers to the questions the role is asked.

    ``answers`` is updated as the person answers, so that an interruption (KeyboardInterrupt,
    EOFError) leaves in it everything given so far.
    """
    asked = bank.asked(answers.get(bank.role_question))
    position = start_at
    if position is None:
        position = next((i for i, q in enumerate(asked) if q.id not in answers), len(asked))
    while True:
        role = answers.get(bank.role_question)
        asked = bank.asked(role)
        if position >= len(asked):
            return {q.id: answers[q.id] for q in asked if q.id in answers}
        question = asked[position]
        if settling is not None and _stop_here(console, bank, answers, asked, settling):
            for rest in asked:
                answers.setdefault(rest.id, SKIP)
            return {q.id: answers[q.id] for q in asked}
        # Until the role is known, the count is the longest quiz any role gets.
        total = len(asked) if role is not None else bank.longest_quiz()
        _show(console, question, position + 1, total, answers.get(question.id))
        while True:
            skippable = question.id != bank.role_question
            prompt = _prompt(question, question.id in answers, skippable)
            reply = Waiting.reply(functools.partial(console.input, prompt)).strip()
            if reply.lower() == QUIT:
                raise KeyboardInterrupt
            if reply.lower() == SKIP_KEY and skippable:
                answers[question.id] = SKIP
                position += 1
                break
            if reply.lower() == BACK:
                if position == 0:
                    console.print(Text("This is the first question.", style="yellow"))
                    continue
                position -= 1
                break
            if reply == WHY:
                _why(console, bank, question)
                continue
            if not reply and question.id in answers:
                position += 1
                break
            key = _match(question, reply)
            if key is None:
                valid = ", ".join(c.key for c in question.choices)
                skip = ", s = skip" if skippable else ""
                console.print(
                    data_text(
                        f"Please answer with a number from 1 to {len(question.choices)} "
                        f"or one of: {valid} (b = back, ? = why{skip}, q = quit).",
                        "yellow",
                    )
                )
                continue
            answers[question.id] = key
            position += 1
            break


def _stop_here(
    console: Console,
    bank: Bank,
    answers: dict[str, str],
    asked: list[Question],
    settling: Settling,
) -> bool:
    """Whether to stop because the leaning is settled (asked once, never when thorough)."""
    if settling.offered or settling.thorough or bank.role_question not in answers:
        return False
    left = [q for q in asked if q.id not in answers]
    given = {q.id: answers[q.id] for q in asked if q.id in answers}
    leader = settled_leader(bank, given)
    if not left or leader is None:
        return False
    settling.offered = True
    name = bank.outcome(leader).name
    console.print()
    console.print(
        data_text(
            f"Whatever you answer to {the_last(len(left), 'question')}, your leaning "
            f"stays: {name}. Going on still sharpens your factor profile, what drove it, and "
            "how sure the result is.",
            "bold",
        )
    )
    while True:
        reply = (
            Waiting.reply(
                lambda: console.input("Enter: see the result now; g: go on with the questions: ")
            )
            .strip()
            .lower()
        )
        if reply == QUIT:
            raise KeyboardInterrupt
        if reply in GO_ON:
            return False
        if not reply:
            break
        # A stray answer typed out of habit must not end the quiz unasked.
        console.print(
            Text("Press Enter to see the result now, or g to go on with the questions.", "yellow")
        )
    settling.settled_after = len(given)
    return True


def _show(
    console: Console, question: Question, number: int, total: int, current: str | None
) -> None:
    console.print()
    header = Table.grid(padding=(0, 1))
    header.add_column(no_wrap=True)
    header.add_column()
    header.add_row(Text(f"{number}/{total}", style="bold cyan"), data_text(question.text, "bold"))
    console.print(header)
    if question.help:
        console.print(data_text(question.help, "dim"))
    choices = Table.grid(padding=(0, 1))
    choices.add_column(width=4, justify="right")
    choices.add_column()
    for index, choice in enumerate(question.choices, 1):
        label = data_text(choice.label)
        if choice.key == current:
            label.append("  (your answer)", style="green")
        choices.add_row(f"{index}.", label)
    console.print(choices)
    if current == SKIP:
        console.print(Text("     (you skipped this one)", style="green"))


def _prompt(question: Question, answered: bool, skippable: bool) -> Text:
    skip = ", s skip" if skippable else ""
    keep = ", Enter keeps your answer" if answered else ""
    return Text(f"Answer [1-{len(question.choices)}{skip}, b back, ? why, q quit{keep}]: ")


def _why(console: Console, bank: Bank, question: Question) -> None:
    glyphs = Glyphs.for_console(console)
    source = bank.source(question.why.source)
    console.print(Text("Why this is asked:", style="bold"))
    passage = quoted(question.why.text, glyphs, "italic")
    passage.append("\n")
    passage.append_text(data_text(f"{glyphs.dash} {source.attribution()}", "dim"))
    console.print(hanging_list([passage], glyphs))


def _match(question: Question, reply: str) -> str | None:
    """The choice a reply names: its number, its key or its label, in any case.

    Only ASCII digits count as a number: ``"²".isdigit()`` is true, but it is no number.
    """
    if reply.isascii() and reply.isdigit():
        index = int(reply)
        return question.choices[index - 1].key if 1 <= index <= len(question.choices) else None
    wanted = " ".join(reply.casefold().replace("_", " ").split())
    for choice in question.choices:
        if wanted in (
            " ".join(choice.key.casefold().replace("_", " ").split()),
            choice.label.casefold(),
        ):
            return choice.key
    return None
