"""Recall and false alarms of the text-against-table check on our own annotated sentences
(tests/text_claims.py). Prints a Markdown table; asserts nothing.

.venv/bin/python bench/score_text_checks.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from text_claims import score


def main() -> None:
    scores = score()
    print(
        "| forms | sentences with a wrong figure | found | recall "
        "| sentences that must stay silent | false alarms |"
    )
    print("|---|---|---|---|---|---|")
    totals = [0, 0, 0, 0]
    for category, entry in scores.items():
        recall = f"{entry.recall:.0%}" if entry.forms else "—"
        print(
            f"| {category} | {entry.forms or '—'} | {entry.found if entry.forms else '—'} | "
            f"{recall} | {entry.checked} | {entry.false_alarms} |"
        )
        totals[0] += entry.forms
        totals[1] += entry.found
        totals[2] += entry.checked
        totals[3] += entry.false_alarms
    forms, found, checked, alarms = totals
    print(
        f"| **all** | {forms} | {found} | {found / forms:.0%} | {checked} | {alarms} "
        f"({alarms / checked:.1%}) |"
    )


if __name__ == "__main__":
    main()
