"""A saved web page (.html/.htm) reduced to paragraphs and tables (:class:`.markup.SourceDocument`).

The page is data: it is parsed with the standard library's ``html.parser``, which fetches
nothing; scripts, styles, forms, frames and embedded objects are skipped unread; no link, image or
stylesheet is followed. HTML has no entity definitions, so entities cannot grow (no
billion-laughs); numeric references to nonsense code points become U+FFFD.

Pages pasted from Word (``MsoNormal``, ``mso-`` styles, ``<o:p>``) and pages of government CMSs
(layout tables around the article, navigation links, metadata boxes) are what this is made for:
a table that holds other tables or long text is a layout table and is read as text; a paragraph
made only of links (navigation, 上一篇/下一篇) is left out.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from .markup import SourceCell, SourceDocument, join_cell_text

SKIPPED = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "textarea",
        "select",
        "button",
        "svg",
        "math",
        "iframe",
        "object",
        "embed",
        "xml",
        "canvas",
        "audio",
        "video",
    }
)
"""Elements whose content is never read."""

_BLOCK_NAMES = (
    "p div br li ul ol h1 h2 h3 h4 h5 h6 section article header footer blockquote pre hr dd dt "
    "dl center form fieldset address nav aside main figure figcaption caption tbody thead tfoot"
)
BLOCKS = frozenset(_BLOCK_NAMES.split())
MAX_TABLE_DEPTH = 32
LAYOUT_TEXT = 300
"""A table cell with more text than this is a layout cell (an article put in a table)."""

_META_TITLES = frozenset({"articletitle", "title", "dc.title"})
_META_DATES = frozenset({"pubdate", "publishdate", "firstpublishedtime", "dc.date", "pubtime"})
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_SPAN = re.compile(r"\d+")


def decode_page(data: bytes) -> str:
    """The page's text: its BOM, else its declared charset, else UTF-8, else GB18030."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (b"\xff\xfe", "utf-16-le")):
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    if data.startswith(b"\xfe\xff"):
        return data[2:].decode("utf-16-be", errors="replace")
    declared = _CHARSET.search(data[:4096])
    candidates = [_encoding_name(declared.group(1).decode("ascii"))] if declared else []
    for encoding in (*candidates, "utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("utf-8", errors="replace")


def _encoding_name(name: str) -> str:
    lowered = name.lower()
    return "gb18030" if lowered in ("gb2312", "gbk", "gb18030", "x-gbk") else lowered


def read_html_text(text: str) -> SourceDocument:
    """Paragraphs and tables of a page's text."""
    parser = _PageParser()
    parser.feed(text)
    parser.close()
    return parser.finish()


# The parser ------------------------------------------------------------------------------------


@dataclass
class _Paragraph:
    text: str
    links_only: bool


@dataclass
class _Container:
    """The document, or one table cell: finished paragraphs and tables, and the open paragraph."""

    items: list[_Paragraph | _Table] = field(default_factory=list)
    pieces: list[str] = field(default_factory=list)
    plain: bool = False
    """Some text of the open paragraph lies outside any link."""

    def flush(self) -> None:
        text = "".join(self.pieces)
        if text.strip():
            self.items.append(_Paragraph(text, links_only=not self.plain))
        self.pieces.clear()
        self.plain = False


@dataclass
class _Cell:
    content: _Container
    colspan: int
    rowspan: int


@dataclass
class _Table:
    rows: list[list[_Cell]] = field(default_factory=list)
    cell: _Cell | None = None

    def is_layout(self) -> bool:
        for row in self.rows:
            for cell in row:
                items = cell.content.items
                if any(isinstance(item, _Table) for item in items):
                    return True
                if sum(len(item.text) for item in items if isinstance(item, _Paragraph)) > (
                    LAYOUT_TEXT
                ):
                    return True
        return False


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.document = _Container()
        self.tables: list[_Table] = []
        self.skipping: list[str] = []
        self.links = 0
        self.in_title = False
        self.title_pieces: list[str] = []
        self.titles: list[str] = []
        self.dates: list[str] = []

    # Where text goes ---------------------------------------------------------------------------

    def _container(self) -> _Container:
        """The innermost open table cell, or the document."""
        for table in reversed(self.tables):
            if table.cell is not None:
                return table.cell.content
        return self.document

    # Events ------------------------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.append(tag)
            return
        if tag in SKIPPED:
            self.skipping.append(tag)
        elif tag == "title":
            self.in_title = True
        elif tag == "meta":
            self._meta(dict(attrs))
        elif tag == "a":
            self.links += 1
        elif tag == "table":
            self._open_table()
        elif tag == "tr":
            self._open_row()
        elif tag in ("td", "th"):
            self._open_cell(dict(attrs))
        elif tag in BLOCKS:
            self._container().flush()

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.pop()
            return
        if tag == "title":
            self.in_title = False
        elif tag == "a":
            self.links = max(0, self.links - 1)
        elif tag == "table":
            self._close_table()
        elif tag in ("td", "th", "tr"):
            self._close_cell()
        elif tag in BLOCKS:
            self._container().flush()

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        if self.in_title:
            self.title_pieces.append(data)
            return
        container = self._container()
        container.pieces.append(data)
        if self.links == 0 and data.strip():
            container.plain = True

    def _meta(self, attrs: dict[str, str | None]) -> None:
        name = (attrs.get("name") or "").strip().lower()
        content = (attrs.get("content") or "").strip()
        if not content:
            return
        if name in _META_TITLES:
            self.titles.append(content)
        elif name in _META_DATES:
            self.dates.append(content)

    # Tables ------------------------------------------------------------------------------------

    def _open_table(self) -> None:
        self._container().flush()
        if len(self.tables) >= MAX_TABLE_DEPTH:
            return
        self.tables.append(_Table())

    def _open_row(self) -> None:
        if not self.tables:
            self.document.flush()
            return
        self._close_cell()
        self.tables[-1].rows.append([])

    def _open_cell(self, attrs: dict[str, str | None]) -> None:
        if not self.tables:
            self.document.flush()
            return
        table = self.tables[-1]
        self._close_cell()
        if not table.rows:
            table.rows.append([])
        cell = _Cell(_Container(), _span(attrs.get("colspan")), _span(attrs.get("rowspan")))
        table.rows[-1].append(cell)
        table.cell = cell

    def _close_cell(self) -> None:
        if self.tables and self.tables[-1].cell is not None:
            self.tables[-1].cell.content.flush()
            self.tables[-1].cell = None

    def _close_table(self) -> None:
        if not self.tables:
            return
        self._close_cell()
        table = self.tables.pop()
        target = self._container()
        target.flush()
        if table.is_layout():
            for row in table.rows:
                for cell in row:
                    cell.content.flush()
                    target.items.extend(cell.content.items)
        else:
            target.items.append(table)

    def finish(self) -> SourceDocument:
        while self.tables:
            self._close_table()
        self.document.flush()
        result = SourceDocument("网页")
        title = "".join(self.title_pieces).strip()
        result.titles = [title, *self.titles] if title else list(self.titles)
        result.dates = list(self.dates)
        _emit(result, self.document.items)
        return result


def _emit(result: SourceDocument, items: list[_Paragraph | _Table]) -> None:
    for item in items:
        if isinstance(item, _Paragraph):
            if not item.links_only:
                result.add_text(item.text)
            continue
        rows = [
            [SourceCell(_cell_text(cell.content), cell.colspan, cell.rowspan) for cell in row]
            for row in item.rows
        ]
        result.add_table(rows)


def _cell_text(content: _Container) -> str:
    content.flush()
    return join_cell_text(item.text for item in content.items if isinstance(item, _Paragraph))


def _span(value: str | None) -> int:
    match = _SPAN.search(value or "")
    return int(match.group(0)[:4]) if match else 1
