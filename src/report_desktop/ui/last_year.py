"""Last year's report in the window: 从上年报告新建, 关联/取消关联, the notice when the link is
lost, last year's values in the grids and last year's text beside the editor.

Files are read by the workflow layer (:mod:`..workflow.last_year`); the session holds last year's
report and runs the cross-year checks with it. This module only asks, shows and forwards.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QVBoxLayout, QWidget

from ..domain.findings import Finding
from ..domain.model import Report
from ..session.last_year import NO_LAST_YEAR, LastYear
from ..session.report_session import ReportSession
from ..workflow import last_year as workflow
from ..workflow.files import DraftError, is_published_document, read_draft
from ..workflow.last_year import check_options
from ..workflow.settings import Settings
from .actions import action
from .context import AppContext
from .drafts import Drafts
from .importing import Imports
from .notice_bar import NoticeBar
from .page_stack import PageStack
from .pages.base import Page
from .places import reference_pages
from .prompter import Prompter
from .window_part import WindowPart

RELINK = "重新关联…"
UNLINK = "取消关联"
ACCEPT_CHANGED = "以现在的内容为准"


def read_last_year(report: Report, draft_path: Path | None) -> LastYear:
    """Follow the report's link (never raises: a lost or unreadable file gives a notice)."""
    if report.last_year_link is None:
        return NO_LAST_YEAR
    found = workflow.follow_link(report, draft_path)
    return LastYear(found.report, found.path, found.notice)


def carried_over_message(source: Path, report: Report) -> str:
    year = f"{report.meta.year}年度" if report.meta.year else "本年度"
    fmt = report.format
    carried = "".join(
        f"{fmt.table(pair.table).name}“{fmt.row(pair.table, pair.target).label}”已按上年"
        f"“{fmt.row(pair.table, pair.source).label}”逐列填入；"
        for pair in fmt.carry_overs
    )
    return (
        f"已按上年报告“{source.name}”新建{year}报告：{carried}机关信息、前言（年份已顺延）和"
        "各部分的小标题沿用上年。其余数字和正文为空，上年的正文在右侧参考栏中对照。请核对后保存。"
    )


@dataclass
class YearActions:
    new_from: QAction
    link: QAction
    unlink: QAction
    show_values: QAction
    show_text: QAction


def build_year_actions(
    window: QMainWindow, controller: LastYearCommands, settings: Settings
) -> YearActions:
    made = YearActions(
        new_from=action(
            window,
            "从上年报告新建(&L)…",
            controller.new_from_last_year,
            tip="以上年的报告草稿为起点新建本年度报告（上年结转逐列填入，正文不照搬）",
        ),
        link=action(
            window,
            "关联上年报告(&Y)…",
            controller.link,
            tip="选择上年的报告草稿，用于跨年核对和对照",
        ),
        unlink=action(window, "取消关联上年报告", controller.unlink, tip="不再与上年报告核对"),
        show_values=action(
            window,
            "单元格中显示上年数值",
            controller.show_values_changed,
            tip="在表格单元格左上角以灰色小字显示上年的数值（为 0 的不显示）",
        ),
        show_text=action(
            window,
            "上年报告参考栏",
            controller.show_text_changed,
            tip="在一、五、六部分的编辑区右侧显示上年报告的相应文字",
        ),
    )
    for item, checked in (
        (made.show_values, settings.show_last_year_values),
        (made.show_text, settings.show_last_year_text),
    ):
        item.setCheckable(True)
        item.setChecked(checked)
    return made


class LastYearCommands(WindowPart):
    """The window's side of last year's report (one per window, for whichever report is open)."""

    def __init__(
        self,
        window: QMainWindow,
        ctx: AppContext,
        drafts: Drafts,
        prompter: Prompter,
        stack: PageStack,
    ) -> None:
        super().__init__(window, ctx, drafts, prompter)
        self.stack = stack
        self.imports: Imports | None = None
        """Set by the window: reads a web page or Word file picked as last year's report."""
        self.bar = NoticeBar()
        self.actions = build_year_actions(window, self, ctx.settings)
        drafts.opened.connect(self._opened)
        stack.page_built.connect(self._page_built)

    def with_notice_bar(self, central: QWidget) -> QWidget:
        """``central`` with the notice bar above it."""
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.bar)
        column.addWidget(central, 1)
        return holder

    @property
    def session(self) -> ReportSession:
        return self.drafts.session

    # Commands ----------------------------------------------------------------------------------

    def new_from_last_year(self) -> bool:
        """Pick last year's draft and start this year's report from it (unsaved, linked)."""
        picked = self._pick()
        if picked is None:
            return False
        path, last = picked
        try:
            report = workflow.new_from_last_year(last, path, None)  # relative when first saved
        except DraftError as error:
            self.prompter.show_error(error.title, error.message)
            return False
        if not self.drafts.new_from(report):
            return False
        self.bar.show_notice(carried_over_message(path, report), warning=False)
        self.message.emit("已从上年报告新建；请核对后保存")
        return True

    def link(self) -> bool:
        """Set or change the link of the open report to last year's report."""
        session = self.session
        picked = self._pick()
        if picked is None or not self._plausible(session, *picked):
            return False
        path, last = picked
        try:
            link = workflow.link_to(path, session.path)
        except DraftError as error:
            self.prompter.show_error(error.title, error.message)
            return False
        session.change_link(link, LastYear(last, path.resolve()), "关联上年报告")
        self.message.emit(f"已关联上年报告“{path.name}”，跨年核对已生效")
        return True

    def unlink(self) -> None:
        if self.session.report.last_year_link is None:
            return
        self.session.change_link(None, NO_LAST_YEAR, "取消关联上年报告")
        self.message.emit("已取消与上年报告的关联，不再进行跨年核对")

    def accept_changed(self) -> None:
        """The linked file changed since linking: take its present content as last year's."""
        session = self.session
        path = session.last_year.path
        if path is None:
            return
        try:
            last = workflow.read_last_year_report(path)
            link = workflow.link_to(path, session.path)
        except DraftError as error:
            self.prompter.show_error(error.title, error.message)
            return
        session.change_link(link, LastYear(last, path), "更新上年报告关联")
        self.message.emit("已按上年报告现在的内容重新关联")

    def _pick(self) -> tuple[Path, Report] | None:
        path = self.prompter.last_year_path(self.drafts.folder())
        if path is None:
            return None
        self.ctx.used_file(path)
        if is_published_document(path) and self.imports is not None:
            imported = self.imports.review(path, "作为上年报告")  # a published page or Word file
            return None if imported is None else (path, imported.report)
        try:
            return path, read_draft(path)
        except DraftError as error:
            self.prompter.show_error(error.title, error.message)
            return None

    def _plausible(self, session: ReportSession, path: Path, last: Report) -> bool:
        if session.path is not None and path.resolve() == session.path.resolve():
            self.prompter.show_error(
                "无法关联", "所选文件就是当前这份报告，请选择上一年度的报告草稿。"
            )
            return False
        year, last_year = session.report.meta.year, last.meta.year
        if year is None or last_year is None or last_year == year - 1:
            return True
        return self.prompter.confirm(
            "关联上年报告",
            f"所选报告是{last_year}年度的，本报告是{year}年度的，不是上一年度。仍要关联吗？",
            "仍然关联",
            "取消",
        )

    # Following the open report -----------------------------------------------------------------

    def _opened(self) -> None:
        session = self.session
        session.set_check_options(check_options(self.ctx.settings))
        session.set_last_year(read_last_year(session.report, session.path))
        session.last_year_changed.connect(self._last_year_changed)
        self.bar.hide()
        self._last_year_changed()

    def _last_year_changed(self) -> None:
        session = self.session
        linked = session.report.last_year_link is not None
        self.actions.link.setEnabled(not session.read_only)
        self.actions.unlink.setEnabled(linked and not session.read_only)
        self._show_link_notice(session.last_year)

    def _show_link_notice(self, last_year: LastYear) -> None:
        if not last_year.notice:
            if self.bar.isVisible() and self.bar.buttons:
                self.bar.hide()  # a link notice solved; an information without buttons stays
            return
        if last_year.report is None:
            choices = [(RELINK, self.link), (UNLINK, self.unlink)]
        else:
            choices = [(ACCEPT_CHANGED, self.accept_changed), (RELINK, self.link)]
        self.bar.show_notice(last_year.notice, choices, warning=last_year.report is None)

    def apply_settings(self) -> None:
        """首选项 changed: the thresholds of the cross-year checks."""
        if self.drafts.current is not None:
            self.session.set_check_options(check_options(self.ctx.settings))

    def finding_chosen(self, finding: Finding) -> None:
        """After the window went to a finding's place: select the words a text finding quotes."""
        from .text_jump import QUOTING_RULES, finding_quotes, select_quote

        page = self.stack.current_page()
        if finding.rule in QUOTING_RULES and page is not None:
            select_quote(page, finding_quotes(finding))

    # Views -------------------------------------------------------------------------------------

    def _page_built(self, page: Page) -> None:
        view = page.grid_view()
        if view is not None:
            view.delegate.show_last_year = self.ctx.settings.show_last_year_values
        if page.page_id in reference_pages(page.session.report):
            self._add_reference_panel(page)

    def _add_reference_panel(self, page: Page) -> None:
        from .reference_panel import ReferencePanel

        panel = ReferencePanel(page.session, page.page_id)
        panel.set_wanted(self.ctx.settings.show_last_year_text)
        panel.hide_requested.connect(lambda: self.actions.show_text.setChecked(False))
        panel.message.connect(self.message)
        page.add_side_panel(panel)

    def show_values_changed(self) -> None:
        shown = self.actions.show_values.isChecked()
        self.ctx.update_settings(
            dataclasses.replace(self.ctx.settings, show_last_year_values=shown)
        )
        for page in self.stack.pages.values():
            view = page.grid_view()
            if view is not None:
                view.delegate.show_last_year = shown
                view.viewport().update()

    def show_text_changed(self) -> None:
        from .reference_panel import ReferencePanel

        shown = self.actions.show_text.isChecked()
        self.ctx.update_settings(dataclasses.replace(self.ctx.settings, show_last_year_text=shown))
        for page in self.stack.pages.values():
            for panel in page.findChildren(ReferencePanel):
                panel.set_wanted(shown)
