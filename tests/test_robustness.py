"""The seeds, re-laid-out the ways documents differ in the wild, must still parse to their answer keys.

Each transformation keeps every figure of the document; the answer key stays valid, so any miss is the parser
leaning on a detail of one layout rather than on the template.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest

from tests.conftest import GOLD, SEEDS, gold_for, requires_seeds
from tests.test_parse_seeds import _accuracy_module
from yusuan.parse import parse_bytes


def tab_to_space(text: str) -> str:
    return "\n".join(" ".join(c.strip() for c in ln.split("\t") if c.strip()) for ln in text.split("\n"))


def drop_blank_lines(text: str) -> str:
    return "\n".join(ln for ln in text.split("\n") if ln.strip())


def drop_table_numbers(text: str) -> str:
    return "\n".join(ln for ln in text.split("\n") if not re.fullmatch(r"\s*表\s*\d+\s*", ln))


def drop_column_numbering(text: str) -> str:
    return "\n".join(ln for ln in text.split("\n") if "※" not in ln)


def page_numbers_everywhere(text: str) -> str:
    out = []
    for i, ln in enumerate(text.split("\n")):
        out.append(ln)
        if i % 37 == 36:
            out.append(f"- {i // 37 + 1} -")
    return "\n".join(out)


def no_thousands_commas(text: str) -> str:
    return re.sub(r"(?<=\d),(?=\d{3})", "", text)


def unit_wording(text: str) -> str:
    return text.replace("编制部门：", "编制单位：")


def flush_left(text: str) -> str:
    return "\n".join(re.sub(r"^[ \t]{2,}", "", ln) for ln in text.split("\n"))


ROW = re.compile(r"^(\d{3}(?: \d{2}){0,2})\s+(\S{11,})\s+((?:-?[\d,]+\.\d{2}\s*)+)$")


def _rewrite_rows(text: str, rewrite: Callable[[str, str, str], list[str]]) -> str:
    """Apply `rewrite(code, name, numbers)` to every space-layout row with a long name."""
    out = []
    for ln in text.split("\n"):
        m = ROW.match(ln.strip()) if "\t" not in ln else None
        out += rewrite(*m.groups()) if m else [ln]
    return "\n".join(out)


def wrap_long_names(text: str) -> str:
    """Space layout: a long name wraps, its numbers drop to a line of their own (as PDF extraction prints it)."""
    return _rewrite_rows(text, lambda code, name, nums: [code, "    " + name[:9], name[9:], nums.strip()])


def name_tail_after_numbers(text: str) -> str:
    """Space layout: the numbers stay on the first line of a wrapped name, the name's tail comes after them."""
    return _rewrite_rows(text, lambda code, name, nums: [f"{code} {name[:9]} {nums.strip()}", name[9:]])


TRANSFORMS: dict[str, Callable[[str], str]] = {
    "wrap_long_names": wrap_long_names, "name_tail_after_numbers": name_tail_after_numbers,
    "tab_to_space": tab_to_space, "drop_blank_lines": drop_blank_lines, "drop_table_numbers": drop_table_numbers,
    "drop_column_numbering": drop_column_numbering, "page_numbers_everywhere": page_numbers_everywhere,
    "no_thousands_commas": no_thousands_commas, "unit_wording": unit_wording, "flush_left": flush_left,
}
SEED_NAMES = sorted(p.stem for p in SEEDS.glob("*.txt")) if SEEDS.is_dir() else []


@requires_seeds
@pytest.mark.parametrize("transform", sorted(TRANSFORMS))
@pytest.mark.parametrize("stem", SEED_NAMES)
def test_relaid_out_seed_still_parses_to_its_answer_key(stem, transform):
    seed = SEEDS / f"{stem}.txt"
    if not (GOLD / f"{stem}.json").exists():
        pytest.skip("no answer key")
    text = TRANSFORMS[transform](seed.read_text(encoding="utf-8"))
    for encoding in ("utf-8", "gb18030"):
        d = parse_bytes(text.replace("\n", "\r\n").encode(encoding), seed.name)
        acc = _accuracy_module()
        counts, misses = acc.score_parsed(json.loads(json.dumps(d.to_dict())), gold_for(seed))
        assert counts["ok"] == counts["cells"] and counts["extra"] == 0, misses[:8]
        assert counts["prose_ok"] == counts["prose"], misses[:8]


SAMPLE_TRANSFORMS = ("wrap_long_names", "name_tail_after_numbers", "drop_blank_lines", "drop_column_numbering",
                     "page_numbers_everywhere", "no_thousands_commas")


@pytest.mark.slow  # a round trip: run by CI, left out by -m "not slow"
@pytest.mark.parametrize("transform", SAMPLE_TRANSFORMS)
def test_relaid_out_sampled_departments_parse_to_their_models(transform):
    """Sampled departments (consistent by construction) written in the space layout, then re-laid-out: every
    cell comes back, or is declared ambiguous with its true column among the candidates."""
    pytest.importorskip("yusuan.write")
    from yusuan.sample import department
    from yusuan.write import build, render
    from yusuan.write.compare import compare

    failures = []
    for index in range(12):
        model = department(23, index)
        text = TRANSFORMS[transform](render(build(model), "txt").decode("utf-8"))
        got = parse_bytes(text.encode("utf-8"), f"sample-{index}.txt")
        res = compare(model, got, lossy=True)
        if res.differences:
            failures.append((index, res.differences[:3]))
    assert not failures, failures
