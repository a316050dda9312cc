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


def read_toml(
    path: str, *, what: str, label: str | None = None, max_bytes: int = MAX_FILE_BYTES
) -> dict[str, Any]:
    """Parse the TOML file at ``path`` (``-`` for stdin) into a dict.

    ``what`` names the kind of file ("answers file", "bank") and ``label`` the file itself
    (default: ``path``) in messages.
    """
    try:
        raw = _read_bytes(path, what=what, max_bytes=max_bytes)
        text = _decode(raw)
        if not text.strip():
            raise ValueError(f"the {what} is empty")
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise DataError(f"{label or path}: not valid TOML: {error}") from None
    except (ValueError, OSError) as error:
        raise DataError(f"{label or path}: {error}") from None


def _read_bytes(path: str, *, what: str, max_bytes: int) -> bytes:
    too_large = ValueError(f"the {what} is larger than {max_bytes // 1024} KiB; not reading it")
    if path == STDIN:
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        target = Path(path)
        try:
            if target.is_dir():
                raise ValueError(f"is a directory, not a {what}")
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
