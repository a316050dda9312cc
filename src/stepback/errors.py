"""The one error family of stepback, and the exit codes it maps to.

Everything the user can get wrong (a file, a flag, an interruption) is raised as a
``StepbackError``; the CLI turns it into one message on stderr and its exit code, in one place.
"""

from __future__ import annotations

from collections.abc import Iterable

EXIT_BAD_DATA = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class StepbackError(Exception):
    """A problem to tell the user about, with the exit code it deserves."""

    exit_code = EXIT_BAD_DATA

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def problems_error(where: str, problems: Iterable[str]) -> DataError:
    """One ``DataError`` listing every problem of a file, one line each, prefixed by the file."""
    return DataError("\n".join(f"{where}: {problem}" for problem in problems))


class DataError(StepbackError):
    """A bank or answers file that cannot be used."""


class UsageError(StepbackError):
    """A flag or argument combination that makes no sense."""

    exit_code = EXIT_USAGE


class Interrupted(StepbackError):
    """The quiz was stopped: Ctrl-C, end of input, or a signal (then 128 + its number)."""

    exit_code = EXIT_INTERRUPTED

    def __init__(self, message: str, exit_code: int = EXIT_INTERRUPTED) -> None:
        super().__init__(message)
        self.exit_code = exit_code
