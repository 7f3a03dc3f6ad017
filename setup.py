"""Copies the top-level runtime folders into the wheel (report_desktop/_data/…).

Source trees read them in place; the resource accessor (report_desktop.resources) finds either.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

RUNTIME_FOLDERS = ("resources", "templates", "examples")


class BuildWithRuntimeFiles(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        here = Path(__file__).parent
        target = Path(self.build_lib) / "report_desktop" / "_data"
        for name in RUNTIME_FOLDERS:
            source = here / name
            if source.is_dir():
                shutil.copytree(source, target / name, dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildWithRuntimeFiles})
