"""The JSON Schema of `yusuan parse` output, shipped as data."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any


def load_schema() -> dict[str, Any]:
    with resources.files("yusuan.schema").joinpath("disclosure.schema.json").open(encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data
