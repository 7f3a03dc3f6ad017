"""Program entry: ``report-desktop`` with a subcommand works headless, otherwise opens the GUI."""

from __future__ import annotations

import contextlib
import os
import sys

NO_DISPLAY = (
    "report-desktop：没有可用的图形显示，无法打开编辑窗口。\n"
    "可在命令行使用：report-desktop check 草稿.json | export 草稿.json -o 报告.pdf"
    "（report-desktop --help 查看全部命令）"
)


def main(argv: list[str] | None = None) -> int:
    import multiprocessing

    multiprocessing.freeze_support()  # a frozen build: the renderer process starts here
    from .frozen import restore_system_environment

    restore_system_environment()  # lp, xdg-open … started from here get the system libraries
    args = sys.argv[1:] if argv is None else argv
    if wants_cli(args):
        from . import cli

        return cli.main(args)
    if not display_available():
        print(NO_DISPLAY, file=sys.stderr)
        return 2
    install_crash_hook()
    try:
        from . import gui, platform_input

        platform_input.prepare()  # QT_IM_MODULE for the bundled Qt; a notice if no IM plugin loads
        return gui.run(args)
    except Exception as error:  # an unexpected error: logged, never a traceback
        _tell_crash(error)
        return 3


def install_crash_hook() -> None:
    """An error escaping a slot of the window is logged and shown in Chinese, not printed."""

    def hook(kind: type[BaseException], error: BaseException, trace: object) -> None:
        if not isinstance(error, Exception):
            sys.__excepthook__(kind, error, error.__traceback__)
            return
        _tell_crash(error)

    sys.excepthook = hook


def _tell_crash(error: Exception) -> None:
    from . import crashlog

    message = crashlog.report(error, "window")
    print(f"report-desktop：{message}", file=sys.stderr)
    with contextlib.suppress(Exception):  # the message was printed and logged already
        from .ui.crash_dialog import show_crash

        show_crash(message)


def wants_cli(args: list[str]) -> bool:
    from .cli import COMMANDS

    return bool(args) and (args[0] in COMMANDS or args[0].startswith("-"))


def display_available() -> bool:
    """On Linux and the BSDs Qt needs X11 or Wayland unless a platform plugin is forced."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd")):
        return True
    return any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


if __name__ == "__main__":
    raise SystemExit(main())
