"""The FastAPI application: pages, downloads and the JSON API."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import FastAPI, File, Form, HTTPException, Query, Request, UploadFile
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from yusuan.store import Store
from yusuan.web import downloads, queries, security, uploads
from yusuan.web.sources import Sources, text_lines

HERE = Path(__file__).resolve().parent
DocId = Annotated[int, PathParam(ge=1, le=2**31 - 1, description="文件编号")]
Year = Annotated[int | None, Query(ge=1900, le=2200, description="预算年度")]
Text = Annotated[str | None, Query(max_length=200)]
UPLOAD_PATHS = ("/api/documents", "/upload")
MULTIPART_SLACK = 64 * 1024
COMPARE_ROWS = 200
LIST_ROWS = 300  # documents listed before “显示全部” (the counts are of all that match)  # rows of the compare table shown before “显示全部”  # the multipart envelope around the file's own bytes


@dataclass
class Settings:
    store: Store
    sources: Sources
    token: str | None = None
    read_only: bool = False
    workers: int = 1  # parsing processes; 0 parses in a thread of this process
    loopback: bool = True


class Located(BaseModel):
    line: int | None = None
    page: int | None = None
    table: int | str | None = None
    row: str | None = None
    column: str | None = None
    quote: str | None = None


class FindingOut(BaseModel):
    rule: str
    category: str
    severity: str
    message: str
    expected: float | None = None
    actual: float | None = None
    difference: float | None = None
    page: int | None = None
    line: int | None = None
    locations: list[Located]


class UploadOut(BaseModel):
    id: int
    department: str
    year: int
    kind: str
    status: str
    url: str
    findings: list[FindingOut]


class DocumentOut(BaseModel):
    id: int
    department: str
    year: int
    kind: str
    findings: dict[str, int]
    versions: int
    source: str
    layout: str
    loaded_at: str


class Problem(BaseModel):
    detail: str


ERRORS: dict[int | str, dict[str, Any]] = {
    c: {"model": Problem} for c in (400, 401, 403, 404, 411, 413, 415, 422)}
# what the framework itself refuses (a malformed multipart body, an unknown path, a wrong method), said in Chinese
FRAMEWORK_REFUSALS = {400: "请求无效：表单或上传的数据格式有误", 404: "没有这个页面或接口", 405: "此地址不接受这种请求方法"}


def create_app(settings: Settings) -> FastAPI:
    pool_holder: dict[str, Any] = {}

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        pool_holder["pool"] = uploads.make_pool(settings.workers) if settings.workers > 0 else None
        try:
            yield
        finally:
            pool = pool_holder.pop("pool", None)
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)  # workers finish the file in hand and exit

    app = FastAPI(title="yusuan 预算公开", version="1", lifespan=lifespan, docs_url=None, redoc_url=None,  # their pages load from a CDN
                  description="部门预算、决算公开文件的上传、检查、浏览与比较。上传：POST /api/documents（multipart 字段 file）。")
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    templates = Jinja2Templates(directory=HERE / "templates")  # autoescape on for .html: document text is data
    templates.env.filters["money"] = _money
    templates.env.globals["severity_labels"] = queries.SEVERITY_LABELS
    store, sources = settings.store, settings.sources

    @app.middleware("http")
    async def guard(request: Request, call_next: Any) -> Response:
        """Size before the body is read; on loopback only loopback host names (no DNS rebinding); headers."""
        host = (request.headers.get("host") or "").rsplit(":", 1)[0]
        if settings.loopback and not security.is_loopback(host):
            return JSONResponse({"detail": f"主机名 {host[:80]} 不是本机地址，拒绝访问"}, status_code=403)
        if request.method == "POST" and request.url.path in UPLOAD_PATHS:
            refused = _size_refusal(request)
            if refused is not None:
                return refused
        response: Response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("Content-Security-Policy",
                                    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                                    "frame-ancestors 'none'; form-action 'self'")
        return response

    def _may_upload(request: Request, csrf_field: str | None = None) -> None:
        """Raise unless this request may store a file: not read-only, not sent by another site's page, the token
        when one is set, and the CSRF token for a browser form."""
        if settings.read_only:
            raise HTTPException(403, "服务以只读方式运行（--read-only），不接受上传")
        if security.cross_site(request.headers.get("origin"), request.headers.get("sec-fetch-site"),
                               request.headers.get("host")):
            raise HTTPException(403, "拒绝来自其他网站页面的上传请求（跨站请求）")
        if settings.token is not None:
            given = security.bearer(request.headers.get("authorization")) or request.headers.get("x-yusuan-token")
            if not security.token_ok(given, settings.token):
                raise HTTPException(401, "上传需要访问令牌：请求头 Authorization: Bearer <令牌>（网页上填写“访问令牌”）")
        cookie = request.cookies.get(security.CSRF_COOKIE)
        sent = csrf_field if csrf_field is not None else request.headers.get(security.CSRF_HEADER)
        # a browser form (or the page's script) proves it came from our page; a script or curl sends neither
        if sent is not None and not (cookie and sent and security.token_ok(sent, cookie)):
            raise HTTPException(403, "表单已过期或来源不明（CSRF 校验失败），请刷新页面后重试")

    async def _read(file: UploadFile) -> tuple[bytes, str]:
        from yusuan.ingest.limits import bytes_of, refuse

        name = security.safe_name(file.filename)
        limit = bytes_of("file-mb")
        data = await file.read(limit + 1)
        if len(data) > limit:
            raise HTTPException(413, str(refuse(name, "file-mb", f"文件超过 {limit >> 20} MB")))
        return data, name

    # ---- JSON API ---------------------------------------------------------------------------------------------

    @app.post("/api/documents", status_code=201, response_model=UploadOut, responses={200: {"model": UploadOut}, **ERRORS},
              summary="上传一个公开文件：解析、检查并入库")
    async def api_upload(request: Request, file: Annotated[UploadFile, File(description="公开文件")]) -> Response:
        _may_upload(request)
        data, name = await _read(file)
        out = await uploads.handle(data, name, store, sources, pool_holder.get("pool"))
        return JSONResponse(out.body, status_code=out.status)

    @app.get("/api/documents", response_model=list[DocumentOut], responses=ERRORS, summary="文件列表（可按部门、年度、类型筛选）")
    def api_documents(department: Text = None, year: Year = None, kind: Text = None, has_errors: bool = False,
                      has_warnings: bool = False) -> list[dict[str, Any]]:
        return queries.listing(store, department, year, kind, has_errors, has_warnings)

    @app.get("/api/documents/{doc_id}", responses=ERRORS, summary="一个文件的模型（yusuan.disclosure/1）")
    def api_document(doc_id: DocId) -> dict[str, Any]:
        doc = _doc_or_404(doc_id)
        model = sources.model(doc["sha256"])
        if model is None:
            raise HTTPException(404, f"文件 {doc_id} 的模型未保存（由 yusuan load 载入，而非网页上传）；请在网页上重新上传原文件")
        return model

    @app.get("/api/documents/{doc_id}/findings", response_model=list[FindingOut], responses=ERRORS,
             summary="一个文件的检查发现（按级别）")
    def api_findings(doc_id: DocId) -> list[dict[str, Any]]:
        doc = _doc_or_404(doc_id)
        return queries.findings(store, doc["version_id"])

    @app.get("/api/compare", responses=ERRORS, summary="比较指标（与 yusuan compare 相同）")
    def api_compare(year: Year = None, department: Text = None) -> dict[str, Any]:
        import json

        from yusuan.compare.output import to_json

        return dict(json.loads(to_json(_compare(year, department))))

    def _doc_or_404(doc_id: int) -> dict[str, Any]:
        doc = queries.document(store, doc_id)
        if doc is None:
            raise HTTPException(404, f"没有编号为 {doc_id} 的文件")
        return doc

    compare_cache: dict[tuple[Any, ...], Any] = {}

    def _compare(year: int | None, department: str | None) -> Any:
        """The compare command's result, cached until the store changes (an upload adds a version)."""
        from yusuan.compare import Selection, compare

        if year is None and not department:  # the latest year by default: one year's departments side by side
            year = _years()[-1] if _years() else None
        key = (year, department or None, _store_state())
        if key not in compare_cache:
            if len(compare_cache) > 64:
                compare_cache.clear()
            compare_cache[key] = compare(store, Selection(year=year, department=department or None))
        return compare_cache[key]

    def _store_state() -> tuple[Any, ...]:
        from sqlalchemy import func, select

        from yusuan.store import schema as S

        with store.engine.connect() as conn:
            return tuple(conn.execute(select(func.max(S.versions.c.id), func.count(S.versions.c.id))).one())

    def _years() -> list[int]:
        from sqlalchemy import select

        from yusuan.store import schema as S

        with store.engine.connect() as conn:
            return [int(y) for y in conn.scalars(select(S.documents.c.year).distinct().order_by(S.documents.c.year))]

    # ---- pages ------------------------------------------------------------------------------------------------

    def page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
        csrf = request.cookies.get(security.CSRF_COOKIE) or security.new_csrf()
        context |= {"csrf": csrf, "settings": settings}
        response = templates.TemplateResponse(request, name, context, status_code=status)
        if request.cookies.get(security.CSRF_COOKIE) != csrf:
            response.set_cookie(security.CSRF_COOKIE, csrf, httponly=False, samesite="strict")
        return response

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index(request: Request, department: Text = None, year: Year = None, kind: Text = None,
              has_errors: bool = False, has_warnings: bool = False,
              show_all: Annotated[bool, Query(alias="all")] = False) -> HTMLResponse:
        docs = queries.listing(store, department, year, kind, has_errors, has_warnings)
        context = {"docs": docs if show_all else docs[:LIST_ROWS], "more": 0 if show_all else len(docs) - LIST_ROWS, "q": {"department": department or "", "year": year or "", "kind": kind or "",
                                       "has_errors": has_errors, "has_warnings": has_warnings},
                   "totals": _totals(docs)}
        name = "_list.html" if request.headers.get("hx-request") else "index.html"
        return page(request, name, context)

    @app.post("/upload", include_in_schema=False)
    async def form_upload(request: Request, file: Annotated[list[UploadFile], File()],
                          csrf: Annotated[str, Form()] = "") -> Response:
        """The page's form without JavaScript: one or many files, then back to the list (or the document)."""
        _may_upload(request, csrf_field=csrf)
        results = []
        for f in file:
            data, name = await _read(f)
            results.append((name, await uploads.handle(data, name, store, sources, pool_holder.get("pool"))))
        if len(results) == 1 and results[0][1].status < 300:
            return RedirectResponse(f"/documents/{results[0][1].body['id']}", status_code=303)
        return page(request, "uploaded.html", {"results": results},
                    status=200 if all(r.status < 300 for _n, r in results) else 422)

    @app.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(request: Request, doc_id: DocId) -> HTMLResponse:
        doc = _doc_or_404(doc_id)
        found = queries.findings(store, doc["version_id"])
        counts = {s: sum(1 for f in found if f["severity"] == s) for s in queries.SEVERITIES}
        context = {"doc": doc, "tables": queries.tables(store, doc["version_id"]), "findings": found,
                   "counts": counts, "source": _source_view(doc)}
        return page(request, "document.html", context)

    def _source_view(doc: dict[str, Any]) -> dict[str, Any]:
        data = sources.source(doc["sha256"])
        if data is None:
            return {"kind": "missing"}
        if data[:5] == b"%PDF-":
            return {"kind": "pdf", "pages": doc["pages"] or 1}
        if data[:4] == b"PK\x03\x04" or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
            return {"kind": "office"}
        return {"kind": "text", "lines": text_lines(data, doc["source_name"])}

    @app.get("/documents/{doc_id}/pages/{page_no}.png", include_in_schema=False)
    async def page_image(doc_id: DocId, page_no: Annotated[int, PathParam(ge=1, le=100000)]) -> Response:
        doc = await run_in_threadpool(_doc_or_404, doc_id)
        png = await run_in_threadpool(sources.page_png, doc["sha256"], page_no)
        if png is None:
            raise HTTPException(404, f"文件 {doc_id} 没有第 {page_no} 页的 PDF 原文")
        return Response(png, media_type="image/png", headers={"Cache-Control": "max-age=86400"})

    @app.get("/documents/{doc_id}/pages/{page_no}/find", include_in_schema=False)
    async def page_find(doc_id: DocId, page_no: Annotated[int, PathParam(ge=1, le=100000)],
                        q: Annotated[list[str], Query(max_length=200)]) -> Response:
        """Where a finding's text (its quote, else its row's name or code) is printed on a PDF page."""
        doc = await run_in_threadpool(_doc_or_404, doc_id)
        box = await run_in_threadpool(sources.find, doc["sha256"], page_no, q[:5])
        return JSONResponse(box)

    def _download(doc: dict[str, Any], data: bytes, suffix: str, media: str) -> Response:
        name = f"{doc['department']}-{doc['year']}-{suffix}"
        header = f"attachment; filename=\"yusuan-{doc['id']}-{suffix}\"; filename*=UTF-8''{quote(name)}"
        return Response(data, media_type=media, headers={"Content-Disposition": header})

    @app.get("/documents/{doc_id}/tables.xlsx", include_in_schema=False)
    def tables_xlsx(doc_id: DocId) -> Response:
        doc = _doc_or_404(doc_id)
        return _download(doc, downloads.tables_xlsx(queries.tables(store, doc["version_id"])), "tables.xlsx",
                         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

    @app.get("/documents/{doc_id}/tables.csv", include_in_schema=False)
    def tables_csv(doc_id: DocId) -> Response:
        doc = _doc_or_404(doc_id)
        return _download(doc, downloads.tables_csv(queries.tables(store, doc["version_id"])), "tables.csv",
                         "text/csv; charset=utf-8")

    @app.get("/documents/{doc_id}/findings.xlsx", include_in_schema=False)
    def findings_xlsx(doc_id: DocId) -> Response:
        doc = _doc_or_404(doc_id)
        return _download(doc, downloads.findings_xlsx(queries.findings(store, doc["version_id"])), "findings.xlsx",
                         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

    @app.get("/documents/{doc_id}/report", response_class=HTMLResponse, include_in_schema=False)
    def report(request: Request, doc_id: DocId) -> HTMLResponse:
        doc = _doc_or_404(doc_id)
        found = queries.findings(store, doc["version_id"])
        return page(request, "report.html", {"doc": doc, "findings": found,
                                             "printed": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")})

    @app.get("/compare", response_class=HTMLResponse, include_in_schema=False)
    def compare_page(request: Request, year: Year = None, department: Text = None, sort: Text = None,
                     desc: bool = True, show_all: Annotated[bool, Query(alias="all")] = False) -> HTMLResponse:
        from yusuan.compare import KEY_COLUMNS, LABELS
        from yusuan.compare.chart import bars, title_of

        c = _compare(year, department)
        rows = c.rows
        if sort in KEY_COLUMNS:
            present = [r for r in rows if r.get(sort) is not None]
            rows = sorted(present, key=lambda r: r[sort], reverse=desc) + [r for r in rows if r.get(sort) is None]
        chart = bars(c.rows)
        shown = rows if show_all else rows[:COMPARE_ROWS]  # a long table is cut after sorting, on the server
        context = {"rows": shown, "total_rows": len(rows), "truncated": len(shown) < len(rows), "columns": [(k, LABELS[k]) for k in KEY_COLUMNS], "findings": c.findings,
                   "chart": {"title": title_of(c.rows) if c.rows else "", "labels": [b[0] for b in chart],
                             "values": [b[1] for b in chart]},
                   "q": {"year": year or (c.rows[0]["year"] if c.rows and not department else ""),
                         "department": department or "", "sort": sort or "", "desc": desc},
                   "years": _years()}
        return page(request, "compare.html", context)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        """A request the API cannot take: one Chinese sentence naming the fields, like every other refusal."""
        fields = "、".join(".".join(str(p) for p in e.get("loc", ())[1:]) or "请求" for e in exc.errors())
        return await problem(request, HTTPException(422, f"请求参数有误或缺少：{fields or '请求体'}"))

    @app.exception_handler(StarletteHTTPException)
    async def problem(request: Request, exc: StarletteHTTPException) -> Response:
        if not isinstance(exc, HTTPException):  # raised inside Starlette, with an English detail
            exc = HTTPException(exc.status_code, FRAMEWORK_REFUSALS.get(exc.status_code, str(exc.detail)),
                                headers=exc.headers)
        wants_html = not request.url.path.startswith("/api/") and "text/html" in request.headers.get("accept", "")
        if wants_html:
            return page(request, "error.html", {"message": exc.detail, "status": exc.status_code},
                        status=exc.status_code)
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)

    return app


def _size_refusal(request: Request) -> Response | None:
    from yusuan.ingest.limits import value

    limit_mb = value("file-mb")
    length = request.headers.get("content-length")
    if length is None:
        return JSONResponse({"detail": "上传须带 Content-Length（不接受分块传输）"}, status_code=411)
    try:
        size = int(length)
    except ValueError:
        return JSONResponse({"detail": "Content-Length 无效"}, status_code=400)
    if size > (limit_mb << 20) + MULTIPART_SLACK:
        return JSONResponse({"detail": f"上传文件有 {size / (1 << 20):,.0f} MB，超过输入文件大小上限 {limit_mb} MB；"
                                       f"确属正常文件时可用 yusuan serve --limit file-mb=N 调高"}, status_code=413)
    return None


def _totals(docs: list[dict[str, Any]]) -> dict[str, int]:
    return {"documents": len(docs), "with_errors": sum(1 for d in docs if d["findings"]["error"]),
            "with_warnings": sum(1 for d in docs if d["findings"]["warning"]),
            **{s: sum(d["findings"][s] for d in docs) for s in queries.SEVERITIES}}


def _money(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, Decimal | float | int) and not isinstance(v, bool):
        return f"{Decimal(str(v)):,.2f}"
    return str(v)
