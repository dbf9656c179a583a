"""Classification codes: one name per code across the tables, code digits that fit the row's level, and names
checked against the 政府收支分类科目 reference list shipped as data."""

from __future__ import annotations

from collections.abc import Iterator

from yusuan.check.context import Context
from yusuan.check.registry import Hit, Location, rule
from yusuan.model import Row, Table
from yusuan.spec.codes import known_code, official_name, reference

LEVEL_DIGITS = {"functional": {"class": 3, "category": 5, "item": 7}, "economic": {"class": 3, "category": 5,
                                                                                   "item": 5}}


def norm(name: str) -> str:
    return name.replace(" ", "").replace("(", "（").replace(")", "）")


def _system(ctx: Context, t: Table) -> str | None:
    spec = ctx.template.table(t.type)
    if spec is None:
        return None
    if spec.layout == "sided":
        return "functional"
    return spec.code_system if spec.code_system in ("functional", "economic") else None


def coded_rows(ctx: Context) -> Iterator[tuple[Table, Row, str]]:
    for t in ctx.d.tables:
        system = _system(ctx, t)
        if system is None:
            continue
        for r in t.rows:
            if r.code and r.name and r.kind != "total":
                yield t, r, system


def _bad_level(r: Row, system: str) -> bool:
    want = LEVEL_DIGITS[system].get(r.kind)
    return want is not None and r.code is not None and len(r.code) != want


@rule("CL-CODE-LEVEL", "classification", "warning",
      title="科目编码与所在级次不符",
      note="如项级的行只印了类级或款级编码，这一行就无法与其他表对应。")
def code_level(ctx: Context) -> Iterator[Hit]:
    """科目编码与所在级次不符：项级行只印了类级或款级编码（如 `230 04 其他支出`）。

    这样同一个编码代表两行、两个名称，该行也无法与其他表对应。

    示例：表8 “230 04 其他支出” 是项级行，却只印了款级编码 23004（表2、表3 为 2300499）。
    """
    rows = list(coded_rows(ctx))
    done: set[int] = set()
    for t, r, system in rows:
        if not _bad_level(r, system):
            continue
        done.add(r.source.line or 0)
        same = [(t2, r2) for t2, r2, _ in rows if r2.code == r.code and r2 is not r]
        locs = [ctx.loc_row(t, r)] + [ctx.loc_row(t2, r2) for t2, r2 in same[:3]]
        yield Hit(f"{ctx.tname(t)}“{r.name}”是{ {'item': '项', 'category': '款', 'class': '类'}[r.kind]}级行，"
                  f"编码却为 {len(r.code or '')} 位的 {r.code}。", locs)
    # the parser completes such a code from the other tables and says so: report it all the same
    for w in ctx.d.warnings:
        if w.code != "code-incomplete" or w.line in done:
            continue
        hit = next(((t, r) for t, r, _ in rows if r.source.line == w.line), None)
        if hit is None:
            yield Hit(w.message, [Location(w.line, w.page, None, None, None, ctx.quote(w.line))])
            continue
        t, r = hit
        code = r.code or ""
        printed = code[:5] if len(code) == 7 else code
        others = sorted(((t2, r2) for t2, r2, _ in rows if r2 is not r and r2.code in (code, printed)),
                        key=lambda tr: tr[0] is not t)[:4]  # its own table's 款 row first
        locs = [ctx.loc_row(t, r)] + [ctx.loc_row(t2, r2) for t2, r2 in others]
        yield Hit(f"{ctx.tname(t)}项级科目“{r.name}”只印了款级编码 {printed}，与同一编码的款级科目重名"
                  f"（其他表为 {code}）。", locs)


@rule("CL-NAME-CONSISTENT", "classification", "info",
      title="同一科目编码在不同地方名称不同",
      note="同一功能分类或经济分类编码在各表和说明中应使用同一个名称，写法不同多为错字或漏字。")
def name_consistent(ctx: Context) -> Iterator[Hit]:
    """同一编码在不同地方印了不同的名称。

    一个编码每年只有一个正式名称；名称不同多为错字或漏字（如 `医疗卫生共同财事权转移支付支出`）。编码与级次不符的行留给 CL-CODE-LEVEL。

    示例：表7 2300249 “医疗卫生共同财事权转移支付支出”，表2、表3、表5 为 “医疗卫生共同财政事权转移支付支出”。
    """
    by_code: dict[str, list[tuple[Table, Row]]] = {}
    for t, r, system in coded_rows(ctx):
        if not _bad_level(r, system):
            by_code.setdefault(f"{system}:{r.code}", []).append((t, r))
    for key, rows in by_code.items():
        names: dict[str, list[tuple[Table, Row]]] = {}
        for t, r in rows:
            names.setdefault(norm(r.name or ""), []).append((t, r))
        if len(names) < 2:
            continue
        ranked = sorted(names.items(), key=lambda kv: -len(kv[1]))
        common = ranked[0][0]
        for name, where in ranked[1:]:
            t, r = where[0]
            locs = [ctx.loc_row(t2, r2) for t2, r2 in where[:2]] + [ctx.loc_row(t2, r2) for t2, r2 in names[common][:3]]
            tables = "、".join(dict.fromkeys(ctx.tname(t2) for t2, _ in names[common]))
            yield Hit(f"{ctx.tname(t)}编码 {key.split(':')[1]} 的名称为“{name}”，而{tables}为“{common}”。", locs)


@rule("CL-REFERENCE", "classification", "info",
      title="科目名称与政府收支分类科目不符或编码不在目录中",
      note="对照本程序收录的政府收支分类科目名单核对；名单里没有的编码每份文件只提示一次。")
def reference_names(ctx: Context) -> Iterator[Hit]:
    """编码印出的名称与政府收支分类科目名单不符，或编码不在名单中。

    名单（`yusuan/data/codes.json`）收录全部类级科目和本项目核实过的款、项；名单中没有的编码每份文件只提示一次，从不作为错误。

    示例：表6 30217 印为 “公务招待费”，政府收支分类科目为 “公务接待费”。
    """
    unknown: dict[str, tuple[Table, Row]] = {}
    reported: set[str] = set()
    for t, r, system in coded_rows(ctx):
        code = r.code or ""
        if _bad_level(r, system):
            continue
        if not known_code(code, system):
            unknown.setdefault(code, (t, r))
            continue
        official = official_name(code) if system == "functional" else str(reference()["economic"][code])
        if official and norm(official) != norm(r.name or "") and (code, norm(r.name or "")) not in reported:
            reported.add(code)
            yield Hit(f"{ctx.tname(t)}编码 {code} 印为“{r.name}”，政府收支分类科目为“{official}”。", [ctx.loc_row(t, r)])
    if unknown:
        codes = sorted(unknown)
        locs: list[Location] = [ctx.loc_row(t, r) for t, r in (unknown[c] for c in codes)]
        shown = "、".join(codes[:8]) + (f" 等 {len(codes)} 个" if len(codes) > 8 else "")
        yield Hit(f"编码 {shown} 不在随附的政府收支分类科目参考目录中，名称未能核对。", locs)
