"""The ``stepback`` command line: option parsing and error reporting, nothing more.

Every other import happens inside the command that needs it, so that ``--version`` and
``--help`` stay fast.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, ParamSpec, TypeVar

import typer

from stepback import __version__
from stepback.errors import EXIT_INTERRUPTED, StepbackError

P = ParamSpec("P")
R = TypeVar("R")

EXIT_CODES_HELP = (
    "Exit codes: 0 success; 1 bad data (answers or bank file); 2 usage error; 130 interrupted "
    "(your answers so far are saved)."
)

app = typer.Typer(
    name="stepback",
    help="A decision-support quiz for engineers choosing between IC work, management, "
    "or a time-boxed tour of duty.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


class ReportFormat(StrEnum):
    rich = "rich"
    json = "json"


def stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


def _report_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn every StepbackError into its message on stderr and its exit code."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except StepbackError as error:
            _print_error(error.message)
            raise typer.Exit(error.exit_code) from None
        except KeyboardInterrupt:
            _print_error("interrupted")
            raise typer.Exit(EXIT_INTERRUPTED) from None

    return wrapper


def _print_error(message: str) -> None:
    from stepback.plain_text import clean

    typer.echo(clean(message), err=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"stepback {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """A decision-support quiz for engineers choosing between IC work, management, or a
    time-boxed tour of duty. Run `stepback quiz` to begin.
    """


BankOption = Annotated[
    str,
    typer.Option("--bank", help="A bundled bank by name (e.g. core) or a bank file path."),
]
FormatOption = Annotated[
    ReportFormat, typer.Option("--format", "-f", help="Output format: rich or json.")
]


@app.command(epilog=EXIT_CODES_HELP)
@_report_errors
def quiz(
    answers: Annotated[
        str | None,
        typer.Option(
            "--answers",
            "-a",
            metavar="FILE",
            help="Answer from a TOML file instead of prompting ('-' reads stdin). "
            "Example: stepback quiz --answers my-answers.toml",
        ),
    ] = None,
    output_format: FormatOption = ReportFormat.rich,
    save: Annotated[
        Path | None,
        typer.Option(
            "--save",
            metavar="FILE",
            help="Also write the answers to FILE (TOML) so they can be replayed. "
            "Example: --save answers.toml",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite an existing --save file.")
    ] = False,
    resume: Annotated[
        bool, typer.Option("--resume", help="Continue an interrupted quiz where it stopped.")
    ] = False,
    no_input: Annotated[
        bool, typer.Option("--no-input", help="Never prompt; fail instead of asking.")
    ] = False,
    bank: BankOption = "core",
) -> None:
    """Answer the questions and see your leaning: IC, manager, or a tour of duty.

    Interactive in a terminal; scripted with --answers.
    Example: stepback quiz --answers answers.toml --format json
    """
    from rich.console import Console

    from stepback.assessment import assess
    from stepback.banks import load_bank
    from stepback.quiz_session import QuizOptions, check_options, gather_answers

    options = QuizOptions(
        answers=answers,
        save=save,
        force=force,
        resume=resume,
        no_input=no_input,
        interactive_terminal=answers is None and stdin_is_terminal(),
    )
    check_options(options)
    bank_model = load_bank(bank)
    # With JSON on stdout, the conversation goes to stderr so the JSON stays clean.
    prompt_console = Console(stderr=output_format is ReportFormat.json)
    assessment = assess(bank_model, gather_answers(prompt_console, bank_model, options))
    if output_format is ReportFormat.json:
        from stepback.result_json import result_document

        _print_json(result_document(bank_model, assessment))
    else:
        from stepback.render_report import render_report

        render_report(Console(), bank_model, assessment)


def _print_json(document: object) -> None:
    import json

    sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=True) + "\n")


@app.command()
@_report_errors
def explain(
    answers: Annotated[
        str | None,
        typer.Option(
            "--answers",
            "-a",
            metavar="FILE",
            help="Also show each of your answers' contribution. Example: --answers answers.toml",
        ),
    ] = None,
    output_format: FormatOption = ReportFormat.rich,
    bank: BankOption = "core",
) -> None:
    """Show the factor weights: what each factor is worth toward each outcome, which
    questions feed it, and how scoring works.

    Example: stepback explain --format json
    """
    from stepback.answers import load_answers
    from stepback.banks import load_bank

    bank_model = load_bank(bank)
    chosen = load_answers(answers, bank_model) if answers is not None else None
    if output_format is ReportFormat.json:
        from stepback.explanation import explain_document

        _print_json(explain_document(bank_model, chosen))
        return
    from rich.console import Console

    from stepback.render_explain import render_explain

    render_explain(Console(), bank_model, chosen)


@app.command()
@_report_errors
def compare(
    old: Annotated[str, typer.Argument(metavar="OLD.toml", help="The earlier answers file.")],
    new: Annotated[str, typer.Argument(metavar="NEW.toml", help="The later answers file.")],
    output_format: FormatOption = ReportFormat.rich,
    bank: Annotated[
        str | None,
        typer.Option(
            "--bank", help="A bundled bank by name or a bank file path (default: the files' bank)."
        ),
    ] = None,
) -> None:
    """Compare two answers files for the same bank: the leaning then and now, each factor's
    change, and the answers that changed.

    Example: stepback compare january.toml june.toml
    """
    from stepback.comparison import compare_files

    comparison = compare_files(old, new, bank)
    if output_format is ReportFormat.json:
        from stepback.comparison import comparison_document

        _print_json(comparison_document(comparison))
        return
    from rich.console import Console

    from stepback.render_compare import render_compare

    render_compare(Console(), comparison)


def main() -> None:
    app()
