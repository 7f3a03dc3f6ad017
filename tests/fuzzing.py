"""Fuzzing the file readers through the command line (issue 10): shared by the fuzz tests and
``bench/fuzz_readers.py``.

A :class:`Reader` names a file kind, a hypothesis strategy of hostile files of that kind (valid
files mutated: hostile values, hostile text, broken structure, flipped and cut bytes) and the
command that reads one. :data:`READERS` lists them; another reader (an HTML or DOCX import, say)
is added by appending one more :class:`Reader`. :func:`run_case` runs one file through
:func:`report_desktop.cli.main` in this process and checks what every case must satisfy.
"""

from __future__ import annotations

import io
import json
import re
import time
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from report_desktop.cli import main
from report_desktop.domain.format2021 import FORMAT_2021
from report_desktop.resources import resource_path

ALLOWED_EXIT_CODES = (0, 1, 2)
"""0 done, 1 the report or the input has errors, 2 a file cannot be read or written."""
HANG_SECONDS = 30.0
"""A case taking longer is a hang (the slowest real case takes well under a second)."""
_CHINESE = re.compile("[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Reader:
    name: str
    suffix: str
    files: st.SearchStrategy[bytes]
    """Hostile files of this kind, as bytes."""
    command: Callable[[Path, Path], Sequence[str]]
    """The command line reading ``file``; its output, if any, goes to ``folder``."""
    share: float = 1.0
    """Its share of the cases per reader (a slow command, such as a DOCX export, gets fewer)."""


@dataclass(frozen=True)
class Outcome:
    code: int
    out: str
    err: str
    seconds: float


def run_case(reader: Reader, data: bytes, folder: Path) -> Outcome:
    """Write ``data`` as a file of ``reader``'s kind, run its command, check the outcome."""
    path = folder / f"case{reader.suffix}"
    path.write_bytes(data)
    out, err = io.StringIO(), io.StringIO()
    start = time.perf_counter()
    code = main(list(reader.command(path, folder)), out=out, err=err)
    outcome = Outcome(code, out.getvalue(), err.getvalue(), time.perf_counter() - start)
    check_outcome(outcome)
    return outcome


def check_outcome(outcome: Outcome) -> None:
    text = outcome.out + outcome.err
    assert outcome.code in ALLOWED_EXIT_CODES, (outcome.code, outcome.err[-2000:])
    assert _CHINESE.search(text), text[-2000:]
    assert "Traceback" not in text, text[-2000:]
    assert outcome.seconds < HANG_SECONDS, outcome.seconds


# Hostile pieces --------------------------------------------------------------------------------

HOSTILE_NUMBERS = (
    "1e1000000",
    "1e999999999",
    "-1e-999999999",
    "9" * 5000,
    "-" + "9" * 4400,
    "NaN",
    "-Infinity",
    "1.5",
    "-0",
    "0.0000001",
    "1E+3",
    "12345678901234567890",
)
HOSTILE_TEXTS = (
    "",
    "\x00\x01\x0b\x1f\ufffe\uffff",
    "\u202e反转\u200b",
    "<w:t>&amp;</w:t>]]>",
    "{{ 1 + 1 }}{% raw %}",
    "１２３",
    "一百二十三亿亿亿亿亿亿亿亿",
    "予以公开" * 2000,
)


def json_literal() -> st.SearchStrategy[str]:
    """A JSON value as text: hostile numbers, ordinary ones, text, structures."""
    return st.one_of(
        st.sampled_from(HOSTILE_NUMBERS),
        st.integers(min_value=-(10**40), max_value=10**40).map(str),
        st.decimals(allow_nan=False, allow_infinity=False).map(str),
        st.sampled_from(["true", "false", "null", "[]", "{}", '"12.50"', '"1e5"', '"９９"']),
        st.one_of(st.text(max_size=40), st.sampled_from(HOSTILE_TEXTS)).map(json.dumps),
    )


def hostile_text() -> st.SearchStrategy[str]:
    return st.one_of(st.text(max_size=60), st.sampled_from(HOSTILE_TEXTS))


@st.composite
def mutated_bytes(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` with a few bytes changed, inserted, deleted, or the end cut off."""
    result = bytearray(data)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        if not result:
            break
        at = draw(st.integers(min_value=0, max_value=len(result) - 1))
        kind = draw(st.sampled_from(["flip", "insert", "delete", "cut"]))
        if kind == "flip":
            result[at] = draw(st.integers(min_value=0, max_value=255))
        elif kind == "insert":
            result[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif kind == "delete":
            del result[at : at + draw(st.integers(min_value=1, max_value=64))]
        else:
            del result[at:]
    return bytes(result)


# Drafts ----------------------------------------------------------------------------------------


@cache
def example_text() -> str:
    return resource_path("examples", "huancui-statistics-2024.json").read_text("utf-8")


_LEAF_IDS = sorted(FORMAT_2021.leaf_ids)
_META_KEYS = ("agency", "year", "publication_date", "website", "phone", "address")
_TEXT_KEYS = ("preface", "overview_intro", "problems")


@st.composite
def draft_text(draw: st.DrawFn) -> str:
    """The example draft with hostile values put in (as raw JSON literals)."""
    data: dict[str, Any] = json.loads(example_text())
    report = data["report"]
    literals: dict[str, str] = {}

    def put(target: dict[str, Any], key: str, plausible: bool = False) -> None:
        name = f"@@{len(literals)}@@"
        value = st.integers(min_value=0, max_value=500).map(str) if plausible else json_literal()
        literals[name] = draw(value)
        target[key] = name

    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        place = draw(
            st.sampled_from(["value", "cell", "meta", "text", "item", "envelope", "previous"])
        )
        if place == "value":  # a readable draft, perhaps out of balance: exit 0 or 1
            put(report["cells"], draw(st.sampled_from(_LEAF_IDS)), plausible=True)
        elif place == "cell":
            put(report["cells"], draw(st.sampled_from([*_LEAF_IDS, "table3.total.total", "x"])))
        elif place == "meta":
            put(report["meta"], draw(st.sampled_from(_META_KEYS)))
        elif place == "text":
            report[draw(st.sampled_from(_TEXT_KEYS))] = draw(hostile_text())
        elif place == "item" and report["overview_parts"]:
            report["overview_parts"][0][draw(st.sampled_from(["title", "text", "key"]))] = draw(
                hostile_text()
            )
        elif place == "envelope":
            put(data, draw(st.sampled_from(["schema_version", "format_edition", "saved_at"])))
        else:
            put(report, "previous")
    text = json.dumps(data, ensure_ascii=False)
    for name, literal in literals.items():
        text = text.replace(f'"{name}"', literal)
    return text


def draft_files() -> st.SearchStrategy[bytes]:
    encoded = draft_text().map(lambda text: text.encode("utf-8"))
    return st.one_of(encoded, encoded, encoded.flatmap(mutated_bytes))


# CSV and XLSX ---------------------------------------------------------------------------------


def _labels() -> list[str]:
    labels: set[str] = set()
    for spec in FORMAT_2021.cells:
        labels.update((spec.row.label, spec.column.label))
    return sorted(labels)


_TABLES = ("表二", "表三", "表四", "3", "表五", "")
_LABELS = _labels()


def cell_value() -> st.SearchStrategy[str]:
    return st.one_of(
        st.integers(min_value=0, max_value=1000).map(str),
        st.sampled_from(HOSTILE_NUMBERS),
        st.sampled_from(["1,234", "１２", "12.50", "-3", "=1+1", "", " "]),
        hostile_text(),
    )


@st.composite
def long_form_rows(draw: st.DrawFn) -> list[list[str]]:
    header = draw(st.sampled_from([["table", "row", "column", "value"], ["表", "行", "列", "值"]]))
    rows = [header]
    for _ in range(draw(st.integers(min_value=0, max_value=12))):
        rows.append(
            [
                draw(st.one_of(st.sampled_from(_TABLES), hostile_text())),
                draw(st.one_of(st.sampled_from(_LABELS), hostile_text())),
                draw(st.one_of(st.sampled_from(_LABELS), hostile_text())),
                draw(cell_value()),
            ]
        )
    return rows


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    rows = draw(long_form_rows())
    delimiter = draw(st.sampled_from([",", "\t", ";", "，"]))
    text = "\n".join(delimiter.join(_csv_field(cell) for cell in row) for row in rows)
    data = text.encode(draw(st.sampled_from(["utf-8", "utf-8-sig", "gb18030"])), "replace")
    if draw(st.booleans()):
        data = draw(mutated_bytes(data))
    return data


def _csv_field(text: str) -> str:
    return f'"{text.replace(chr(34), chr(34) * 2)}"' if any(c in text for c in ',"\n') else text


_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@st.composite
def xlsx_files(draw: st.DrawFn) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in draw(long_form_rows()):
        sheet.append([_xlsx_cell(draw, cell) for cell in row])
    buffer = io.BytesIO()
    book.save(buffer)
    data = _repack(buffer.getvalue())
    kind = draw(st.sampled_from(["valid", "bytes", "member"]))
    if kind == "bytes":
        return draw(mutated_bytes(data))
    if kind == "member":
        return _replace_member(draw, data)
    return data


def _xlsx_cell(draw: st.DrawFn, text: str) -> object:
    text = _ILLEGAL_XML.sub("", text)
    if draw(st.booleans()) and re.fullmatch(r"-?\d{1,15}", text):
        return int(text)
    if draw(st.integers(min_value=0, max_value=9)) == 0:
        return draw(st.floats(allow_nan=True, allow_infinity=True))
    return text


_TIMESTAMP = re.compile(rb"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z?")


def _repack(data: bytes) -> bytes:
    """The workbook with fixed times (in the document properties and the zip entries), so the
    same draws give the same bytes: hypothesis replays cases and needs them equal."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in members.items():
            fixed = _TIMESTAMP.sub(b"2024-01-01T00:00:00Z", content)
            target.writestr(
                zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0)), fixed, zipfile.ZIP_DEFLATED
            )
    return buffer.getvalue()


def _replace_member(draw: st.DrawFn, data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    name = draw(st.sampled_from(sorted(members)))
    members[name] = draw(
        st.one_of(mutated_bytes(members[name]), st.binary(max_size=200), st.just(b""))
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for member, content in members.items():
            target.writestr(
                zipfile.ZipInfo(member, (2024, 1, 1, 0, 0, 0)), content, zipfile.ZIP_DEFLATED
            )
    return buffer.getvalue()


# PDF ------------------------------------------------------------------------------------------


def pdf_with_attachment(content: bytes, name: str = "report-draft.json") -> bytes:
    """A small PDF carrying ``content`` the way exported PDFs carry their draft."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    writer.add_attachment(name, content)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@st.composite
def pdf_files(draw: st.DrawFn) -> bytes:
    kind = draw(st.sampled_from(["draft", "bytes", "name", "junk"]))
    if kind == "junk":
        return b"%PDF-1.7\n" + draw(st.binary(max_size=400))
    draft = draw(draft_files())
    if kind == "name":
        return pdf_with_attachment(draft, draw(st.sampled_from(["other.json", "report-draft"])))
    pdf = pdf_with_attachment(draft)
    return draw(mutated_bytes(pdf)) if kind == "bytes" else pdf


# Published reports: saved web pages and Word files -------------------------------------------

_PAGE_FIXTURES = ("word-pasted.html", "cms-variants.html", "trial-2019.html")


@cache
def _page(name: str) -> bytes:
    return (Path(__file__).parent / "fixtures" / "import" / name).read_bytes()


@cache
def _word_document() -> bytes:
    """The example report as this program writes it to Word (a real .docx to break)."""
    from report_desktop.render import document_bytes
    from report_desktop.storage.draft import load_draft

    report = load_draft(resource_path("examples", "huancui-statistics-2024.json")).report
    return _repack(document_bytes(report, ".docx", False))


@st.composite
def page_files(draw: st.DrawFn) -> bytes:
    kind = draw(st.sampled_from(["bytes", "text", "junk"]))
    if kind == "junk":
        return b"<html><body>" + draw(st.binary(max_size=400))
    page = _page(draw(st.sampled_from(_PAGE_FIXTURES)))
    if kind == "text":  # a piece of a real page replaced by hostile text
        start = draw(st.integers(min_value=0, max_value=len(page) - 1))
        hostile = draw(st.sampled_from(HOSTILE_TEXTS)).encode("utf-8", "surrogatepass")
        return page[:start] + hostile + page[start + len(hostile) :]
    return draw(mutated_bytes(page))


@st.composite
def word_files(draw: st.DrawFn) -> bytes:
    document = _word_document()
    if draw(st.booleans()):
        return _replace_member(draw, document)
    return draw(mutated_bytes(document))


# The readers ---------------------------------------------------------------------------------


def _import(path: Path, folder: Path) -> list[str]:
    return ["import", str(path), "-o", str(folder / "out.json"), "--force"]


READERS: list[Reader] = [
    Reader("draft-check", ".json", draft_files(), lambda path, folder: ["check", str(path)]),
    Reader(
        "draft-export",
        ".json",
        draft_files(),
        lambda path, folder: ["export", str(path), "-o", str(folder / "out.docx")],
        share=0.25,
    ),
    Reader(
        "draft-new-from",
        ".json",
        draft_files(),
        lambda path, folder: ["new", "--from", str(path), "-o", str(folder / "n.json"), "--force"],
    ),
    Reader("csv-import", ".csv", csv_files(), _import),
    Reader("xlsx-import", ".xlsx", xlsx_files(), _import, share=0.5),
    Reader("pdf-check", ".pdf", pdf_files(), lambda path, folder: ["check", str(path)]),
    Reader("html-import", ".html", page_files(), _import, share=0.5),
    Reader("docx-import", ".docx", word_files(), _import, share=0.25),
]
"""Every reader fuzzed; add one here to fuzz a new file kind the same way."""
