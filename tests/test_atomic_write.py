"""Saving without loss: a failed or interrupted write never damages the file it replaces."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from stepback.cli import app
from stepback.errors import EXIT_BAD_DATA, EXIT_INTERRUPTED, EXIT_USAGE, DataError
from stepback.files.atomic import write_atomic
from tests.helpers import MINIMAL_BANK, ROOT

BANK = ["--bank", str(MINIMAL_BANK)]
OLD = b'# my earlier answers, which must survive\n[answers]\ncurrent_role = "ic"\n'
NEW = "x" * 100_000
ANSWERS = '[answers]\ncurrent_role = "lead"\nenjoy_coding = "agree"\nmeetings_ok = 3\n'


class HalfThenFail:
    """A file handle whose write puts half the data on disk, then raises ``error``."""

    def __init__(self, handle: Any, error: BaseException) -> None:
        self.handle = handle
        self.error = error

    def __enter__(self) -> HalfThenFail:
        return self

    def __exit__(self, *exc: object) -> None:
        self.handle.close()

    def write(self, data: bytes) -> int:
        self.handle.write(data[: len(data) // 2])
        self.handle.flush()
        raise self.error

    def __getattr__(self, name: str) -> Any:
        return getattr(self.handle, name)


def fail_writes(monkeypatch: pytest.MonkeyPatch, error: BaseException) -> None:
    real_fdopen = os.fdopen

    def fdopen(fd: int, *args: Any, **kwargs: Any) -> HalfThenFail:
        return HalfThenFail(real_fdopen(fd, *args, **kwargs), error)

    monkeypatch.setattr("stepback.files.atomic.os.fdopen", fdopen)


def disk_full() -> OSError:
    return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.fixture
def old_file(tmp_path: Path) -> Path:
    path = tmp_path / "answers.toml"
    path.write_bytes(OLD)
    return path


def test_write_replaces_the_file_and_leaves_no_temp(old_file: Path) -> None:
    """A successful write gives exactly the new bytes and no temporary file beside it."""
    write_atomic(old_file, NEW)
    assert old_file.read_text() == NEW
    assert leftovers(old_file.parent) == []


def test_write_into_a_missing_folder_says_so(tmp_path: Path) -> None:
    """A folder that does not exist is named, and nothing is created on the way."""
    path = tmp_path / "a" / "b" / "answers.toml"
    with pytest.raises(DataError) as caught:
        write_atomic(path, "ok")
    assert caught.value.message == f"the folder {tmp_path / 'a' / 'b'} does not exist"
    assert not (tmp_path / "a").exists()


def test_data_is_synced_in_a_temp_file_of_the_same_folder_before_the_rename(
    old_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """fsync happens before os.replace, and the temp file sits beside the target."""
    calls: list[tuple[str, Any]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        calls.append(("fsync", fd))
        real_fsync(fd)

    def replace(source: str, target: Path) -> None:
        calls.append(("replace", (Path(source), Path(target))))
        assert Path(source).read_text() == NEW, "renamed before the data was all written"
        real_replace(source, target)

    monkeypatch.setattr("stepback.files.atomic.os.fsync", fsync)
    monkeypatch.setattr("stepback.files.atomic.os.replace", replace)
    write_atomic(old_file, NEW)
    names = [name for name, _ in calls]
    assert names.index("fsync") < names.index("replace")
    source, target = next(arg for name, arg in calls if name == "replace")
    assert source.parent == target.parent == old_file.parent
    assert source != target


def test_a_cache_write_is_atomic_but_not_synced(
    old_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without ``durable`` the file is still replaced in one rename, with no fsync at all."""

    def fsync(fd: int) -> None:
        raise AssertionError("a cache write must not wait for the disk")

    monkeypatch.setattr("stepback.files.atomic.os.fsync", fsync)
    write_atomic(old_file, NEW, durable=False)
    assert old_file.read_text() == NEW
    assert leftovers(old_file.parent) == []


def test_failure_midway_leaves_the_old_file_intact(
    old_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Interrupted halfway through writing, the old file keeps every byte, no temp remains."""
    fail_writes(monkeypatch, KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        write_atomic(old_file, NEW)
    assert old_file.read_bytes() == OLD
    assert leftovers(old_file.parent) == []


def test_process_killed_midway_leaves_the_old_file_intact(old_file: Path) -> None:
    """A real crash: the process is SIGKILLed with half the data written. Nothing to clean up
    runs, yet the old file is whole; only an orphan temp file may remain beside it.
    """
    script = textwrap.dedent(
        f"""
        import os, signal, sys
        from pathlib import Path
        sys.path.insert(0, {str(ROOT / "src")!r})
        from stepback.files import atomic as atomic_write

        real_fdopen = os.fdopen

        class Dying:
            def __init__(self, handle):
                self.handle = handle
            def __enter__(self):
                return self
            def __exit__(self, *exc):
                pass
            def write(self, data):
                self.handle.write(data[: len(data) // 2])
                self.handle.flush()
                os.kill(os.getpid(), signal.SIGKILL)

        os.fdopen = lambda fd, *a, **k: Dying(real_fdopen(fd, *a, **k))
        atomic_write.write_atomic(Path({str(old_file)!r}), "x" * 100_000)
        """
    )
    run = subprocess.run([sys.executable, "-c", script], check=False, timeout=60)
    assert run.returncode == -9
    assert old_file.read_bytes() == OLD
    orphans = leftovers(old_file.parent)
    assert all(name.startswith(".answers.toml.") for name in orphans)


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (disk_full(), "the disk is full; nothing was written"),
        (OSError(errno.EIO, os.strerror(errno.EIO)), "Input/output error; nothing was written"),
    ],
    ids=["disk-full", "io-error"],
)
def test_write_error_becomes_a_clear_message(
    old_file: Path, monkeypatch: pytest.MonkeyPatch, error: OSError, reason: str
) -> None:
    """An OSError while writing is a DataError naming the file and the reason."""
    fail_writes(monkeypatch, error)
    with pytest.raises(DataError) as caught:
        write_atomic(old_file, NEW)
    assert caught.value.message == f"{old_file}: cannot write: {reason}"
    assert old_file.read_bytes() == OLD
    assert leftovers(old_file.parent) == []


def test_failed_fsync_is_a_write_error(old_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Data the disk did not confirm is not renamed into place."""

    def fsync(fd: int) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr("stepback.files.atomic.os.fsync", fsync)
    with pytest.raises(DataError, match="cannot write: Input/output error; nothing was written"):
        write_atomic(old_file, NEW)
    assert old_file.read_bytes() == OLD
    assert leftovers(old_file.parent) == []


def test_a_file_in_the_way_is_named(tmp_path: Path) -> None:
    """A file where a folder should be: the message says which, not "File exists"."""
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder")
    with pytest.raises(DataError) as caught:
        write_atomic(blocker / "answers.toml", NEW)
    assert caught.value.message == (
        f"{blocker} is a file, so {blocker / 'answers.toml'} cannot be created"
    )


def test_disk_full_on_save_through_the_cli(
    runner: CliRunner, old_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """quiz --save --force on a full disk: exit 1, the reason on stderr, the old file intact."""
    answers = tmp_path / "in.toml"
    answers.write_text(ANSWERS)
    fail_writes(monkeypatch, disk_full())
    result = runner.invoke(
        app, ["quiz", *BANK, "--answers", str(answers), "--save", str(old_file), "--force"]
    )
    assert result.exit_code == EXIT_BAD_DATA
    assert result.stderr == f"{old_file}: cannot write: the disk is full; nothing was written\n"
    assert "Traceback" not in result.output
    assert old_file.read_bytes() == OLD
    assert answers.read_text() == ANSWERS


def test_disk_full_on_interrupt_prints_the_answers_instead(
    runner: CliRunner, as_terminal: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the resume file cannot be written, the answers so far go to stderr: not lost."""
    fail_writes(monkeypatch, disk_full())
    result = runner.invoke(app, ["quiz", *BANK], input="2\nagree\n")
    assert result.exit_code == EXIT_INTERRUPTED
    assert "cannot write: the disk is full; nothing was written. Your 2 answers so far:" in (
        result.stderr
    )
    printed = tomllib.loads(result.stderr.split("so far:\n", 1)[1])
    assert printed["answers"] == {"current_role": "lead", "enjoy_coding": "agree"}


def test_existing_save_target_needs_force_when_not_interactive(
    runner: CliRunner, old_file: Path, tmp_path: Path
) -> None:
    """Without --force the existing file is refused before anything is written; with it, not."""
    answers = tmp_path / "in.toml"
    answers.write_text(ANSWERS)
    command = ["quiz", *BANK, "--answers", str(answers), "--save", str(old_file)]
    refused = runner.invoke(app, command)
    assert refused.exit_code == EXIT_USAGE
    assert refused.stderr == f"--save {old_file}: already exists; pass --force to overwrite it\n"
    assert refused.stdout == ""
    assert old_file.read_bytes() == OLD
    forced = runner.invoke(app, [*command, "--force"])
    assert forced.exit_code == 0, forced.output
    assert tomllib.loads(old_file.read_text())["answers"]["current_role"] == "lead"


@pytest.mark.parametrize(("reply", "overwritten"), [("n", False), ("y", True), ("", False)])
def test_existing_save_target_is_asked_about_when_interactive(
    runner: CliRunner, as_terminal: None, old_file: Path, reply: str, overwritten: bool
) -> None:
    """In a terminal, --save onto an existing file asks first; only yes overwrites it, and
    no asks for another name instead of dropping the answers."""
    result = runner.invoke(
        app, ["quiz", *BANK, "--save", str(old_file)], input=f"2\nagree\n1\n{reply}\n\n"
    )
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())  # Rich wraps a long path's line at 80 columns
    assert f"{old_file} exists. Overwrite it? [y/N]" in said
    if overwritten:
        assert f"Answers saved to {old_file} (readable by you only)." in said
        assert tomllib.loads(old_file.read_text())["answers"]["current_role"] == "lead"
    else:
        assert "File name (Enter to skip, b to change an answer)" in said
        assert "Not saved." in result.output
        assert old_file.read_bytes() == OLD


def test_no_input_never_asks_about_an_existing_file(
    runner: CliRunner, as_terminal: None, old_file: Path, tmp_path: Path
) -> None:
    """--no-input turns the overwrite question into an error, even in a terminal."""
    answers = tmp_path / "in.toml"
    answers.write_text(ANSWERS)
    result = runner.invoke(
        app,
        ["quiz", *BANK, "--answers", str(answers), "--save", str(old_file), "--no-input"],
    )
    assert result.exit_code == EXIT_USAGE
    assert "already exists; pass --force" in result.stderr
    assert "Overwrite" not in result.output
    assert old_file.read_bytes() == OLD
