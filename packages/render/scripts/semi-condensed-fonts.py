#!/usr/bin/python3
"""Writes fonts/: Noto Serif SemiCondensed, the newspaper columns' text face.

fontsource ships Noto Serif's width axis only in variable WOFF2 fonts, and fontkit 2.0.4
cannot embed a variation (its subsetter's glyph encoder fails on restructure 3). So the
named instance SemiCondensed (width 87.5) is cut from them here, at the regular and bold
weights, as static WOFF files per fontsource subset, with fontTools' instancer (the field's
tool for it), and the results are kept in the repository as data: building needs no Python.

Run after upgrading @fontsource-variable/noto-serif, from packages/render, with Debian's
python3-fonttools and python3-brotli:  /usr/bin/python3 scripts/semi-condensed-fonts.py
"""
import json
import pathlib
import shutil

from fontTools.ttLib import TTFont
from fontTools.varLib import instancer

ROOT = pathlib.Path(__file__).resolve().parent.parent
SOURCE = ROOT.parent.parent / "node_modules" / "@fontsource-variable" / "noto-serif"
OUT = ROOT / "fonts"
WIDTH = 87.5  # the fvar named instance "SemiCondensed", CSS's font-stretch: semi-condensed

OUT.mkdir(exist_ok=True)
ranges = json.loads((SOURCE / "unicode.json").read_text())
for subset in ranges:
    for style in ("normal", "italic"):
        source = SOURCE / "files" / f"noto-serif-{subset}-wdth-{style}.woff2"
        for weight in (400, 700):
            font = instancer.instantiateVariableFont(
                TTFont(source), {"wdth": WIDTH, "wght": weight}, updateFontNames=True
            )
            font.flavor = "woff"
            font.save(OUT / f"noto-serif-semi-condensed-{subset}-{weight}-{style}.woff")
(OUT / "unicode.json").write_text(json.dumps(ranges, indent=2) + "\n")
shutil.copy(SOURCE / "LICENSE", OUT / "LICENSE")
