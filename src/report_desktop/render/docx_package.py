"""The Word file's package cleaned of python-docx's template leftovers, and written reproducibly.

python-docx starts every document from its own template, made with Word for Mac: it carries a
blank thumbnail, a bibliography part (``customXml``), ``stylesWithEffects.xml``, a numbering part,
about 790 KB of styles nobody uses, Japanese as the theme's East Asian language, a font table of
Mac fonts, and "Microsoft Macintosh Word" as the application. This module rewrites the saved
package: only the parts the document uses, only the styles it uses (and those they are based
on), a font table of the faces it names with the fallbacks a Word or WPS machine has, zh-CN,
and fixed zip timestamps so the same report always gives the same bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable
from xml.sax.saxutils import escape, quoteattr

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
DROPPED_PARTS = (
    "docProps/thumbnail.jpeg",
    "customXml/",
    "word/stylesWithEffects.xml",
    "word/numbering.xml",
)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)

FONT_FALLBACKS: dict[str, str] = {
    "方正小标宋简体": "华文中宋",
    "华文中宋": "宋体",
    "仿宋_GB2312": "仿宋",
    "仿宋": "FangSong",
    "楷体_GB2312": "楷体",
    "楷体": "KaiTi",
    "黑体": "SimHei",
    "宋体": "SimSun",
}
"""Each face the document names and the face Word or WPS should use where it is missing."""

APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>{application}</Application><DocSecurity>0</DocSecurity></Properties>"
)


def clean_package(data: bytes, application: str) -> bytes:
    """The package ``data`` without leftovers (see the module's documentation)."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        parts = {
            name: source.read(name)
            for name in source.namelist()
            if not any(name.startswith(dropped) for dropped in DROPPED_PARTS)
        }
    parts["docProps/app.xml"] = APP_XML.format(application=escape(application)).encode()
    parts["[Content_Types].xml"] = _without_references(parts["[Content_Types].xml"])
    for rels in ("_rels/.rels", "word/_rels/document.xml.rels"):
        parts[rels] = _without_references(parts[rels])
    parts["word/styles.xml"] = used_styles_only(parts["word/styles.xml"], _content_parts(parts))
    parts["word/fontTable.xml"] = font_table(FONT_FALLBACKS)
    parts["word/settings.xml"] = re.sub(
        rb'(<w:themeFontLang [^>]*w:eastAsia=")[^"]*"', rb'\1zh-CN"', parts["word/settings.xml"]
    )
    return _zip(parts)


def _without_references(xml: bytes) -> bytes:
    """Content types and relationships without entries for the dropped parts."""
    root = etree.fromstring(xml)
    for element in list(root):
        target = element.get("PartName") or element.get("Target") or ""
        names = {target.lstrip("/"), "word/" + target, target.replace("../", "")}
        dropped = any(n.startswith(d) for n in names for d in DROPPED_PARTS)
        if dropped or element.get("Extension") == "jpeg":
            root.remove(element)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _content_parts(parts: dict[str, bytes]) -> list[bytes]:
    return [
        data
        for name, data in parts.items()
        if name.startswith("word/")
        and re.search(r"word/(document|header\d*|footer\d*)\.xml$", name)
    ]


def used_styles_only(styles_xml: bytes, contents: Iterable[bytes]) -> bytes:
    """The styles part with only the styles the content uses, their bases and the defaults."""
    root = etree.fromstring(styles_xml)
    wanted: set[str] = set()
    for content in contents:
        wanted.update(
            s.decode()
            for s in re.findall(rb'<w:(?:pStyle|rStyle|tblStyle) w:val="([^"]+)"', content)
        )
    styles = {s.get(f"{W}styleId"): s for s in root.iter(f"{W}style")}
    wanted.update(sid for sid, s in styles.items() if s.get(f"{W}default") in ("1", "true"))
    pending = list(wanted)
    while pending:
        style = styles.get(pending.pop())
        if style is None:
            continue
        for link in ("basedOn", "link", "next"):
            element = style.find(f"{W}{link}")
            target = element.get(f"{W}val") if element is not None else None
            if target and target not in wanted and link == "basedOn":
                wanted.add(target)
                pending.append(target)
    for sid, style in styles.items():
        if sid not in wanted:
            root.remove(style)
        else:
            for link in ("link", "next"):
                element = style.find(f"{W}{link}")
                if element is not None and element.get(f"{W}val") not in wanted:
                    style.remove(element)
    for latent in root.findall(f"{W}latentStyles"):
        root.remove(latent)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def font_table(fallbacks: dict[str, str]) -> bytes:
    """A font table naming each face with its fallback (``w:altName``), GB2312 charset."""
    fonts = "".join(
        f"<w:font w:name={quoteattr(name)}><w:altName w:val={quoteattr(alt)}/>"
        '<w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>'
        for name, alt in fallbacks.items()
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:fonts xmlns:w="{W_NS}">{fonts}'
        '<w:font w:name="Times New Roman"><w:charset w:val="00"/><w:family w:val="roman"/>'
        '<w:pitch w:val="variable"/></w:font></w:fonts>'
    ).encode()


def _zip(parts: dict[str, bytes]) -> bytes:
    order = ["[Content_Types].xml", "_rels/.rels"]
    names = order + sorted(name for name in parts if name not in order)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, parts[name])
    return buffer.getvalue()
