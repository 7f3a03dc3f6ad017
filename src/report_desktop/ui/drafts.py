"""Opening, saving and closing drafts: the workflows behind the 文件 menu.

Every question goes through the prompter; every file is read and written by the workflow layer
(:mod:`report_desktop.workflow.files`), which the command line uses too.
Nothing is restored silently and nothing is deleted without the clerk's say.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication

from ..domain.model import Report, new_report
from ..session.autosave import Autosaver
from ..session.report_session import ReportSession
from ..workflow import naming
from ..workflow.files import (
    AutosaveError,
    BackupError,
    DraftError,
    DraftLock,
    DraftReadError,
    FileStamp,
    LockResult,
    LockState,
    Recovery,
    changed_on_disk,
    is_pdf,
    is_read_only_file,
    read_draft,
    read_example,
    save_draft,
    save_with_backup,
    stamp_of,
    take_lock_for_save_as,
)
from ..workflow.settings import add_recent, remove_recent
from .context import AppContext
from .prompter import LockChoice, Prompter, RecoveryAction, SaveChoice

UNTITLED = "未命名报告"

LockOutcome = tuple[DraftLock | None, bool]


@dataclasses.dataclass
class OpenReport:
    session: ReportSession
    autosaver: Autosaver
    lock: DraftLock | None
    origin: Path | None = None
    """The exported PDF the draft was read from (it has no draft file of its own yet)."""
    stamp: FileStamp | None = None
    """The draft file as it was read or last saved (to notice changes made by others)."""

    @property
    def name(self) -> str:
        path = self.session.path
        if path is None and self.origin is not None:
            return f"{self.origin.stem}（来自 PDF）"
        return path.name if path is not None else UNTITLED


class Drafts(QObject):
    """The open report and the file workflows around it (one report per window)."""

    opened = Signal()
    """A report was put in place of the previous one (``current`` is set)."""
    recent_changed = Signal()
    message = Signal(str)

    def __init__(self, ctx: AppContext, prompter: Prompter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.prompter = prompter
        self.current: OpenReport | None = None
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self._on_application_state)

    def _on_application_state(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self.check_disk()

    @property
    def session(self) -> ReportSession:
        assert self.current is not None
        return self.current.session

    # New and open ------------------------------------------------------------------------------

    def new(self) -> bool:
        if not self.close_current():
            return False
        self._install(new_report(), None, lock=None)
        return True

    def new_from(self, report: Report, *, modified: bool = True) -> bool:
        """A new, unsaved draft with content already (started from last year's report, an
        import, or the example, which is not counted as the clerk's unsaved work)."""
        if not self.close_current():
            return False
        self._install(report, None, lock=None, modified=modified)
        return True

    def open_example(self) -> bool:
        """The shipped example as a new draft: to try the program; saving asks where."""
        try:
            report = read_example()
        except DraftError as error:
            self.prompter.show_error("无法打开示例", str(error))
            return False
        if not self.new_from(report, modified=False):
            return False
        meta = report.meta
        self.message.emit(f"已打开示例报告（{meta.agency}{meta.year}年度）；保存时请另选位置")
        return True

    def open_dialog(self) -> bool:
        path = self.prompter.open_path(self.folder())
        return self.open_path(path) if path is not None else False

    def open_path(self, path: Path) -> bool:
        """Open a draft: read it, take its lock (or ask), offer a newer autosave, show it."""
        path = Path(path).absolute()
        if self.current is not None and self.current.session.path == path:
            self.message.emit(f"“{path.name}”已经打开")
            return True
        if is_pdf(path):
            return self._open_pdf(path)
        try:
            report = read_draft(path)
        except DraftError as error:
            self._open_failed(path, error)
            return False
        outcome = self._lock(path)
        if outcome is None:
            return False
        lock, read_only = outcome
        if not self.close_current():
            if lock is not None:
                lock.release()
            return False
        self._open_with_recovery(report, path, lock, read_only)
        return True

    def _open_pdf(self, path: Path) -> bool:
        """An exported PDF carries its draft: open that as a new, unsaved report."""
        try:
            report = read_draft(path)
        except DraftError as error:
            self.prompter.show_error(error.title, error.message)
            return False
        if not self.close_current():
            return False
        self._install(report, None, lock=None, modified=True, origin=path)
        self.message.emit(f"已从“{path.name}”读出草稿；保存时请选择草稿文件（.json）的位置")
        return True

    def _open_with_recovery(
        self, report: Report, path: Path, lock: DraftLock | None, read_only: bool
    ) -> None:
        found = None if read_only else self.ctx.autosaves.find(path)
        if found is not None:
            action, _ = self.prompter.ask_recovery([found])
            if action is RecoveryAction.RESTORE and found.error is None:
                restored = self._load_recovery(found)
                if restored is not None:
                    self._install(restored, path, lock, modified=True)
                    self._remember(path)
                    return
            elif action is RecoveryAction.DISCARD:
                self._discard_recovery(found)
        self._install(report, path, lock, read_only=read_only)
        self._remember(path)

    def _open_failed(self, path: Path, error: DraftError) -> None:
        self.prompter.show_error(error.title, error.message)
        if isinstance(error, DraftReadError):  # missing or unreadable: drop it from 最近打开
            self.ctx.update_settings(remove_recent(self.ctx.settings, path))
            self.recent_changed.emit()

    def _lock(self, path: Path) -> LockOutcome | None:
        """(the draft's lock or None, open read-only); None when the clerk cancels."""
        lock = DraftLock(path, self.ctx.paths.state_dir)
        result = lock.acquire()
        if result.state is LockState.ACQUIRED:
            return lock, False
        if result.state is LockState.UNAVAILABLE:
            self.prompter.show_info("无法锁定草稿", result.message)
            return None, False
        return self._ask_lock(lock, result)

    def _ask_lock(self, lock: DraftLock, result: LockResult) -> LockOutcome | None:
        choice = self.prompter.ask_lock(result)
        if choice is LockChoice.READ_ONLY:
            return None, True
        if choice is LockChoice.TAKE_OVER:
            taken = lock.take_over()
            if taken.acquired:
                return lock, False
            self.prompter.show_info("无法锁定草稿", taken.message)
            return None, False
        return None

    # Save --------------------------------------------------------------------------------------

    def save(self) -> bool:
        current = self.current
        if current is None:
            return False
        path = current.session.path
        if path is None or current.session.read_only:
            return self.save_as()
        return self._write(path)

    def save_as(self) -> bool:
        current = self.current
        if current is None:
            return False
        target = self._ask_save_target()
        if target is None:
            return False
        target = target.absolute()
        if target == current.session.path and not current.session.read_only:
            return self._write(target)
        lock, result = take_lock_for_save_as(target, self.ctx.paths.state_dir)
        if result.state is LockState.HELD_BY_OTHER:
            self.prompter.show_error("无法另存为", result.message)
            return False
        old_path, old_lock = current.session.path, current.lock
        was_read_only = current.session.read_only
        if not self._write(target):
            lock.release()
            return False
        current.lock = lock
        if old_lock is not None:
            old_lock.release()
        if old_path is not None:
            self.ctx.autosaves.discard(old_path, current.session.session_id)
        if was_read_only:
            self.opened.emit()  # the forms were built read-only: build them editable
        return True

    def _ask_save_target(self) -> Path | None:
        target = self.prompter.save_path(self.folder(), self._suggested_name())
        if target is not None and is_pdf(target):
            self.prompter.show_error("无法保存", "草稿要保存为 .json 文件；PDF 由“导出 PDF”生成。")
            return None
        return target

    def _write(self, path: Path) -> bool:
        current = self.current
        assert current is not None
        if not self._may_overwrite(current, path):
            return False
        report = current.session.snapshot_for(path)
        try:
            save_with_backup(path, report, self.ctx.backups())
        except BackupError as error:
            if not self._save_without_backup(path, report, error):
                return False
        except DraftError as error:
            self.prompter.show_error(error.title, error.message)
            return False
        current.session.mark_saved(path)
        current.stamp = stamp_of(path)
        current.autosaver.discard()
        self._remember(path)
        self.message.emit(f"已保存到“{path}”")
        return True

    def _may_overwrite(self, current: OpenReport, path: Path) -> bool:
        """Ask before replacing a draft changed by others since it was read, or a read-only one."""
        if path == current.session.path and changed_on_disk(path, current.stamp):
            question = (
                f"“{path.name}”在打开之后已被其他程序或命令改动（或已被删除）。"
                "保存会覆盖那些改动。\n\n是否仍要保存？"
            )
            if not self.prompter.confirm("草稿已在别处改动", question, "覆盖保存", "取消"):
                return False
        if is_read_only_file(path):
            question = f"“{path.name}”是只读文件。\n\n是否仍要保存并替换它？"
            return self.prompter.confirm("只读文件", question, "替换保存", "取消")
        return True

    def check_disk(self) -> None:
        """When the window is activated: offer to reload a draft changed by others (asked once
        per change)."""
        current = self.current
        if current is None or current.session.path is None:
            return
        path = current.session.path
        if not changed_on_disk(path, current.stamp) or stamp_of(path) is None:
            return
        current.stamp = stamp_of(path)  # asked about this version: not again
        question = (
            f"“{path.name}”已在别处被改动（例如由其他程序或命令）。\n\n"
            "是否重新载入？本窗口中未保存的修改将被放弃。"
        )
        if self.prompter.confirm("草稿已在别处改动", question, "重新载入", "保留本窗口的内容"):
            self._reload(current, path)

    def _reload(self, current: OpenReport, path: Path) -> None:
        try:
            report = read_draft(path)
        except DraftError as error:
            self.prompter.show_error(error.title, error.message)
            return
        self._replace(report, path, current.lock, modified=False)

    def _save_without_backup(self, path: Path, report: Report, error: BackupError) -> bool:
        question = f"{error.message}\n\n是否不备份，直接保存？"
        if not self.prompter.confirm(error.title, question, "不备份直接保存", "取消"):
            return False
        try:
            save_draft(path, report)
        except DraftError as failure:
            self.prompter.show_error(failure.title, failure.message)
            return False
        return True

    # Close -------------------------------------------------------------------------------------

    def close_current(self) -> bool:
        """Ask about unsaved changes; False when the clerk cancels (nothing is closed)."""
        current = self.current
        if current is None:
            return True
        if current.session.is_modified() and not current.session.read_only:
            choice = self.prompter.ask_save_changes(current.name)
            if choice is SaveChoice.CANCEL or (choice is SaveChoice.SAVE and not self.save()):
                return False
            if choice is SaveChoice.DISCARD:
                current.autosaver.discard()
        self._release(current, keep_lock=None)
        self.current = None
        return True

    def _release(self, current: OpenReport, keep_lock: DraftLock | None) -> None:
        if current.lock is not None and current.lock is not keep_lock:
            current.lock.release()
        current.session.deleteLater()

    # Backups and recovery ----------------------------------------------------------------------

    def restore_backup(self) -> bool:
        current = self.current
        path = None if current is None else current.session.path
        if current is None or path is None:
            self.prompter.show_info("从备份恢复", "这份报告还没有保存过，没有备份。")
            return False
        backups = self.ctx.backups().list_backups(path)
        if not backups:
            self.prompter.show_info("从备份恢复", f"“{path.name}”还没有备份（每次保存时生成）。")
            return False
        chosen = self.prompter.choose_backup(path, backups)
        if chosen is None:
            return False
        try:
            report = read_draft(chosen.path)
        except DraftError as error:
            self.prompter.show_error(error.title, error.message)
            return False
        if current.session.is_modified() and not self._confirm_replace(current):
            return False
        self._replace(report, path, current.lock, modified=True)
        self.message.emit("已打开备份的版本；核对后保存即可替换草稿")
        return True

    def _confirm_replace(self, current: OpenReport) -> bool:
        return self.prompter.confirm(
            "从备份恢复",
            f"“{current.name}”有未保存的修改，打开备份后这些修改会丢失（仍可从自动保存中找回）。",
            "打开备份",
            "取消",
        )

    def offer_recoveries(self, skip: Path | None = None) -> None:
        """Offer the autosaves left by earlier runs, until the clerk restores one or stops."""
        pending = [r for r in self.ctx.autosaves.pending() if skip is None or r.draft_path != skip]
        while pending:
            action, item = self.prompter.ask_recovery(pending)
            if action is RecoveryAction.LATER or item is None:
                return
            if action is RecoveryAction.DISCARD:
                self._discard_recovery(item)
                pending.remove(item)
            elif self._restore(item):
                return

    def _restore(self, item: Recovery) -> bool:
        report = self._load_recovery(item)
        if report is None:
            return False
        lock = None
        if item.draft_path is not None:
            outcome = self._lock(item.draft_path)
            if outcome is None or outcome[1]:
                return False
            lock = outcome[0]
        if not self.close_current():
            if lock is not None:
                lock.release()
            return False
        self._install(report, item.draft_path, lock, modified=True, session_id=item.session_id)
        self.message.emit("已恢复自动保存的工作；请核对后保存")
        return True

    def _load_recovery(self, item: Recovery) -> Report | None:
        try:
            return item.load()
        except DraftError as error:
            self.prompter.show_error(error.title, error.message)
            return None

    def _discard_recovery(self, item: Recovery) -> None:
        try:
            self.ctx.autosaves.discard_file(item.path)
        except (AutosaveError, ValueError) as error:
            self.prompter.show_error("无法丢弃自动保存", str(error))

    # Settings ----------------------------------------------------------------------------------

    def apply_settings(self) -> None:
        if self.current is not None:
            self.current.autosaver.set_interval(self.ctx.settings.autosave_seconds)

    def _remember(self, path: Path) -> None:
        self.ctx.used_file(path)
        self.ctx.update_settings(add_recent(self.ctx.settings, path))
        self.recent_changed.emit()

    def folder(self) -> str:
        """Where a file dialog starts: beside the open draft (or the PDF it came from), else
        the program's start folder."""
        current = self.current
        if current is not None and current.session.path is not None:
            return str(current.session.path.parent)
        if current is not None and current.origin is not None:
            return str(current.origin.parent)
        return self.ctx.start_folder()

    def _suggested_name(self) -> str:
        current = self.current
        if current is not None and current.session.path is not None:
            return current.session.path.name
        if current is not None and current.origin is not None:
            return naming.draft_name_for(current.origin)
        return naming.draft_name(self.session.report)

    # Installing a report -----------------------------------------------------------------------

    def _install(
        self,
        report: Report,
        path: Path | None,
        lock: DraftLock | None,
        *,
        read_only: bool = False,
        modified: bool = False,
        session_id: str | None = None,
        origin: Path | None = None,
    ) -> None:
        session = ReportSession(
            report, path, read_only=read_only, modified=modified, session_id=session_id or ""
        )
        autosaver = Autosaver(session, self.ctx.autosaves, self.ctx.settings.autosave_seconds)
        autosaver.failed.connect(self.message)
        self.current = OpenReport(session, autosaver, lock, origin, stamp_of(path))
        self.opened.emit()

    def _replace(self, report: Report, path: Path, lock: DraftLock | None, modified: bool) -> None:
        """Put another version of the same draft in place (the lock is kept)."""
        current = self.current
        assert current is not None
        self._release(current, keep_lock=lock)
        self._install(report, path, lock, modified=modified, session_id=current.session.session_id)

    def shutdown(self) -> None:
        """The window is closing after close_current() agreed: nothing left to ask."""
        if self.current is not None:
            self._release(self.current, keep_lock=None)
            self.current = None
