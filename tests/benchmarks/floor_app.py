"""The floor F of the start-up benchmark: the least any typer + rich + pydantic command can do.

One typer command with one option parses a three-line TOML string with ``tomllib``, validates
it into a three-field pydantic model and prints one line with a Rich console. Every stepback
command that uses the same libraries pays at least this much; ``startup.py`` sets stepback's
budgets as ratios to it, measured in the same run.

Run: ``python tests/benchmarks/floor_app.py --name x``
"""

from __future__ import annotations

import tomllib
from typing import Annotated

import typer
from pydantic import BaseModel
from rich.console import Console

DOCUMENT = """\
name = "floor"
count = 3
ratio = 0.5
"""


class Settings(BaseModel):
    name: str
    count: int
    ratio: float


app = typer.Typer()


@app.command()
def main(name: Annotated[str, typer.Option(help="A name to print.")] = "floor") -> None:
    """Parse, validate and print one line."""
    settings = Settings.model_validate(tomllib.loads(DOCUMENT))
    Console().print(f"{name}: {settings.name} {settings.count} {settings.ratio}")


if __name__ == "__main__":
    app()
