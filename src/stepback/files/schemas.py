"""JSON Schemas of the two file formats, generated from the pydantic models.

The generated schemas are committed under ``questions/schema/`` so editors with a TOML
language server (Taplo, Tombi) can validate and complete banks through their ``#:schema``
line; a test keeps the committed files in sync with the models.
"""

from __future__ import annotations

import json
from typing import Any

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema(kind: str) -> dict[str, Any]:
    from stepback.core.models import AnswersFile, Bank

    model: type[Bank] | type[AnswersFile] = Bank if kind == "bank" else AnswersFile
    document = model.model_json_schema()
    document["title"] = {"bank": "stepback question bank", "answers": "stepback answers file"}[kind]
    return {"$schema": DIALECT, **document}


def schema_text(kind: str) -> str:
    return json.dumps(schema(kind), indent=2, ensure_ascii=False) + "\n"
