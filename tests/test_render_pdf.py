"""The PDF: labels, page geometry, fonts, page count, merged groups kept whole, reproducible
bytes, nothing fetched but our own resources, the draft inside and back out."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from report_desktop.domain.format2021 import TABLE3
from report_desktop.domain.model import Meta, Report, new_report
from report_desktop.render.fetcher import (
    RefusedURLError,
    load_url,
    resolve_resource,
    resource_url,
    restricted_fetcher,
)
from report_desktop.render.pdf import document_date, render_pdf
from report_desktop.render.pdf_draft import PdfDraftError, draft_from_pdf
from report_desktop.storage.draft import dumps_draft, load_draft, loads_draft
from report_desktop.storage.errors import DraftError
from test_render_context import official_labels
from test_render_html import HOSTILE

EXAMPLE_PAGES = 6
"""Pages of the example report: 一 (pp. 1–2), 表二 (p. 3), 表三 (p. 4), 表四 and 五 (p. 5), 六."""

A4_POINTS = (595.28, 841.89)


@pytest.fixture(scope="module")
def example() -> Report:
    from report_desktop.resources import resource_path

    return load_draft(resource_path("examples", "huancui-statistics-2024.json")).report


@pytest.fixture(scope="module")
def example_pdf(example: Report) -> bytes:
    return render_pdf(example, draft_mark=False)


def _pages_text(pdf: bytes) -> list[str]:
    """Each page's text with all whitespace removed (table cells wrap anywhere)."""
    reader = PdfReader(io.BytesIO(pdf))
    return [re.sub(r"\s+", "", page.extract_text()) for page in reader.pages]


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_every_official_label_is_printed(example_pdf: bytes) -> None:
    text = "".join(_pages_text(example_pdf))
    for table_id in ("table2", "table3", "table4"):
        for label in official_labels(table_id):
            assert _squeeze(label) in text, f"{table_id}: {label}"


def test_headings_and_title(example_pdf: bytes) -> None:
    pages = _pages_text(example_pdf)
    assert pages[0].startswith("威海市环翠区统计局2024年政府信息公开工作年度报告")
    text = "".join(pages)
    for heading in (
        "一、总体情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "六、其他需要报告的事项",
    ):
        assert heading in text


def test_a4_pages_and_page_count(example_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(example_pdf))
    assert len(reader.pages) == EXAMPLE_PAGES
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width, 2), round(height, 2)) == A4_POINTS


def test_all_fonts_embedded(example_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(example_pdf))
    fonts: dict[str, bool] = {}
    for page in reader.pages:
        for reference in page["/Resources"]["/Font"].values():
            font = reference.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = target["/FontDescriptor"].get_object()
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts[str(font["/BaseFont"])] = embedded
    assert fonts
    assert all(fonts.values()), fonts
    if _office_fonts_installed():
        return  # the office faces win, as they should
    names = " ".join(fonts)
    for family in ("FandolFang", "FandolSongBold", "FandolHei", "FandolSong"):
        assert family in names


def _office_fonts_installed() -> bool:
    """Whether fontconfig knows one of the office faces the stylesheet prefers."""
    import shutil
    import subprocess

    if shutil.which("fc-list") is None:
        return False
    listing = subprocess.run(
        ["fc-list", ":", "family"], capture_output=True, text=True, check=False, timeout=60
    ).stdout
    office = ("仿宋", "FangSong", "SimSun", "宋体", "SimHei", "黑体", "KaiTi", "楷体", "方正小标宋")
    return any(name in listing for name in office)


def test_merged_group_never_splits() -> None:
    """Whatever text precedes 表三, the page where （三）不予公开 starts holds all eight rows."""
    group = next(n for n in TABLE3.blocks[0].rows[2].children if n.id == "withheld")
    leaves = [_squeeze(child.label) for child in group.children]
    assert len(leaves) == 8
    base = new_report(Meta(agency="某某市某某区某某局", year=2024))
    for extra_lines in (0, 9, 17):
        report = base.copy()
        report.overview_intro = "\n".join(["开展政府信息公开工作。" * 6] * (extra_lines + 1))
        pages = _pages_text(render_pdf(report, draft_mark=False))
        start = next(i for i, text in enumerate(pages) if "不予公开" in text)
        for label in leaves:
            assert label in pages[start], f"{label} not on page {start + 1} ({extra_lines})"


def test_reproducible_bytes(example: Report, example_pdf: bytes) -> None:
    assert render_pdf(example, draft_mark=False) == example_pdf


def test_reproducible_across_processes(example_pdf: bytes, tmp_path: Path) -> None:
    """Another interpreter (another hash seed, other temporary font files) gives the same bytes."""
    import os
    import subprocess
    import sys

    import report_desktop

    target = tmp_path / "again.pdf"
    code = (
        "import sys\n"
        "from report_desktop.resources import resource_path\n"
        "from report_desktop.storage.draft import load_draft\n"
        "from report_desktop.render.pdf import render_pdf\n"
        "report = load_draft(resource_path('examples', 'huancui-statistics-2024.json')).report\n"
        "open(sys.argv[1], 'wb').write(render_pdf(report, draft_mark=False))\n"
    )
    env = dict(os.environ, PYTHONHASHSEED="12345")
    src = str(Path(report_desktop.__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [src, env.get("PYTHONPATH")]))
    subprocess.run([sys.executable, "-c", code, str(target)], check=True, env=env, timeout=120)
    assert target.read_bytes() == example_pdf


def test_metadata(example: Report, example_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(example_pdf))
    meta = reader.metadata
    assert meta is not None
    assert meta["/Title"] == "威海市环翠区统计局2024年政府信息公开工作年度报告"
    assert meta["/Author"] == "威海市环翠区统计局"
    assert meta["/CreationDate"] == "D:20250101000000Z"
    assert reader.trailer["/Root"]["/Lang"] == "zh-CN"
    assert document_date(example) == dt.date(2025, 1, 1)
    published = example.copy()
    published.meta.publication_date = dt.date(2025, 1, 20)
    assert document_date(published) == dt.date(2025, 1, 20)


def test_pdf_a3a_with_associated_draft(example_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(example_pdf))
    root = reader.trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data()
    assert b'pdfaid:part="3"' in xmp
    assert b'pdfaid:conformance="A"' in xmp  # 3a: tagged (accessible) and archival
    assert "/OutputIntents" in root
    (spec,) = {ref.get_object()["/UF"]: ref.get_object() for ref in root["/AF"]}.values()
    assert spec["/UF"] == "report-draft.json"
    assert spec["/AFRelationship"] == "/Source"


def test_draft_round_trip(example: Report, example_pdf: bytes, tmp_path: Path) -> None:
    text = draft_from_pdf(example_pdf)
    assert loads_draft(text).report == example
    path = tmp_path / "report.pdf"
    path.write_bytes(example_pdf)
    assert draft_from_pdf(path) == text
    assert draft_from_pdf(str(path)) == text
    assert json_saved_at(text) == "2025-01-01T00:00:00Z"


def json_saved_at(text: str) -> str:
    import json

    value = json.loads(text)["saved_at"]
    assert isinstance(value, str)
    return value


def test_pdf_without_draft_is_refused(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(PdfDraftError, match="不包含报告草稿数据") as info:
        draft_from_pdf(buffer.getvalue())
    assert isinstance(info.value, DraftError)
    assert info.value.title == "无法从 PDF 打开草稿"
    with pytest.raises(PdfDraftError, match="无法读取"):
        draft_from_pdf(b"not a pdf at all")
    with pytest.raises(PdfDraftError, match="无法读取文件"):
        draft_from_pdf(tmp_path / "missing.pdf")


def test_draft_mark_from_checks(example: Report) -> None:
    broken = example.copy()
    broken.cells["table3.new_applications.natural_person"] = 5
    marked = "".join(_pages_text(render_pdf(broken)))
    assert "草稿" in marked
    assert "草稿" not in "".join(_pages_text(render_pdf(example)))


def test_hostile_text_is_printed_and_nothing_is_fetched(example: Report) -> None:
    report = example.copy()
    report.problems = "\n".join(HOSTILE)
    report.overview_intro = '<link rel="stylesheet" href="http://example.com/a.css">'
    requested: list[str] = []
    pdf = render_pdf(report, draft_mark=False, on_request=requested.append)
    assert requested, "the bundled fonts come through the fetcher"
    assert all(url.startswith("report-resource:fonts/") for url in requested), requested
    text = "".join(_pages_text(pdf))
    for hostile in HOSTILE:
        assert _squeeze(hostile) in text
    reader = PdfReader(io.BytesIO(pdf))
    assert list(reader.attachments) == ["report-draft.json"]
    assert b"root:x:0:0" not in pdf
    assert loads_draft(draft_from_pdf(pdf)).report == report


def test_fetcher_refuses_everything_but_our_resources() -> None:
    for url in (
        "file:///etc/passwd",
        "http://example.com/x.png",
        "https://example.com/x.css",
        "ftp://example.com/x",
        "report-resource:fonts/../../../../etc/passwd",
        "report-resource:fonts/%2e%2e/%2e%2e/pyproject.toml",
        "report-resource:/etc/passwd",
        "report-resource:fonts",
        "report-resource:fonts/",
        "report-resource:../templates/report.html.j2",
        "report-resource:examples/huancui-statistics-2024.json",
        "report-resource:fonts/missing.otf",
        "report-resource:fonts\\..\\..\\x",
        "javascript:alert(1)",
        "no-scheme",
    ):
        with pytest.raises(RefusedURLError):
            load_url(url)


def test_bundled_fonts_and_licences() -> None:
    from report_desktop.render.fonts import BUNDLED_FONTS, stylesheet_text, web_stylesheet_text
    from report_desktop.resources import resource_path

    css = stylesheet_text()
    for font in BUNDLED_FONTS:
        assert resource_path("resources", "fonts", font.file).stat().st_size > 1_000_000
        assert f'font-family: "{font.family}";' in css
        assert f'src: url("{resource_url("fonts", font.file)}");' in css
        assert font.family in web_stylesheet_text()  # named in the stacks, never loaded
    for licence in ("COPYING", "README.md", "README.fandol"):
        assert resource_path("resources", "fonts", licence).is_file()
    assert "font exception" in resource_path("resources", "fonts", "README.md").read_text("utf-8")


def test_fetcher_serves_fonts_css_and_data() -> None:
    body, _media_type = load_url(resource_url("fonts", "FandolFang-Regular.otf"))
    assert body[:4] == b"OTTO"
    assert resolve_resource("css/report.css").name == "report.css"
    assert load_url("data:text/plain;base64,5Lit5paH") == ("中文".encode(), "text/plain")
    assert load_url("data:,a%20b") == (b"a b", "text/plain")


def test_weasyprint_with_raw_hostile_html_fetches_nothing() -> None:
    """Even HTML that was not escaped cannot make the fetcher read a file or the network."""
    import weasyprint

    seen: list[str] = []
    fetcher = restricted_fetcher(seen.append)
    html = (
        '<html><body><p>x</p><link rel="attachment" href="file:///etc/passwd">'
        '<img src="http://example.com/x.png"><img src="file:///etc/hostname"></body></html>'
    )
    pdf = weasyprint.HTML(string=html, url_fetcher=fetcher).write_pdf()
    assert set(seen) <= {"file:///etc/passwd", "http://example.com/x.png", "file:///etc/hostname"}
    assert not PdfReader(io.BytesIO(pdf)).attachments
    assert b"root:x" not in pdf


def test_empty_report_renders() -> None:
    pdf = render_pdf(new_report(), draft_mark=True)
    assert "XXXX年政府信息公开工作年度报告" in _pages_text(pdf)[0]
    assert loads_draft(draft_from_pdf(pdf)).report == new_report()


def test_draft_json_is_canonical(example: Report) -> None:
    moment = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    assert draft_from_pdf(render_pdf(example, draft_mark=False)) == dumps_draft(example, moment)
