"""The model's JSON form has one definition (issue 10): the model writes and reads itself, and the JSON Schema
is generated from it; kinds are typed; Chinese numerals are read and written through cn2an with the behaviour of
the hand-written converters it replaced."""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from itertools import product
from typing import Any, get_args

import pytest
from click.testing import CliRunner

from tests.conftest import SHARED, requires_seeds
from yusuan import model
from yusuan.check.registry import RULES, SEVERITIES
from yusuan.cli import main
from yusuan.model import Disclosure, Metric, ModelError, Row, Statement
from yusuan.model.codec import json_keys, json_schema
from yusuan.parse.document import _cn_number, _date
from yusuan.parse.tables import _table_number
from yusuan.sample import department
from yusuan.schema import load_schema
from yusuan.spec import Severity
from yusuan.write.document import cn_number

PUTUO = SHARED / "final" / "putuo-czj-2024.pdf"
MODEL_CLASSES = [c for c in vars(model).values() if isinstance(c, type) and dataclasses.is_dataclass(c)]


def _through_json(d: Disclosure) -> Disclosure:
    return Disclosure.from_dict(json.loads(json.dumps(d.to_dict(), ensure_ascii=False)))


# ---- one definition of the JSON form ------------------------------------------------------------------------


def test_the_shipped_schema_is_the_generated_one() -> None:
    """`yusuan schema` prints the schema generated from the model; the file shipped for validators is its copy
    (regenerate with `yusuan schema > src/yusuan/schema/disclosure.schema.json`)."""
    res = CliRunner().invoke(main, ["schema"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output) == model.json_schema() == load_schema()


def test_the_schema_follows_the_model() -> None:
    """Kinds come from the Literal types, limits from the field metadata, computed keys are described."""
    schema = model.json_schema()
    defs = schema["$defs"]
    assert defs["Row"]["properties"]["kind"]["enum"] == list(get_args(model.RowKind))
    assert set(get_args(Metric)) >= {"execution_rate", "budget", "full_year_budget"}
    assert defs["Statement"]["properties"]["metric"]["enum"] == list(get_args(Metric))
    assert defs["Statement"]["required"] == ["section", "metric", "value"]
    assert schema["properties"]["year"] == {"type": ["integer", "null"], "minimum": 1949, "maximum": 2200}
    assert schema["properties"]["schema"] == {"const": model.SCHEMA_ID}
    assert "weight_total" in defs["PerformanceTable"]["properties"]
    assert "printed" not in defs["Row"]["properties"] and "line_texts" not in schema["properties"]


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda c: c.__name__)
def test_every_field_is_in_the_form_or_marked_out_of_it(cls: type) -> None:
    """A field added to a model class is written, read and described, or says it is the reader's working data; the
    published order names no key the class does not have."""
    fields = {f.name for f in dataclasses.fields(cls) if f.metadata.get("json", True)}
    computed = set(getattr(cls, "JSON_COMPUTED", {}))
    keys = json_keys(cls)
    assert len(keys) == len(set(keys)) and set(keys) == fields | computed
    assert set(getattr(cls, "JSON_ORDER", ())) <= fields | computed


def test_a_field_added_later_is_written_read_and_described() -> None:
    """What another family adds to the model needs no second edit: a new field joins the JSON form."""

    @dataclasses.dataclass
    class Later(model.Statement):
        execution_base: str | None = None

    s = Later("一", "支出", "execution_rate", Decimal("98.5"), execution_base="年初预算")
    data = s.to_dict()
    assert list(data)[-1] == "execution_base" and Later.from_dict(data) == s
    defs = json_schema(Later, schema_id="x", title="x", description="x")
    assert defs["properties"]["execution_base"] == {"type": ["string", "null"], "maxLength": 500}


def test_sampled_and_parsed_models_validate_and_survive_their_json() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft202012Validator.check_schema(model.json_schema())  # a schema by the draft it names
    validator = jsonschema.Draft202012Validator(model.json_schema())
    d = department(5, 2)
    errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(d.to_dict())]
    assert not errors, errors[:3]
    assert _through_json(d).to_dict() == d.to_dict()


@requires_seeds
def test_every_parsed_seed_validates(parsed_seeds: dict[str, Disclosure]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(model.json_schema())
    for name, d in parsed_seeds.items():
        errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(json.loads(json.dumps(d.to_dict())))]
        assert not errors, (name, errors[:3])


@pytest.mark.skipif(not PUTUO.is_file(), reason="../shared/final is not beside the clone")
def test_a_parsed_final_account_validates_and_survives_its_json() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from yusuan.parse.load import parse_input

    d = parse_input(PUTUO.read_bytes(), str(PUTUO))
    data = json.loads(json.dumps(d.to_dict(), ensure_ascii=False))
    errors = [f"{list(e.path)}: {e.message}" for e in jsonschema.Draft202012Validator(model.json_schema())
              .iter_errors(data)]
    assert not errors, errors[:3]
    assert d.template == "final" and Disclosure.from_dict(data).to_dict() == data


def test_a_yusuan_disclosure_1_model_of_before_families_loads() -> None:
    """What an early /1 model lacked (template, units, resolved_by, code_printed, sources) reads as absent."""
    old = {"schema": "yusuan.disclosure/1", "source": {"path": "a.txt", "sha256": "0" * 64, "layout": "space"},
           "year": 2024, "department": "某局", "kind": "部门预算", "unit": "万元", "published": None,
           "profile": {"functions": ["职能"], "subordinate_units": 0, "divisions": [], "staffing": {}},
           "tables": [{"type": "income_overview", "number": 2, "title": "收入总表", "empty": False,
                       "columns": [{"key": "total", "label": "合计"}],
                       "rows": [{"kind": "total", "code": None, "name": "合计", "values": {"total": 12.5},
                                 "ambiguous": []}]}],
           "narrative": {"statements": [{"section": "一", "subject": "收入", "metric": "amount", "value": 12.5,
                                         "line": 3}], "blocks": {}, "projects": [], "glossary": True},
           "performance": {"overall": None, "projects": []}, "warnings": []}
    d = Disclosure.from_dict(old)
    assert d.template is None and d.profile.units == [] and d.tables[0].rows[0].resolved_by == []
    assert d.tables[0].rows[0].values == {"total": Decimal("12.50")} and d.narrative.glossary
    assert d.narrative.statements[0] == Statement("一", "收入", "amount", Decimal("12.50"), line=3)


@pytest.mark.parametrize("edit,words", [
    (lambda d: d["tables"][0]["rows"][0].update(kind="grand"), ("tables[0].rows[0].kind", "grand", "允许的取值")),
    (lambda d: d["tables"][0]["rows"][0].pop("kind"), ("缺少字段 tables[0].rows[0].kind",)),
    (lambda d: d["source"].update(layout="fax"), ("source.layout", "fax")),
    (lambda d: d["tables"][0]["rows"][0]["source"].update(page=-1), ("tables[0].rows[0].source.page", "超出范围")),
    (lambda d: d["profile"].update(units=[{"remark": "x"}]), ("缺少字段 profile.units[0].name",)),
    (lambda d: d.update(tables={"a": 1}), ("tables", "数组")),
], ids=["unknown-kind", "no-kind", "unknown-layout", "negative-page", "unit-without-name", "tables-not-list"])
def test_a_field_that_breaks_a_rule_is_named(edit: Any, words: tuple[str, ...]) -> None:
    data = json.loads(json.dumps(department(3, 4).to_dict(), ensure_ascii=False))
    edit(data)
    with pytest.raises(ModelError) as e:
        Disclosure.from_dict(data)
    for w in words:
        assert w in str(e.value), str(e.value)


def test_lenient_where_a_hand_made_model_may_slip() -> None:
    """Where a part was printed is optional: a malformed source or parts reads as unknown, not as an error."""
    data = department(3, 4).to_dict()
    data["tables"][0]["rows"][0]["source"] = "line 3"
    data["parts"] = ["x"]
    d = Disclosure.from_dict(data)
    assert d.tables[0].rows[0].source == model.Source() and d.parts == {}


def test_the_writer_reads_the_same_through_its_loader(tmp_path: Any) -> None:
    """`write.model_io` is a thin door onto the model's reader: its errors are the CLI's IngestError."""
    from yusuan.ingest import IngestError
    from yusuan.write.model_io import disclosure_from_dict, load_model

    d = department(2, 1)
    assert disclosure_from_dict(d.to_dict()).to_dict() == d.to_dict()
    p = tmp_path / "m.json"
    bad = d.to_dict()
    bad["tables"][0]["rows"][0]["values"] = {"total": "1"}
    p.write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(IngestError, match="m.json.*tables\\[0\\].rows\\[0\\].values.total.*应为数字"):
        load_model(str(p))


# ---- kinds typed --------------------------------------------------------------------------------------------


def test_severities_are_the_typed_ones() -> None:
    assert SEVERITIES == get_args(Severity) == ("error", "warning", "info")
    assert RULES and {r.severity for r in RULES.values()} <= set(SEVERITIES)


def test_row_kinds_are_the_typed_ones() -> None:
    with pytest.raises(ModelError, match="kind"):
        Row.from_dict({"kind": "subtotal"})
    assert Row.from_dict({"kind": "item", "code": "2080505"}).code == "2080505"


# ---- Chinese numerals ---------------------------------------------------------------------------------------

DIGITS = "零一二三四五六七八九"


def _old_cn_number(s: str) -> int:
    """The converter cn2an replaced (parse/document.py), kept here as the reference of its behaviour."""
    digit = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
    if "十" not in s:
        return digit.get(s, 0)
    tens, _, ones = s.partition("十")
    return (digit.get(tens, 1) if tens else 1) * 10 + (digit.get(ones, 0) if ones else 0)


def _old_cn_text(n: int) -> str:
    """The writer's converter cn2an replaced (write/document.py), for 0 … 99."""
    if n < 10:
        return DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else DIGITS[tens]) + "十" + (DIGITS[ones] if ones else "")


def test_the_writer_numbers_as_before() -> None:
    assert [cn_number(n) for n in range(100)] == [_old_cn_text(n) for n in range(100)]
    assert cn_number(12) == "十二" and cn_number(20) == "二十" and cn_number(100) == "一百"


def test_days_and_months_read_as_before() -> None:
    """Every numeral of a month or a day reads as before; of the strings the date pattern admits that are no
    numeral (十十, 一二), none now reads as a different number: each is 0 (no date) or what it was."""
    for n in range(1, 32):
        assert _cn_number(_old_cn_text(n)) == n == _old_cn_number(_old_cn_text(n))
    for size in (1, 2, 3):
        for chars in product("一二三四五六七八九十", repeat=size):
            s = "".join(chars)
            assert _cn_number(s) in (0, _old_cn_number(s)), s


def test_dates_in_chinese_numerals() -> None:
    assert _date("二〇二五年一月二十七日") == "2025-01-27"
    assert _date("二零二四年十二月三十一日") == "2024-12-31"
    assert _date("二〇二五年十三月一日") is None
    assert _date("二〇二五年一二月一日") is None  # not a numeral: as before, no date


def test_table_numbers() -> None:
    assert [_table_number(t) for t in ("3", "三", "十", "十一", "十二", "九")] == [3, 3, 10, 11, 12, 9]
    assert _table_number("十十") == 0 and _table_number("一二") == 0
