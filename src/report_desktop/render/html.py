"""The report as HTML: one jinja2 template for the PDF and the self-contained web page."""

from __future__ import annotations

from functools import lru_cache

import jinja2
from markupsafe import Markup

from report_desktop.domain.model import Report
from report_desktop.resources import resource_path

from .context import Cell, DocumentContext, TableContext, document_context
from .fonts import web_stylesheet_text

TEMPLATE = "report.html.j2"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The template environment: autoescape everywhere, undefined names are errors."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resource_path("templates"))),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def html_from_context(context: DocumentContext, stylesheet: str | None = None) -> str:
    """Fill the template. ``stylesheet`` (our own static CSS) is inlined unescaped when given."""
    template = environment().get_template(TEMPLATE)
    css = Markup(stylesheet) if stylesheet is not None else None  # our own static file
    return template.render(doc=context, stylesheet=css)


def document_html(report: Report, draft_mark: bool) -> str:
    """The HTML weasyprint lays out (the stylesheet is given to weasyprint separately): body
    paragraphs set in justified lines measured with the faces that will print them."""
    from .fontchoice import chosen_faces
    from .justify import justify_document

    context = justify_document(document_context(report, draft_mark), chosen_faces())
    return html_from_context(context)


def render_html(report: Report, draft_mark: bool = False) -> str:
    """One self-contained web page: CSS inlined, no external reference, fonts by name only."""
    context = document_context(report, draft_mark)
    for section in context["sections"]:
        if section["table"] is not None:
            associate_headers(section["table"])
    return html_from_context(context, web_stylesheet_text())


def associate_headers(table: TableContext) -> None:
    """Explicit ``headers`` for every value cell: the column headers above it (in ``thead`` or
    its block's header row), the caption of its block and the row labels beside it, so a
    screen reader announces exactly those (``scope=rowgroup`` would make a group label the
    header of the rows below it too)."""
    from .docx import place_cells

    rows = [*table["head"], *(row for group in table["groups"] for row in group["rows"])]
    placed = place_cells(rows)
    column_heads: dict[int, list[str]] = {}
    caption: list[str] = []
    for row_index, column, cell in placed:  # row by row: a block's header row heads what follows
        if cell["tag"] == "td":
            ids = caption + list(dict.fromkeys(column_heads.get(column, [])))
            cell["headers"] = " ".join(ids + _row_heads(placed, row_index, column))
            continue
        cell["id"] = f"{table['id']}-h{row_index}-{column}"
        if "caption" in cell["cls"].split():  # 表二: 「第二十条第（一）项」 heads its block
            caption = [cell["id"]]
        if cell["scope"] not in ("col", "colgroup"):
            continue
        for c in range(column, column + cell["colspan"]):
            if row_index < len(table["head"]):
                column_heads.setdefault(c, []).append(cell["id"])
            else:  # 表二: a block's own header row
                column_heads[c] = [cell["id"]]


def _row_heads(placed: list[tuple[int, int, Cell]], row: int, column: int) -> list[str]:
    return [
        cell["id"]
        for r, c, cell in placed
        if cell["tag"] == "th"
        and cell["scope"] in ("row", "rowgroup")
        and r <= row < r + cell["rowspan"]
        and c < column
        and "id" in cell
    ]
