"""API tests generated from the OpenAPI schema (schemathesis): no generated request may get a 500, and every answer
must match the schema. A real SQLite store holding two sampled documents; a modest number of examples (< 60 s)."""

from __future__ import annotations

from pathlib import Path

import pytest

schemathesis = pytest.importorskip("schemathesis")
pytest.importorskip("fastapi")

from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.test_store_support import sample_bytes  # noqa: E402
from yusuan.store import open_store  # noqa: E402
from yusuan.store.rows import analyze  # noqa: E402
from yusuan.web import Settings, create_app  # noqa: E402
from yusuan.web.sources import Sources  # noqa: E402

TOKEN = "schema-test-token"
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def _app():
    import tempfile

    root = Path(tempfile.mkdtemp(prefix="yusuan-web-schema-"))
    store = open_store(str(root / "web.db"))
    sources = Sources(root / "sources")
    for i in range(2):
        data = sample_bytes(i)
        a = analyze(data, f"d{i}.txt", with_model=True)
        sources.put(a.sha256, data, a.model)
        store.write(a)
    # as on a shared server (the ASGI client's host name is not loopback): uploads carry the token
    return create_app(Settings(store=store, sources=sources, workers=0, token=TOKEN, loopback=False))


schema = schemathesis.openapi.from_asgi("/openapi.json", _app())


@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_api_conforms(case) -> None:
    # the checks of the brief: no 500, and answers as documented (status, media type, body schema)
    case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"}, checks=CHECKS)
