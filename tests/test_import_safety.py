"""Imported pages and Word files are data: nothing fetched or rendered, every read bounded."""

from __future__ import annotations

import io
import os
import re
import socket
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from import_support import FIXTURES, build_word_file
from report_desktop.cli import main
from report_desktop.interchange import docx_reader
from report_desktop.interchange.report_import import (
    MAX_PAGE_BYTES,
    ImportRefused,
    ReportImport,
    import_file,
)

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _docx(path: Path, body: bytes, extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("word/document.xml", body)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return path


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _body(paragraphs: str) -> bytes:
    return f"<w:document {_W}><w:body>{paragraphs}</w:body></w:document>".encode()


# Nothing is fetched ----------------------------------------------------------------------------


def test_nothing_is_fetched(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The fixture links a stylesheet, a script, an image and a frame: none is followed."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the import tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    assert import_file(FIXTURES / "word-pasted.html").ok
    assert import_file(FIXTURES / "cms-variants.html").ok
    word = tmp_path / "w.docx"
    build_word_file(word)
    assert import_file(word).ok


def test_frames_and_scripts_are_not_read() -> None:
    result = import_file(FIXTURES / "cms-variants.html")  # its iframe says 「广告 12345」
    texts = [u.text for u in result.unplaced]
    assert not any("12345" in text or "广告" in text for text in texts)


# Size limits -----------------------------------------------------------------------------------


def test_a_page_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    page = tmp_path / "huge.html"
    with page.open("wb") as stream:
        stream.write(b"<html><body><p>")
        stream.truncate(MAX_PAGE_BYTES + 1)  # sparse: no disk or time spent
    with pytest.raises(ImportRefused, match="文件过大"):
        import_file(page)


def test_something_that_is_not_a_regular_file_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.html"
    os.mkfifo(fifo)
    with pytest.raises(ImportRefused, match="不是普通文件"):
        import_file(fifo)
    with pytest.raises(ImportRefused, match="文件夹"):
        import_file(tmp_path)
    if Path("/dev/zero").exists():
        with pytest.raises(ImportRefused, match="不是普通文件"):
            import_file("/dev/zero")


def test_a_zip_bomb_is_refused_before_it_is_inflated(tmp_path: Path) -> None:
    body = b"<w:document>" + b" " * (docx_reader.MAX_BODY_BYTES + 10) + b"</w:document>"
    bomb = _docx(tmp_path / "bomb.docx", body)
    assert bomb.stat().st_size < 200_000
    with pytest.raises(ImportRefused, match="过大"):
        import_file(bomb)


def test_a_broken_compressed_body_is_refused_in_chinese(tmp_path: Path) -> None:
    """Found by fuzzing: a damaged deflate stream raised zlib.error, a crash (exit 3)."""
    path = _docx(tmp_path / "broken.docx", _body("<w:p><w:r><w:t>正文</w:t></w:r></w:p>" * 50))
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start : start + 8] = b"\xff" * 8  # deflate block type 3: "invalid block type"
    path.write_bytes(bytes(data))
    with pytest.raises(ImportRefused, match="已损坏"):
        import_file(path)


def test_an_unknown_xml_encoding_is_refused_in_chinese(tmp_path: Path) -> None:
    """Found by fuzzing: a declaration naming an unknown encoding raised LookupError (exit 3)."""
    body = b'<?xml version="1.0" encoding="TF-8"?>' + _body("<w:p/>")
    with pytest.raises(ImportRefused, match="已损坏"):
        import_file(_docx(tmp_path / "encoding.docx", body))


def test_too_many_zip_members_are_refused(tmp_path: Path) -> None:
    members = {f"word/media/{n}.bin": b"" for n in range(docx_reader.MAX_MEMBERS + 1)}
    crowded = _docx(tmp_path / "crowded.docx", _body(""), members)
    with pytest.raises(ImportRefused, match="部件过多"):
        import_file(crowded)


# Entities and paths ----------------------------------------------------------------------------


def test_billion_laughs_in_a_word_file_is_refused(tmp_path: Path) -> None:
    lol = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        b"<w:document " + _W.encode() + b"><w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p>"
        b"</w:body></w:document>"
    )
    with pytest.raises(ImportRefused, match="DTD"):
        import_file(_docx(tmp_path / "lol.docx", lol))


def test_an_external_entity_in_a_word_file_is_refused(tmp_path: Path) -> None:
    xxe = (
        b'<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<w:document " + _W.encode() + b"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p>"
        b"</w:body></w:document>"
    )
    with pytest.raises(ImportRefused, match="DTD"):
        import_file(_docx(tmp_path / "xxe.docx", xxe))


def test_html_entities_cannot_grow(tmp_path: Path) -> None:
    """HTML defines no entities; unknown ones stay as text, numeric nonsense becomes U+FFFD."""
    page = tmp_path / "entities.html"
    body = "<p>一、总体情况</p><p>&lol;&lol;&#xFFFFFFFF;&#0;&nbsp;&amp;</p>" * 2000
    page.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    started = time.perf_counter()
    result = import_file(page)
    assert time.perf_counter() - started < 5
    assert len(result.report.overview_intro) < len(body)


def test_member_names_never_reach_the_disk(tmp_path: Path) -> None:
    """Nothing is extracted: a member named ../../escape.txt stays inside the archive."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    evil = {"../../escape.txt": b"x", "/tmp/absolute-escape.txt": b"x", "word/../../up.txt": b"x"}
    path = _docx(folder / "evil.docx", _body("<w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p>"), evil)
    before = set(tmp_path.rglob("*"))
    result = import_file(path)
    assert set(tmp_path.rglob("*")) == before
    assert result.sections == ("一、总体情况",)


def test_deep_nesting_and_huge_spans_stay_bounded(tmp_path: Path) -> None:
    page = tmp_path / "deep.html"
    nested = "<table><tr><td>" * 5000 + "一、总体情况" + "</td></tr></table>" * 5000
    spans = '<table><tr><td colspan="99999999" rowspan="99999999">1</td></tr></table>'
    divs = "<div>" * 50_000 + "x" + "</div>" * 50_000
    page.write_text(f"<html><body>{nested}{spans}{divs}</body></html>", encoding="utf-8")
    started = time.perf_counter()
    result = import_file(page)
    assert time.perf_counter() - started < 10
    assert isinstance(result, ReportImport)


# Fuzzing: any input ends in a result or a Chinese refusal, quickly, and the CLI exits 0/1/2 ------

_TAGS = ("p", "td", "tr", "table", "span", "br", "o:p", "div", "th", "a", "script", "style", "b")
_TEXTS = (
    "一、总体情况",
    "三、收到和处理政府信息公开申请情况",
    "（一）予以公开",
    "自然人",
    "行政许可",
    "规章",
    "本年制发件数",
    "12",
    "1,234",
    "—",
    "&nbsp;",
    "云岭市水务局2024年政府信息公开工作年度报告",
    "&#x0;",
    "<!--",
    "]]>",
)


@st.composite
def _pages(draw: st.DrawFn) -> str:
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 60))):
        tag = draw(st.sampled_from(_TAGS))
        choice = draw(st.integers(0, 3))
        if choice == 0:
            span = draw(st.sampled_from(("", ' colspan="3"', ' rowspan="25"', ' colspan="x"')))
            parts.append(f"<{tag}{span}>")
        elif choice == 1:
            parts.append(f"</{tag}>")
        elif choice == 2:
            parts.append(draw(st.sampled_from(_TEXTS)))
        else:
            parts.append(draw(st.text(max_size=8)))
    return "".join(parts)


_FUZZ = settings(
    max_examples=120,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _bounded_import(path: Path) -> None:
    started = time.perf_counter()
    try:
        result = import_file(path)
    except ImportRefused as error:
        assert CHINESE.search(error.message)
    else:
        assert all(CHINESE.search(line) for line in result.summary_lines())
    assert time.perf_counter() - started < 2


@_FUZZ
@given(page=_pages())
def test_fuzzed_pages(tmp_path: Path, page: str) -> None:
    path = tmp_path / "fuzz.html"
    path.write_text(page, encoding="utf-8", errors="replace")
    _bounded_import(path)


@_FUZZ
@given(body=st.one_of(st.binary(max_size=300), _pages().map(_body)))
def test_fuzzed_word_files(tmp_path: Path, body: bytes) -> None:
    _bounded_import(_docx(tmp_path / "fuzz.docx", body))


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.binary(max_size=400), suffix=st.sampled_from((".html", ".docx", ".pdf", ".htm")))
def test_fuzzed_files_through_the_command_line(tmp_path: Path, data: bytes, suffix: str) -> None:
    source = tmp_path / f"in{suffix}"
    source.write_bytes(data)
    output = tmp_path / "out.json"
    out, err = io.StringIO(), io.StringIO()
    code = main(["import", str(source), "-o", str(output), "--force"], out, err)
    assert code in (0, 1, 2)
    said = out.getvalue() + err.getvalue()
    assert CHINESE.search(said)
    assert "Traceback" not in said
