"""Finding and loading question banks: the bundled ones by name, any other by path."""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from pydantic import ValidationError

from stepback.core.models import Bank
from stepback.errors import UsageError, problems_error
from stepback.files.bank_cache import cached_bank
from stepback.files.bank_checks import bank_problems
from stepback.files.reading import read_json, read_toml

DEFAULT_BANK = "core"


def bundled_bank_dir() -> Path:
    """The folder of the bundled banks.

    A wheel carries ``questions/`` inside the package; an editable install or a plain
    checkout runs from ``src/``, where the folder sits at the top of the project.
    """
    package = Path(__file__).resolve().parents[1]
    packaged = package / "questions"
    if packaged.is_dir():
        return packaged
    return package.parents[1] / "questions"


def bundled_bank_names() -> list[str]:
    return sorted(path.stem for path in bundled_bank_dir().glob("*.toml"))


class BankRef(NamedTuple):
    """Where a bank comes from: ``path`` to read, ``label`` to name it in messages."""

    path: str
    label: str
    bundled: bool = False


def resolve_bank(name_or_path: str) -> BankRef:
    """A bundled bank by name, or a bank file by path."""
    looks_like_path = (
        name_or_path.endswith((".toml", ".json")) or "/" in name_or_path or "\\" in name_or_path
    )
    if not looks_like_path:
        candidate = bundled_bank_dir() / f"{name_or_path}.toml"
        if candidate.is_file():
            return BankRef(str(candidate), f"{name_or_path}.toml", bundled=True)
        names = ", ".join(bundled_bank_names()) or "none"
        raise UsageError(f"no bundled bank named {name_or_path!r} (bundled: {names})")
    return BankRef(name_or_path, name_or_path)


# Banks are read whole and can be large (generated banks of thousands of questions); answers
# files keep their own 1 MiB limit.
MAX_BANK_BYTES = 64 * 1024 * 1024


def load_bank(name_or_path: str = DEFAULT_BANK) -> Bank:
    """Read and validate a bank: TOML, or JSON for a ``.json`` file. A bundled bank is read
    back from the cache when it was validated before."""
    ref = resolve_bank(name_or_path)

    def load() -> Bank:
        return bank_from_data(read_bank_document(ref.path, ref.label), ref.label)

    return cached_bank(Path(ref.path), load) if ref.bundled else load()


def read_bank_document(path: str, label: str | None = None) -> dict[str, Any]:
    """The raw data of a bank file: JSON for a ``.json`` file, TOML otherwise."""
    reader = read_json if path.lower().endswith(".json") else read_toml
    return reader(path, what="bank", label=label, max_bytes=MAX_BANK_BYTES)


def validate_bank(raw: dict[str, Any]) -> tuple[Bank | None, list[str]]:
    """The bank in ``raw`` (None when its shape is wrong) and every ``where: what`` problem."""
    problems: list[str] = []
    bank: Bank | None = None
    try:
        bank = Bank.model_validate(raw)
    except ValidationError as error:
        problems.extend(validation_lines(error))
    problems.extend(bank_problems(raw))
    return (None if problems else bank), problems


def bank_from_data(raw: dict[str, Any], label: str) -> Bank:
    """Validate ``raw`` into a Bank, reporting every problem at once as ``label: where: what``."""
    bank, problems = validate_bank(raw)
    if bank is None:
        raise problems_error(label, problems)
    return bank


# How pydantic names a key that the record does not have.
UNKNOWN_KEY_ERRORS = frozenset({"extra_forbidden", "unexpected_keyword_argument"})


def validation_lines(error: ValidationError) -> list[str]:
    """One ``location: message`` line per pydantic error."""
    lines = []
    for detail in error.errors(include_url=False):
        location = format_location(detail["loc"])
        message = "unknown key" if detail["type"] in UNKNOWN_KEY_ERRORS else detail["msg"]
        lines.append(f"{location}: {message}" if location else message)
    return lines


def format_location(loc: tuple[int | str, ...]) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def catalogue() -> list[dict[str, Any]]:
    """The bundled banks: id, title, version, number of questions and minutes."""
    rows = []
    for name in bundled_bank_names():
        bank = load_bank(name)
        rows.append(
            {
                "id": bank.id,
                "title": bank.title,
                "version": bank.version,
                "questions": len(bank.questions),
                "minutes": bank.minutes,
            }
        )
    return rows
