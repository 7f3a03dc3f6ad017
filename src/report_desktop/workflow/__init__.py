"""What the clerk does with files, written once for the command line and the window. No Qt.

- :mod:`.naming`: the export formats, file names offered for drafts and documents.
- :mod:`.files`: opening a draft (or the draft a PDF carries), saving, locks, backups,
  recovery, the settings and the folders a file dialog starts in.
- :mod:`.last_year`: a new report from last year's, the link to it and following it.
- :mod:`.export`: writing a report in one of the export formats.

The window (``ui``) reaches storage only through this package; heavy modules (render,
interchange) are imported where they are first needed.
"""
