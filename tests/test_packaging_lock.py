"""The frozen bundle's hash-locked pins (packaging/requirements-<arch>.txt) satisfy the project's
own dependency ranges, and every runtime dependency is in the bundle."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
LOCKS = sorted((ROOT / "packaging").glob("requirements-*.txt"))
BUNDLE_PYTHON = {"python_version": "3.11", "python_full_version": "3.11.2", "sys_platform": "linux"}


def pins(lock: Path) -> dict[str, str]:
    found = re.findall(r"^([A-Za-z0-9_.-]+)==([^\s\\]+)", lock.read_text(encoding="utf-8"), re.M)
    return {canonicalize_name(name): version for name, version in found}


def runtime_requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = [Requirement(text) for text in project["dependencies"]]
    return [r for r in requirements if r.marker is None or r.marker.evaluate(BUNDLE_PYTHON)]


def test_there_are_locks_with_hashes() -> None:
    assert LOCKS, "no packaging/requirements-<arch>.txt"
    for lock in LOCKS:
        text = lock.read_text(encoding="utf-8")
        assert text.count("==") == text.count("--hash=sha256:"), lock.name


def violations(pinned: dict[str, str]) -> list[str]:
    problems = []
    for requirement in runtime_requirements():
        name = canonicalize_name(requirement.name)
        if name not in pinned:
            problems.append(f"{requirement.name} is not in the bundle")
        elif not requirement.specifier.contains(pinned[name], prereleases=True):
            problems.append(
                f"{requirement.name}=={pinned[name]} is outside {requirement.specifier}"
            )
    return problems


@pytest.mark.parametrize("lock", LOCKS, ids=lambda path: path.name)
def test_bundle_pins_satisfy_the_project_ranges(lock: Path) -> None:
    assert violations(pins(lock)) == []


def test_a_pin_outside_the_ranges_or_a_missing_package_is_caught() -> None:
    pinned = pins(ROOT / "packaging" / "requirements-amd64.txt")
    pinned["weasyprint"] = "61.0"
    del pinned["pypdf"]
    assert sorted(violations(pinned)) == [
        "pypdf is not in the bundle",
        "weasyprint==61.0 is outside >=62",
    ]


def test_the_pin_parser_sees_every_pin(tmp_path: Path) -> None:
    lock = tmp_path / "requirements-test.txt"
    lock.write_text(
        "# comment\nfoo_bar==1.2 \\\n    --hash=sha256:00\nBaz==3.0 \\\n    --hash=sha256:11\n"
    )
    assert pins(lock) == {"foo-bar": "1.2", "baz": "3.0"}
