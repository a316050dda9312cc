"""Small Rich building blocks shared by every Rich output, and the glyphs they draw with."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from stepback.render.terminal_text import without_escapes

BAR_HALF = 10
# Lines longer than this are hard to read, however wide the terminal.
READING_WIDTH = 100
FALLBACK_WIDTH = 80


class Glyphs(NamedTuple):
    """The characters drawings are made of: Unicode where the output can carry it, ASCII
    where it cannot (a Latin-1 or ASCII terminal or pipe)."""

    bar: str
    axis: str
    bullet: str
    arrow: str
    dash: str
    open_quote: str
    close_quote: str
    box: box.Box

    @classmethod
    def for_console(cls, console: Console) -> Glyphs:
        return UNICODE if console.encoding.lower().replace("-", "").startswith("utf") else ASCII


UNICODE = Glyphs("█", "│", "•", "→", "—", "“", "”", box.ROUNDED)
ASCII = Glyphs("#", "|", "*", "->", "--", '"', '"', box.ASCII)


def reading_width(console: Console) -> int:
    """The console's width, capped for reading; 80 when the terminal reports nonsense."""
    width = console.width
    if not 20 <= width <= 10_000:
        width = FALLBACK_WIDTH
    return min(width, READING_WIDTH)


def data_text(value: str, style: str = "") -> Text:
    """Text that came from a file: shown literally, never parsed as markup or escapes."""
    return Text(without_escapes(value), style=style)


def quoted(value: str, glyphs: Glyphs, style: str = "") -> Text:
    return data_text(f"{glyphs.open_quote}{value}{glyphs.close_quote}", style)


def signed_bar(value: float, glyphs: Glyphs, half: int = BAR_HALF) -> Text:
    """A bar centred on zero: filled to the left for negative values, to the right for positive.

    Characters carry the meaning, so it reads the same without colour.
    """
    value = max(-1.0, min(1.0, value))
    cells = round(abs(value) * half)
    left = " " * (half - cells) + (glyphs.bar * cells if value < 0 else " " * cells)
    right = (glyphs.bar * cells if value > 0 else " " * cells) + " " * (half - cells)
    bar = Text()
    bar.append(left, style="red")
    bar.append(glyphs.axis, style="dim")
    bar.append(right, style="green")
    return bar


def signed(value: float) -> str:
    """A score as people read it everywhere: two decimals and a sign."""
    return f"{value:+.2f}"


def section(title: str, note: str = "") -> Text:
    """A heading; its title and note may carry names from a bank, so they are data."""
    text = Text("\n")
    text.append_text(data_text(title, "bold underline"))
    if note:
        text.append_text(data_text(f"  ({note})", "dim"))
    return text


def hanging_list(
    items: Sequence[str | Text], glyphs: Glyphs, *, numbered: bool = False, indent: int = 0
) -> Table:
    """Items one per row, wrapped lines hanging under the text, not under the marker."""
    table = Table.grid(padding=(0, 1))
    if indent:
        table.add_column(width=indent)
    table.add_column(width=3, justify="right")
    table.add_column()
    for number, item in enumerate(items, 1):
        marker = f"{number}." if numbered else glyphs.bullet
        text = item if isinstance(item, Text) else data_text(item)
        if indent:
            table.add_row("", marker, text)
        else:
            table.add_row(marker, text)
    return table


def bars(rows: Iterable[tuple[str, float | None]], glyphs: Glyphs) -> Table:
    """One signed bar per row; ``None`` for a value that is not known."""
    table = Table.grid(padding=(0, 1))
    table.add_column(width=1)
    table.add_column(max_width=40)
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True, justify="right")
    for name, value in rows:
        if value is None:
            table.add_row("", data_text(name), Text("unknown (not answered)", "dim"), "")
        else:
            table.add_row("", data_text(name), signed_bar(value, glyphs), Text(signed(value)))
    return table
