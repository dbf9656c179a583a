"""The look of a sampled document, drawn per (seed, index) apart from its content: how its space-layout text is
wrapped and paged, and how its PDF is set (fonts, column widths, page size and orientation, ruling, page breaks
inside tables). Half the documents keep the plain form, so both the plain and the varied reading are exercised."""

from __future__ import annotations

import random

from yusuan.write import PdfStyle, Style, TextStyle

PAGES = (("A4", 0.7), ("B5", 0.2), ("A3", 0.1))
RULINGS = (("grid", 0.5), ("horizontal", 0.35), ("none", 0.15))


def _pick(r: random.Random, options: tuple[tuple[str, float], ...]) -> str:
    return r.choices([o for o, _w in options], weights=[w for _o, w in options])[0]


def text_style(r: random.Random) -> TextStyle:
    if r.random() < 0.4:
        return TextStyle()
    return TextStyle(width=r.choice((None, r.randint(26, 42))), name_width=r.choice((None, r.randint(9, 16))),
                     page_lines=r.choice((None, r.randint(22, 45))), table_rows=r.choice((36, r.randint(6, 20))),
                     page_numbers=r.random() < 0.5, blank_lines=r.random() < 0.4)


def pdf_style(r: random.Random) -> PdfStyle:
    if r.random() < 0.3:
        return PdfStyle()
    return PdfStyle(body=r.choice((9.0, 10.0, 10.5, 12.0)), table=r.choice((6.5, 7.0, 7.5, 8.0, 9.0)),
                    label_width=round(r.uniform(1.2, 4.0), 1), wide=r.randint(4, 12), page=_pick(r, PAGES),
                    landscape=r.random() < 0.1, ruling=_pick(r, RULINGS),
                    table_rows=r.choice((None, r.randint(6, 20))), repeat_publisher=r.random() < 0.5,
                    margin=float(r.randint(10, 20)))


def style(seed: int, index: int) -> Style:
    """The style of sampled document `index` for `seed` (independent of the year: a prior year looks the same)."""
    r = random.Random(f"{seed}:{index}:style")
    return Style(text=text_style(r), pdf=pdf_style(r))
