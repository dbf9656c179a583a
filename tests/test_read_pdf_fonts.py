"""A PDF reads the same whatever fonts the machine has (issue 7, item 3).

A PDF that names a CJK font without embedding it (reportlab's STSong-Light, office suites' 宋体) is shown by
pdfium with a substitute from the machine's fonts, and the boxes of its characters came from that substitute:
columns shifted on a machine without CJK fonts. The test parses such a PDF twice in subprocesses, once as the
machine is and once with /usr/share/fonts hidden (a private mount namespace: root and `unshare`, as in CI where
fonts-noto-cjk is installed), and wants the same model.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from . import fixtures_build as fb
from .conftest import SEEDS, requires_seeds
from .read_render import text_to_pdf

FONTS = Path("/usr/share/fonts")


def _fonts_can_be_hidden() -> bool:
    """Root, `unshare`, /usr/share/fonts, and a kernel that lets this process mount in a namespace of its own."""
    if not (hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("unshare") and FONTS.is_dir()):
        return False
    probe = subprocess.run(["unshare", "-m", "sh", "-c", f"mount -t tmpfs none {FONTS}"], capture_output=True,
                           timeout=30, check=False)
    return probe.returncode == 0


can_hide_fonts = pytest.mark.skipif(not _fonts_can_be_hidden(),
                                    reason="hiding the installed fonts needs root, unshare and mount (CI has them)")


def _parse_json(pdf: Path, hide_fonts: bool) -> dict:
    cmd = [sys.executable, "-m", "yusuan", "parse", str(pdf), "--format", "json"]
    if hide_fonts:
        inner = " ".join(f"'{c}'" for c in cmd)
        cmd = ["unshare", "-m", "sh", "-c", f"mount -t tmpfs none {FONTS} && exec {inner}"]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=300, env=os.environ.copy())
    assert r.returncode in (0, 1), r.stderr[-2000:]
    out: dict = json.loads(r.stdout)
    return out


def _sampled_text(layout: str) -> list[str]:
    from yusuan.sample import department
    from yusuan.sample.style import style
    from yusuan.write import build, render

    return render(build(department(7, 3)), layout, style(7, 3)).decode("utf-8").splitlines()


def test_a_font_the_pdf_does_not_embed_is_noticed() -> None:
    from reportlab.pdfgen import canvas

    from yusuan.ingest.pdf import _substitutes_fonts

    assert _substitutes_fonts(text_to_pdf(["表 1", "部门收支总体情况表", "收入总计 1.00"]))
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(72, 720, "1.00 2.00")  # Helvetica: one of the standard 14, carried by every reader
    c.save()
    assert not _substitutes_fonts(buf.getvalue())


@can_hide_fonts
@pytest.mark.slow
@pytest.mark.parametrize("layout", ["txt", "txt-tab"])
def test_same_model_with_and_without_fonts(layout: str, tmp_path: Path) -> None:
    pdf = tmp_path / "sampled.pdf"
    pdf.write_bytes(text_to_pdf(_sampled_text(layout)))
    with_fonts, without = _parse_json(pdf, False), _parse_json(pdf, True)
    assert with_fonts["tables"] and with_fonts["performance"]["projects"]
    assert with_fonts == without


@requires_seeds
@can_hide_fonts
@pytest.mark.slow
def test_ruled_seed_pdf_same_with_and_without_fonts(tmp_path: Path) -> None:
    """The ruled grid drawn from the tab seed: 401/401 cells on a machine with CJK fonts, 387 without, before."""
    seed = next(p for p in sorted(SEEDS.glob("*.txt")) if p.stem.startswith("004"))
    pdf = tmp_path / f"{seed.stem}.pdf"
    pdf.write_bytes(fb.pdf_from_doc(fb.doc_from_tab_seed(seed), fb.Style(rules="grid")))
    assert _parse_json(pdf, False) == _parse_json(pdf, True)


def test_pages_pdfminer_cannot_decode_keep_their_text() -> None:
    """A file mixing a non-embedded font (read with pdfminer) and a page in an embedded CFF CJK font that pdfminer
    decodes as nothing (fpdf2's): that page keeps the text pdfium reads."""
    import pypdfium2 as pdfium

    FPDF = pytest.importorskip("fpdf").FPDF

    from yusuan.ingest.pdf import read_pdf
    from yusuan.write.fonts import FontMissing, cjk_font

    try:
        font = cjk_font()
    except FontMissing:
        pytest.skip("no CJK font to embed")
    doc = FPDF()
    doc.add_font("cjk", fname=str(font))
    doc.add_page()
    doc.set_font("cjk", size=12)
    doc.cell(text="第二页 公务接待费 0.43")
    merged = pdfium.PdfDocument(text_to_pdf(["第一页 因公出国（境）费 1.00"]))
    merged.import_pages(pdfium.PdfDocument(bytes(doc.output())))
    buf = io.BytesIO()
    merged.save(buf)
    texts = [ln.text for ln in read_pdf(buf.getvalue(), "mixed.pdf").lines]
    assert any("第一页" in t for t in texts) and any("公务接待费 0.43" in t for t in texts), texts
