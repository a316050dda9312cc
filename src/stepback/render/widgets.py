"""Small Rich building blocks shared by the report and the explanation."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text

from stepback.core.outcomes import SKIP
from stepback.render.terminal_text import without_escapes

if TYPE_CHECKING:
    from stepback.core.models import Question

BAR_HALF = 10


def answer_label(question: Question, key: str | None) -> str:
    """How an answer reads to a person: its label, "skipped", or "not asked"."""
    if key is None:
        return "not asked"
    return "skipped (I don't know)" if key == SKIP else question.choice(key).label


def data_text(value: str, style: str = "") -> Text:
    """Text that came from a file: shown literally, never parsed as markup or escapes."""
    return Text(without_escapes(value), style=style)


def signed_bar(value: float, half: int = BAR_HALF) -> Text:
    """A bar centred on zero: filled to the left for negative values, to the right for positive.

    Characters carry the meaning, so it reads the same without colour.
    """
    value = max(-1.0, min(1.0, value))
    cells = round(abs(value) * half)
    left = " " * (half - cells) + ("█" * cells if value < 0 else " " * cells)
    right = ("█" * cells if value > 0 else " " * cells) + " " * (half - cells)
    bar = Text()
    bar.append(left, style="red")
    bar.append("│", style="dim")
    bar.append(right, style="green")
    return bar


def joined(names: Iterable[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    items = list(names)
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def signed(value: float) -> str:
    return f"{value:+.2f}"


def section(title: str, note: str = "") -> Text:
    """A heading; its title and note may carry names from a bank, so they are data."""
    text = Text("\n")
    text.append_text(data_text(title, "bold underline"))
    if note:
        text.append_text(data_text(f"  ({note})", "dim"))
    return text


def hanging_list(items: Sequence[str], *, numbered: bool = False) -> Table:
    """Items from a file, one per row, wrapped lines hanging under the text, not the marker."""
    table = Table.grid(padding=(0, 1))
    table.add_column(width=3, justify="right")
    table.add_column()
    for number, item in enumerate(items, 1):
        table.add_row(f"{number}." if numbered else "•", data_text(item))
    return table
