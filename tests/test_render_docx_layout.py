"""The Word file as an official document, read from its own XML: justified body, the 28 × 22
character grid, East Asian faces everywhere (digits too) with fallbacks in the font table,
zh-CN, no template leftovers, 「— n —」 page numbers, padded value cells, 表三's note."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from report_desktop.domain.model import Report
from report_desktop.render.docx import render_docx
from report_desktop.storage.draft import load_draft

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def package() -> dict[str, bytes]:
    from report_desktop.resources import resource_path

    report: Report = load_draft(resource_path("examples", "huancui-statistics-2024.json")).report
    data = render_docx(report, draft_mark=False)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _style(package: dict[str, bytes], style_id: str) -> str:
    styles = package["word/styles.xml"].decode()
    match = re.search(rf'<w:style [^>]*w:styleId="{style_id}".*?</w:style>', styles, re.S)
    assert match, style_id
    return match.group(0)


def test_body_justified_and_grid_of_28_by_22(package: dict[str, bytes]) -> None:
    assert '<w:jc w:val="both"/>' in _style(package, "报告正文")
    document = package["word/document.xml"].decode()
    grid = re.search(r"<w:docGrid [^>]*/>", document)
    assert grid
    attrs = dict(re.findall(r'w:(\w+)="([^"]*)"', grid.group(0)))
    assert attrs["type"] == "linesAndChars"
    assert round(225 / 25.4 * 1440 / int(attrs["linePitch"])) == 22
    pitch_pt = 16 + int(attrs["charSpace"]) / 4096
    assert round(156 / 25.4 * 72 / pitch_pt) == 28


def test_faces_for_every_script_and_fallbacks(package: dict[str, bytes]) -> None:
    xml = b"".join(
        data
        for name, data in package.items()
        if re.fullmatch(r"word/(document|styles|footer\d+)\.xml", name)
    )
    assert b"Times New Roman" not in xml  # page-number digits fell to it
    for style_id, face in (
        ("报告正文", "仿宋_GB2312"),
        ("报告标题", "方正小标宋简体"),
        ("报告一级标题", "黑体"),
        ("报告页码", "宋体"),
    ):
        fonts = re.search(r"<w:rFonts [^>]*/>", _style(package, style_id))
        assert fonts
        for slot in ("ascii", "hAnsi", "eastAsia"):
            assert f'w:{slot}="{face}"' in fonts.group(0), (style_id, slot)
    table = package["word/fontTable.xml"].decode()
    for face, alt in (
        ("方正小标宋简体", "华文中宋"),
        ("华文中宋", "宋体"),
        ("仿宋_GB2312", "仿宋"),
        ("楷体_GB2312", "楷体"),
        ("黑体", "SimHei"),
        ("宋体", "SimSun"),
    ):
        assert re.search(rf'<w:font w:name="{face}"><w:altName w:val="{alt}"/>', table), face
    document = package["word/document.xml"].decode()
    assert 'w:eastAsia="楷体_GB2312"' in document or "楷体" not in document


def test_language_is_zh_cn(package: dict[str, bytes]) -> None:
    settings = package["word/settings.xml"].decode()
    assert 'w:eastAsia="zh-CN"' in re.search(r"<w:themeFontLang [^>]*/>", settings).group(0)  # type: ignore[union-attr]
    styles = package["word/styles.xml"].decode()
    assert "ja-JP" not in styles + settings
    assert re.search(r'<w:rPrDefault>.*w:lang w:val="zh-CN" w:eastAsia="zh-CN"', styles, re.S)


def test_no_template_leftovers(package: dict[str, bytes]) -> None:
    names = set(package)
    assert not {n for n in names if n.startswith("customXml/") or "thumbnail" in n}
    assert "word/stylesWithEffects.xml" not in names
    app = package["docProps/app.xml"].decode()
    assert "Microsoft" not in app and "<Company" not in app and "Normal.dotm" not in app
    assert "report-desktop" in app
    assert len(package["word/styles.xml"]) < 20_000  # was about 790 KB of unused styles
    styles = package["word/styles.xml"].decode()
    assert "latentStyles" not in styles
    content = package["[Content_Types].xml"].decode() + "".join(
        package[n].decode() for n in names if n.endswith(".rels")
    )
    for gone in ("customXml", "thumbnail", "stylesWithEffects", "numbering"):
        assert gone not in content


def test_page_numbers_in_song_both_sides(package: dict[str, bytes]) -> None:
    footers = [package[n].decode() for n in package if re.fullmatch(r"word/footer\d+\.xml", n)]
    assert len(footers) == 2
    alignments = set()
    for footer in footers:
        text = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", footer))
        assert text == "\u2014\u00a01\u00a0\u2014"
        assert "PAGE" in footer
        alignments.add(re.search(r'<w:jc w:val="(\w+)"/>', footer).group(1))  # type: ignore[union-attr]
    assert alignments == {"left", "right"}


def test_value_cells_padded_and_table3_note_left(package: dict[str, bytes]) -> None:
    document = package["word/document.xml"].decode()
    padded = re.findall(r'<w:tcMar><w:right w:w="(\d+)" w:type="dxa"/></w:tcMar>', document)
    assert len(padded) > 150
    assert max(int(p) for p in padded) >= 80
    note = re.search(r"<w:p>(?:(?!</w:p>).)*本列数据的勾稽关系", document, re.S)
    assert note and '<w:jc w:val="left"/>' in note.group(0)
    appeal = re.search(r"<w:p>(?:(?!</w:p>).)*>行政复议<", document, re.S)  # 表四's own header
    assert appeal and '<w:jc w:val="center"/>' in appeal.group(0)


def test_same_report_same_bytes() -> None:
    from report_desktop.resources import resource_path

    report = load_draft(resource_path("examples", "huancui-statistics-2024.json")).report
    assert render_docx(report, draft_mark=False) == render_docx(report, draft_mark=False)
