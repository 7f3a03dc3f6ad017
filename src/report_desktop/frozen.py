"""The environment of the programs the frozen build starts.

PyInstaller's bootloader points ``LD_LIBRARY_PATH`` at the bundle's own libraries (old enough for
glibc 2.28: libstdc++, OpenSSL 1.1, Kerberos, GLib …) and keeps the clerk's value in
``LD_LIBRARY_PATH_ORIG``. Every program started from the window inherits the environment: ``lp``
(printing), ``xdg-open`` and the file manager it starts (打开所在文件夹). Given the bundle's
libraries, a newer system's programs fail (``GLIBCXX_3.4.30 not found``, a Kerberos symbol
missing) and printing or opening a folder stops working. The dynamic loader reads the variable
once, when the process starts, so restoring the clerk's value afterwards leaves this process's own
libraries as they are and gives every program it starts the system's.
"""

from __future__ import annotations

import os
import sys
from collections.abc import MutableMapping

LIBRARY_PATH = "LD_LIBRARY_PATH"
SAVED_SUFFIX = "_ORIG"
"""PyInstaller keeps the value it replaced under ``<name>_ORIG`` (absent if there was none)."""


def restore_system_environment(
    environ: MutableMapping[str, str] | None = None, frozen: bool | None = None
) -> bool:
    """Give ``LD_LIBRARY_PATH`` back its value from before the bootloader (or remove it when
    there was none). Does nothing unless frozen; True if something changed."""
    if frozen is None:
        frozen = bool(getattr(sys, "frozen", False))
    if not frozen:
        return False
    env = os.environ if environ is None else environ
    saved = env.pop(LIBRARY_PATH + SAVED_SUFFIX, None)
    if saved is not None:
        changed = env.get(LIBRARY_PATH) != saved
        env[LIBRARY_PATH] = saved
        return changed
    return env.pop(LIBRARY_PATH, None) is not None
