"""The ``stepback`` command line: option parsing, output and error reporting, nothing more.

Every other import happens inside the command that needs it, so that ``--version`` and
``--help`` stay fast and JSON output never loads Rich.
"""

# No `from __future__ import annotations` here: typer reads the annotations of every command
# on every run, even `--version`, and building the commands from string annotations takes
# more than twice as long.

import functools
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer

from stepback import __version__
from stepback.errors import EXIT_INTERRUPTED, StepbackError

if TYPE_CHECKING:
    from rich.console import Console

P = ParamSpec("P")
R = TypeVar("R")

EXIT_CODES_HELP = (
    "Exit codes: 0 success; 1 bad data (answers or bank file); 2 usage error; "
    "130 interrupted (your answers so far are saved)."
)

app = typer.Typer(
    name="stepback",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


class OutputFormat(StrEnum):
    rich = "rich"
    json = "json"
    markdown = "markdown"


class SchemaKind(StrEnum):
    bank = "bank"
    answers = "answers"


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
    from stepback.render.terminal_text import without_escapes

    typer.echo(without_escapes(message), err=True)


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
    """A decision-support quiz for engineers choosing between IC work, a management role, or
    a time-boxed tour of duty in management. Start with: stepback quiz
    """


BankOption = Annotated[
    str | None,
    typer.Option(
        "--bank",
        metavar="NAME|PATH",
        help="A bundled bank by name or a bank file (default: core). Example: --bank quick",
    ),
]
FormatOption = Annotated[
    OutputFormat,
    typer.Option(
        "--format", "-f", help="Output format: rich, json or markdown. Example: --format json"
    ),
]
ExportOption = Annotated[
    Path | None,
    typer.Option(
        "--export",
        metavar="FILE",
        help="Also write the report to FILE, by extension: .svg .html .md .txt .json. "
        "Example: --export report.svg",
    ),
]


def _emit(
    output_format: OutputFormat,
    *,
    document: Callable[[], dict[str, Any]],
    markdown: Callable[[dict[str, Any]], str],
    draw: "Callable[[Console], None]",
    export: Path | None = None,
    title: str = "stepback",
) -> None:
    """Print the report in ``output_format`` and write ``export`` if asked."""
    # The document is built at most once, and never when only Rich output is wanted.
    built = None if output_format is OutputFormat.rich and export is None else document()
    if output_format is OutputFormat.json:
        from stepback.render.export import json_text

        sys.stdout.write(json_text(built))
    elif output_format is OutputFormat.markdown:
        assert built is not None
        sys.stdout.write(markdown(built))
    else:
        from rich.console import Console

        draw(Console())
    if export is not None:
        from stepback.render.export import export_report

        assert built is not None
        export_report(
            export, document=built, markdown=lambda: markdown(built), draw=draw, title=title
        )


@app.command(epilog=EXIT_CODES_HELP)
@_report_errors
def quiz(
    answers: Annotated[
        str | None,
        typer.Option(
            "--answers",
            "-a",
            metavar="FILE",
            help="Answer from a TOML file instead of prompting; '-' reads stdin. "
            "Example: --answers my-answers.toml",
        ),
    ] = None,
    output_format: FormatOption = OutputFormat.rich,
    save: Annotated[
        Path | None,
        typer.Option(
            "--save",
            metavar="FILE",
            help="Also write your answers to FILE (TOML), to replay or compare later. "
            "Example: --save answers.toml",
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Overwrite an existing --save file without asking. "
            "Example: --save answers.toml --force",
        ),
    ] = False,
    resume: Annotated[
        bool,
        typer.Option(
            "--resume",
            help="Continue an interrupted quiz where it stopped. Example: stepback quiz --resume",
        ),
    ] = False,
    no_input: Annotated[
        bool,
        typer.Option(
            "--no-input",
            help="Never prompt: fail instead of asking. Example: --no-input --answers a.toml",
        ),
    ] = False,
    export: ExportOption = None,
    bank: BankOption = None,
) -> None:
    """Answer the questions and see your leaning: IC, manager, or a tour of duty.

    Interactive in a terminal; scripted with --answers.
    Example: stepback quiz --answers answers.toml --format json
    """
    from stepback.files.banks import DEFAULT_BANK, load_bank
    from stepback.session import QuizOptions, check_options

    options = QuizOptions(
        answers=answers,
        save=save,
        force=force,
        resume=resume,
        no_input=no_input,
        interactive_terminal=answers is None and stdin_is_terminal(),
        bank=bank,
    )
    check_options(options)
    if export is not None:
        from stepback.render.export import check_export_path

        check_export_path(export)
    bank_model = load_bank(bank or DEFAULT_BANK)
    if answers is not None:
        from stepback.session import scripted_answers

        chosen = scripted_answers(answers, bank_model, save)
    else:
        from rich.console import Console

        from stepback.session import interactive_answers

        # With JSON or Markdown on stdout the conversation goes to stderr, keeping stdout clean.
        prompts = Console(stderr=output_format is not OutputFormat.rich)
        chosen = interactive_answers(prompts, bank_model, options)

    from stepback.core.assessment import assess

    assessment = assess(bank_model, chosen)

    def document() -> dict[str, Any]:
        from stepback.render.documents import result_document

        return result_document(bank_model, assessment)

    def markdown(built: dict[str, Any]) -> str:
        from stepback.render.markdown import result_markdown

        return result_markdown(built, bank_model)

    def draw(console: "Console") -> None:
        from stepback.render.report import render_report

        render_report(console, bank_model, assessment)

    _emit(
        output_format,
        document=document,
        markdown=markdown,
        draw=draw,
        export=export,
        title=f"stepback: {bank_model.title}",
    )


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
    output_format: FormatOption = OutputFormat.rich,
    bank: BankOption = None,
) -> None:
    """Show the factor weights: each factor's weight toward each outcome, the questions that
    feed it, and how scoring works.

    Example: stepback explain --format json
    """
    from stepback.files.banks import DEFAULT_BANK, load_bank

    bank_model = load_bank(bank or DEFAULT_BANK)
    chosen = None
    if answers is not None:
        from stepback.files.answers import load_answers

        chosen = load_answers(answers, bank_model)

    def document() -> dict[str, Any]:
        from stepback.render.documents import explain_document

        return explain_document(bank_model, chosen)

    def markdown(built: dict[str, Any]) -> str:
        from stepback.render.markdown import explain_markdown

        return explain_markdown(built)

    def draw(console: "Console") -> None:
        from stepback.render.explain import render_explain

        render_explain(console, bank_model, chosen)

    _emit(output_format, document=document, markdown=markdown, draw=draw)


@app.command()
@_report_errors
def compare(
    old: Annotated[
        str, typer.Argument(metavar="OLD.toml", help="The earlier answers file. Example: a.toml")
    ],
    new: Annotated[
        str, typer.Argument(metavar="NEW.toml", help="The later answers file. Example: b.toml")
    ],
    output_format: FormatOption = OutputFormat.rich,
    export: ExportOption = None,
    bank: BankOption = None,
) -> None:
    """Compare two answers files for the same bank: the leaning then and now, each factor's
    change, and the answers that changed.

    Example: stepback compare january.toml june.toml
    """
    from stepback.core.comparison import compare
    from stepback.files.answers import load_answer_pair

    if export is not None:
        from stepback.render.export import check_export_path

        check_export_path(export)
    bank_model, old_answers, new_answers = load_answer_pair(old, new, bank)
    comparison = compare(bank_model, old_answers, new_answers)

    def document() -> dict[str, Any]:
        from stepback.render.documents import comparison_document

        return comparison_document(bank_model, comparison)

    def markdown(built: dict[str, Any]) -> str:
        from stepback.render.markdown import comparison_markdown

        return comparison_markdown(built, bank_model)

    def draw(console: "Console") -> None:
        from stepback.render.compare import render_compare

        render_compare(console, bank_model, comparison)

    _emit(
        output_format,
        document=document,
        markdown=markdown,
        draw=draw,
        export=export,
        title="stepback compare",
    )


@app.command()
@_report_errors
def banks(
    output_format: Annotated[
        OutputFormat,
        typer.Option("--format", "-f", help="rich, json or markdown. Example: --format json"),
    ] = OutputFormat.rich,
) -> None:
    """List the bundled question banks: id, title, version, questions and minutes.

    Example: stepback banks
    """
    from stepback.files.banks import catalogue

    rows = catalogue()

    def markdown(built: dict[str, Any]) -> str:
        from stepback.render.markdown import catalogue_markdown

        return catalogue_markdown(built["banks"])

    def draw(console: "Console") -> None:
        from stepback.render.catalogue import draw_catalogue

        draw_catalogue(console, rows)

    _emit(output_format, document=lambda: {"banks": rows}, markdown=markdown, draw=draw)


@app.command()
@_report_errors
def validate(
    folder: Annotated[
        Path,
        typer.Argument(
            metavar="DIR",
            help="A folder of answers files, each stating an expected outcome. "
            "Example: validation/accounts",
        ),
    ],
    output_format: FormatOption = OutputFormat.rich,
    bank: BankOption = None,
) -> None:
    """Score every answers file in DIR that states `expected = "ic"|"manager"|"tour"`, and
    show how often the leaning matches: the confusion matrix, accuracy, recall per outcome,
    and every miss with its margin and strength.

    Example: stepback validate validation/accounts --format json
    """
    from stepback.core.assessment import assess
    from stepback.core.validation import Validation, case
    from stepback.files.answers import load_expected_answers
    from stepback.files.banks import DEFAULT_BANK, load_bank

    bank_model = load_bank(bank or DEFAULT_BANK)
    validation = Validation.of(
        case(name, expected, assess(bank_model, answers))
        for name, expected, answers in load_expected_answers(folder, bank_model)
    )

    def document() -> dict[str, Any]:
        from stepback.render.documents import validation_document

        return validation_document(bank_model, validation)

    def markdown(built: dict[str, Any]) -> str:
        from stepback.render.markdown import validation_markdown

        return validation_markdown(built, bank_model)

    def draw(console: "Console") -> None:
        from stepback.render.validation import render_validation

        render_validation(console, bank_model, validation)

    _emit(output_format, document=document, markdown=markdown, draw=draw)


@app.command()
@_report_errors
def lint(
    paths: Annotated[
        list[Path],
        typer.Argument(metavar="PATH", help="Bank files to check. Example: questions/core.toml"),
    ],
    sources: Annotated[
        Path | None,
        typer.Option(
            "--sources",
            metavar="DIR",
            help="Also check that every quote is verbatim in its source file in DIR. "
            "Example: --sources ../shared/sources",
        ),
    ] = None,
) -> None:
    """Check bank files: every problem at once, one line each (path: location: problem),
    plus warnings about weak banks. Exit 1 when any file has a problem.

    Example: stepback lint questions/*.toml
    """
    from stepback.errors import EXIT_BAD_DATA
    from stepback.files.lint import lint_bank_file
    from stepback.render.terminal_text import without_escapes

    if sources is not None and not sources.is_dir():
        from stepback.errors import UsageError

        raise UsageError(f"--sources {sources}: not a directory")
    failed = False
    for path in paths:
        report = lint_bank_file(str(path), sources)
        for line in report.errors + report.warnings:
            typer.echo(without_escapes(line))
        failed = failed or bool(report.errors)
        if not report.errors and not report.warnings:
            typer.echo(f"{without_escapes(str(path))}: ok")
    if failed:
        raise typer.Exit(EXIT_BAD_DATA)


@app.command()
@_report_errors
def schema(
    kind: Annotated[
        SchemaKind,
        typer.Argument(help="Which file format: bank or answers. Example: stepback schema bank"),
    ],
) -> None:
    """Print the JSON Schema of a file format, for editors and other tools.

    Example: stepback schema bank > bank.schema.json
    """
    from stepback.files.schemas import schema_text

    sys.stdout.write(schema_text(kind.value))


def main() -> None:
    import gc

    # A command creates almost no cyclic garbage, but importing its libraries and validating a
    # bank build many objects, each batch of which triggers a needless collection; without
    # them every command starts sooner and a large bank loads faster (the benchmark measures
    # both). The interactive quiz, the one command that lives long, turns collection back on.
    gc.disable()
    app()
