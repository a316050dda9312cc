"""Where a quiz's answers come from and where they go: a file, the terminal, a resume file.

The rules it keeps: answers are never lost (Ctrl-C saves them, every write is atomic) and an
existing file is never overwritten without consent.
"""

from __future__ import annotations

import contextlib
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from stepback.errors import DataError, Interrupted, StepbackError, UsageError
from stepback.files.answers import answers_toml, load_answers, read_answers_file, resolve_answers
from stepback.files.atomic import write_atomic
from stepback.render.terminal_text import plural

if TYPE_CHECKING:
    from rich.console import Console

    from stepback.core.models import Bank

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
    # The --bank argument as given, to repeat it in the resume hint (a path for a bank file).
    bank: str | None = None


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


def scripted_answers(path: str, bank: Bank, save: Path | None) -> dict[str, str]:
    """The answers in the file at ``path``, also written to ``save`` (keys, not numbers)."""
    answers = load_answers(path, bank)
    if save is not None:
        save_answers(bank, answers, save)
    return answers


def interactive_answers(console: Console, bank: Bank, options: QuizOptions) -> dict[str, str]:
    """Ask in the terminal (continuing an interrupted quiz with ``--resume``); save on the way.

    Ctrl-C or end of input saves the answers so far and raises ``Interrupted``.
    """
    import gc

    from stepback.prompts import QuizInterrupted, run_quiz, welcome

    # The start-up work that made collection a waste is done; a person may now take minutes.
    gc.enable()

    resumed_from = _resume_source(bank, options) if options.resume else None
    start = _resume_answers(bank, resumed_from) if resumed_from is not None else {}
    if resumed_from is None and resume_path(bank).exists():
        console.print(
            f"You have an unfinished quiz: {resume_command(bank, options)} continues it.",
            style="yellow",
            markup=False,
        )
    welcome(console, bank, len(start))
    answers = start
    try:
        answers = run_quiz(console, bank, start)
        _save_finished(console, bank, answers, options, resumed_from)
    except QuizInterrupted as interruption:
        _save_interrupted(bank, interruption.answers, options, resumed_from)
    except (KeyboardInterrupt, EOFError):
        _save_interrupted(bank, answers, options, resumed_from)
    if resumed_from is not None and resumed_from == resume_path(bank):
        # Its quiz is finished: a later --resume must not offer it again.
        with contextlib.suppress(OSError):
            resumed_from.unlink()
    return answers


def resume_command(bank: Bank, options: QuizOptions, save: Path | None = None) -> str:
    """The command line that continues this quiz, with the same bank."""
    from stepback.files.banks import DEFAULT_BANK, bundled_bank_names

    command = "stepback quiz --resume"
    if options.bank is not None:
        given: str | None = options.bank
    else:
        # Without the --bank argument, only a bundled bank can be named for sure.
        given = bank.id if bank.id in bundled_bank_names() else None
    if given is None:
        command += " --bank <the same bank file>"
    elif given != DEFAULT_BANK:
        command += f" --bank {shlex.quote(given)}"
    if save is not None:
        command += f" --save {shlex.quote(str(save))}"
    return command


def _save_finished(
    console: Console,
    bank: Bank,
    answers: dict[str, str],
    options: QuizOptions,
    resumed_from: Path | None,
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
    if target.exists() and not options.force and target != resumed_from:
        question = f"{target} exists. Overwrite it? [y/N] "
        if not console.input(question, markup=False).strip().lower().startswith("y"):
            console.print("Not saved.", style="yellow")
            return
    save_answers(bank, answers, target)
    console.print(f"Answers saved to {target}.", style="dim", markup=False)


def _resume_source(bank: Bank, options: QuizOptions) -> Path:
    """The ``--save`` file if it exists (an interrupted quiz saved there), else the resume file."""
    candidates = [path for path in (options.save, resume_path(bank)) if path is not None]
    for path in candidates:
        if path.exists():
            return path
    looked = " or ".join(str(path) for path in candidates)
    raise DataError(f"no unfinished quiz to resume (looked for {looked})")


def _resume_answers(bank: Bank, path: Path) -> dict[str, str]:
    try:
        data = read_answers_file(str(path))
    except DataError as error:
        raise _unusable_resume_file(path, error) from None
    if data.bank_version is not None and (
        data.bank not in (None, bank.id) or data.bank_version != bank.version
    ):
        raise DataError(
            f"{path}: this unfinished quiz was for bank {data.bank or bank.id!r} version "
            f"{data.bank_version}, not {bank.id!r} version {bank.version}; "
            "its answers cannot be mixed in. Delete the file to start again."
        )
    try:
        return resolve_answers(data, bank, where=str(path), partial=True)
    except DataError as error:
        raise _unusable_resume_file(path, error) from None


def _unusable_resume_file(path: Path, error: DataError) -> DataError:
    return DataError(
        f"{error.message}\n{path}: this file holds the unfinished quiz; "
        "fix it, or delete it to start again"
    )


def _interrupt_target(
    bank: Bank, options: QuizOptions, resumed_from: Path | None
) -> tuple[Path, str]:
    """Where an interrupted quiz's answers go, and a note when that is not ``--save``."""
    save = options.save
    if save is None or options.force or save == resumed_from or not save.exists():
        return save or resume_path(bank), ""
    # Ctrl-C leaves no way to ask before overwriting, so an existing file is kept.
    return resume_path(bank), f" ({save} already exists, so it was left as it was)"


def _save_interrupted(
    bank: Bank, answers: dict[str, str], options: QuizOptions, resumed_from: Path | None
) -> NoReturn:
    counted = plural(len(answers), "answer")
    if not answers and resumed_from is None:
        # Writing nothing over an older resume file would lose the answers it holds.
        raise Interrupted("interrupted before the first answer; nothing to save")
    target, note = _interrupt_target(bank, options, resumed_from)
    text = answers_toml(bank, answers)
    try:
        write_atomic(target, text)
    except StepbackError as error:
        raise Interrupted(f"interrupted; {error.message}. Your {counted} so far:\n{text}") from None
    save = None if target == resume_path(bank) else target
    raise Interrupted(
        f"interrupted; your {counted} so far are saved in {target}{note}\n"
        f"continue with: {resume_command(bank, options, save)}"
    )


def save_answers(bank: Bank, answers: dict[str, str], target: Path) -> None:
    write_atomic(target, answers_toml(bank, answers))
