"""export_document: the format by suffix, an atomic write, weasyprint only for PDF."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import report_desktop
from report_desktop.domain.model import Report
from report_desktop.render import UnsupportedExportError, export_document
from report_desktop.storage.draft import load_draft

_PROBE = """
import json, sys
from report_desktop.render import export_document
from report_desktop.storage.draft import load_draft
report = load_draft(sys.argv[1]).report
for target in sys.argv[2:]:
    export_document(report, target)
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""


@pytest.fixture
def example(example_draft_path: Path) -> Report:
    return load_draft(example_draft_path).report


@pytest.mark.parametrize(
    ("name", "magic"),
    [("report.pdf", b"%PDF-"), ("report.html", b"<!DOCTYPE html>"), ("report.docx", b"PK")],
)
def test_export_by_suffix(example: Report, tmp_path: Path, name: str, magic: bytes) -> None:
    target = tmp_path / name
    export_document(example, target)
    assert target.read_bytes().startswith(magic)
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # no temporary file left


def test_upper_case_suffix_and_overwrite(example: Report, tmp_path: Path) -> None:
    target = tmp_path / "REPORT.HTML"
    target.write_text("old", encoding="utf-8")
    export_document(example, target, draft_mark=True)
    assert "草稿" in target.read_text(encoding="utf-8")


def test_unsupported_suffix(example: Report, tmp_path: Path) -> None:
    for name in ("report.txt", "report"):
        with pytest.raises(UnsupportedExportError, match="不支持导出"):
            export_document(example, tmp_path / name)
    assert not list(tmp_path.iterdir())


def test_weasyprint_only_for_pdf(example_draft_path: Path, tmp_path: Path) -> None:
    def modules_after(*targets: str) -> set[str]:
        env = dict(os.environ)
        src = str(Path(report_desktop.__file__).resolve().parents[1])
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [src, env.get("PYTHONPATH")]))
        result = subprocess.run(
            [sys.executable, "-c", _PROBE, str(example_draft_path), *targets],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        return set(json.loads(result.stdout.strip().splitlines()[-1]))

    light = modules_after(str(tmp_path / "a.html"), str(tmp_path / "a.docx"))
    assert "weasyprint" not in light
    assert "docx" in light
    assert "weasyprint" in modules_after(str(tmp_path / "a.pdf"))
