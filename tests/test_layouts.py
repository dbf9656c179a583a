"""Each layout quirk of DOMAIN.md on a small hand-written snippet."""

from __future__ import annotations

from decimal import Decimal

from yusuan.model import Disclosure
from yusuan.parse import parse_bytes

HEAD = " 2025年部门预算公开\n第二部分 2025年部门预算公开表\n"
T3_HEADER = "表 3\n部门支出总体情况表\n编制部门：测试县审计局 单位：万元\n科目 支出预算\n功能分类科目编码\n类 款 项\n功能分类科目名称 合计 基本支出 项目支出\n※ ※ ※ ※ 1 2 3\n"
T1_HEADER = "表 1\n部门收支总体情况表\n编制部门：测试县审计局 单位：万元\n收入 支出\n项目 预算数 功能分类 预算数\n"
T5_HEADER = T3_HEADER.replace("表 3", "表 5").replace("部门支出总体情况表", "一般公共预算支出情况表")
TAIL = "第三部分 2025年部门预算情况说明\n一、关于收支预算情况的总体说明\n收支总预算 10.00万元。\n"


def parse(text: str, encoding: str = "utf-8") -> Disclosure:
    return parse_bytes(text.encode(encoding), "snippet.txt")


def rows(d: Disclosure, key: str) -> dict:
    t = d.table(key)
    assert t is not None, key
    return {(r.code or r.kind): r for r in t.rows}


def test_numbers_decided_by_class_sums_and_wrapped_names():
    text = HEAD + T3_HEADER + (
        "总计 2,071.19 268.54 1,802.65\n"
        "208 社会保障和就业支出 268.54 268.54\n"
        "208 05 05\n    机关事业单位基本养老保险缴费\n\n支出\n268.54 268.54\n"
        "210 卫生健康支出 1,802.65 1,802.65\n"
        "210 12 02 财政对城乡居民基本医疗保险基金的补助 1,802.65 1,802.65\n") + TAIL
    r = rows(parse(text), "expenditure_overview")
    assert r["total"].values == {"total": Decimal("2071.19"), "basic": Decimal("268.54"),
                                 "project": Decimal("1802.65")}
    assert r["208"].values == {"total": Decimal("268.54"), "basic": Decimal("268.54")}
    assert r["210"].values == {"total": Decimal("1802.65"), "project": Decimal("1802.65")}
    item = r["2080505"]
    assert item.name == "机关事业单位基本养老保险缴费支出"
    assert item.values == {"total": Decimal("268.54"), "basic": Decimal("268.54")}
    assert item.source.lines is not None and item.source.lines[0] < item.source.line


def test_undecidable_column_is_declared_not_guessed():
    text = HEAD + T3_HEADER + "总计 10.00 10.00\n208 社会保障和就业支出 10.00 10.00\n" + TAIL
    r = rows(parse(text), "expenditure_overview")
    assert r["208"].values == {"total": Decimal("10.00")}
    assert [(a.value, a.candidates) for a in r["208"].ambiguous] == [(Decimal("10.00"), ["basic", "project"])]
    # the total row's second value must share the column of its class: one group
    assert r["208"].ambiguous[0].group == r["total"].ambiguous[0].group


def test_another_table_decides_what_one_table_cannot():
    """Table 5 prints basic and project for the same code; table 3 then follows (cross-table identity)."""
    t5 = T5_HEADER + "总计 10.00 10.00\n208 社会保障和就业支出 10.00 10.00\n"
    t3 = T3_HEADER + "总计 12.00 10.00 2.00\n208 社会保障和就业支出 12.00 10.00 2.00\n"
    t6 = ("表 6\n一般公共预算基本支出情况表\n编制部门：测试县审计局 单位：万元\n经济分类科目名称 合计 人员经费 公用经费\n"
          "※ ※ ※ 1 2 3\n总计 10.00 10.00\n301 工资福利支出 10.00 10.00\n")
    d = parse(HEAD + t3 + t5 + t6 + TAIL)
    r5 = rows(d, "general_budget_expenditure")
    assert r5["total"].values == {"total": Decimal("10.00"), "basic": Decimal("10.00")}
    assert not r5["total"].ambiguous
    decided_by = r5["total"].resolved_by + r5["208"].resolved_by
    assert any(i.startswith(("XT-", "BD-")) for i in decided_by), decided_by


def test_page_marks_repeated_headers_and_letter_spaced_totals():
    text = HEAD + T3_HEADER + (
        "总计 30.00 30.00\n"
        "208 社会保障和就业支出 10.00 10.00\n"
        "- 6 -\n"
        " 编制部门：测试县审计局 单位：万元\n科目 支出预算\n功能分类科目名称 合计 基本支出 项目支出\n※ ※ ※ ※ 1 2 3\n"
        "210 卫生健康支出 20.00 20.00\n") + TAIL
    d = parse(text)
    r = rows(d, "expenditure_overview")
    assert set(r) == {"total", "208", "210"}
    assert r["210"].source.page == r["208"].source.page + 1
    t1 = (T1_HEADER +
          "一、本年收入 5.00 201 一般公共服务支出 5.00\n1.一般公共预算拨款 5.00 202 外交支出\n"
          "收 入 总 计 5.00 支 出 总 计 5.00\n")
    d = parse(HEAD + t1 + TAIL)
    t = d.table("income_expenditure_overview")
    assert t is not None
    items = {r.item: r.values for r in t.rows if r.item}
    assert items["income_total"] == {"amount": Decimal("5.00")}
    assert items["expenditure_total"] == {"amount": Decimal("5.00")}
    assert items["general"] == {"amount": Decimal("5.00")}
    assert next(r for r in t.rows if r.code == "201").values == {"amount": Decimal("5.00")}


def test_encodings_line_ends_and_full_width_digits():
    text = HEAD + T3_HEADER + "总计 １０.００ １０.００\n208 社会保障和就业支出 10.00 10.00\n" + TAIL
    for data in (text.encode("gb18030"), b"\xef\xbb\xbf" + text.encode("utf-8"),
                 text.replace("\n", "\r\n").encode("utf-8"), text.encode("gbk")):
        d = parse_bytes(data, "x.txt")
        r = rows(d, "expenditure_overview")
        assert r["total"].values["total"] == Decimal("10.00")
        assert d.department == "测试县审计局"


def test_table_of_contents_is_not_a_table():
    toc = "目 录\n第二部分 2025 年部门预算公开表\n- 一、 部门收支总体情况表\n- 三、 部门支出总体情况表\n"
    d = parse(" 2025年部门预算公开\n" + toc + "第二部分 2025年部门预算公开表\n" + T3_HEADER +
              "总计 1.00 1.00\n208 社会保障和就业支出 1.00 1.00\n" + TAIL)
    assert [t.type for t in d.tables] == ["expenditure_overview"]
    assert d.table("expenditure_overview").source.line > 6  # type: ignore[union-attr]


def test_tab_layout_glued_and_missing_codes_blank_cells():
    t = ("表 8\n政府性基金预算支出情况表\n编制单位：测试局\n单位：万元\n"
         "科目\t\t\t政府性基金预算支出\t\t\t\n功能分类科目编码\t\t功能分类科目名称\t合计\t基本支出\t\t项目支出\n"
         "类\t款\t\t\t人员经费\t公用经费\t\n※\t※\t※\t1\t2\t3\t4\n"
         "\t\t总计\t4,000.00\t\t\t4,000.00\n230\t\t转移性支出\t4,000.00\t\t\t4,000.00\n"
         "230\t04\t政府性基金转移支付\t4,000.00\t\t\t4,000.00\n230\t04\t其他支出\t4,000.00\t\t\t4,000.00\n"
         "230\t04\t99 其他支出\t4,000.00\t\t\t4,000.00\n")
    d = parse(HEAD.replace("部门", "单位") + t + TAIL)
    assert d.source.layout == "tab"
    tab = d.table("fund_budget_expenditure")
    assert tab is not None
    codes = [(r.code, r.kind, r.name) for r in tab.rows]
    assert codes == [(None, "total", "总计"), ("230", "class", "转移性支出"), ("23004", "category", "政府性基金转移支付"),
                     ("23004", "item", "其他支出"), ("2300499", "item", "其他支出")]
    assert all(r.values == {"total": Decimal("4000.00"), "project": Decimal("4000.00")} for r in tab.rows)
    assert any(w.code == "code-incomplete" for w in d.warnings)


def test_empty_table_statement_wrapped_over_lines():
    t = ("表 9\n国有资本经营预算支出情况表\n编制部门：测试县审计局 单位：万元\n功能分类科目名称 合计\n人员经费 公用经费\n项目支出\n"
         "※ ※ ※ ※ 1 2 3 4\n测试县审计局 2025 年没有使用国有资本经营预算拨款安排的支出，国有资本经营预算支出情况表为\n空表。\n")
    d = parse(HEAD + t + TAIL)
    tab = d.table("soe_budget_expenditure")
    assert tab is not None and tab.empty and not tab.rows
    assert tab.empty_statement is not None and tab.empty_statement.endswith("为空表。")


def test_table_7_name_and_project_split_by_the_names_of_other_tables():
    t5 = T5_HEADER + ("总计 5.00 5.00\n210 卫生健康支出 5.00 5.00\n210 15 医疗保障管理事务 5.00 5.00\n"
                      "210 15 99 其他医疗保障管理事务支出 5.00 5.00\n")
    t7 = ("表 7\n一般公共预算项目支出情况表\n编制部门：测试县审计局 单位：万元\n功能分类科目名称 项目名称 合计 工资福利 支出 "
          "商品和服 务支出\n※ ※ ※ ※ ※ 1 2 3 4 5 6 7 8 9 10 11\n总计 5.00 5.00\n"
          "210 15 99\n      其他医疗保障管理事务支\n出\n县医保局聘请第三方机构开展医\n保基金监管工作资金\n5.00 5.00\n")
    d = parse(HEAD + t5 + t7 + TAIL)
    r = next(r for r in d.table("general_budget_projects").rows if r.code == "2101599")  # type: ignore[union-attr]
    assert (r.kind, r.name, r.project) == ("project", "其他医疗保障管理事务支出", "县医保局聘请第三方机构开展医保基金监管工作资金")
    assert r.values["total"] == Decimal("5.00")


def test_staffing_and_date_wordings():
    profile = ("第一部分 2025年部门概况\n一、主要职能\n（一）负责审计工作。\n（二）完成交办的其他任务。\n二、机构设置及人员情况\n"
               "测试县审计局无下属预算单位，内设 3个股室，分别为：办公室、审计股、\n法规股。\n"
               "测试县审计局编制人数 12人，实有人员 11人，其中：在职人员 9人，比上年减少 1人；退休人员 2人，增加 0人；\n"
               "离休人员 0人，增加 0人。\n")
    text = " 2025年部门预算公开\n" + profile + "第二部分 2025年部门预算公开表\n" + T3_HEADER + \
        "总计 1.00 1.00\n208 社会保障和就业支出 1.00 1.00\n" + TAIL + "测试县审计局\n二〇二五年一月二十七日\n"
    d = parse(text)
    s = d.profile.staffing
    assert (s.authorized, s.actual, s.active, s.active_change, s.retired, s.retired_change, s.retired_early) == \
        (12, 11, 9, -1, 2, 0, 0)
    assert s.source.line is not None
    assert d.profile.divisions == ["办公室", "审计股", "法规股"] and d.profile.subordinate_units == 0
    assert d.profile.functions == ["负责审计工作。", "完成交办的其他任务。"]
    assert d.published == "2025-01-27"


def test_form_feeds_mark_pages():
    body = T3_HEADER + "总计 3.00 3.00\n208 社会保障和就业支出 1.00 1.00\n\f210 卫生健康支出 2.00 2.00\n"
    d = parse(HEAD.lstrip() + body + TAIL)
    r = rows(d, "expenditure_overview")
    assert (r["208"].source.page, r["210"].source.page) == (1, 2)
    assert r["210"].values["total"] == Decimal("2.00")


def test_header_wrapped_character_by_character_shows_which_columns_are_printed():
    t4 = ("表 4\n财政拨款收支预算总体情况表\n编制部门：测试县审计局 单位：万元\n财政拨款收入 财政拨款支出\n项目 合计 功能分类 合计\n"
          "一般公共预\n\n算\n\n政\n府\n性\n基\n金\n预\n算\n"
          "一、财政拨款（补助） 5.00 201 一般公共服务支出\n一般公共预算 3.00 202 外交支出\n政府性基金预算 2.00 203 国防支出\n"
          "208 社会保障和就业支出 3.00 3.00\n212 城乡社区支出 2.00 2.00\n收入总计 5.00 支出总计 5.00 3.00 2.00\n")
    d = parse(HEAD + t4 + TAIL)
    t = d.table("fiscal_overview")
    assert t is not None
    assert [c.key for c in t.columns] == ["amount", "total", "general", "fund"]
    exp = {r.code or r.item: r.values for r in t.rows if r.kind in ("expenditure", "total")}
    assert exp["208"] == {"total": Decimal("3.00"), "general": Decimal("3.00")}
    assert exp["212"] == {"total": Decimal("2.00"), "fund": Decimal("2.00")}
    assert exp["expenditure_total"] == {"total": Decimal("5.00"), "general": Decimal("3.00"), "fund": Decimal("2.00")}


def test_tab_layout_continued_table_repeats_its_header_without_its_number():
    head = ("编制单位：测试局\n单位：万元\n科目\t\t\t支出预算\t\t\n功能分类科目编码\t\t功能分类科目名称\t合计\t基本支出\t项目支出\n"
            "类\t款\t\t\t\t\n※\t※\t※\t1\t2\t3\n")
    t = ("表 3\n单位支出总体情况表\n" + head + "\t\t总计\t3.00\t1.00\t2.00\n208\t\t社会保障和就业支出\t1.00\t1.00\t\n"
         "208\t05\t行政事业单位养老支出\t1.00\t1.00\t\n" + head + "210\t\t卫生健康支出\t2.00\t\t2.00\n"
         "210\t13\t医疗救助\t2.00\t\t2.00\n210\t13\t99 其他医疗救助支出\t2.00\t\t2.00\n")
    d = parse(HEAD.replace("部门", "单位") + t + TAIL)
    r = rows(d, "expenditure_overview")
    assert list(r) == ["total", "208", "20805", "210", "21013", "2101399"]
    assert r["2101399"].values == {"total": Decimal("2.00"), "project": Decimal("2.00")}
    assert r["2101399"].name == "其他医疗救助支出"


def test_wrapped_income_label_of_table_1():
    t1 = (T1_HEADER +
          "一、本年收入 5.00 201 一般公共服务支出 5.00\n1.一般公共预算拨款 5.00 202 外交支出\n其中：一般财力 3.00\n"
          "上级一般公共预算安排转\n移支付 2.00 203 国防支出\n收入总计 5.00 支出总计 5.00\n")
    d = parse(HEAD + t1 + TAIL)
    t = d.table("income_expenditure_overview")
    assert t is not None
    items = {r.item: r.values.get("amount") for r in t.rows if r.item}
    assert items["general_transfer"] == Decimal("2.00") and items["general_own"] == Decimal("3.00")
    assert not d.warnings or all("收入项目" not in w.message for w in d.warnings)


def test_exports_that_drop_decimals_in_value_cells():
    t = ("表 3\n部门支出总体情况表\n编制部门：测试局\n单位：万元\n功能分类科目编码\t\t功能分类科目名称\t合计\t基本支出\t项目支出\n"
         "\t\t总计\t2000\t1500\t500\n208\t\t社会保障和就业支出\t2,000\t1,500.5\t499.5\n"
         "208\t05\t行政事业单位养老支出\t2,000\t1,500.5\t499.5\n208\t05\t05 机关事业单位基本养老保险缴费支出\t2000\t1500.5\t499.5\n"
         "科目\t\t\t支出预算\t\t\n")
    d = parse(HEAD + t + TAIL)
    assert d.source.layout == "tab"
    r = rows(d, "expenditure_overview")
    assert r["total"].values == {"total": Decimal("2000"), "basic": Decimal("1500"), "project": Decimal("500")}
    assert r["208"].values == {"total": Decimal("2000"), "basic": Decimal("1500.5"), "project": Decimal("499.5")}


def test_table_1_continued_under_a_repeated_header_keeps_its_blank_rows_and_context():
    head1 = "编制部门：测试县审计局 单位：万元\n收入 支出\n项目 预算数 功能分类 预算数\n"
    t1 = ("表 1\n部门收支总体情况表\n" + head1 +
          "一、本年收入 5.00 201 一般公共服务支出 8.00\n1.一般公共预算拨款 5.00 202 外交支出\n"
          "二、上年结转结余 3.00 203 国防支出\n1.财政拨款结转 3.00 204 公共安全支出\n"
          " " + head1 +
          "其中：一般公共预算拨款 3.00 205 教育支出\n      政府性基金预算拨款 206 科学技术支出\n"
          "收入总计 8.00 支出总计 8.00\n")
    d = parse(HEAD + t1 + TAIL)
    t = d.table("income_expenditure_overview")
    assert t is not None
    items = {r.item: r.values.get("amount") for r in t.rows if r.item}
    assert items["fiscal_carryover_general"] == Decimal("3.00") and "general" in items
    assert items["general"] == Decimal("5.00") and "fiscal_carryover_fund" in items
    assert {r.code for r in t.rows if r.kind == "expenditure"} == {"201", "202", "203", "204", "205", "206"}


def test_a_wrapped_name_piece_starting_with_digits_is_not_a_code():
    t5 = T5_HEADER + ("总计 5.00 5.00\n212 城乡社区支出 5.00 5.00\n212 03 城乡社区公共设施 5.00 5.00\n"
                      "212 03 99 其他城乡社区公共设施支出 5.00 5.00\n")
    t7 = ("表 7\n一般公共预算项目支出情况表\n编制部门：测试县审计局 单位：万元\n功能分类科目名称 项目名称 合计\n"
          "※ ※ ※ ※ ※ 1 2 3 4 5 6 7 8 9 10 11\n总计 5.00 5.00\n"
          "212 03 99 其他城乡社区公共设施支出\n民政专项业务经费（白财教〔2\n024〕39号）\n5.00 5.00\n")
    d = parse(HEAD + t5 + t7 + TAIL)
    t = d.table("general_budget_projects")
    assert t is not None
    assert [r.code for r in t.rows] == [None, "2120399"]
    assert t.rows[1].project == "民政专项业务经费（白财教〔2024〕39号）"


def test_table_1_labels_wrapped_on_both_sides_with_the_amount_on_the_first_line():
    t1 = (T1_HEADER.replace("收入 支出\n项目 预算数 功能分类", "收入项目 预算数 支出功能分类") +
          "一、本年收入 8.00 201 一般公共服\n务支出\n1.一般公共预算 8.00 202 外交支出\n拨款\n"
          "其中：一般财 5.00 203 国防支出\n力\n上级一般公共 3.00 204 公共安全支 8.00\n预算安排转移 出\n支付\n"
          "收入总计 8.00 支出总计 8.00\n")
    d = parse(HEAD + t1 + TAIL)
    t = d.table("income_expenditure_overview")
    assert t is not None
    items = {r.item: r.values.get("amount") for r in t.rows if r.item}
    assert items["general_own"] == Decimal("5.00") and items["general_transfer"] == Decimal("3.00")
    assert items["general"] == Decimal("8.00") and items["current_income"] == Decimal("8.00")
    exp = {r.code: (r.name, r.values.get("amount")) for r in t.rows if r.kind == "expenditure"}
    assert exp["204"] == ("公共安全支出", Decimal("8.00")) and exp["201"][0] == "一般公共服务支出"
    assert not [w for w in d.warnings if "收入项目" in w.message]
