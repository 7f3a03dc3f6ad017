"""Program entry: ``report-desktop`` with a subcommand works headless, otherwise opens the GUI."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    from . import cli

    return cli.main(args)


if __name__ == "__main__":
    raise SystemExit(main())
