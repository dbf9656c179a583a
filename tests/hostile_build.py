"""Hostile and broken inputs, built at test time (no binary fixtures in the repository): decompression bombs,
sheets declaring a huge range, lying zip directories, entity bombs, PDFs whose text layer yields lone
surrogates, many pages, and byte/text mutations of valid documents in every format yusuan reads.

Valid documents come from the sampler (`yusuan.sample`) written by the writer (text, tab text, HTML, XLSX, DOCX),
and as PDF drawn here from the sample's text through a ToUnicode map (no font needed on the machine).
"""

from __future__ import annotations

import io
import random
import struct
import zipfile
from collections.abc import Iterator
from functools import lru_cache

# ---- valid documents -------------------------------------------------------------------------------------------


@lru_cache(maxsize=64)
def sample(fmt: str, seed: int = 1) -> bytes:
    """A sampled department written in `fmt` (txt, txt-tab, html, xlsx, docx, pdf)."""
    from yusuan.sample import department
    from yusuan.write import build, render

    if fmt == "pdf":
        return text_pdf(sample("txt", seed).decode("utf-8").splitlines())
    if fmt == "xls":
        return _xls(sample("txt-tab", seed).decode("utf-8").splitlines())
    return render(build(department(seed, 0, 2025)), fmt, None)


def _xls(lines: list[str]) -> bytes:
    """The tab text as an old-format workbook (xlwt, a test dependency): one row per line, one cell per tab."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("S")
    for r, ln in enumerate(lines[:65_000]):
        for c, cell in enumerate(ln.split("\t")[:256]):
            if cell.strip():
                sheet.write(r, c, cell.strip())
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


# ---- PDF drawn through a ToUnicode map ---------------------------------------------------------------------------

def _pdf(objs: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def _stream(data: bytes) -> bytes:
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def text_pdf(lines: list[str], per_page: int = 48, code_points: dict[str, int] | None = None,
             pages: int | None = None, font: bytes = b"Song") -> bytes:
    """Lines of text drawn on A4 pages with a Type0 font (2-byte codes, Identity-H) whose ToUnicode map gives
    each code its character; `code_points` maps a character to the code point the map declares instead (a lone
    surrogate, as a damaged text layer gives). `pages` repeats the first page to make a long file. `font` is the
    font's name (not embedded: the reader takes such a file through pdfminer unless it names a standard font)."""
    chars = sorted({ch for ln in lines for ch in ln})
    code = {ch: i + 1 for i, ch in enumerate(chars)}
    unicode = {ch: (code_points or {}).get(ch, ord(ch)) for ch in chars}
    cmap_entries = b"".join(b"<%04X> <%04X>\n" % (code[ch], unicode[ch]) for ch in chars if unicode[ch] <= 0xFFFF)
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Y def /CMapType 2 def\n"
            b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n")
    entries = [ln for ln in cmap_entries.split(b"\n") if ln]
    for k in range(0, len(entries), 100):
        chunk = entries[k:k + 100]
        cmap += b"%d beginbfchar\n" % len(chunk) + b"\n".join(chunk) + b"\nendbfchar\n"
    cmap += b"endcmap CMapName currentdict /CMap defineresource pop end end"
    widths = b" ".join(b"%d [%d]" % (code[ch], 500 if ch < "\u2e80" else 1000) for ch in chars)
    page_streams = []
    for start in range(0, max(1, len(lines)), per_page):
        ops = [b"BT /F1 9 Tf 11 TL 40 800 Td"]
        for ln in lines[start:start + per_page]:
            ops.append(b"<" + b"".join(b"%04X" % code[ch] for ch in ln) + b"> Tj T*")
        ops.append(b"ET")
        page_streams.append(b"\n".join(ops))
    if pages is not None:
        page_streams = [page_streams[0]] * pages
    n = len(page_streams)
    objs: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>",
                         b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (6 + 2 * i) for i in range(n)) +
                         b"] /Count %d >>" % n,
                         b"<< /Type /Font /Subtype /Type0 /BaseFont /" + font + b" /Encoding /Identity-H "
                         b"/DescendantFonts [4 0 R] /ToUnicode 5 0 R >>",
                         b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /" + font + b" /CIDSystemInfo << /Registry (Adobe)"
                         b" /Ordering (Identity) /Supplement 0 >> /DW 1000 /W [" + widths + b"] >>",
                         _stream(cmap)]
    for s in page_streams:
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >>"
                    b" /Contents %d 0 R >>" % (len(objs) + 2))
        objs.append(_stream(s))
    return _pdf(objs)


def surrogate_pdf() -> bytes:
    """A sampled department as PDF whose text layer maps one common character to the lone surrogate U+DD65."""
    lines = sample("txt").decode("utf-8").splitlines()
    # named as a standard font, so that pdfium (whose text page hands lone surrogates on) reads it
    return text_pdf(lines, code_points={"的": 0xDD65, "年": 0xD834}, font=b"Helvetica")


# ---- Office packages ------------------------------------------------------------------------------------------

XLSX_BASE = {
    "[Content_Types].xml": b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
                           b'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
                           b'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
                           b'"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.'
                           b'openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/'
                           b'worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                           b'spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType='
                           b'"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
                           b'</Types>',
    "_rels/.rels": b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                   b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                   b'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": b'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
                       b'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
                       b'relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
                                  b'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type='
                                  b'"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"'
                                  b' Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.'
                                  b'openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target='
                                  b'"sharedStrings.xml"/></Relationships>',
}
SHEET_NS = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
EMPTY_SST = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>'


def package(parts: dict[str, bytes | Iterator[bytes]]) -> bytes:
    """A zip package; a part given as an iterator of chunks is streamed in (a bomb never sits in memory)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in parts.items():
            if isinstance(body, bytes):
                z.writestr(name, body)
                continue
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            with z.open(info, "w", force_zip64=True) as f:
                for chunk in body:
                    f.write(chunk)
    return buf.getvalue()


def repeated(head: bytes, unit: bytes, total: int, tail: bytes) -> Iterator[bytes]:
    yield head
    block = unit * max(1, (1 << 20) // len(unit))
    left = total
    while left > 0:
        yield block
        left -= len(block)
    yield tail


def xlsx(sheet: bytes | Iterator[bytes], shared: bytes | Iterator[bytes] = EMPTY_SST) -> bytes:
    return package({**XLSX_BASE, "xl/worksheets/sheet1.xml": sheet, "xl/sharedStrings.xml": shared})


def xlsx_declared_dimension() -> bytes:
    """1-2 KB: a sheet declaring A1:XFD1048576 with one cell at its far corner."""
    return xlsx(SHEET_NS + b'<dimension ref="A1:XFD1048576"/><sheetData><row r="1048576"><c r="XFD1048576" t="inlineStr">'
                b"<is><t>x</t></is></c></row></sheetData></worksheet>")


def xlsx_wide_rows(rows: int = 100_000) -> bytes:
    """Many rows, each with a number in A and a styled empty cell in the last column (XFD): 16,384 cells each."""
    def body() -> Iterator[bytes]:
        yield SHEET_NS + b"<sheetData>"
        for start in range(1, rows + 1, 10_000):
            yield b"".join(b'<row r="%d"><c r="A%d"><v>%d</v></c><c r="XFD%d" s="0"/></row>' % (n, n, n, n)
                           for n in range(start, min(rows, start + 9_999) + 1))
        yield b"</sheetData></worksheet>"
    return xlsx(body())


def xlsx_shared_strings_bomb(megabytes: int) -> bytes:
    unit = b"<si><t>" + b"A" * 1000 + b"</t></si>"
    return xlsx(SHEET_NS + b"<sheetData/></worksheet>",
                repeated(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">', unit,
                         megabytes << 20, b"</sst>"))


def xlsx_sheet_bomb(megabytes: int) -> bytes:
    return xlsx(repeated(SHEET_NS + b"<sheetData>", b'<row><c t="inlineStr"><is><t>AAAA</t></is></c></row>',
                         megabytes << 20, b"</sheetData></worksheet>"))


def xlsx_entity_bomb() -> bytes:
    """Billion laughs in the shared strings."""
    ents = b'<!ENTITY a0 "lol">' + b"".join(b'<!ENTITY a%d "%s">' % (i, b"&a%d;" % (i - 1) * 10) for i in range(1, 10))
    sst = (b'<?xml version="1.0"?><!DOCTYPE sst [' + ents + b']><sst xmlns="http://schemas.openxmlformats.org/'
           b'spreadsheetml/2006/main"><si><t>&a9;</t></si></sst>')
    return xlsx(SHEET_NS + b'<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>', sst)


DOCX_BASE = {
    "[Content_Types].xml": b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
                           b'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
                           b'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
                           b'"application/xml"/><Override PartName="/word/document.xml" ContentType="application/'
                           b'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    "_rels/.rels": b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                   b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                   b'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
}
W_NS = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'


def docx_bomb(megabytes: int) -> bytes:
    return package({**DOCX_BASE, "word/document.xml": repeated(
        W_NS, b"<w:p><w:r><w:t>AAAAAAAAAAAAAAAA</w:t></w:r></w:p>", megabytes << 20, b"</w:body></w:document>")})


def lying_zip(real_megabytes: int = 64) -> bytes:
    """A .docx whose directory declares document.xml as 1 KB while its data inflates to `real_megabytes`."""
    body = W_NS + b"<w:p><w:r><w:t>A</w:t></w:r></w:p>" * ((real_megabytes << 20) // 34) + b"</w:body></w:document>"
    data = package({**DOCX_BASE, "word/document.xml": body})
    member = b"word/document.xml"
    out = bytearray(data)
    # patch the uncompressed size in the local header and in the central directory entry
    for sig, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = 0
        while (at := out.find(sig, at)) >= 0:
            name_at = at + (30 if sig == b"PK\x03\x04" else 46)
            if out[name_at:name_at + len(member)] == member:
                struct.pack_into("<I", out, at + size_at, 1024)
            at += 4
    return bytes(out)


def zip_many_members(count: int = 20_000) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        for name, body in XLSX_BASE.items():
            z.writestr(name, body)
        for i in range(count):
            z.writestr(f"x/{i}", b"")
    return buf.getvalue()


# ---- text -------------------------------------------------------------------------------------------------------

def html_utf16() -> bytes:
    return "\ufeff".encode("utf-16-le") + sample("html").decode("utf-8").encode("utf-16-le")


def text_utf32() -> bytes:
    return sample("txt").decode("utf-8").encode("utf-32")


def stray_byte(data: bytes, at_fraction: float = 0.6) -> tuple[bytes, int]:
    """`data` with one byte 0xFF inserted between two characters well into the file; the byte's offset."""
    at = int(len(data) * at_fraction)
    while at < len(data) and (data[at] & 0xC0) == 0x80:  # not inside a multi-byte character
        at += 1
    return data[:at] + b"\xff" + data[at:], at


def cut_mid_character(data: bytes) -> bytes:
    """`data` cut inside its last multi-byte character."""
    at = len(data) - 1
    while data[at] < 0x80:
        at -= 1
    return data[:at]


# ---- mutations -------------------------------------------------------------------------------------------------

def mutate_bytes(data: bytes, rnd: random.Random, edits: int | None = None) -> bytes:
    """Flip, drop, insert, duplicate or truncate at random places."""
    out = bytearray(data)
    for _ in range(edits or rnd.randint(1, 12)):
        if not out:
            break
        kind = rnd.random()
        at = rnd.randrange(len(out))
        if kind < 0.45:
            out[at] = rnd.randrange(256)
        elif kind < 0.6:
            del out[at:at + rnd.randint(1, 64)]
        elif kind < 0.75:
            out[at:at] = bytes(rnd.randrange(256) for _ in range(rnd.randint(1, 16)))
        elif kind < 0.9:
            span = out[at:at + rnd.randint(1, 256)]
            out[at:at] = span * rnd.randint(1, 8)
        else:
            del out[max(16, at):]
    return bytes(out)


def mutate_zip_members(data: bytes, rnd: random.Random) -> bytes:
    """Mutate the XML inside a package (the zip stays valid, so the readers get past the container)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            body = src.read(info)
            if info.filename.endswith(".xml") and rnd.random() < 0.5:
                body = mutate_text(body, rnd)
            z.writestr(info.filename, body)
    return buf.getvalue()


TEXT_EDITS = ("\ud800", "&#xD800;", "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>", "&e;", "\x00",
              "表1", "合计", "-1.00", "9" * 400, "<table>", "</td><td>", "\u202e", "\ufffe", "第二部分", "\t\t\t")


def mutate_text(data: bytes, rnd: random.Random) -> bytes:
    """Insert text-level damage (markup, entities, control and invalid characters, huge numbers) at random lines."""
    text = data.decode("utf-8", errors="surrogateescape")
    lines = text.split("\n")
    for _ in range(rnd.randint(1, 6)):
        k = rnd.randrange(len(lines))
        piece = rnd.choice(TEXT_EDITS)
        col = rnd.randint(0, len(lines[k]))
        lines[k] = lines[k][:col] + piece + lines[k][col:]
        if rnd.random() < 0.2:
            lines.insert(k, lines[k] * rnd.randint(2, 50))
    return "\n".join(lines).encode("utf-8", errors="surrogatepass")


# ---- a fuzz corpus ----------------------------------------------------------------------------------------------

FORMATS = {"txt": ".txt", "txt-tab": ".txt", "html": ".html", "xlsx": ".xlsx", "docx": ".docx", "pdf": ".pdf",
           "xls": ".xls"}


def fuzz_corpus(seed: int, per_format: int, documents: int = 2) -> Iterator[tuple[str, bytes]]:
    """Mutated documents of every format, reproducible from `seed`: byte-level damage for all, text-level
    damage inside text, HTML and the XML of packages."""
    rnd = random.Random(seed)
    for fmt, ext in FORMATS.items():
        for k in range(per_format):
            base = sample(fmt, 1 + k % documents)
            kind = rnd.random()
            if kind < 0.5:
                data, how = mutate_bytes(base, rnd), "bytes"
            elif fmt in ("xlsx", "docx"):
                data, how = mutate_zip_members(base, rnd), "xml"
            else:
                data, how = mutate_text(base, rnd), "text"
            yield f"{seed}-{fmt}-{k:03d}-{how}{ext}", data


def bombs_small() -> Iterator[tuple[str, bytes]]:
    """The hostile files of issue 9 in sizes that build in a second or two."""
    yield "dimension.xlsx", xlsx_declared_dimension()
    yield "wide.xlsx", xlsx_wide_rows(20_000)
    yield "strings-bomb.xlsx", xlsx_shared_strings_bomb(100)
    yield "sheet-bomb.xlsx", xlsx_sheet_bomb(100)
    yield "document-bomb.docx", docx_bomb(100)
    yield "lying.docx", lying_zip(32)
    yield "members.xlsx", zip_many_members(12_000)
    yield "laughs.xlsx", xlsx_entity_bomb()
    yield "surrogates.pdf", surrogate_pdf()
    yield "pages.pdf", text_pdf(["一"], pages=2500)
    yield "utf16.html", html_utf16()
    yield "utf32.txt", text_utf32()
    yield "stray.txt", stray_byte(sample("txt"))[0]
    yield "cut.txt", cut_mid_character(sample("txt"))
    yield "nested.html", b"<html><body>" + b"<div>" * 200_000 + "表1 部门收支总体情况表".encode() + b"</div>" * 200_000
    yield "long-line.txt", sample("txt") + b"9" * 3_000 + b"\n"
