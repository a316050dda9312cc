"""Reading TOML files the user hands us, with one clear error per way a file can be wrong.

Nothing here ever writes to the file it reads.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path
from typing import Any

from stepback.errors import DataError

MAX_FILE_BYTES = 1024 * 1024
STDIN = "-"
STDIN_LABEL = "<stdin>"


def read_toml(
    path: str, *, what: str, label: str | None = None, max_bytes: int = MAX_FILE_BYTES
) -> dict[str, Any]:
    """Parse the TOML file at ``path`` (``-`` for stdin) into a dict.

    ``what`` names the kind of file ("answers file", "bank") and ``label`` the file itself
    (default: ``path``) in messages.
    """
    where = label or display_name(path)
    try:
        raw = _read_bytes(path, what=what, max_bytes=max_bytes)
        text = _decode(raw)
    except (ValueError, OSError) as error:
        raise DataError(f"{where}: {error}") from None
    if not text.strip():
        raise DataError(f"{where}: the {what} is empty")
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise DataError(f"{where}: not valid TOML: {error}") from None
    except ValueError:
        # Python's guard against slow int conversion, on a number of thousands of digits.
        raise DataError(f"{where}: not valid TOML: a number has too many digits") from None
    except RecursionError:
        # tomllib recurses per nested array or inline table; thousands of "[" exhaust the stack.
        raise DataError(f"{where}: not valid TOML: arrays or tables nested too deeply") from None
    if not document:
        # Only comments: saying "empty" beats listing every required key as missing.
        raise DataError(f"{where}: the {what} is empty (nothing but comments)")
    return document


def display_name(path: str) -> str:
    """How messages name the file at ``path``: itself, or ``<stdin>`` for ``-``."""
    return STDIN_LABEL if path == STDIN else path


def _read_bytes(path: str, *, what: str, max_bytes: int) -> bytes:
    too_large = ValueError(f"the {what} is larger than {_size(max_bytes)}; not reading it")
    if path == STDIN:
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        target = Path(path)
        try:
            if target.is_dir():
                raise ValueError(f"is a directory, not {_article(what)} {what}")
            if target.stat().st_size > max_bytes:
                raise too_large
            with target.open("rb") as handle:
                data = handle.read(max_bytes + 1)
        except FileNotFoundError:
            raise ValueError("no such file") from None
        except PermissionError:
            raise ValueError(f"permission denied: cannot read the {what}") from None
        except OSError as error:
            raise ValueError(f"cannot read the {what}: {error.strerror}") from None
    if len(data) > max_bytes:
        raise too_large
    return data


def _decode(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ValueError(
            f"not UTF-8 text (invalid byte 0x{raw[error.start]:02x} on line {line})"
        ) from None


def _article(noun: str) -> str:
    return "an" if noun[:1] in "aeiou" else "a"


def _size(count: int) -> str:
    for unit, factor in (("MiB", 1024 * 1024), ("KiB", 1024)):
        if count >= factor and count % factor == 0:
            return f"{count // factor} {unit}"
    return f"{count} bytes"
