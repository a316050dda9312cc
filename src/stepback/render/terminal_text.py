"""Making text from files safe to show in a terminal.

Banks and answers files can come from anyone. Their text is data: escape sequences (ANSI CSI,
OSC such as hyperlinks or window titles) and other control characters are removed, so a file
can never move the cursor, change colours or retitle the terminal. Rich markup is not an issue
here because renderers wrap this text in ``rich.text.Text``, which never parses markup.
"""

from __future__ import annotations

import re
from functools import cache

_ESCAPE_SEQUENCE = r"""
    \x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?   # OSC ... BEL or ST (or unterminated)
    | \x1b[P^_X][^\x1b]*(?:\x1b\\)?       # DCS, PM, APC, SOS strings
    | \x1b\[[0-?]*[ -/]*[@-~]?            # CSI sequences
    | \x1b[ -/]*[0-~]?                    # other two-byte escapes
    | \x9b[0-?]*[ -/]*[@-~]?              # 8-bit CSI
    | \x9d[^\x07\x9c]*[\x07\x9c]?         # 8-bit OSC
    """
# C0 and C1 controls, and the bidirectional overrides and isolates, which can make what a
# terminal shows differ from what the file says.
_CONTROL = r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Compiled on first use: most texts are printable and never need them."""
    return re.compile(_ESCAPE_SEQUENCE, re.VERBOSE), re.compile(_CONTROL)


def without_escapes(text: str) -> str:
    """``text`` without escape sequences or control characters (newlines and tabs stay)."""
    if text.isprintable():
        return text
    escapes, controls = _patterns()
    return controls.sub("", escapes.sub("", text))


def plural(count: int, noun: str) -> str:
    """``1 answer``, ``2 answers``."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def the_last(count: int, noun: str) -> str:
    """``the last question``, ``the last 3 questions``."""
    return f"the last {noun}" if count == 1 else f"the last {plural(count, noun)}"
