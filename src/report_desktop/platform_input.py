"""Chinese input: which input-method plugin Qt is asked for, and a notice when none can load.

统信UOS and 银河麒麟 type Chinese through fcitx (fcitx 4 or fcitx5, Sogou and the vendors' input
methods build on it); some desktops run IBus. Qt reaches them only through a platform input-context
plugin built against exactly the Qt in the process. The frozen build ships fcitx-qt5's Qt 6 plugin
(its key is ``fcitx``; it speaks both fcitx 4 and fcitx5) next to PySide6's own ``ibus`` plugin.

Before the QApplication exists, :func:`prepare` reads what the desktop runs (``QT_IM_MODULE``,
``XMODIFIERS``, ``GTK_IM_MODULE``), points ``QT_IM_MODULE`` at a plugin that really loads, and, if
none does, has the clerk told in Chinese at start instead of silently ignoring the keyboard.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterable, Mapping, MutableMapping
from dataclasses import dataclass
from pathlib import Path

HEADLESS_PLATFORMS = ("offscreen", "minimal", "vnc")
NO_INPUT_METHOD = ("", "none", "compose", "xim", "simple")
"""Values that name no input-method framework (XIM does not exist in Qt 6)."""

NOTICE_TITLE = "无法输入中文"
NOTICE_TEXT = (
    "本机的输入法（{name}）无法接入本程序：没有找到能够加载的配套输入法插件，"
    "因此在本程序里可能只能输入英文和数字。\n\n"
    "可以先在其他程序中打出中文再复制粘贴过来；"
    "如需彻底解决，请联系管理员重新安装本程序。"
)


@dataclass(frozen=True)
class Choice:
    """What :func:`choose` decided: the ``QT_IM_MODULE`` to set (None: leave it) and a notice."""

    module: str | None
    notice: str | None


def requested_frameworks(environ: Mapping[str, str]) -> list[str]:
    """The input-method frameworks the desktop asks for, most specific first, lower case."""
    found: list[str] = []
    modifiers = re.search(r"@im=([^\s@]+)", environ.get("XMODIFIERS", ""))
    candidates = (
        environ.get("QT_IM_MODULE", ""),
        modifiers.group(1) if modifiers else "",
        environ.get("GTK_IM_MODULE", ""),
    )
    for value in candidates:
        name = value.strip().lower()
        if name not in NO_INPUT_METHOD and name not in found:
            found.append(name)
    return found


def plugin_key(framework: str) -> str:
    """The Qt plugin key serving a framework: fcitx5 and the fcitx-based input methods go through
    the ``fcitx`` plugin (the key ``fcitx5`` loads nothing in this build)."""
    if framework.startswith("fcitx") or framework.startswith("sogou"):
        return "fcitx"
    return framework


def choose(environ: Mapping[str, str], loads: Callable[[str], bool]) -> Choice:
    """Pick the plugin for what the desktop runs; ``loads(key)`` says whether a plugin with that
    key can be loaded into this Qt."""
    if environ.get("QT_QPA_PLATFORM", "").split(":")[0] in HEADLESS_PLATFORMS:
        return Choice(None, None)
    frameworks = requested_frameworks(environ)
    if not frameworks:
        return Choice(None, None)
    for framework in frameworks:
        key = plugin_key(framework)
        if loads(key):
            return Choice(key, None)
    return Choice(None, NOTICE_TEXT.format(name=frameworks[0]))


def plugin_folders(library_paths: Iterable[str]) -> list[Path]:
    """The ``platforminputcontexts`` folders below Qt's plugin paths that exist."""
    folders = [Path(path) / "platforminputcontexts" for path in library_paths]
    return [folder for folder in folders if folder.is_dir()]


def declared_keys(metadata: object) -> list[str]:
    """The keys in a plugin's metadata (``{"MetaData": {"Keys": [...]}}``), lower case."""
    inner = metadata.get("MetaData") if isinstance(metadata, dict) else None
    keys = inner.get("Keys") if isinstance(inner, dict) else None
    return [str(key).lower() for key in keys] if isinstance(keys, list) else []


def plugin_loads(key: str, folders: Iterable[Path]) -> bool:
    """Whether some plugin in ``folders`` declares ``key`` and loads into this Qt (a plugin built
    for another Qt fails here on its private symbols, as it would inside Qt)."""
    from PySide6.QtCore import QPluginLoader

    for folder in folders:
        for path in sorted(folder.glob("*.so")) + sorted(folder.glob("*.dll")):
            loader = QPluginLoader(str(path))
            if key not in declared_keys(loader.metaData()):
                continue
            if loader.load():
                return True
            print(f"report-desktop: {path.name}: {loader.errorString()}", file=sys.stderr)
    return False


def prepare(environ: MutableMapping[str, str] | None = None) -> Choice:
    """Set ``QT_IM_MODULE`` before the QApplication exists; schedule the notice if needed."""
    env = os.environ if environ is None else environ
    from PySide6.QtCore import QCoreApplication

    folders = plugin_folders(QCoreApplication.libraryPaths())
    choice = choose(env, lambda key: plugin_loads(key, folders))
    if choice.module is not None:
        env["QT_IM_MODULE"] = choice.module
    if choice.notice is not None:
        print("report-desktop: " + choice.notice.replace("\n\n", " "), file=sys.stderr)
        from .ui.input_notice import show_at_start

        show_at_start(NOTICE_TITLE, choice.notice)
    return choice
