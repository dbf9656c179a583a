"""The whole document from the model: cover, profile, tables, explanations, glossary. Sits above `document` (the
blocks and the grids) and `prose` (第三部分), which both build parts of it, so neither imports the other's caller."""

from __future__ import annotations

from yusuan.model import Disclosure
from yusuan.spec import template_of
from yusuan.write import template as T
from yusuan.write.document import Document, Para, grid, org_of, profile_blocks, sign_off
from yusuan.write.extras import Extras
from yusuan.write.final import build_final
from yusuan.write.final_extras import FinalExtras
from yusuan.write.prose import narrative


def build(d: Disclosure, prior: Disclosure | None = None, extras: Extras | FinalExtras | None = None,
          budget: Disclosure | None = None) -> Document:
    """The document of `d` in its family's template; `prior` is last year's model of the same family (changes),
    `budget` the 预算 of the same year for a 决算 (its 年初预算数), `extras` the figures no table holds."""
    template = template_of(d)
    if template.name in FAMILY_BUILDERS:
        return FAMILY_BUILDERS[template.name](d, prior, extras if isinstance(extras, FinalExtras) else None, budget)
    if isinstance(extras, FinalExtras):
        extras = None
    kind = d.kind or template.kinds[0]
    doc = Document(year=d.year or 0, kind=kind, org=org_of(kind), department=d.department or "",
                   unit=d.unit or template.unit)
    # the words' fields; `template` rides along for the writers of each part (format() ignores it)
    ctx = {"year": doc.year, "kind": kind, "org": doc.org, "dept": doc.department, "template": template}
    doc.blocks.append(Para(doc.department, "cover-sub", page_break=True))
    doc.blocks.append(Para(T.COVER.format(**ctx), "cover"))
    doc.blocks += profile_blocks(d, ctx)
    doc.blocks.append(Para(T.PARTS["tables"].format(**ctx), "part", page_break=True))
    doc.blocks += [grid(d, spec, ctx) for spec in template.tables]
    doc.blocks.append(Para(T.PARTS["narrative"].format(**ctx), "part", page_break=True))
    doc.blocks += narrative(d, prior, ctx, extras)
    doc.blocks.append(Para(T.PARTS["glossary"].format(**ctx), "part", page_break=True))
    sign_off(doc, T.GLOSSARY, d.published, T.DATE)
    return doc


# families whose document is not the 预算's: family name → its builder (the 决算's nine tables, 第三部分, glossary)
FAMILY_BUILDERS = {"final": build_final}
