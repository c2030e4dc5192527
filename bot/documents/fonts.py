"""The fonts a PDF of Wegwijs embeds: Noto subsets (SIL OFL 1.1) shipped in `fonts/`.

Never the machine's fonts: a fresh server has none, and a PDF must look the same everywhere.
Noto Sans holds Latin and Cyrillic (regular and bold); Noto Sans Arabic (Arabic, Persian,
Pashto) and Noto Sans Ethiopic (Tigrinya) step in for letters it lacks. `scripts/subset_fonts.py`
makes the subsets. A name in yet another script has no glyphs: `uncovered` finds those letters,
so the caller can log it; add a Noto font for that script to `FALLBACKS` to fix it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont
from fpdf import FPDF

FOLDER = Path(__file__).resolve().parent / "fonts"
FAMILY = "Noto"
MAIN = {"": "NotoSans-Regular.ttf", "B": "NotoSans-Bold.ttf"}
FALLBACKS = {
    "NotoArabic": "NotoSansArabic-Regular.ttf",
    "NotoEthiopic": "NotoSansEthiopic-Regular.ttf",
}


def add_fonts(pdf: FPDF) -> None:
    """Give `pdf` the Noto family with its fallbacks, and shape text with HarfBuzz."""
    for style, name in MAIN.items():
        pdf.add_font(FAMILY, style, FOLDER / name)
    for family, name in FALLBACKS.items():
        pdf.add_font(family, "", FOLDER / name)
    pdf.set_fallback_fonts(list(FALLBACKS), exact_match=False)  # bold falls back to regular
    pdf.set_text_shaping(True)  # Arabic letters join, and right-to-left runs are reordered


def close_fonts(pdf: FPDF) -> None:
    """fpdf2 reads fonts lazily and leaves their files open; close them when the PDF is done."""
    for font in pdf.fonts.values():
        if (ttfont := getattr(font, "ttfont", None)) is not None:
            ttfont.close()


def uncovered(text: str) -> set[str]:
    """The letters in `text` that no shipped font can draw."""
    return {char for char in text if char.isprintable() and not char.isspace()} - _covered()


@cache
def _covered() -> frozenset[str]:
    letters: set[str] = set()
    for name in (*MAIN.values(), *FALLBACKS.values()):
        with TTFont(FOLDER / name, lazy=True) as font:
            letters.update(chr(code) for code in font.getBestCmap())
    return frozenset(letters)
