"""A fake "installed" office font for tests: a bundled face, cut down and renamed."""

from __future__ import annotations

from pathlib import Path


def make_fake_font(source: Path, target: Path, family: str, postscript: str, text: str) -> None:
    """``source`` subset to the characters of ``text`` (and ASCII), named ``family``."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(str(source))
    options = subset.Options()
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(set(text))) + "".join(map(chr, range(32, 127))))
    subsetter.subset(font)
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (1, 4, 16, 17, 18):
            names.removeNames(nameID=record.nameID)
    names.setName(family, 1, 3, 1, 0x409)
    names.setName(family, 4, 3, 1, 0x409)
    names.setName(postscript, 6, 3, 1, 0x409)
    cff = font["CFF "].cff
    cff.fontNames = [postscript]
    font.save(str(target))


def fontconfig_file(folder: Path, fonts: Path) -> Path:
    """A fontconfig configuration: the system's, plus the fonts in ``fonts``."""
    conf = folder / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        f"  <dir>{fonts}</dir>\n  <cachedir>{folder / 'cache'}</cachedir>\n"
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n</fontconfig>\n',
        encoding="utf-8",
    )
    return conf
