"""The ``stepback`` command line: option parsing, output and error reporting, nothing more.

Every other import happens inside the command that needs it, so that ``--version`` and
``--help`` stay fast and JSON output never loads Rich.
"""

# No `from __future__ import annotations` here: typer reads the annotations of every command
# on every run, even `--version`, and building the commands from string annotations takes
# more than twice as long.

import contextlib
import functools
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer

from stepback import __version__
from stepback.errors import EXIT_INTERRUPTED, EXIT_USAGE, StepbackError

if TYPE_CHECKING:
    from rich.console import Console

    from stepback.core.models import Bank
    from stepback.session import QuizOptions

P = ParamSpec("P")
R = TypeVar("R")
Document = dict[str, Any]

EXIT_CODES_HELP = (
    "Exit codes: 0 success; 1 bad data (answers or bank file); 2 usage error; "
    "130 interrupted, or 129, 131, 143 when the terminal closed or the quiz was killed (your "
    "answers so far are saved)."
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
    return sys.stdin is not None and sys.stdin.isatty()


def stdout_is_terminal() -> bool:
    return sys.stdout is not None and sys.stdout.isatty()


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

    # The terminal may be gone (a closed window): the answers are saved before this point,
    # and a message nobody can read is no reason for a traceback.
    with contextlib.suppress(OSError, ValueError):
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
        help="Also write the full report to FILE, by extension: .html .svg .md .txt .json. "
        "Example: --export report.html",
    ),
]


def _rich_output(draw: "Callable[[Console], None]", *, page: bool = False) -> None:
    """Draw on stdout at a readable width. A pipe or file gets no trailing spaces; with
    ``page``, a terminal gets a pager when the output is taller than the screen."""
    from rich.console import Console

    from stepback.render.widgets import reading_width

    console = Console(width=reading_width(Console()))
    if console.is_terminal and not page:
        draw(console)
        return
    with console.capture() as captured:
        draw(console)
    text = "\n".join(line.rstrip() for line in captured.get().splitlines()) + "\n"
    if console.is_terminal and text.count("\n") > console.height:
        import os
        import pydoc

        # Quit at once when it fits after all; keep colours and the last screen on exit.
        os.environ.setdefault("LESS", "FRX")
        pydoc.pager(text)
    else:
        sys.stdout.write(text)


def _emit(
    output_format: OutputFormat,
    document: Document,
    *,
    markdown: Callable[[Document], str],
    draw: "Callable[[Console, bool], None]",
    full: bool = True,
) -> None:
    """Print ``document`` in ``output_format``: every format renders the same document."""
    if output_format is OutputFormat.json:
        from stepback.render.documents import json_text

        sys.stdout.write(json_text(document))
    elif output_format is OutputFormat.markdown:
        sys.stdout.write(markdown(document))
    else:
        _rich_output(lambda console: draw(console, full), page=full)


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
    full: Annotated[
        bool,
        typer.Option(
            "--full",
            help="Show the whole report (factor profile, what would change it, every quote "
            "and next step, sources), in a pager when it is long. Example: --answers a.toml "
            "--full",
        ),
    ] = False,
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
            help="Overwrite an existing --save or --export file without asking. "
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
    thorough: Annotated[
        bool,
        typer.Option(
            "--thorough",
            help="Ask every question, without offering the result once the rest cannot change "
            "the leaning. Example: stepback quiz --thorough",
        ),
    ] = False,
    export: ExportOption = None,
    bank: BankOption = None,
) -> None:
    """Answer the questions and see your leaning: IC, manager, or a tour of duty.

    Interactive in a terminal; scripted with --answers.
    Example: stepback quiz --answers answers.toml --format json
    """
    from stepback.files.banks import DEFAULT_BANK, load_bank, resolve_bank
    from stepback.session import QuizOptions, check_options

    inputs = tuple(Path(p) for p in (answers, resolve_bank(bank or DEFAULT_BANK).path) if p)
    options = QuizOptions(
        answers=answers,
        save=save,
        force=force,
        resume=resume,
        no_input=no_input,
        interactive_terminal=answers is None and stdin_is_terminal(),
        bank=bank,
        export=export,
        inputs=tuple(p for p in inputs if str(p) != "-"),
        thorough=thorough,
    )
    check_options(options)
    if export is not None:
        from stepback.render.export import check_export_path

        check_export_path(export)
    bank_model = load_bank(bank or DEFAULT_BANK)

    def show(
        chosen: dict[str, str], settled_after: int | None, console: "Console | None" = None
    ) -> None:
        document = _result_document(bank_model, chosen, settled_after)
        _emit(
            output_format,
            document,
            markdown=lambda built: _result_markdown(built, bank_model),
            draw=lambda console, wide: _draw_result(console, bank_model, document, wide),
            full=full,
        )
        if export is not None:
            _export(export, bank_model, document, options, console)

    if answers is not None:
        from stepback.session import scripted_answers

        show(*scripted_answers(answers, bank_model, options, note=_print_error))
        return

    from rich.console import Console

    from stepback.session import InteractiveQuiz

    # The questions go to the terminal; when the report goes to a file, a pipe, or is JSON or
    # Markdown, they go to stderr, which is still the terminal, and stdout stays clean.
    to_stderr = output_format is not OutputFormat.rich or not stdout_is_terminal()
    prompts = Console(stderr=to_stderr)
    InteractiveQuiz(
        prompts, bank_model, options, show=lambda chosen, settled: show(chosen, settled, prompts)
    ).run()


def _result_document(
    bank: "Bank", answers: dict[str, str], settled_after: int | None = None
) -> Document:
    from stepback.core.assessment import assess
    from stepback.render.documents import result_document

    return result_document(bank, assess(bank, answers), settled_after)


def _result_markdown(document: Document, bank: "Bank") -> str:
    from stepback.render.markdown import result_markdown

    return result_markdown(document, bank)


def _draw_result(console: "Console", bank: "Bank", document: Document, full: bool) -> None:
    from stepback.render.names import Names
    from stepback.render.report import render_report

    render_report(console, Names(bank), document, full=full)


def _export(
    path: Path,
    bank: "Bank",
    document: Document,
    options: "QuizOptions",
    console: "Console | None",
) -> None:
    """Write the full report to ``path``; in an interactive quiz, ask before replacing a
    file (a scripted run was refused at the start instead)."""
    from stepback.render.export import export_report

    if path.exists() and not options.force and console is not None:
        question = f"{path} exists. Overwrite it with the report? [y/N] "
        if not console.input(question, markup=False).strip().lower().startswith("y"):
            console.print(f"Report not exported; {path} is unchanged.", markup=False)
            return
    export_report(
        path,
        bank=bank,
        document=document,
        markdown=lambda: _result_markdown(document, bank),
        draw=lambda console: _draw_result(console, bank, document, True),
        title=f"stepback: {bank.title}",
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
    corpus: Annotated[
        Path | None,
        typer.Option(
            "--corpus",
            metavar="DIR",
            help="Also show which weights most often carry the leaning over the answers files "
            "in DIR. Example: --corpus validation/accounts",
        ),
    ] = None,
    output_format: FormatOption = OutputFormat.rich,
    bank: BankOption = None,
) -> None:
    """Show the factor weights: each factor's weight toward each outcome, what points to each
    outcome, the questions that feed each factor, and how scoring works.

    Example: stepback explain --format json
    """
    from stepback.files.banks import DEFAULT_BANK, load_bank
    from stepback.render.documents import explain_document

    bank_model = load_bank(bank or DEFAULT_BANK)
    chosen = None
    if answers is not None:
        from stepback.files.answers import load_answers

        chosen = load_answers(answers, bank_model)
    answer_sets = None
    if corpus is not None:
        from stepback.files.answers import load_answer_folder

        answer_sets = load_answer_folder(corpus, bank_model)

    def markdown(built: Document) -> str:
        from stepback.render.markdown import explain_markdown

        return explain_markdown(built)

    def draw(console: "Console", full: bool) -> None:
        from stepback.render.explain import render_explain
        from stepback.render.names import Names

        render_explain(console, Names(bank_model), document)

    document = explain_document(bank_model, chosen, answer_sets)
    _emit(output_format, document, markdown=markdown, draw=draw, full=False)


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
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Overwrite an existing --export file. Example: --export c.html --force",
        ),
    ] = False,
    bank: BankOption = None,
) -> None:
    """Compare two answers files for the same bank: the leaning then and now, each factor's
    change, and the answers that changed.

    Example: stepback compare january.toml june.toml
    """
    from stepback.core.comparison import compare as compare_answers
    from stepback.files.answers import load_answer_pair
    from stepback.render.documents import comparison_document

    if export is not None:
        from stepback.files.atomic import target_problem
        from stepback.render.export import check_export_path

        check_export_path(export)
        problem = target_problem(export, (Path(old), Path(new)))
        if problem is not None:
            from stepback.errors import UsageError

            raise UsageError(f"--export {problem}")
        if export.exists() and not force:
            from stepback.errors import UsageError

            raise UsageError(f"--export {export}: already exists; pass --force to overwrite it")
    bank_model, old_answers, new_answers = load_answer_pair(old, new, bank)
    document = comparison_document(
        bank_model, compare_answers(bank_model, old_answers, new_answers)
    )

    def markdown(built: Document) -> str:
        from stepback.render.markdown import comparison_markdown

        return comparison_markdown(built, bank_model)

    def draw(console: "Console", full: bool = True) -> None:
        from stepback.render.compare import render_compare
        from stepback.render.names import Names

        render_compare(console, Names(bank_model), document)

    _emit(output_format, document, markdown=markdown, draw=draw, full=False)
    if export is not None:
        from stepback.render.export import export_report

        export_report(
            export,
            bank=bank_model,
            document=document,
            markdown=lambda: markdown(document),
            draw=draw,
            title="stepback compare",
        )


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
    """Score every answers file in DIR (and the folders in it) that states `expected =
    "ic"|"manager"|"tour"`, and show how often the leaning matches: the confusion matrix,
    accuracy, recall per outcome, and every miss with its margin and strength.

    Example: stepback validate validation/accounts --format json
    """
    from stepback.core.assessment import assess
    from stepback.core.validation import Validation, case
    from stepback.files.answers import load_expected_answers
    from stepback.files.banks import DEFAULT_BANK, load_bank
    from stepback.render.documents import validation_document

    bank_model = load_bank(bank or DEFAULT_BANK)
    validation = Validation.of(
        case(name, expected, assess(bank_model, answers))
        for name, expected, answers in load_expected_answers(folder, bank_model)
    )
    document = validation_document(bank_model, validation)

    def markdown(built: Document) -> str:
        from stepback.render.markdown import validation_markdown

        return validation_markdown(built, bank_model)

    def draw(console: "Console", full: bool) -> None:
        from stepback.render.names import Names
        from stepback.render.validation import render_validation

        render_validation(console, Names(bank_model), document)

    _emit(output_format, document, markdown=markdown, draw=draw, full=False)


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

    def markdown(built: Document) -> str:
        from stepback.render.markdown import catalogue_markdown

        return catalogue_markdown(built["banks"])

    def draw(console: "Console", full: bool) -> None:
        from stepback.render.catalogue import draw_catalogue

        draw_catalogue(console, rows)

    _emit(output_format, {"banks": rows}, markdown=markdown, draw=draw, full=False)


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
            "Example: --sources sources",
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


def _streams_usable() -> bool:
    """Standard output (or error) closed by the caller (`>&-`) is said in one line, not a
    traceback; output the terminal's encoding cannot carry degrades instead of crashing."""
    if sys.stdout is None or sys.stderr is None:
        if sys.stderr is not None:
            sys.stderr.write("stepback: standard output is closed; nothing can be shown\n")
        return False
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if not encoding.startswith("utf") and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    return True


def main() -> None:
    import gc

    # A command creates almost no cyclic garbage, but importing its libraries and validating a
    # bank build many objects, each batch of which triggers a needless collection; without
    # them every command starts sooner and a large bank loads faster (the benchmark measures
    # both). The interactive quiz, the one command that lives long, turns collection back on.
    gc.disable()
    if not _streams_usable():
        raise SystemExit(EXIT_USAGE)
    try:
        app()
    finally:
        _settle_streams()


def _settle_streams() -> None:
    """When the terminal is gone (a closed window), flushing what is left fails at exit and
    Python would change the exit code to 120; point the streams at nothing instead, so the
    code says what happened (129 after a hang-up, with the answers saved)."""
    import os

    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            with contextlib.suppress(OSError, ValueError):
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, stream.fileno())
                os.close(devnull)
