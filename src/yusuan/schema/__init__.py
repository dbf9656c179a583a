"""The JSON Schema of `yusuan parse` output, shipped as data for validators that do not run yusuan.

It is generated from the model (`yusuan.model.json_schema()`, which `yusuan schema` prints); a test keeps this copy
equal to it: after a change to the model, `yusuan schema > src/yusuan/schema/disclosure.schema.json`."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any


def load_schema() -> dict[str, Any]:
    with resources.files("yusuan.schema").joinpath("disclosure.schema.json").open(encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data
