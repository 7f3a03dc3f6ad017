"""Headless commands: ``report-desktop check | import | export``.

Exit codes: 0 done (a report may still carry warnings), 1 the report or the input has errors,
2 a file cannot be read or written, or the command line is wrong, 3 an unexpected error (logged
to a file the message names). Messages are Chinese; no
traceback reaches the clerk.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import NoReturn, TextIO, TypeVar

from . import __version__, crashlog
from .domain.findings import Finding, Severity
from .domain.format2021 import FORMAT_2021
from .domain.model import Meta, Report, new_report
from .domain.rules import check
from .storage.safeio import os_reason
from .workflow import files, last_year, naming

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2
COMMANDS = ("check", "import", "export", "new", "link")


class CommandError(Exception):
    """A failure to report to the clerk in Chinese, with the exit code to use."""

    def __init__(self, message: str, code: int = EXIT_UNREADABLE) -> None:
        super().__init__(message)
        self.code = code


class _Parser(argparse.ArgumentParser):
    """argparse speaking Chinese where it talks to the clerk."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_UNREADABLE, f"{self.prog}：命令行有误：{_chinese(message)}\n")

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "用法：", 1)

    def format_help(self) -> str:
        text = super().format_help().replace("usage:", "用法：", 1)
        return text.replace("options:", "选项：").replace("positional arguments:", "参数：")


_ARGPARSE_MESSAGES = (
    (re.compile(r"the following arguments are required: (.*)"), "缺少参数 {0}"),
    (re.compile(r"unrecognized arguments: (.*)"), "无法识别的参数 {0}"),
    (re.compile(r"argument (.*?): invalid int value: (.*)"), "参数 {0} 须为整数，收到 {1}"),
    (re.compile(r"argument (.*?): expected one argument"), "参数 {0} 后面缺少取值"),
    (re.compile(r"argument (.*?): invalid choice: (.*?) \(.*"), "没有命令 {1}"),
)


def _chinese(message: str) -> str:
    for pattern, text in _ARGPARSE_MESSAGES:
        match = pattern.fullmatch(message)
        if match:
            return text.format(*match.groups())
    return message


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="report-desktop",
        description=f"{FORMAT_2021.title}：不带子命令时打开编辑窗口（可附草稿路径）。",
        add_help=False,
    )
    parser.add_argument("-h", "--help", action="help", help="显示本帮助并退出")
    parser.add_argument(
        "--version",
        action="version",
        version=f"report-desktop {__version__}",
        help="显示版本号并退出",
    )
    commands = parser.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)
    _add_check(commands)
    _add_import(commands)
    _add_export(commands)
    _add_new(commands)
    _add_link(commands)
    return parser


def _subparser(commands: argparse._SubParsersAction[_Parser], name: str, text: str) -> _Parser:
    sub = commands.add_parser(name, help=text, description=text, add_help=False)
    sub.add_argument("-h", "--help", action="help", help="显示本帮助并退出")
    return sub


def _add_check(commands: argparse._SubParsersAction[_Parser]) -> None:
    sub = _subparser(commands, "check", "检查草稿，列出错误、警告和提示")
    sub.add_argument(
        "draft", type=Path, metavar="草稿", help="草稿文件（.json，或内含草稿的 .pdf）"
    )
    sub.add_argument("--json", action="store_true", help="以 JSON 列表输出检查结果")
    sub.add_argument(
        "--previous", type=Path, metavar="上年草稿", help="上年度报告草稿，用于跨年核对"
    )


def _add_import(commands: argparse._SubParsersAction[_Parser]) -> None:
    sub = _subparser(
        commands,
        "import",
        "从已发布的报告（保存的网页、Word 文件、本程序导出的 PDF）"
        "或 CSV/XLSX 长表（table,row,column,value）新建草稿",
    )
    sub.add_argument(
        "cells",
        type=Path,
        metavar="文件",
        help="报告文件：.html/.htm、.docx、.pdf（本程序导出的），或 .csv/.xlsx",
    )
    _add_new_draft_options(sub, "（给出时优先于文件中的写法）")


def _add_new_draft_options(sub: _Parser, note: str) -> None:
    """Where a new draft goes and the meta data it starts with (import, new)."""
    sub.add_argument("-o", "--output", type=Path, required=True, help="要写入的新草稿（.json）")
    sub.add_argument("--agency", default="", help=f"机关名称{note}")
    sub.add_argument("--year", type=int, help=f"报告年度，如 2024{note}")
    sub.add_argument("--force", action="store_true", help="输出文件已存在时覆盖它")


def _add_export(commands: argparse._SubParsersAction[_Parser]) -> None:
    sub = _subparser(commands, "export", "导出草稿：格式由输出文件后缀决定")
    sub.add_argument(
        "draft", type=Path, metavar="草稿", help="草稿文件（.json，或内含草稿的 .pdf）"
    )
    sub.add_argument(
        "-o", "--output", type=Path, required=True, help="输出文件：.csv / .pdf / .html / .docx"
    )


def _add_new(commands: argparse._SubParsersAction[_Parser]) -> None:
    sub = _subparser(commands, "new", "新建报告草稿；用 --from 从上年报告开始")
    sub.add_argument("--from", dest="source", type=Path, metavar="上年草稿", help="上年度报告草稿")
    _add_new_draft_options(sub, "（不用 --from 时）")


def _add_link(commands: argparse._SubParsersAction[_Parser]) -> None:
    sub = _subparser(commands, "link", "关联上年报告（跨年核对用），或用 --clear 取消关联")
    sub.add_argument("draft", type=Path, metavar="草稿", help="要关联的草稿（.json）")
    sub.add_argument("previous", type=Path, nargs="?", metavar="上年草稿", help="上年度报告草稿")
    sub.add_argument("--clear", action="store_true", help="取消关联")


def main(argv: Sequence[str], out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    args = build_parser().parse_args(list(argv))
    handlers: dict[str, Callable[[argparse.Namespace, TextIO, TextIO], int]] = {
        "check": run_check,
        "import": run_import,
        "export": run_export,
        "new": run_new,
        "link": run_link,
    }
    if args.command not in handlers:
        build_parser().print_help(out)
        return EXIT_OK
    try:
        return handlers[args.command](args, out, err)
    except CommandError as error:
        print(f"report-desktop：{error}", file=err)
        return error.code
    except Exception as error:  # an unexpected error: logged, never a traceback
        print(f"report-desktop：{crashlog.report(error, ' '.join(argv))}", file=err)
        return crashlog.EXIT_CRASH


# check -----------------------------------------------------------------------------------------


def read_report(path: Path) -> Report:
    """A draft, a PDF exported by the program (it carries its draft), or a published page or Word
    file (imported)."""
    try:
        return files.read_report(path)
    except files.DraftError as error:
        raise CommandError(f"无法打开“{path}”：{error.message}") from error


def run_check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    report = read_report(args.draft)
    last = _last_year_for(report, args, err)
    findings = check(report, last_year=last)
    if args.json:
        json.dump([f.as_json() for f in findings], out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        print_findings(findings, out)
    has_errors = any(f.severity is Severity.ERROR for f in findings)
    return EXIT_ERRORS if has_errors else EXIT_OK


def _last_year_for(report: Report, args: argparse.Namespace, err: TextIO) -> Report | None:
    """--previous wins; otherwise the draft's own link, whose loss is a notice, not a failure."""
    if args.previous:
        return read_report(args.previous)
    found = last_year.follow_link(report, args.draft)
    if found.notice:
        print(f"注意：{found.notice}", file=err)
    return found.report


def print_findings(findings: list[Finding], out: TextIO) -> None:
    for finding in findings:
        print(f"{finding.severity.label}：{finding.message}", file=out)
    counts = {s: sum(f.severity is s for f in findings) for s in Severity}
    summary = "，".join(f"{counts[s]} 个{s.label}" for s in Severity)
    verdict = "未发现问题" if not findings else summary
    print(f"检查完毕：{verdict}", file=out)


# import ----------------------------------------------------------------------------------------


@contextlib.contextmanager
def draft_locked(path: Path) -> Iterator[None]:
    """Hold the draft's edit lock (the window's) while a command writes it; exit 2 if it is open."""
    from .storage.paths import app_paths

    try:
        with files.draft_locked(path, app_paths().state_dir):
            yield
    except files.DraftBusyError as error:
        raise CommandError(str(error)) from error


def run_import(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    with draft_locked(args.output):
        return _run_import(args, out)


def _run_import(args: argparse.Namespace, out: TextIO) -> int:
    from .interchange import CellImportError
    from .interchange.report_import import import_file

    _refuse_overwrite(args.output, args.force)
    output: Path = args.output
    try:
        result = import_file(args.cells, agency=args.agency, year=_plausible_year(args.year))
    except CellImportError as error:
        raise CommandError(f"无法导入“{args.cells}”：{error}") from error
    for line in result.detail_lines():
        print(line, file=out)
    if not result.ok:
        print(f"导入未完成：发现 {len(result.errors)} 个错误，未写入草稿", file=out)
        return EXIT_ERRORS
    _save(output, result.report)
    for line in result.summary_lines():
        print(line, file=out)
    print(f"已导入 {result.filled} 个单元格，草稿已写入“{output}”", file=out)
    return EXIT_OK


def _plausible_year(year: int | None) -> int | None:
    """``--year`` as given, when it is a plausible report year; else a CommandError (exit 2)."""
    from .domain.rules import year_problem

    problem = "" if year is None else year_problem(year)
    if problem:
        shown = year if year is not None and abs(year) < 10**12 else "位数过多的数"
        raise CommandError(f"--year 给出的报告年度 {shown} 不可用：{problem.split('：', 1)[1]}")
    return year


def _refuse_overwrite(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise CommandError(f"“{path}”已存在；为免覆盖已有草稿，请换一个文件名或加 --force")


def _save(path: Path, report: Report) -> None:
    try:
        files.write_draft(path, report)
    except files.DraftError as error:
        raise CommandError(f"无法写入“{path}”：{error.message}") from error


# export ----------------------------------------------------------------------------------------


def run_export(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .workflow.export import error_messages, export_report

    output: Path = args.output
    document_format = naming.export_format(output)
    if document_format is None:
        known = naming.known_export_suffixes()
        raise CommandError(f"不支持导出为“{output.suffix or output.name}”：可用的格式为 {known}")
    from .render import NarrativeTooLongError

    report = read_report(args.draft)
    errors = len(error_messages(report))
    try:
        export_report(report, output, document_format, mark=errors > 0)
    except OSError as error:
        raise CommandError(f"无法写入“{output}”：{os_reason(error)}") from error
    except NarrativeTooLongError as error:
        raise CommandError(f"无法导出“{output}”：{error}", EXIT_ERRORS) from error
    print(f"已导出“{output}”", file=out)
    if errors and document_format.document:
        print(f"注意：报告还有 {errors} 个错误，导出的文件带有“草稿”标记", file=out)
    return EXIT_OK


# new and link ----------------------------------------------------------------------------------


def run_new(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    with draft_locked(args.output):
        return _run_new(args, out)


def _run_new(args: argparse.Namespace, out: TextIO) -> int:
    output: Path = args.output
    _refuse_overwrite(output, args.force)
    if args.source is None:
        report = new_report(Meta(agency=args.agency, year=_plausible_year(args.year)))
    else:
        last = read_report(args.source)
        report = _guarded(lambda: last_year.new_from_last_year(last, args.source, output))
    _save(output, report)
    print(f"已新建“{output}”", file=out)
    if args.source is not None:
        print(f"上年结转已按“{args.source}”的结转下年度数填入；其余表格和正文为空", file=out)
    return EXIT_OK


def run_link(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.clear == (args.previous is not None):
        raise CommandError("请给出上年草稿，或用 --clear 取消关联（二者择一）")
    with draft_locked(args.draft):
        return _run_link(args, out)


def _run_link(args: argparse.Namespace, out: TextIO) -> int:
    report = read_report(args.draft)
    if args.clear:
        report.last_year_link = None
        _save(args.draft, report)
        print(f"已取消“{args.draft}”与上年报告的关联", file=out)
        return EXIT_OK
    read_report(args.previous)  # refuse to link to something that is not a draft
    report.last_year_link = _guarded(lambda: last_year.link_to(args.previous, args.draft))
    _save(args.draft, report)
    print(f"已把“{args.draft}”关联到上年报告“{args.previous}”", file=out)
    return EXIT_OK


_T = TypeVar("_T")


def _guarded(work: Callable[[], _T]) -> _T:
    """``work()``, its :class:`DraftError` turned into a :class:`CommandError` (exit 2)."""
    try:
        return work()
    except files.DraftError as error:
        raise CommandError(error.message) from error
