"""A validated copy of each bundled bank, kept between runs.

Loading a bank parses its TOML and builds and runs its validators: 18 to 25 ms of every
command that needs one, measured here, against 1 to 2 ms to read this copy back. The copy
is keyed by the bank's bytes and by everything that decides what a valid bank is (the
models, the cross-checks, the versions of stepback, pydantic and Python), so an edited bank
or another version never reads a stale copy. Anything wrong with the copy (missing,
unreadable, damaged, from elsewhere) only means loading the bank the long way; anything
wrong with the cache folder (read-only, full, not a folder) only means not keeping a copy.

Banks given by path are never cached: an author's file changes between runs, and a
generated bank can be large.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import re
import sys
from collections.abc import Callable
from pathlib import Path

import pydantic.version

from stepback import __version__
from stepback.core import models, outcomes
from stepback.core.models import Bank
from stepback.errors import DataError
from stepback.files import bank_checks
from stepback.files.atomic import write_atomic

# What decides whether a bank is valid, and what its records look like once read.
_VALIDATORS = (models, outcomes, bank_checks)


def cache_folder() -> Path:
    """The platform's folder for caches, an empty XDG_CACHE_HOME counting as unset."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = str(Path.home() / "Library" / "Caches")
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "stepback"


def cached_bank(path: Path, load: Callable[[], Bank]) -> Bank:
    """The bank at ``path``: read back when this very file was validated before, else
    ``load``-ed (which raises for a bad bank, and then nothing is kept) and kept."""
    try:
        key = _key(path.read_bytes())
        # Path.home() raises RuntimeError where no home folder can be found.
        entry = cache_folder() / f"{path.stem}-{key}.pickle"
    except (OSError, RuntimeError):
        return load()
    bank = _read(entry)
    if bank is None:
        bank = load()
        _keep(entry, bank, path.stem)
    return bank


def _key(bank_bytes: bytes) -> str:
    digest = hashlib.sha256(bank_bytes)
    for module in _VALIDATORS:
        digest.update(Path(str(module.__file__)).read_bytes())
    for version in (__version__, pydantic.version.VERSION, sys.version):
        digest.update(version.encode())
    return digest.hexdigest()[:32]


def _read(entry: Path) -> Bank | None:
    try:
        bank = pickle.loads(entry.read_bytes())
    except Exception:
        # Whatever a damaged or foreign copy raises, it is only a cache miss.
        return None
    return bank if isinstance(bank, Bank) else None


def _keep(entry: Path, bank: Bank, name: str) -> None:
    """Keep ``bank`` in ``entry``, and drop the copies of earlier versions of the same bank."""
    earlier = re.compile(rf"{re.escape(name)}-[0-9a-f]{{32}}\.pickle")
    with contextlib.suppress(OSError, DataError):
        entry.parent.mkdir(parents=True, exist_ok=True)
        data = pickle.dumps(bank, protocol=pickle.HIGHEST_PROTOCOL)
        write_atomic(entry, data, private=True, durable=False)
        for stale in entry.parent.iterdir():
            if stale != entry and earlier.fullmatch(stale.name):
                stale.unlink()
