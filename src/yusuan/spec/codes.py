"""The 政府收支分类科目 reference list shipped as data (`yusuan/data/codes.json`): code → official name.

Where a code is missing from the list that is only worth an info finding: the list is the part of the official
classification this project could verify, not all of it (see the file's `source` note).
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def reference() -> dict[str, Any]:
    with resources.files("yusuan.data").joinpath("codes.json").open(encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data


def official_name(code: str | None) -> str | None:
    if not code:
        return None
    ref = reference()
    name = ref["functional"].get(code) or ref["economic"].get(code) or ref.get("retired_functional", {}).get(code)
    return str(name) if name else None


def known_code(code: str, system: str) -> bool:
    """In the reference list, or (functional) a class retired since, which a 决算 of an earlier year still prints."""
    ref = reference()
    return code in ref[system] or (system == "functional" and code in ref.get("retired_functional", {}))
