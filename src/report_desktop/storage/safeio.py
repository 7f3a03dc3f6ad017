"""Reading user files safely, and the operating system's errors in Chinese.

Every reader of a user's file (drafts, PDFs, spreadsheets, locks, autosaves) opens it through
:func:`open_regular`: only a regular file is read — a device (``/dev/zero``), a FIFO or a socket is
refused at once, never waited on or read without end — and :func:`read_limited` stops after a
byte limit. :func:`os_reason` turns an :class:`OSError` into words a clerk reads (the system's
own texts are English: "Permission denied", "No space left on device").
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from typing import BinaryIO

StrPath = str | os.PathLike[str]


class NotRegularFileError(OSError):
    """The path names a device, a FIFO, a socket or a folder, not a file to read."""


def open_regular(path: StrPath) -> BinaryIO:
    """Open a regular file for reading; :class:`NotRegularFileError` for anything else.

    Opened without blocking, so a FIFO with no writer is refused instead of waited on.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFileError(_kind_errno(mode), not_regular_reason(mode), str(path))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        with contextlib.suppress(OSError):
            os.close(fd)
        raise


def read_limited(path: StrPath, limit: int) -> bytes:
    """At most ``limit + 1`` bytes of a regular file (more than ``limit``: the caller refuses)."""
    with open_regular(path) as handle:
        return handle.read(limit + 1)


def _kind_errno(mode: int) -> int:
    return errno.EISDIR if stat.S_ISDIR(mode) else errno.EINVAL


def not_regular_reason(mode: int) -> str:
    """Why a file of this ``st_mode`` cannot be read as a document, in Chinese."""
    if stat.S_ISDIR(mode):
        return "这是一个文件夹，不是文件"
    if stat.S_ISFIFO(mode):
        return "这是一个管道（FIFO），不是普通文件"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "这是一个设备，不是普通文件"
    if stat.S_ISSOCK(mode):
        return "这是一个套接字，不是普通文件"
    return "这不是普通文件"


_REASONS = {
    errno.EACCES: "没有访问权限（请检查文件和文件夹的权限，或文件是否被其他程序占用）",
    errno.EPERM: "操作不被允许（没有权限，或文件被锁定）",
    errno.ENOSPC: "磁盘空间不足",
    errno.EDQUOT: "磁盘配额已用完",
    errno.ELOOP: "符号链接层数过多（可能是指向自身的循环链接）",
    errno.ENOENT: "文件或所在的文件夹不存在",
    errno.EROFS: "所在的磁盘或文件夹是只读的",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ENOTDIR: "路径中的某一部分不是文件夹",
    errno.ENAMETOOLONG: "文件名或路径过长",
    errno.EEXIST: "同名的文件已存在",
    errno.EBUSY: "文件正被其他程序占用",
    errno.EIO: "磁盘读写出错（输入/输出错误）",
    errno.EMFILE: "打开的文件过多",
    errno.ENFILE: "系统中打开的文件过多",
    errno.EFBIG: "文件过大",
    errno.EXDEV: "不能跨磁盘移动文件",
    errno.ENXIO: "设备不存在或未就绪",
    errno.ETXTBSY: "文件正被使用",
}


def os_reason(error: OSError) -> str:
    """Why an operation on a file failed, in Chinese (no final punctuation)."""
    if isinstance(error, NotRegularFileError):
        return str(error.strerror)
    reason = _REASONS.get(error.errno or -1)
    if reason:
        return reason
    detail = error.strerror or str(error) or type(error).__name__
    return f"系统报告错误（{detail}）"
