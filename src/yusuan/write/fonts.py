"""Find a CJK font to embed in PDFs: `YUSUAN_CJK_FONT`, else the fonts of Debian's packages fonts-noto-cjk or
fonts-wqy-zenhei / fonts-wqy-microhei, found by path at run time."""

from __future__ import annotations

import os
from pathlib import Path

CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "C:/Windows/Fonts/simsun.ttc",
)
MISSING = ("没有找到中文字体，无法生成 PDF：请安装 fonts-noto-cjk 或 fonts-wqy-zenhei（apt-get install fonts-noto-cjk），"
           "或用环境变量 YUSUAN_CJK_FONT 指定一个 .ttf/.otf/.ttc 字体文件")


class FontMissing(Exception):
    pass


def cjk_font() -> Path:
    env = os.environ.get("YUSUAN_CJK_FONT")
    if env:
        if Path(env).is_file():
            return Path(env)
        raise FontMissing(f"YUSUAN_CJK_FONT={env}：字体文件不存在")
    for c in CANDIDATES:
        if Path(c).is_file():
            return Path(c)
    raise FontMissing(MISSING)
