"""The report as HTML: one jinja2 template for the PDF and the self-contained web page."""

from __future__ import annotations

from functools import lru_cache

import jinja2
from markupsafe import Markup

from report_desktop.domain.model import Report
from report_desktop.resources import resource_path

from .context import DocumentContext, document_context
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
    return html_from_context(document_context(report, draft_mark), web_stylesheet_text())
