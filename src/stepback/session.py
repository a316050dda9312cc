"""Where a quiz's answers come from and where they go: a file, the terminal, a resume file.

The rules it keeps: answers are never lost, however a session ends (Ctrl-C, end of input, a
closed terminal, a signal, a full disk); every write is atomic; no file is replaced without
consent, and an input of the run or another quiz's resume file is never replaced at all.
"""

from __future__ import annotations

import contextlib
import gc
import os
import shlex
import signal
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, NamedTuple, NoReturn

import typer

from stepback.errors import EXIT_INTERRUPTED, DataError, Interrupted, UsageError
from stepback.files.answers import answers_toml, read_answers_file, resolve_answers
from stepback.files.atomic import expand, target_problem, write_atomic
from stepback.files.banks import DEFAULT_BANK, bundled_bank_names
from stepback.files.reading import display_name
from stepback.render.terminal_text import plural

if TYPE_CHECKING:
    from rich.console import Console

    from stepback.core.models import Bank

RESUME_PREFIX = "resume-"
# The signals that end a session from outside: a closed terminal or lost ssh connection,
# logout or `kill`, and Ctrl-\. Each saves the answers as Ctrl-C does.
ENDING_SIGNALS = (signal.SIGHUP, signal.SIGTERM, signal.SIGQUIT)


class SessionEnded(KeyboardInterrupt):
    """The session was ended by a signal; handled wherever Ctrl-C is."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


class Waiting:
    """Whether the quiz is waiting for a reply, the one moment a signal may end it at once,
    and the ending signals received so far."""

    now = False
    ended: list[int] = []  # noqa: RUF012 - one quiz per process: state, not a constant

    @classmethod
    def reply(cls, ask: Callable[[], str]) -> str:
        if cls.ended:
            raise SessionEnded(cls.ended[0])
        cls.now = True
        try:
            return ask()
        finally:
            cls.now = False


def app_folder() -> Path:
    """The folder for resume files. An empty XDG_CONFIG_HOME counts as unset, as the XDG
    specification says, instead of meaning the current folder."""
    if os.environ.get("XDG_CONFIG_HOME", None) == "":
        os.environ.pop("XDG_CONFIG_HOME")
    return Path(typer.get_app_dir("stepback"))


def resume_path(bank: Bank, number: int = 1) -> Path:
    suffix = "" if number == 1 else f"-{number}"
    return app_folder() / f"{RESUME_PREFIX}{bank.id}{suffix}.toml"


def resume_files(bank: Bank) -> list[Path]:
    """This bank's resume files, the most recently written first."""
    found = [p for p in app_folder().glob(f"{RESUME_PREFIX}{bank.id}*.toml") if p.is_file()]
    own = [p for p in found if p.stem == f"{RESUME_PREFIX}{bank.id}" or _numbered(p, bank)]
    return sorted(own, key=lambda p: p.stat().st_mtime, reverse=True)


def _numbered(path: Path, bank: Bank) -> bool:
    rest = path.stem.removeprefix(f"{RESUME_PREFIX}{bank.id}-")
    return rest != path.stem and rest.isdigit()


class QuizOptions(NamedTuple):
    answers: str | None
    save: Path | None
    force: bool
    resume: bool
    no_input: bool
    interactive_terminal: bool
    # The --bank argument as given, to repeat it in the resume hint (a path for a bank file).
    bank: str | None = None
    export: Path | None = None
    inputs: tuple[Path, ...] = ()  # the files this run reads: never written over
    thorough: bool = False  # ask everything, even once the leaning is settled

    @property
    def prompting(self) -> bool:
        return self.interactive_terminal and not self.no_input


def check_options(options: QuizOptions) -> None:
    """Refuse what cannot work, before any question is asked."""
    if options.answers is not None and options.resume:
        raise UsageError("--resume and --answers cannot be used together")
    if options.answers is None and options.no_input:
        raise UsageError("--no-input: there is nothing to answer from; pass --answers FILE")
    if options.answers is None and not options.interactive_terminal:
        raise UsageError(
            "standard input is not a terminal: pass --answers FILE (or --answers - to read stdin)"
        )
    for flag, target in (("--save", options.save), ("--export", options.export)):
        if target is None:
            continue
        if str(target) == "-":
            raise UsageError(f"{flag} -: give a file name (to print the report, use --format)")
        problem = target_problem(target, options.inputs)
        if problem is not None:
            raise UsageError(f"{flag} {problem}")
        resumes_there = flag == "--save" and options.resume
        if target.exists() and not options.force and not resumes_there and not options.prompting:
            raise UsageError(f"{flag} {target}: already exists; pass --force to overwrite it")


def scripted_answers(
    path: str, bank: Bank, options: QuizOptions, note: Callable[[str], None]
) -> tuple[dict[str, str], int | None]:
    """The answers in the file at ``path`` and where its quiz settled (if it stopped early),
    also written to ``--save`` (keys, not numbers).

    A file saved for another version of the bank is scored, with a note that says so.
    """
    data = read_answers_file(path)
    answers = resolve_answers(data, bank, where=display_name(path))
    if data.bank_version is not None and data.bank_version != bank.version:
        note(
            f"{display_name(path)}: these answers were saved for version "
            f"{data.bank_version} of the bank; scoring them with version {bank.version}"
        )
    if options.save is not None:
        save_answers(bank, answers, options.save, data.settled_after)
    return answers, data.settled_after


def save_answers(
    bank: Bank, answers: dict[str, str], target: Path, settled_after: int | None = None
) -> None:
    write_atomic(target, answers_toml(bank, answers, settled_after), private=True)


class InteractiveQuiz:
    """One quiz in the terminal, from the first question to the save offer.

    ``show`` prints the report for a finished set of answers; it runs before the save offer,
    so that people decide after seeing the result.
    """

    def __init__(
        self,
        console: Console,
        bank: Bank,
        options: QuizOptions,
        show: Callable[[dict[str, str], int | None], None],
    ) -> None:
        self.console = console
        self.bank = bank
        self.options = options
        self.show = show
        self.answers: dict[str, str] = {}
        self.settled_after: int | None = None
        self.resumed_from: Path | None = None
        self.own_resume: Path | None = None  # the resume file this quiz wrote or continues
        self.replaced: Path | None = None  # an unfinished quiz the person chose to start over from

    def run(self) -> dict[str, str]:
        # Here, not at the top: the prompts draw with Rich, which a scripted quiz never loads.
        from stepback.prompts import Settling, ask_all, welcome

        # The start-up work that made collection a waste is done; a person may now take minutes.
        gc.enable()
        Waiting.ended.clear()
        self._choose_start()
        welcome(self.console, self.bank, len(self.answers))
        start_at: int | None = None
        settling = Settling(thorough=self.options.thorough)
        with _signals_end_the_session():
            while True:
                try:
                    self.answers = ask_all(
                        self.console, self.bank, self.answers, start_at, settling
                    )
                except (KeyboardInterrupt, EOFError) as interruption:
                    self._interrupted(interruption)
                self.settled_after = settling.settled_after
                # Finished: kept safe before anything else is printed or asked.
                self._keep(self.answers)
                self.show(self.answers, self.settled_after)
                try:
                    decision = self._offer_save()
                except (KeyboardInterrupt, EOFError) as interruption:
                    self._interrupted(interruption, finished=True)
                if decision != "back":
                    break
                settling.settled_after = None  # going back means answering again
                start_at = len(self.bank.asked(self.answers.get(self.bank.role_question))) - 1
        self._forget_resume_files()
        return self.answers

    # -- where it starts ------------------------------------------------------------------

    def _choose_start(self) -> None:
        if self.options.resume:
            self.resumed_from = self._resume_source()
        else:
            waiting = resume_files(self.bank)
            if waiting:
                older = waiting[0]
                count = _count_answers(older)
                question = (
                    f"You have an unfinished quiz ({plural(count, 'answer')}, in {older}). "
                    "Continue it? [Y/n] "
                )
                reply = Waiting.reply(lambda: self.console.input(question, markup=False))
                reply = reply.strip().lower()
                if reply.startswith("n"):
                    self.replaced = older
                    self.console.print(
                        f"Starting over; the unfinished quiz stays in {older} until this one "
                        "is done.",
                        style="dim",
                        markup=False,
                    )
                else:
                    self.resumed_from = older
        if self.resumed_from is not None:
            self.answers = _resume_answers(self.bank, self.resumed_from)
            if self.resumed_from != self.options.save:
                self.own_resume = self.resumed_from

    def _resume_source(self) -> Path:
        """The ``--save`` file if it exists (an interrupted quiz saved there), else the newest
        resume file."""
        save = self.options.save
        if save is not None and save.exists():
            return save
        waiting = resume_files(self.bank)
        if waiting:
            return waiting[0]
        looked = " or ".join(str(p) for p in (save, resume_path(self.bank)) if p is not None)
        raise DataError(f"no unfinished quiz to resume (looked for {looked})")

    # -- keeping answers ------------------------------------------------------------------

    def _resume_target(self) -> Path:
        """This quiz's own resume file: never another quiz's, even of the same bank."""
        if self.own_resume is None:
            number = 1
            while resume_path(self.bank, number).exists():
                number += 1
            self.own_resume = resume_path(self.bank, number)
        return self.own_resume

    def _keep(self, answers: dict[str, str]) -> Path:
        target = self._resume_target()
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, answers_toml(self.bank, answers, self.settled_after), private=True)
        return target

    def _interrupted(self, interruption: BaseException, *, finished: bool = False) -> NoReturn:
        """Save what there is, first; then say where, if anyone is still listening."""
        # Signals that arrived while not waiting for a reply (a closing terminal sends SIGHUP
        # along with the end of input) were only noted: nothing cuts this save short.
        answers = _applicable(self.bank, self.answers)
        code = EXIT_INTERRUPTED
        if isinstance(interruption, SessionEnded):
            code = 128 + interruption.signum
        elif Waiting.ended:
            code = 128 + Waiting.ended[0]
        counted = plural(len(answers), "answer")
        if not answers and self.resumed_from is None:
            raise Interrupted("interrupted before the first answer; nothing to save", code)
        target, note = self._interrupt_target()
        text = answers_toml(self.bank, answers)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(target, text, private=True)
        except (DataError, OSError) as error:
            reason = error.message if isinstance(error, DataError) else str(error)
            raise Interrupted(
                f"interrupted; {reason}. Your {counted} so far:\n{text}", code
            ) from None
        with contextlib.suppress(OSError, ValueError):  # the terminal may be gone already
            self.console.print()
        save = None if target == self.own_resume else target
        again = "see the report again and save" if finished else "continue"
        raise Interrupted(
            f"interrupted; your {counted} so far are saved in {target}{note}\n"
            f"{again} with: {resume_command(self.bank, self.options, save)}",
            code,
        )

    def _interrupt_target(self) -> tuple[Path, str]:
        """Where an interrupted quiz's answers go, and a note when that is not ``--save``."""
        save = self.options.save
        if save is None:
            return self._resume_target(), ""
        replaceable = self.options.force or save == self.resumed_from or not save.exists()
        if replaceable and target_problem(save, self.options.inputs) is None:
            return save, ""
        # An interruption leaves no way to ask before overwriting, so an existing file is kept.
        return self._resume_target(), f" ({save} already exists, so it was left as it was)"

    def _forget_resume_files(self) -> None:
        """The quiz is done: its resume file, and one it started over from, are not needed."""
        for path in (self.own_resume, self.replaced):
            if path is not None:
                with contextlib.suppress(OSError):
                    path.unlink()

    # -- the save offer -------------------------------------------------------------------

    def _offer_save(self) -> str:
        """Save the answers, or not: ``saved``, ``skipped`` or ``back``."""
        target = self.options.save
        while True:
            if target is None:
                self.console.print("\nSave your answers, to replay or compare them later?")
                reply = Waiting.reply(
                    lambda: self.console.input(
                        "File name (Enter to skip, b to change an answer): ", markup=False
                    )
                ).strip()
                if not reply:
                    self.console.print("Not saved.", style="dim")
                    return "skipped"
                if reply.lower() == "b":
                    return "back"
                target = save_name(reply)
            problem = target_problem(target, self.options.inputs)
            asks = problem is None and target.exists() and not self.options.force
            question = f"{target} exists. Overwrite it? [y/N] "
            if asks and target != self.resumed_from and not _confirm(self.console, question):
                target = None
                continue
            if problem is None:
                try:
                    save_answers(self.bank, self.answers, target, self.settled_after)
                except DataError as error:
                    problem = error.message
            if problem is not None:
                self.console.print(f"{problem}. Try another name.", style="yellow", markup=False)
                target = None
                continue
            command = f"stepback quiz --answers {shlex.quote(str(target))} --full"
            bank = _bank_argument(self.bank, self.options)
            if bank:
                command += f" --bank {bank}"
            self.console.print(
                f"Answers saved to {target} (readable by you only). The full report: {command}",
                style="dim",
                markup=False,
            )
            return "saved"


def save_name(reply: str) -> Path:
    """A name typed at the save offer: ``~`` and variables expanded, ``.toml`` added when no
    extension is given (so ``1`` saves ``1.toml``)."""
    path = expand(reply)
    if path.suffix or path.is_dir() or reply.endswith(("/", os.sep)):
        return path  # a folder is named as typed, so that the message can say it is one
    return path.with_name(f"{path.name}.toml")


def _confirm(console: Console, question: str) -> bool:
    reply = Waiting.reply(lambda: console.input(question, markup=False))
    return reply.strip().lower().startswith("y")


def _applicable(bank: Bank, answers: dict[str, str]) -> dict[str, str]:
    asked = bank.asked(answers.get(bank.role_question))
    return {q.id: answers[q.id] for q in asked if q.id in answers}


def _count_answers(path: Path) -> int:
    try:
        return len(read_answers_file(str(path)).answers)
    except DataError:
        return 0


def _bank_argument(bank: Bank, options: QuizOptions) -> str | None:
    """The --bank argument that names this bank again, None for the default one."""
    if options.bank is not None:
        return None if options.bank == DEFAULT_BANK else shlex.quote(options.bank)
    if bank.id in bundled_bank_names():
        return None if bank.id == DEFAULT_BANK else bank.id
    return "<the same bank file>"


def resume_command(bank: Bank, options: QuizOptions, save: Path | None = None) -> str:
    """The command line that continues this quiz, with the same bank."""
    command = "stepback quiz --resume"
    given = _bank_argument(bank, options)
    if given is not None:
        command += f" --bank {given}"
    if save is not None:
        command += f" --save {shlex.quote(str(save))}"
    return command


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


@contextlib.contextmanager
def _signals_end_the_session(signals: Sequence[signal.Signals] = ENDING_SIGNALS) -> Iterator[None]:
    """While the quiz runs, a closing terminal or a kill ends it as Ctrl-C does: at once while
    it waits for a reply, otherwise at the next question, so that no write is cut short."""

    def end(signum: int, frame: FrameType | None) -> None:
        Waiting.ended.append(signum)
        if Waiting.now:
            raise SessionEnded(signum)

    previous = {}
    for number in signals:
        with contextlib.suppress(ValueError, OSError):  # not the main thread, or no such signal
            previous[number] = signal.signal(number, end)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
