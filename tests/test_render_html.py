"""The HTML: golden file of the example, a self-contained web page, semantics, escaping.

Regenerate the golden file after an intended change of template, stylesheet or context:

    REPORT_DESKTOP_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_render_html.py
"""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import pytest

from report_desktop.domain.model import Meta, Report, new_report
from report_desktop.render.fonts import stylesheet_text, web_stylesheet_text
from report_desktop.render.html import document_html, environment, render_html
from report_desktop.storage.draft import load_draft

GOLDEN = Path(__file__).parent / "golden" / "example.html"
UPDATE = os.environ.get("REPORT_DESKTOP_UPDATE_GOLDEN") == "1"

HOSTILE = (
    "<script>alert(1)</script>",
    '<link rel=attachment href="file:///etc/passwd">',
    '<img src="http://example.com/x.png">',
    "{{ 7*7 }}",
)


@pytest.fixture
def example(example_draft_path: Path) -> Report:
    return load_draft(example_draft_path).report


class _Page(HTMLParser):
    """Collects the elements, their attributes and the visible text of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if not self._in_style:
            self.text.append(data)


def _parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


def test_golden_example(example: Report) -> None:
    html = render_html(example, draft_mark=False)
    if UPDATE or not GOLDEN.exists():
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(html, encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"golden file was missing and has been written: {GOLDEN}")
    assert html == GOLDEN.read_text(encoding="utf-8"), (
        "the HTML differs from tests/golden/example.html; if intended, regenerate it with "
        "REPORT_DESKTOP_UPDATE_GOLDEN=1"
    )


def test_web_page_is_self_contained(example: Report) -> None:
    html = render_html(example, draft_mark=True)
    page = _parse(html)
    tags = {tag for tag, _ in page.tags}
    assert not tags & {"link", "script", "img", "iframe", "object", "embed"}
    for _, attrs in page.tags:
        assert "src" not in attrs
        assert "href" not in attrs
    assert "@font-face" not in html
    assert "url(" not in html
    assert "report-resource:" not in html
    assert "<style>" in html
    assert "&#39;" not in html.split("</style>")[0]  # CSS not autoescaped


def test_web_page_is_responsive_and_has_table_semantics(example: Report) -> None:
    page = _parse(render_html(example, draft_mark=False))
    assert ("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}) in (
        page.tags
    )
    wrappers = [a for t, a in page.tags if t == "div" and a.get("class") == "table-wrap"]
    assert len(wrappers) == 3
    for wrapper in wrappers:  # a labelled region the keyboard can reach and scroll
        assert wrapper["role"] == "region" and wrapper["tabindex"] == "0"
        assert wrapper["aria-labelledby"]
    scopes = {a.get("scope") for t, a in page.tags if t == "th"}
    assert scopes == {"col", "colgroup", "row", None}  # group labels: by explicit headers
    assert sum(1 for t, _ in page.tags if t == "thead") == 2  # 表三, 表四
    assert sum(1 for t, _ in page.tags if t == "tbody") == 4 + 4 + 1
    assert all(a.get("scope") is None for t, a in page.tags if t == "td")
    css = web_stylesheet_text()
    assert "overflow-x: auto" in css
    assert "max-width" in css


def test_html_attributes(example: Report) -> None:
    page = _parse(render_html(example, draft_mark=False))
    assert ("html", {"lang": "zh-CN"}) in page.tags
    assert ("meta", {"name": "author", "content": "威海市环翠区统计局"}) in page.tags
    text = "".join(page.text)
    assert "威海市环翠区统计局2024年政府信息公开工作年度报告" in text


def test_draft_mark_only_when_asked(example: Report) -> None:
    marked = _parse(render_html(example, draft_mark=True))
    plain = _parse(render_html(example, draft_mark=False))
    assert "草稿" in "".join(marked.text)
    assert "草稿" not in "".join(plain.text)
    assert any(a.get("class") == "draft-watermark" for _, a in marked.tags)


def test_hostile_text_stays_text(example: Report) -> None:
    report = example.copy()
    report.problems = "\n".join(HOSTILE)
    report.meta.agency = '<b>"局"</b>&amp;'
    for html in (render_html(report), document_html(report, draft_mark=False)):
        page = _parse(html)
        text = "".join(page.text)
        for hostile in HOSTILE:
            assert hostile in text
        assert '<b>"局"</b>&amp;' in text
        assert "49" not in text
        tags = {tag for tag, _ in page.tags}
        assert not tags & {"script", "link", "img", "b"}


def test_print_html_has_no_inline_css(example: Report) -> None:
    html = document_html(example, draft_mark=False)
    assert "<style>" not in html
    assert "@font-face" in stylesheet_text()


def test_environment_is_strict() -> None:
    env = environment()
    assert env.autoescape is True
    assert env.undefined is jinja2.StrictUndefined
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ missing.name }}").render()


def test_no_arithmetic_in_the_template(repo_root: Path) -> None:
    source = (repo_root / "templates" / "report.html.j2").read_text(encoding="utf-8")
    expressions = re.findall(r"\{\{(.*?)\}\}|\{%(.*?)%\}", source, re.DOTALL)
    for expression in ("".join(parts) for parts in expressions):
        assert not re.search(r"[+*/]|\s-\s|\|\s*sum|\bloop\.index", expression), expression


def test_empty_report_renders() -> None:
    html = render_html(new_report(Meta()), draft_mark=False)
    assert "XXXX年政府信息公开工作年度报告" in html


class _Cells(HTMLParser):
    """Every th (id → text) and td (its headers) of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.heads: dict[str, str] = {}
        self.values: list[list[str]] = []
        self._open: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "th" and values.get("id"):
            self._open = values["id"]
            self.heads[self._open or ""] = ""
        elif tag == "td":
            self.values.append((values.get("headers") or "").split())

    def handle_endtag(self, tag: str) -> None:
        if tag == "th":
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open:
            self.heads[self._open] += data


def test_value_cells_name_exactly_their_headers(example: Report) -> None:
    cells = _Cells()
    cells.feed(render_html(example, draft_mark=False))
    assert len(cells.values) >= 200 and all(cells.values)
    named = [{cells.heads[i] for i in headers} for headers in cells.values]
    secret = [n for n in named if "1.属于国家秘密" in n]
    assert len(secret) == 7
    assert all({"（三）不予公开", "三、本年度办理结果", "自然人"} & n for n in secret)
    assert any("自然人" in n for n in secret)
    unknown = [n for n in named if "1.本机关不掌握相关政府信息" in n]
    assert unknown and not any("（三）不予公开" in n for n in unknown)
    assert all("（四）无法提供" in n for n in unknown)
    rules = [n for n in named if "规章" in n]  # 表二: block caption, column header, row label
    assert len(rules) == 3
    assert all({"第二十条第（一）项", "规章"} <= n for n in rules)
    assert [len(n & {"本年制发件数", "本年废止件数", "现行有效件数"}) for n in rules] == [1, 1, 1]
    permits = [n for n in named if "行政许可" in n]
    assert permits == [{"第二十条第（五）项", "本年处理决定数量", "行政许可"}]


def test_web_page_prints_on_a4_with_the_official_margins(example: Report) -> None:
    """A browser printing the web page gets the PDF's page: A4, 天头 37 mm, 订口 28 mm inside,
    「— n —」 in the outer bottom margin box, and no scrolling frame around the tables."""
    html = render_html(example, draft_mark=False)
    css = html.split("<style>")[1].split("</style>")[0]
    page = re.search(r"@page\s*\{\s*size:\s*A4;\s*margin:\s*([^;]+);", css)
    assert page and page.group(1).split() == ["37mm", "26mm", "35mm", "28mm"]
    right = re.search(r"@page :right \{.*?margin-left: 28mm;.*?@bottom-right \{(.*?)\}", css, re.S)
    left = re.search(r"@page :left \{.*?margin-right: 28mm;.*?@bottom-left \{(.*?)\}", css, re.S)
    for box in (right, left):
        assert box and r'content: "\2014\00A0" counter(page) "\00A0\2014";' in box.group(1)
    media = re.search(r"@media print \{(.*?)\n\}", css, re.S)
    assert media and "overflow: visible" in media.group(1)


def test_wide_tables_say_they_scroll_on_a_narrow_screen(example: Report) -> None:
    from report_desktop.render.context import SCROLL_HINT

    html = render_html(example, draft_mark=False)
    assert html.count(f'<p class="scroll-hint" aria-hidden="true">{SCROLL_HINT}</p>') == 2
    css = html.split("<style>")[1].split("</style>")[0]
    assert re.search(r"p\.scroll-hint \{\s*display: none;", css)
    assert re.search(r"@media screen and \(max-width: 44rem\) \{\s*p\.scroll-hint", css)
