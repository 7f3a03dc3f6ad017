"""The PDF typeset like an official document, measured from the PDF's own text boxes: justified
body lines, 避头尾, numbers kept with their units, 「— n —」 page numbers, the tag tree."""

from __future__ import annotations

import copy
import io
import itertools
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from pdf_boxes import BOTTOM, MM, PAGE_HEIGHT, Box, lines, text_area, words
from report_desktop.domain.model import Report
from report_desktop.render.justify import NO_LINE_END, NO_LINE_START
from report_desktop.render.pdf import render_pdf
from report_desktop.storage.draft import load_draft

BODY_PT = 16.0
TOLERANCE_PT = 0.25
"""How far a justified line may end from the 版心's edge (0.09 mm)."""


@pytest.fixture(scope="module")
def example() -> Report:
    from report_desktop.resources import resource_path

    return load_draft(resource_path("examples", "huancui-statistics-2024.json")).report


@pytest.fixture(scope="module")
def example_pdf(example: Report, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "example.pdf"
    path.write_bytes(render_pdf(example, draft_mark=False))
    return path


WORDS = (
    "Regulations of the People's Republic of China on the Disclosure of Government "
    "Information  （《条例》英文本）的   译文 与原文 有同等效力。"
)
TRAPS = (
    "本机关全年共受理政府信息公开申请78条，其中自然人申请12条，办结期限截至2024年12月31日。",
    "报告电子版可从网站（网址：http://www.example.gov.cn/xxgk/index.html）查阅或下载。",
    "“放管服”改革持续推进，《条例》规定的时限内答复率达100%，无逾期答复情形。",
)


@pytest.fixture(scope="module")
def trap_pdf(example: Report, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Paragraphs that put numbers, units, quotes and punctuation at every line position."""
    report = copy.deepcopy(example)
    report.problems = "\n".join(
        ["（一）关于公开的及时性。" + TRAPS[0] * 2]  # a 楷体 lead inside a justified line
        + [
            "Regulations of the People's Republic of China on the Disclosure of Government "
            "Information  （《条例》英文本）的   译文 与原文 有同等效力。" * 3
        ]  # words and spaces
        + ["一" * shift + trap for shift in range(28) for trap in TRAPS[shift % 3 :][:1]]
    )
    path = tmp_path_factory.mktemp("pdf") / "traps.pdf"
    path.write_bytes(render_pdf(report, draft_mark=False))
    return path


def body_lines(pdf: Path) -> list[Box]:
    """The lines of 3号 text starting at the 版心's edge or indented two characters (title,
    tables, page numbers left out), in reading order."""
    found = []
    for box in lines(pdf):
        left, _ = text_area(box.page)
        starts = min(abs(box.x_min - left), abs(box.x_min - left - 2 * BODY_PT))
        if abs(box.height - BODY_PT) < 0.5 and starts < 0.5:
            found.append(box)
    return found


def continued(boxes: list[Box]) -> list[tuple[Box, Box]]:
    """Pairs (line, next line) where the next line continues the same paragraph: it starts at
    the 版心's left edge, not indented by two characters."""
    pairs = []
    for line, after in itertools.pairwise(boxes):
        left, _ = text_area(after.page)
        if abs(after.x_min - left) < 0.5:
            pairs.append((line, after))
    return pairs


@pytest.mark.parametrize("which", ["example_pdf", "trap_pdf"])
def test_every_line_but_the_last_reaches_the_right_edge(
    which: str, request: pytest.FixtureRequest
) -> None:
    pdf: Path = request.getfixturevalue(which)
    pairs = continued(body_lines(pdf))
    assert len(pairs) >= 30
    for line, _ in pairs:
        _, right = text_area(line.page)
        assert abs(line.x_max - right) <= TOLERANCE_PT, (
            f"page {line.page}: {line.text!r} ends {right - line.x_max:.2f} pt short"
        )


def test_last_lines_keep_the_grid(example_pdf: Path) -> None:
    """A paragraph's last line is set on the grid: 28 full-width characters would fill it."""
    boxes = body_lines(example_pdf)
    continued_lines = {id(line) for line, _ in continued(boxes)}
    last = [b for b in boxes if id(b) not in continued_lines and len(b.text) >= 4]
    assert last
    for box in last:
        _, right = text_area(box.page)
        assert box.x_max < right + TOLERANCE_PT
    short = [b for b in last if all("\u4e00" <= c <= "\u9fff" or c in "，。、" for c in b.text)]
    gap = (156 * MM) / 28 - BODY_PT
    for box in short:
        width = BODY_PT * len(box.text) + gap * (len(box.text) - 1)
        assert abs(box.x_max - box.x_min - width) < 0.1, box.text


def test_kai_lead_set_in_the_line(trap_pdf: Path) -> None:
    fonts = subprocess.run(
        ["pdffonts", str(trap_pdf)], capture_output=True, text=True, check=True
    ).stdout
    assert "FandolKai-Bundled" in fonts or "楷体" in fonts
    (first,) = [b for b in body_lines(trap_pdf) if b.text.startswith("（一）关于公开的及时性。")]
    words = [b for b in body_lines(trap_pdf) if "Regulations" in b.text or "Disclosure" in b.text]
    assert words
    assert abs(first.x_max - text_area(first.page)[1]) <= TOLERANCE_PT


def test_no_forbidden_line_starts_or_ends(trap_pdf: Path) -> None:
    boxes = body_lines(trap_pdf)
    assert len(boxes) > 60
    for box in boxes:
        assert box.text[0] not in NO_LINE_START, f"line starts with {box.text[0]}: {box.text}"
        assert box.text[-1] not in NO_LINE_END, f"line ends with {box.text[-1]}: {box.text}"


def test_a_number_stays_with_its_unit(trap_pdf: Path) -> None:
    """「78|条」, 「31|日」, 「100|%」 and a URL are never split over two lines."""
    pairs = continued(body_lines(trap_pdf))
    for line, after in pairs:
        joint = line.text[-1] + after.text[0]
        assert not (line.text[-1].isdigit() and after.text[0] in "年月日条号%"), joint
        if line.text[-1].isascii() and after.text[0].isascii():  # a URL only after a slash,
            url = line.text[-1] in "/." and not after.text[0].isdigit()
            assert url or f"{line.text[-1]} {after.text[0]}" in WORDS, joint
    text = "".join(b.text for b in body_lines(trap_pdf))
    urls = sum(1 for shift in range(28) if shift % 3 == 1)
    assert text.count("http://www.example.gov.cn/xxgk/index.html") == urls


def page_numbers(pdf: Path) -> dict[int, list[Box]]:
    found: dict[int, list[Box]] = {}
    for box in words(pdf):
        if abs(box.height - 14) < 0.5:
            found.setdefault(box.page, []).append(box)
    return found


def test_page_numbers_dashes_digits_and_places(example_pdf: Path) -> None:
    """「— n —」: 一字线 (U+2014) a full 4号 character wide, 半角 digits, odd pages one character
    in from the 版心's right edge, even pages from its left edge, 7 mm below the 版心."""
    numbers = page_numbers(example_pdf)
    assert sorted(numbers) == list(range(1, 7))
    for page, (dash, digits, dash2) in numbers.items():
        assert (dash.text, digits.text, dash2.text) == ("\u2014", str(page), "\u2014")
        assert abs(dash.x_max - dash.x_min - 14) < 0.1
        assert abs(dash2.x_max - dash2.x_min - 14) < 0.1
        assert abs(digits.x_max - digits.x_min - 7 * len(digits.text)) < 0.1  # 半角
        left, right = text_area(page)
        if page % 2:
            assert abs(dash2.x_max - (right - 14)) < 0.3, f"page {page}"
        else:
            assert abs(dash.x_min - (left + 14)) < 0.3, f"page {page}"
        assert abs(dash.y_min - (PAGE_HEIGHT - BOTTOM + 7 * MM)) < 0.5, f"page {page}"


def test_page_number_digits_are_song(example_pdf: Path) -> None:
    reader = PdfReader(example_pdf)
    fonts: dict[str, str] = {}

    def visit(text: str, _cm: object, _tm: object, font: object, _size: object) -> None:
        if text.strip() and isinstance(font, dict):
            fonts[text.strip()] = str(font.get("/BaseFont", ""))

    reader.pages[2].extract_text(visitor_text=visit)
    (number,) = (font for text, font in fonts.items() if "3" in text and "—" in text)
    assert "Song" in number or "宋" in number, fonts


def structure_types(pdf: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf))
    found: list[str] = []

    def walk(node: object) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            for child in node:
                walk(child)
        elif isinstance(node, dict):
            if "/S" in node:
                found.append(str(node["/S"]))
            if "/K" in node:
                walk(node["/K"])

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


def test_web_only_text_stays_off_the_page(example_pdf: Path) -> None:
    from report_desktop.render.context import SCROLL_HINT

    text = "".join(box.text for box in lines(example_pdf))
    assert SCROLL_HINT.rstrip("。") not in text and "主动公开" in text


def test_tagged_with_headings_paragraphs_and_tables(example_pdf: Path) -> None:
    data = example_pdf.read_bytes()
    root = PdfReader(io.BytesIO(data)).trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "zh-CN"
    types = structure_types(data)
    assert types.count("/H1") == 1
    assert types.count("/H2") == 6
    assert types.count("/Table") == 3
    assert types.count("/TH") > 60
    assert types.count("/TD") > 150
    assert types.count("/P") >= 10
    assert "/Outlines" in root
