"""Where a quiz's answers come from and where they go: a file, the terminal, a resume file.

The rules it keeps: answers are never lost (Ctrl-C saves them, every write is atomic) and an
existing file is never overwritten without consent.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from stepback.answers import answers_toml, load_answers, read_answers_file, resolve_answers
from stepback.atomic_write import write_atomic
from stepback.errors import DataError, Interrupted, StepbackError, UsageError

if TYPE_CHECKING:
    from rich.console import Console

    from stepback.models import Bank

RESUME_PREFIX = "resume-"


def resume_path(bank: Bank) -> Path:
    import typer

    return Path(typer.get_app_dir("stepback")) / f"{RESUME_PREFIX}{bank.id}.toml"


@dataclass(frozen=True)
class QuizOptions:
    answers: str | None
    save: Path | None
    force: bool
    resume: bool
    no_input: bool
    interactive_terminal: bool


def check_options(options: QuizOptions) -> None:
    """Refuse flag combinations that cannot work, before any question is asked."""
    if options.answers is not None and options.resume:
        raise UsageError("--resume and --answers cannot be used together")
    if options.answers is None and options.no_input:
        raise UsageError("--no-input: there is nothing to answer from; pass --answers FILE")
    if options.answers is None and not options.interactive_terminal:
        raise UsageError(
            "standard input is not a terminal: pass --answers FILE (or --answers - to read stdin)"
        )
    save = options.save
    if save is not None and save.is_dir():
        raise UsageError(f"{save}: --save names a directory, not a file")
    prompting_allowed = options.interactive_terminal and not options.no_input
    if (
        save is not None
        and save.exists()
        and not options.force
        and not options.resume
        and not prompting_allowed
    ):
        raise UsageError(f"{save}: already exists; pass --force to overwrite it")


def gather_answers(console: Console, bank: Bank, options: QuizOptions) -> dict[str, str]:
    """The complete answers: from ``--answers``, or asked in the terminal (maybe resumed).

    Answers are saved to ``--save`` (or, when interactive, where the user says).
    """
    if options.answers is not None:
        answers = load_answers(options.answers, bank)
        if options.save is not None:
            save_answers(bank, answers, options.save)
        return answers
    from stepback.interactive import QuizInterrupted, run_quiz, welcome

    start = _resume_answers(bank, options) if options.resume else {}
    if not options.resume and resume_path(bank).exists():
        console.print(
            "You have an unfinished quiz: `stepback quiz --resume` continues it.", style="yellow"
        )
    welcome(console, bank, len(start))
    answers = start
    try:
        answers = run_quiz(console, bank, start)
        _save_finished(console, bank, answers, options)
    except QuizInterrupted as interruption:
        _save_interrupted(bank, interruption.answers, options.save)
    except (KeyboardInterrupt, EOFError):
        _save_interrupted(bank, answers, options.save)
    if options.resume and options.save is None:
        with contextlib.suppress(OSError):
            resume_path(bank).unlink()
    return answers


def _save_finished(
    console: Console, bank: Bank, answers: dict[str, str], options: QuizOptions
) -> None:
    target = options.save
    if target is None:
        reply = console.input(
            "\nSave your answers, to replay or compare them later? File name (Enter to skip): ",
            markup=False,
        ).strip()
        if not reply:
            return
        target = Path(reply)
    resuming_this_file = options.resume and target == options.save
    if target.exists() and not options.force and not resuming_this_file:
        question = f"{target} exists. Overwrite it? [y/N] "
        if not console.input(question, markup=False).strip().lower().startswith("y"):
            console.print("Not saved.", style="yellow")
            return
    save_answers(bank, answers, target)
    console.print(f"Answers saved to {target}.", style="dim", markup=False)


def _resume_answers(bank: Bank, options: QuizOptions) -> dict[str, str]:
    path = options.save or resume_path(bank)
    if not path.exists():
        raise DataError(f"{path}: no unfinished quiz to resume")
    data = read_answers_file(str(path))
    if data.bank_version is not None and (data.bank, data.bank_version) != (bank.id, bank.version):
        raise DataError(
            f"{path}: this unfinished quiz was for bank {data.bank!r} version "
            f"{data.bank_version}, not {bank.id!r} version {bank.version}; "
            "its answers cannot be mixed in. Delete the file to start again."
        )
    return resolve_answers(data, bank, where=str(path), partial=True)


def _save_interrupted(bank: Bank, answers: dict[str, str], save: Path | None) -> NoReturn:
    target = save or resume_path(bank)
    resume_hint = f"stepback quiz --resume --bank {bank.id}"
    if save is not None:
        resume_hint += f" --save {target}"
    text = answers_toml(bank, answers)
    try:
        write_atomic(target, text)
    except StepbackError as error:
        raise Interrupted(
            f"interrupted; {error.message}. Your {len(answers)} answers so far:\n{text}"
        ) from None
    raise Interrupted(
        f"interrupted; your {len(answers)} answers so far are saved in {target}\n"
        f"continue with: {resume_hint}"
    )


def save_answers(bank: Bank, answers: dict[str, str], target: Path) -> None:
    write_atomic(target, answers_toml(bank, answers))
