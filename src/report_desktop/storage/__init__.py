"""Draft files: the versioned JSON format of a report, atomic writes, typed errors. No Qt here.

The public names are re-exported here; :mod:`.migrations` holds the schema version and the
upgrade steps, :mod:`.schema` the generated JSON Schema.
"""

from __future__ import annotations

from .atomic import atomic_write_bytes, atomic_write_text
from .codec import report_from_dict, report_to_dict
from .draft import (
    DRAFT_FORMAT,
    Draft,
    dumps_draft,
    load_draft,
    loads_draft,
    save_draft,
)
from .errors import (
    DraftEditionError,
    DraftEncodingError,
    DraftError,
    DraftFormatError,
    DraftMigrationError,
    DraftReadError,
    DraftSyntaxError,
    DraftValueError,
    DraftVersionError,
    DraftWriteError,
)

__all__ = [
    "DRAFT_FORMAT",
    "Draft",
    "DraftEditionError",
    "DraftEncodingError",
    "DraftError",
    "DraftFormatError",
    "DraftMigrationError",
    "DraftReadError",
    "DraftSyntaxError",
    "DraftValueError",
    "DraftVersionError",
    "DraftWriteError",
    "atomic_write_bytes",
    "atomic_write_text",
    "dumps_draft",
    "load_draft",
    "loads_draft",
    "report_from_dict",
    "report_to_dict",
    "save_draft",
]
