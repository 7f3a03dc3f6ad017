"""The link from a report to last year's report: making it, following it, noticing it is lost.

A link stores the path relative to the draft's folder when last year's file lies beside or below
it (so a folder of reports can move as a whole), and the file's SHA-256 when linked, so that a
changed file is noticed. A lost link never breaks anything: the cross-year checks are skipped
and the clerk is told why.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from ..domain.model import LastYearLink, Report
from .draft import load_draft
from .errors import DraftError, DraftReadError
from .safeio import open_regular, os_reason


@dataclass(frozen=True)
class FollowedLink:
    """What following a report's link gave."""

    report: Report | None
    """Last year's report, or None when there is no link or it could not be followed."""
    path: Path | None
    notice: str = ""
    """Chinese, for the clerk: why the cross-year checks are skipped, or that the file changed."""


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open_regular(path) as stream:
        for chunk in iter(lambda: stream.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def make_link(last_year_path: Path, draft_path: Path | None) -> LastYearLink:
    """A link to ``last_year_path`` for a draft saved at ``draft_path`` (None: not saved yet).

    Raises :class:`DraftReadError` when the file cannot be read.
    """
    target = last_year_path.resolve()
    try:
        digest = file_sha256(target)
    except OSError as error:
        raise DraftReadError(f"无法读取上年报告“{last_year_path}”：{os_reason(error)}。") from error
    return LastYearLink(path=_stored_path(target, draft_path), sha256=digest)


def _stored_path(target: Path, draft_path: Path | None) -> str:
    if draft_path is not None:
        folder = draft_path.resolve().parent
        if target.is_relative_to(folder):
            return target.relative_to(folder).as_posix()
    return str(target)


def rebase_link(link: LastYearLink, old_path: Path | None, new_path: Path | None) -> LastYearLink:
    """The same link for the draft saved at ``new_path`` instead of ``old_path`` (first save,
    另存为; or the same path, to make an absolute link relative where it can be): it points at
    the same file, relative to the new folder when the file lies beside or below it. The hash is
    kept, so a file changed since linking is still noticed."""
    target = link_target(link, old_path)
    if not target.is_absolute():
        return link  # a relative link of an unsaved draft: nothing to anchor it to
    return LastYearLink(path=_stored_path(target.resolve(), new_path), sha256=link.sha256)


def link_target(link: LastYearLink, draft_path: Path | None) -> Path:
    """Where a link points, for a draft at ``draft_path``."""
    stored = Path(os.path.expanduser(link.path))
    if stored.is_absolute() or draft_path is None:
        return stored
    return draft_path.resolve().parent / stored


def load_last_year(report: Report, draft_path: Path | None) -> FollowedLink:
    """Follow ``report.last_year_link``. Never raises: a lost or unreadable file gives a notice."""
    link = report.last_year_link
    if link is None:
        return FollowedLink(None, None)
    target = link_target(link, draft_path)
    if not target.is_file():
        return FollowedLink(None, target, _lost(target))
    try:
        last = read_last_year_file(target)
        changed = file_sha256(target) != link.sha256
    except (DraftError, OSError) as error:
        reason = error.message if isinstance(error, DraftError) else str(error)
        return FollowedLink(
            None, target, f"关联的上年报告“{target}”无法打开，已跳过跨年核对：{reason}"
        )
    notice = (
        f"关联的上年报告“{target}”在关联之后被修改过，跨年核对按它现在的内容进行。"
        if changed
        else ""
    )
    return FollowedLink(last, target, notice)


DOCUMENT_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml", ".docx")
"""Last year's report linked as the published web page or Word file: imported when followed."""


def read_last_year_file(path: Path) -> Report:
    """Last year's report from a draft, or from the web page or Word file it was published as.

    Raises :class:`DraftReadError` (Chinese) when it cannot be read or imported.
    """
    if path.suffix.lower() not in DOCUMENT_SUFFIXES:
        return load_draft(path).report
    from ..interchange.report_import import ImportRefused, import_file

    try:
        result = import_file(path)
    except ImportRefused as error:
        raise DraftReadError(error.message) from error
    if not result.ok:
        raise DraftReadError("；".join(result.errors))
    return result.report


def _lost(target: Path) -> str:
    return (
        f"找不到关联的上年报告“{target}”（可能已被移动、改名或删除），已跳过跨年核对。"
        "可用“关联上年报告”重新选择。"
    )
