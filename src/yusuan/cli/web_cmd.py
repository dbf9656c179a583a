"""`yusuan serve`: the web UI (yusuan.web) on a store, registered by `yusuan.cli`."""

from __future__ import annotations

from pathlib import Path

import click

from yusuan.cli.store_cmd import db_option

NO_TOKEN = ("yusuan serve：监听 {host}（不是本机回环地址）时，上传必须设访问令牌：请加 --token 令牌 或 --token-file 文件"
            "（或加 --read-only 只读运行）")


def register(main: click.Group) -> None:
    main.add_command(serve_command)


def _token(token: str | None, token_file: str | None) -> str | None:
    from yusuan.cli import fail

    if token_file:
        try:
            token = Path(token_file).read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as e:
            fail(f"--token-file {token_file}：无法读取（{getattr(e, 'strerror', None) or type(e).__name__}）")
    if token is not None and len(token) < 8:
        fail("--token：令牌至少 8 个字符")
    return token


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="监听地址；非本机地址（如 0.0.0.0）须同时给 --token")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="端口")
@click.option("--token", default=None, help="上传所需的访问令牌（请求头 Authorization: Bearer <令牌>）")
@click.option("--token-file", type=click.Path(dir_okay=False), default=None, help="从文件读取访问令牌（避免出现在进程列表中）")
@click.option("--read-only", is_flag=True, help="只读：只浏览、比较和下载，不接受上传")
@click.option("--sources", type=click.Path(file_okay=False), default=None,
              help="上传原文件的保存目录（默认：数据库文件旁的 <数据库>.sources/）")
@click.option("-j", "--jobs", type=click.IntRange(0, 64), default=2, show_default=True,
              help="解析进程数（0：在服务进程的线程中解析）")
def serve_command(db: str | None, host: str, port: int, token: str | None, token_file: str | None, read_only: bool,
                  sources: str | None, jobs: int) -> None:
    """启动网页界面：上传（拖放，多文件）、文件列表与筛选、表格与原文对照、检查发现、比较图表，以及 JSON API（/openapi.json）。"""
    from yusuan.cli import fail
    from yusuan.web.security import is_loopback

    secret = _token(token, token_file)
    loopback = is_loopback(host)
    if not loopback and secret is None and not read_only:
        fail(NO_TOKEN.format(host=host))
    try:
        import uvicorn

        from yusuan.store import StoreError, open_store
        from yusuan.web import Settings, create_app
        from yusuan.web.sources import Sources, default_root
    except ModuleNotFoundError as e:
        fail(f"需要 Python 包 {e.name}（pip install 'yusuan[web]'）")
        return
    try:
        store = open_store(db)
    except StoreError as e:
        fail(str(e))
        return
    root = Path(sources).resolve() if sources else default_root(store.url)
    app = create_app(Settings(store=store, sources=Sources(root), token=secret, read_only=read_only, workers=jobs,
                              loopback=loopback))
    click.echo(f"yusuan serve：http://{host if ':' not in host else f'[{host}]'}:{port}/ （数据库 {store.name}，原文件 {root}）",
               err=True)
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
    finally:
        store.close()
