"""Entry point of the frozen program (PyInstaller needs a script, not a package's __main__)."""

from report_desktop.app import main

raise SystemExit(main())
