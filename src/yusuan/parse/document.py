"""Parse a whole disclosure: meta, parts, tables (with column decisions), profile, prose, performance tables."""

from __future__ import annotations

import re
from decimal import Decimal
from difflib import SequenceMatcher

from yusuan.ingest import IngestError, Line, SourceDoc
from yusuan.model import Ambiguity, Column, Disclosure, Row, Source, SourceFile, Table
from yusuan.parse.narrative import parse_narrative
from yusuan.parse.performance import parse_performance
from yusuan.parse.profile import parse_profile
from yusuan.parse.projects import parse_projects
from yusuan.parse.sections import keep_texts
from yusuan.parse.solve import Var, build_solver
from yusuan.parse.tables import ParsedTable, RawRow, find_tables, parse_table, table_unit
from yusuan.parse.text import CJK, flat
from yusuan.spec import FAMILIES, TableSpec, Template, detect, known_titles, match_title, template_of

PART = re.compile(r"^第([一二三四五六七八九])部分")
TITLE = re.compile(r"(20\d{2})\s*年\s*(?:度)?\s*(部门|单位)\s*(预算|决算)")
DEPT_LINE = re.compile(r"^编制(?:部门|单位)[:：]\s*(.+?)\s*(?:(?:金额)?单位[:：].*)?$")
DATE = re.compile(r"^(20\d{2})\s*(?:年|-|/|\.)\s*(\d{1,2})\s*(?:月|-|/|\.)\s*(\d{1,2})\s*日?$")
DATE_CN = re.compile(r"^([〇零一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日$")


def parse_source(doc: SourceDoc) -> Disclosure:
    lines = doc.lines
    d = Disclosure(source=SourceFile(doc.path, doc.sha256, doc.layout, lines=len(lines), pages=doc.pages),
                   line_texts={ln.no: ln.text for ln in lines},
                   line_places={ln.no: (ln.page, ln.page_line) for ln in lines if ln.page is not None},
                   template=detect(ln.text for ln in lines).name)
    _refuse_unknown_family(doc)
    for note in doc.notes:
        d.warn(note, code="ingest")
    _meta(d, lines)
    _kind(d, lines)
    parts = _parts(lines)
    for name, (a, b) in parts.items():
        d.parts[name] = Source(line=lines[a].no, lines=(lines[a].no, lines[b - 1].no), page=lines[a].page)
    if not _looks_like_disclosure(d, lines):
        raise IngestError(f"{doc.path}：不像预算（决算）公开文件：没有找到“部门收支总体情况表”等标准表格，也没有“第二部分”公开表")
    t_start, t_end = parts.get("tables", (0, len(lines)))
    narrative_start, narrative_end = parts.get("narrative", (t_end, len(lines)))
    _tables(d, lines[t_start:t_end])
    parse_profile(d, lines[parts["profile"][0]:parts["profile"][1]] if "profile" in parts else lines[:t_start])
    glossary = parts.get("glossary")
    parse_narrative(d, lines[narrative_start:narrative_end])
    parse_performance(d, lines[narrative_start:narrative_end])
    keep_texts(d, lines[narrative_start:narrative_end])
    parse_projects(d, lines[narrative_start:narrative_end])
    d.narrative.glossary = glossary is not None
    _check_complete(d, lines, t_end)
    return d


def _meta(d: Disclosure, lines: list[Line]) -> None:
    for i, ln in enumerate(lines[:200]):
        m = TITLE.search(ln.stripped)
        if m:
            d.year = int(m.group(1))
            d.kind = m.group(2) + m.group(3)
            _cover_department(d, lines, i, m.start())
            break
    cover = d.department
    for ln in lines:
        m = DEPT_LINE.match(flat(ln.stripped)) if ln.stripped.startswith("编制") else None
        if m:
            # the cover names the department; a table's 编制部门 line only where the cover does not (a table
            # heading may name another body: that is for the checker to see, not the document's name)
            d.department = cover or m.group(1)
            if "单位" in ln.stripped[4:] or len(lines) > 0:
                um = re.search(r"单位[:：]\s*(\S+)", ln.stripped[4:])
                d.unit = um.group(1) if um else d.unit
            break
    if not d.department:
        d.department = _profile_department(lines)
    if d.unit is None:
        for ln in lines:
            um = re.match(r"^(?:金额)?单位[:：]\s*(\S+)$", ln.stripped)
            if um:
                d.unit = um.group(1)
                break
    for ln in reversed(lines[-60:]):
        date = _date(ln.stripped)
        if date:
            d.published = date
            break


def _kind(d: Disclosure, lines: list[Line]) -> None:
    """The kind the structure says: a family prints its own kinds (部门/单位 × 预算/决算); a title naming the other
    family's kind (or none) is read with the family's word and the title's 部门/单位."""
    kinds = template_of(d).kinds
    if d.kind in kinds or not kinds:
        return
    org = (d.kind or "")[:2] or ("单位" if any(k[:2] == "单位" and k in ln.stripped for ln in lines[:200]
                                              for k in kinds) else "部门")
    d.kind = next((k for k in kinds if k.startswith(org)), kinds[0])


PROFILE_HEADING = re.compile(r"^第一部分(.+?)(?:20\d{2}年度?)?(?:部门|单位)?概况$")


def _profile_department(lines: list[Line]) -> str | None:
    """Where neither the cover nor a 编制部门 line names it: the department 第一部分's heading names
    (`第一部分 上海市普陀区财政局概况`)."""
    for ln in lines[:400]:
        m = PROFILE_HEADING.match(flat(ln.stripped))
        name = m.group(1) if m else ""
        if len(name) >= 3 and CJK.search(name) and not re.search(r"\d", name):  # not `2025年部门`
            return name
    return None


def _date(s: str) -> str | None:
    """`2025年1月27日`, `2025-01-27` or `二〇二五年一月二十七日` → ISO date."""
    m = DATE.match(s)
    if m:
        y, mo, da = (int(g) for g in m.groups())
    else:
        m = DATE_CN.match(s)
        if not m:
            return None
        y = _cn_number(m.group(1), digits=True)
        mo, da = _cn_number(m.group(2)), _cn_number(m.group(3))
    if not (1 <= mo <= 12 and 1 <= da <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{da:02d}"


def _cn_number(s: str, digits: bool = False) -> int:
    """一 … 三十一 (a month or a day), or a year digit by digit (二〇二五); 0 for what is not a numeral.

    cn2an is imported here, not at the top: it costs a tenth of a second and only a Chinese date needs it."""
    import cn2an

    try:
        # strict refuses 一二 or 十十 for a day; normal reads a year's digits one by one
        return int(cn2an.cn2an(s, "normal" if digits else "strict"))
    except ValueError:
        return 0


def _cover_department(d: Disclosure, lines: list[Line], i: int, start: int) -> None:
    """The department as the cover prints it: before the title on its line, or alone on the line above (it wins
    over a table's `编制单位` line)."""
    name = flat(lines[i].stripped[:start])
    if not name and i > 0 and len(lines[i - 1].stripped) <= 40:
        name = flat(lines[i - 1].stripped)
    if name and CJK.search(name) and not re.search(r"\d|目录|部分", name):
        d.department = name


def _parts(lines: list[Line]) -> dict[str, tuple[int, int]]:
    """Where each part starts and ends (last occurrence of each heading: the table of contents comes first)."""
    last: dict[str, int] = {}
    for i, ln in enumerate(lines):
        m = PART.match(ln.stripped)
        if m and len(ln.stripped) < 40:
            last[m.group(1)] = i
    if "一" in last and last.get("二", -1) < last["一"]:
        # 第二部分 printed only in the table of contents: the tables start at their own heading (`XX 2024 年度部门决算表`)
        # or else at the first table title after 第一部分
        tables = _tables_start(lines, last["一"] + 1, last.get("三", len(lines)))
        if tables is not None:
            last["二"] = tables
    found = sorted((i, name) for i, name in ((i, _part_name(k, i, last, lines)) for k, i in last.items())
                   if name is not None)
    out: dict[str, tuple[int, int]] = {}
    for k, (i, name) in enumerate(found):
        end = found[k + 1][0] if k + 1 < len(found) else len(lines)
        out[name] = (i, end)
    return out


PART_NAMES = {"一": "profile", "二": "tables", "三": "narrative"}
GLOSSARY_WORDS = "名词解释"


def _part_name(numeral: str, at: int, last: dict[str, int], lines: list[Line]) -> str | None:
    """The part a heading opens. The glossary is the part headed 名词解释 (第四部分 in most documents; 第五部分 where
    其他重要事项 is a 第四部分 of its own); a later part that is not the glossary (其他重要事项, 附件) carries on the
    情况说明, so it opens no part of its own (None: the narrative runs through it)."""
    if numeral in PART_NAMES:
        return PART_NAMES[numeral]
    if _says_glossary(at, lines):
        return "glossary"
    headed = any(_says_glossary(i, lines) for k, i in last.items() if k not in PART_NAMES)
    # no part says 名词解释 (a bare `第四部分` heading): the 第四部分 is the glossary, as the template has it
    return "glossary" if numeral == "四" and not headed and not _other_words(lines[at]) else None


def _says_glossary(at: int, lines: list[Line]) -> bool:
    """The heading, or the line after a bare `第N部分`, names the glossary."""
    if GLOSSARY_WORDS in flat(lines[at].stripped):
        return True
    return (not _other_words(lines[at]) and at + 1 < len(lines)
            and flat(lines[at + 1].stripped).startswith(GLOSSARY_WORDS))


def _other_words(heading: Line) -> bool:
    """Whether the heading says more than `第N部分`."""
    return bool(PART.sub("", flat(heading.stripped)).strip())


def _refuse_unknown_family(doc: SourceDoc) -> None:
    """A document printing tables of which no family knows one (a 政府预算, another template) is refused, naming the
    tables it found: read with a family it does not follow, every figure would land in the wrong place."""
    known, unknown = known_titles(ln.text for ln in doc.lines)
    # the part headings (`…年度部门决算表`, `部门预算公开表`) and the performance tables are no table of a family
    unknown = [t for t in unknown if not (PART.match(t) or TABLES_HEADING.search(t) or "绩效" in t)]
    if known or len(unknown) < 2:
        return
    names = "、".join(f"“{t}”" for t in unknown[:12]) + ("等" if len(unknown) > 12 else "")
    families = "、".join(t.label if t.label.endswith(("预算", "决算")) else t.name for t in FAMILIES.values())
    raise IngestError(f"{doc.path}：不是已知模板（{families}）的公开文件：找到的表格 {names} 都不是这些模板的标准表格")


TABLES_HEADING = re.compile(r"(?:部门|单位)(?:预算|决算)(?:公开)?表$")


def _tables_start(lines: list[Line], start: int, end: int) -> int | None:
    """Where the tables begin when no 第二部分 heading is printed before them."""
    for i in range(start, min(end, len(lines))):
        f = flat(lines[i].stripped)
        if len(f) <= 40 and (TABLES_HEADING.search(f) or match_title(f) is not None) and "，" not in f:
            return i
    return None


def _looks_like_disclosure(d: Disclosure, lines: list[Line]) -> bool:
    if d.year is not None and d.department:
        return True
    template = template_of(d)
    if sum(1 for ln in lines if len(ln.stripped) <= 40 and template.match_title(ln.stripped)) >= 3:
        return True
    titles = sum(1 for ln in lines if "收支总体情况表" in flat(ln.stripped) or "预算公开表" in ln.stripped)
    return titles > 0


def _own_unit(d: Disclosure, pt: ParsedTable) -> str | None:
    """The unit the table prints for itself where it is not the document's (None: the document's unit)."""
    unit = table_unit(pt.block)
    return unit if unit and not (d.unit or "").startswith(unit) else None


def _tables(d: Disclosure, lines: list[Line]) -> None:
    template = template_of(d)
    blocks = find_tables(lines, template)
    parsed: dict[str, ParsedTable] = {}
    for b in blocks:
        pt = parse_table(b, d.department, template)
        for msg, line in pt.warnings:
            d.warn(msg, line=line)
        prev = parsed.get(b.spec.key)
        if prev is not None:  # the same table continued under a repeated title
            prev.rows.extend(pt.rows)
            prev.empty = prev.empty and pt.empty
            continue
        parsed[b.spec.key] = pt
    _split_projects(parsed, template)
    _mark_incomplete_codes(parsed, d, template)
    raw = {k: pt.rows for k, pt in parsed.items()}
    solver = build_solver(raw, template)
    solver.solve()
    groups: dict[tuple[str, tuple[str, ...]], str] = {}
    for spec in template.tables:
        if spec.key not in parsed:
            continue
        pt = parsed[spec.key]
        last = max((r.last for r in pt.rows), default=pt.block.title_line.no)
        last = max(last, next((ln.no for ln in reversed(pt.block.lines) if ln.stripped), last)) if pt.empty else last
        table = Table(type=spec.key, number=pt.block.number, title=pt.block.title, unit=_own_unit(d, pt),
                      empty=pt.empty,
                      empty_statement=pt.empty_statement,
                      source=Source(line=pt.block.title_line.no, lines=(pt.block.title_line.no, last),
                                    page=pt.block.title_line.page))
        cols = pt.columns if spec.layout != "sided" else _sided_columns(pt)
        table.columns = [Column(c.key, c.label) for c in cols]
        for var in solver.vars[spec.key]:
            r = var.row
            assert r.kind, "parse_table keeps only the rows it classified"
            values, open_ = solver.outcome(var)
            if r.kind == "wide":
                _merge_items(table.rows, _wide_item_rows(var, values, open_, spec, groups))
                if not var.domain and r.numbers:
                    d.warn(f"“{spec.title}”第{r.first}行：印出 {len(r.numbers)} 个数，多于本表的 {len(r.cols)} 列，无法对应",
                           line=r.first, page=r.page)
                continue
            row = Row(kind=r.kind, code=r.code, name=r.name or None, project=r.project, item=r.item, values=values,
                      source=Source(line=_numbers_line(r), lines=(r.first, r.last) if r.last != r.first else None,
                                    page=r.page),
                      resolved_by=list(dict.fromkeys(var.pruned_by)), printed=list(r.numbers),
                      code_printed=r.code_printed)
            for value, cands in open_:
                gid = groups.setdefault((spec.key, tuple(cands)), f"{spec.number}-{len(groups) + 1}")
                row.ambiguous.append(Ambiguity(value, cands, gid))
            if not var.domain and r.numbers:
                d.warn(f"表{spec.number}第{r.first}行：印出 {len(r.numbers)} 个数，多于本表的 {len(r.cols)} 列，无法对应",
                       line=r.first, page=r.page)
            table.rows.append(row)
        if table.rows and table.empty:
            table.empty = False
        d.tables.append(table)
    # identities no placement satisfies (solver.broken) are left to the checker, which reports both figures


def _wide_item_rows(var: Var, values: dict[str, Decimal], open_: list[tuple[Decimal, list[str]]], spec: TableSpec,
                    groups: dict[tuple[str, tuple[str, ...]], str]) -> list[Row]:
    """The one wide row of the 决算's 三公 table as its item rows (`item:column` → the item's row, the column): a
    figure still open between places is declared on each item row it may belong to, under one group."""
    r = var.row
    rows: dict[str, Row] = {}
    for item in dict.fromkeys(c.split(":")[0] for c in r.cols):
        rows[item] = Row(kind="total" if item == "total" else "item", item=item,
                         name=spec.item_labels.get(item, item), source=Source(line=r.first, page=r.page),
                         resolved_by=list(dict.fromkeys(var.pruned_by)))
    for key, value in values.items():
        item, col = key.split(":")
        rows[item].values[col] = value
    for value, cands in open_:
        gid = groups.setdefault((spec.key, tuple(cands)), f"{spec.number}-{len(groups) + 1}")
        for item in dict.fromkeys(c.split(":")[0] for c in cands):
            rows[item].ambiguous.append(Ambiguity(value, [c.split(":")[1] for c in cands if c.startswith(item + ":")],
                                                  gid))
    return list(rows.values())


def _merge_items(rows: list[Row], new: list[Row]) -> None:
    """Item rows from a wide table printed one line per column (预算数, then 决算数): one row per item."""
    by_item = {r.item: r for r in rows if r.item}
    for r in new:
        have = by_item.get(r.item or "")
        if have is None:
            rows.append(r)
            continue
        have.values.update(r.values)
        have.ambiguous.extend(r.ambiguous)
        have.resolved_by = list(dict.fromkeys(have.resolved_by + r.resolved_by))


def _numbers_line(r: RawRow) -> int:
    return r.last if r.numbers or r.cells is not None else r.first


def _sided_columns(pt: ParsedTable) -> list:
    seen: dict[str, object] = {}
    for c in list(pt.left) + list(pt.right):
        seen.setdefault(c.key, c)
    return list(seen.values())


def _split_projects(parsed: dict[str, ParsedTable], template: Template) -> None:
    """Table 7 in the space layout prints the 功能分类 name and the project name as one run of text (both may
    wrap). The name of each code is known from the other tables of the same document; what follows it is the
    project."""
    names: dict[str, str] = {}
    for key, pt in parsed.items():
        if template.by_key[key].has_projects or template.by_key[key].code_system != "functional":
            continue
        for r in pt.rows:
            if r.code and r.name:
                names.setdefault(r.code, r.name)
    from yusuan.spec.codes import official_name

    for key, pt in parsed.items():
        if not template.by_key[key].has_projects:
            continue
        for r in pt.rows:
            if r.cells is not None or not r.code or r.level != 7 or r.project:
                continue
            split = _split_name_project(r.text_parts, [n for n in (names.get(r.code), official_name(r.code)) if n])
            if split is not None:
                r.name, r.project, r.kind = split[0], split[1], "project"


def _split_name_project(parts: list[str], known: list[str]) -> tuple[str, str] | None:
    """Split the run of text of a table-7 row into (功能分类 name, project name). The known name of the code is
    matched at the start, letting a misprint or two pass (名称 printed 财事权 for 财政事权): the split point with
    the closest prefix wins, a word or line break preferred."""
    text = flat("".join(parts))
    boundaries = _boundaries(parts)
    for name in (flat(n) for n in known):
        if text == name:
            return None
        if text.startswith(name):
            return name, text[len(name):]
        best: tuple[float, int] | None = None
        for k in range(max(1, len(name) - 4), min(len(text) - 1, len(name) + 4) + 1):
            score = SequenceMatcher(None, text[:k], name, autojunk=False).ratio() + (0.02 if k in boundaries else 0)
            if best is None or score > best[0]:
                best = (score, k)
        if best is not None and best[0] >= 0.85:
            return text[:best[1]], text[best[1]:]
    if len(parts) >= 2 and CJK.search(text):
        # unknown code: the first piece is the name, the rest the project
        return flat(parts[0]), flat("".join(parts[1:]))
    return None


def _boundaries(parts: list[str]) -> set[int]:
    """Positions in the flattened text where a space or a line break stood."""
    out: set[int] = set()
    pos = 0
    for part in parts:
        for token in part.split():
            pos += len(flat(token))
            out.add(pos)
    return out


def _mark_incomplete_codes(parsed: dict[str, ParsedTable], d: Disclosure, template: Template) -> None:
    """`230 04 其他支出` right under `230 04 政府性基金转移支付`: a 项 printed with its last segment missing."""
    for key, pt in parsed.items():
        if template.by_key[key].has_projects:
            continue
        prev: RawRow | None = None
        for r in pt.rows:
            if prev is not None and r.code and r.code == prev.code and len(r.code) == 5 and r.name != prev.name:
                printed = r.code
                full = _complete_code(parsed, key, printed, r.name)
                if full:
                    r.code, r.code_printed = full, printed
                else:
                    r.code_incomplete = True
                r.kind = "item"
                d.warn(f"表{template.by_key[key].number}第{r.first}行：科目“{r.name}”的编码印为 {printed}，缺少项级编码"
                       + (f"（据其他表补全为 {full}）" if full else ""), line=r.first, page=r.page,
                       code="code-incomplete")
            prev = r


def _complete_code(parsed: dict[str, ParsedTable], key: str, printed: str, name: str) -> str | None:
    """The full 项 code another table prints for the same 款 and name, when exactly one does."""
    found = {r.code for k, pt in parsed.items() if k != key for r in pt.rows
             if r.code and len(r.code) == 7 and r.code.startswith(printed) and r.name == name}
    return found.pop() if len(found) == 1 else None


def _check_complete(d: Disclosure, lines: list[Line], t_end: int) -> None:
    """A document cut short: no tables at all, or it ends inside 第二部分 (no 情况说明 follows the tables), or its
    last table stops at a row whose numbers never came."""
    if not d.tables:
        d.warn("没有找到任何标准公开表", code="truncated")
        return
    last = d.tables[-1]
    last_line = next((ln for ln in reversed(lines) if ln.stripped), None)
    where = f"第 {last_line.no} 行" if last_line else "末尾"
    if "narrative" not in d.parts and "glossary" not in d.parts:
        d.warn(f"文件在表{last.number or ''}“{last.title}”之后（{where}）结束，没有第三部分情况说明：文件可能被截断",
               line=last_line.no if last_line else None, code="truncated")
    elif last.rows and not last.empty and not last.rows[-1].values and not last.rows[-1].ambiguous and \
            last.rows[-1].kind in ("class", "category", "item"):
        d.warn(f"表{last.number or ''}最后一行“{last.rows[-1].name}”没有数字：文件可能被截断",
               line=last.rows[-1].source.line, code="truncated")
