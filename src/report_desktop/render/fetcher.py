"""The only way an export may load anything: the program's own resources and ``data:`` URLs.

weasyprint's default fetcher reads ``file://`` and network URLs, so a document could pull a local
file into a PDF (``<link rel=attachment>``) or reach the network. Exports use
:func:`restricted_fetcher` instead: it serves ``report-resource:<folder>/<file>`` from the runtime
``resources`` folder (fonts, stylesheets; no path traversal, no symlink escape) and ``data:`` URLs,
and refuses every other URL.
"""

from __future__ import annotations

import base64
import binascii
import mimetypes
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, unquote_to_bytes

from report_desktop.resources import resource_path

RESOURCE_SCHEME = "report-resource"
SERVED_FOLDERS = frozenset({"fonts", "css"})
"""Folders under ``resources`` an export may read."""


class RefusedURLError(ValueError):
    """An export asked for a URL it may not load."""


def resource_url(*parts: str) -> str:
    """The URL of a served resource, e.g. ``resource_url("fonts", "FandolFang-Regular.otf")``."""
    return f"{RESOURCE_SCHEME}:{'/'.join(parts)}"


def load_url(url: str) -> tuple[bytes, str]:
    """The bytes and media type of an allowed URL; :class:`RefusedURLError` for any other."""
    scheme, sep, rest = url.partition(":")
    if not sep:
        raise RefusedURLError(f"不允许加载的地址：{url[:200]}")
    scheme = scheme.lower()
    if scheme == "data":
        return _load_data(rest)
    if scheme == RESOURCE_SCHEME:
        path = resolve_resource(rest)
        media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return path.read_bytes(), media_type
    raise RefusedURLError(f"不允许加载的地址：{url[:200]}")


def resolve_resource(reference: str) -> Path:
    """The file a ``report-resource:`` reference names, strictly inside the served folders."""
    text = unquote(reference)
    if any(ch in text for ch in "\\?#\x00:") or text.startswith("/"):
        raise RefusedURLError(f"不允许的资源路径：{reference[:200]}")
    parts = PurePosixPath(text).parts
    if len(parts) < 2 or parts[0] not in SERVED_FOLDERS or any(p in ("", ".", "..") for p in parts):
        raise RefusedURLError(f"不允许的资源路径：{reference[:200]}")
    root = resource_path("resources", parts[0]).resolve()
    target = root.joinpath(*parts[1:]).resolve()
    if not target.is_relative_to(root) or not target.is_file():
        raise RefusedURLError(f"不允许的资源路径：{reference[:200]}")
    return target


def _load_data(rest: str) -> tuple[bytes, str]:
    header, sep, payload = rest.partition(",")
    if not sep:
        raise RefusedURLError("无效的 data: 地址")
    is_base64 = header.lower().endswith(";base64")
    media_type = (header[: -len(";base64")] if is_base64 else header).split(";")[0].strip()
    raw = unquote_to_bytes(payload)
    if is_base64:
        try:
            raw = base64.b64decode(raw, validate=False)
        except (binascii.Error, ValueError) as error:
            raise RefusedURLError("无效的 data: 地址") from error
    return raw, media_type or "text/plain"


def restricted_fetcher(on_request: Callable[[str], None] | None = None) -> Any:
    """A weasyprint URL fetcher serving only :func:`load_url`'s URLs (imports weasyprint).

    ``on_request`` sees every URL asked for, allowed or not (tests use it).
    """
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class RestrictedFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if on_request is not None:
                on_request(url)
            body, media_type = load_url(url)
            return URLFetcherResponse(url, body, headers={"Content-Type": media_type})

    return RestrictedFetcher(allowed_protocols=("data", RESOURCE_SCHEME), fail_on_errors=False)
