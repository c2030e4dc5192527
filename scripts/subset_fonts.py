"""Make the small fonts the PDF overview embeds, from the Noto fonts (SIL Open Font License 1.1).

Source: Debian's `fonts-noto-core` (20201225-1): `apt-get download fonts-noto-core`, unpack it
with `dpkg-deb -x`, then run
`.venv/bin/python scripts/subset_fonts.py <unpacked>/usr/share/fonts/truetype/noto`.
Only the scripts of the help languages are kept (Latin, Cyrillic, Arabic, Ge'ez) with all their
shaping features, without hinting (a PDF needs none): 0.6 MB in the repository instead of 1.6 MB.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset

TARGET = Path(__file__).resolve().parent.parent / "bot" / "documents" / "fonts"
_SHARED = "U+0020-007E,U+00A0-00FF,U+2000-206F,U+20AC,U+2212,U+25CC"
FONTS = {
    # Latin for nl en fr so tr es (Latin Extended A/B: ğ ş ı ł ő and more), Cyrillic for uk ru.
    "NotoSans-Regular.ttf": f"{_SHARED},U+0100-024F,U+0300-036F,U+0400-052F",
    "NotoSans-Bold.ttf": f"{_SHARED},U+0100-024F,U+0300-036F,U+0400-052F",
    # Arabic, Persian and Pashto letters, with the presentation forms and direction marks.
    "NotoSansArabic-Regular.ttf": f"{_SHARED},U+0600-06FF,U+0750-077F,U+08A0-08FF,U+FB50-FDFF,"
    "U+FE70-FEFF",
    # Ge'ez for Tigrinya (and Amharic) names.
    "NotoSansEthiopic-Regular.ttf": f"{_SHARED},U+1200-139F",
}


def main(source: Path) -> None:
    TARGET.mkdir(parents=True, exist_ok=True)
    for name, ranges in FONTS.items():
        options = subset.Options()
        options.layout_features = ["*"]  # keep every shaping feature: Arabic joins need them
        options.name_IDs = ["*"]
        options.notdef_outline = True
        options.hinting = False  # a PDF viewer scales outlines; hints only make the file big
        font = subset.load_font(str(source / name), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=subset.parse_unicodes(ranges))
        subsetter.subset(font)
        subset.save_font(font, str(TARGET / name), options)
        print(f"{name}: {(TARGET / name).stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
