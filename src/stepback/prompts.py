"""The interactive quiz: one question at a time, with back, why, and nothing lost on Ctrl-C."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from stepback.core.outcomes import SKIP
from stepback.render.terminal_text import plural
from stepback.render.widgets import data_text

if TYPE_CHECKING:
    from stepback.core.models import Bank, Question

BACK = "b"
WHY = "?"
SKIP_KEY = "s"
QUIT = "q"


class QuizInterrupted(Exception):
    """Ctrl-C or end of input mid-quiz, carrying the answers given so far."""

    def __init__(self, answers: dict[str, str]) -> None:
        super().__init__("quiz interrupted")
        self.answers = answers


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


def run_quiz(console: Console, bank: Bank, answers: dict[str, str] | None = None) -> dict[str, str]:
    """Ask every question that applies (skipping those already answered) and return the answers.

    Raises ``QuizInterrupted`` with the answers so far on Ctrl-C or end of input.
    """
    answers = dict(answers or {})
    try:
        return _ask_all(console, bank, answers)
    except (KeyboardInterrupt, EOFError):
        console.print()
        raise QuizInterrupted(_applicable(bank, answers)) from None


def _applicable(bank: Bank, answers: dict[str, str]) -> dict[str, str]:
    asked = bank.asked(answers.get(bank.role_question))
    return {q.id: answers[q.id] for q in asked if q.id in answers}


def _ask_all(console: Console, bank: Bank, answers: dict[str, str]) -> dict[str, str]:
    asked = bank.asked(answers.get(bank.role_question))
    position = next((i for i, q in enumerate(asked) if q.id not in answers), len(asked))
    while True:
        asked = bank.asked(answers.get(bank.role_question))
        if position >= len(asked):
            return _applicable(bank, answers)
        question = asked[position]
        _show(console, question, position + 1, len(asked), answers.get(question.id))
        while True:
            skippable = question.id != bank.role_question
            reply = console.input(_prompt(question, question.id in answers, skippable)).strip()
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


def _show(
    console: Console, question: Question, number: int, total: int, current: str | None
) -> None:
    console.print()
    header = Text(f"{number}/{total}  ", style="bold cyan")
    header.append_text(data_text(question.text, "bold"))
    console.print(header)
    if question.help:
        console.print(data_text(question.help, "dim"))
    for index, choice in enumerate(question.choices, 1):
        line = Text(f"  {index}. ")
        line.append_text(data_text(choice.label))
        if choice.key == current:
            line.append("  (your answer)", style="green")
        console.print(line)
    if current == SKIP:
        console.print(Text("  (you skipped this one)", style="green"))


def _prompt(question: Question, answered: bool, skippable: bool) -> Text:
    skip = ", s skip" if skippable else ""
    keep = ", Enter keeps your answer" if answered else ""
    return Text(f"Answer [1-{len(question.choices)}{skip}, b back, ? why, q quit{keep}]: ")


def _why(console: Console, bank: Bank, question: Question) -> None:
    source = bank.source(question.why.source)
    console.print(Text("Why this is asked:", style="bold"))
    console.print(data_text(f"  “{question.why.text}”", "italic"))
    console.print(data_text(f"  — {source.attribution()}", "dim"))


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
