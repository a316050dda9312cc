"""Writing a file so that a crash or a full disk never leaves it half-written, and saying,
before anything is asked or written, why a path cannot be written.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from stepback.errors import DataError

# Answers say how a person feels about their job: only they should read them.
PRIVATE_MODE = 0o600


def expand(name: str) -> Path:
    """A file name as a shell would read it: ``~`` and ``$VARIABLES`` expanded."""
    return Path(os.path.expandvars(os.path.expanduser(name)))


def target_problem(path: Path, inputs: Iterable[Path] = ()) -> str | None:
    """Why ``path`` cannot be written, in plain words, or None if it can be tried.

    ``inputs`` are the files this run reads: an output never replaces one of them, whatever
    its name (the same file is told by device and inode).
    """
    try:
        status = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        status = None
    except OSError as error:
        if error.errno == errno.ENAMETOOLONG:
            return f"{path}: the file name is too long"
        return f"{path}: {_reason(error, path)}"
    if status is not None:
        if stat.S_ISDIR(status.st_mode):
            return f"{path} is a folder; give a file name"
        if not stat.S_ISREG(status.st_mode):
            return f"{path} is not a regular file (a device, pipe or socket); it is never replaced"
        for given in inputs:
            with contextlib.suppress(OSError):
                other = given.stat()
                if (other.st_dev, other.st_ino) == (status.st_dev, status.st_ino):
                    return f"{path} is {given}, which this run reads; it is never overwritten"
    folder = path.parent
    for ancestor in (folder, *folder.parents):
        if ancestor.exists():
            if not ancestor.is_dir():
                return f"{ancestor} is a file, so {path} cannot be created"
            break
    if not folder.exists():
        return f"the folder {folder} does not exist"
    with contextlib.suppress(OSError, ValueError):
        if len(os.fsencode(path.name)) > os.pathconf(folder, "PC_NAME_MAX"):
            return f"{path}: the file name is too long"
    if not os.access(folder, os.W_OK | os.X_OK):
        with contextlib.suppress(OSError):
            if os.statvfs(folder).f_flag & os.ST_RDONLY:
                return f"{path}: the folder {folder} is on a read-only disk"
        return f"{path}: no permission to write in {folder}"
    return None


def write_atomic(
    path: Path, data: str | bytes, *, private: bool = False, durable: bool = True
) -> None:
    """Replace ``path`` with ``data``: the old file stays intact unless the write succeeds.

    The data goes to a temporary file in the same folder, is flushed and fsynced, and only
    then renamed over ``path`` (a rename within one file system is atomic). A replaced file
    keeps its mode; a new one gets the user's umask, or 0600 when ``private``. Without
    ``durable``, for a file that is only a cache, the fsyncs are left out: they cost tens of
    milliseconds on some disks, and a copy lost in a crash is only read again.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    problem = target_problem(path)
    if problem is not None:
        raise DataError(problem)
    folder = path.parent
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = PRIVATE_MODE if private else 0o666 & ~_umask()
    except OSError as error:
        raise DataError(f"{path}: {_reason(error, path)}") from None
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise DataError(f"{path}: {_reason(error, path)}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            if durable:
                os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise DataError(f"{path}: {_reason(error, path)}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    if durable:
        _sync_folder(folder)


def _reason(error: OSError, path: Path) -> str:
    """What went wrong, as a person would say it; nothing was written."""
    reasons = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
        errno.EROFS: "the disk is read-only",
        errno.EACCES: f"no permission to write in {path.parent}",
        errno.EPERM: f"no permission to write in {path.parent}",
        errno.ENAMETOOLONG: "the file name is too long",
        errno.ENOTDIR: "a part of the path is a file, not a folder",
        errno.ENOENT: f"the folder {path.parent} does not exist",
    }
    reason = reasons.get(error.errno or 0, error.strerror or str(error))
    return f"cannot write: {reason}; nothing was written"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows it."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
