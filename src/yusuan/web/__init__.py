"""The web UI (`yusuan serve`): FastAPI + Jinja2 pages rendered on the server, htmx and Chart.js vendored under
`static/` (no CDN), and a JSON API beside every page (OpenAPI at /openapi.json). See docs/web.md.

Data flows one way: an upload is analysed by the store's `analyze` (in a process pool, off the event loop), its
bytes are kept in `Sources` (content-addressed), and `Store.write` records it; pages only read.
"""

from __future__ import annotations

from yusuan.web.app import Settings, create_app

__all__ = ["Settings", "create_app"]
