"""Turn pydantic's validation errors into :class:`~livetail.errors.ConfigProblem` lines a person can act on.

A problem names the key as written in the file (``sources[2].interval``), not pydantic's internal
location, and an unknown key comes with the closest allowed one.
"""

from __future__ import annotations

import difflib
import json
from typing import Any

from pydantic import BaseModel, ValidationError

from livetail.config_schema import Config
from livetail.errors import ConfigProblem


def _loc_path(loc: tuple[int | str, ...]) -> str:
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        elif part.startswith("function-") or part in ("str", "list[str]", "tuple[str, ...]"):
            continue  # pydantic's internal validator names are not keys the user wrote
        else:
            path += f".{part}" if path else part
    return path


def _allowed_keys(model: type[BaseModel], loc: tuple[int | str, ...]) -> list[str]:
    """The keys valid at ``loc`` (the parent of an unknown key), for a "did you mean" hint."""
    current: Any = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        field = current.model_fields.get(part)
        if field is None:
            return []
        annotation = field.annotation
        args = getattr(annotation, "__args__", ())
        current = next(
            (a for a in (annotation, *args) if isinstance(a, type) and issubclass(a, BaseModel)), None
        )
        if current is None:
            for arg in args:  # tuple[SourceConfig, ...]
                if isinstance(arg, type) and issubclass(arg, BaseModel):
                    current = arg
    return sorted(k for k in current.model_fields if k != "file") if current else []


def problems_from(error: ValidationError) -> list[ConfigProblem]:
    """Pydantic's errors as the user's key paths and messages, with a "did you mean" for typos."""
    problems = []
    for item in error.errors(include_url=False):
        loc = tuple(item["loc"])
        path = _loc_path(loc)
        if item["type"] == "extra_forbidden":
            key = str(loc[-1])
            allowed = _allowed_keys(Config, loc[:-1])
            hint = difflib.get_close_matches(key, allowed, n=1)
            message = "unknown key" + (f' (did you mean "{hint[0]}"?)' if hint else "")
            if allowed:
                message += f"; allowed: {', '.join(allowed)}"
        elif item["type"] == "missing":
            message = "required key is missing"
        elif item["type"] in ("tuple_type", "list_type") and isinstance(item.get("input"), dict):
            # ("[sources]" written for "[[sources]]": TOML's one table, not a list of them)
            message = f"expected a list of tables: write each entry as [[{path}]], not one [{path}] table"
        elif item["type"] in ("tuple_type", "list_type") and isinstance(item.get("input"), str):
            # (to = "desk@example.org" for to = ["desk@example.org"])
            got = json.dumps(item["input"], ensure_ascii=False)
            message = f"expected a list, got the string {got}: write [{got}]"
        else:
            message = item["msg"].removeprefix("Value error, ")
            if item["type"] in ("string_type", "int_parsing", "int_type", "bool_type", "bool_parsing"):
                message += f", got {json.dumps(item.get('input'), default=str)}"
        problems.append(ConfigProblem(path, message))
    return problems
