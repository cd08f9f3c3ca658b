"""Benchmark the minutes parser: build a large synthetic set of minutes and print pages/second.

    .venv/bin/python scripts/bench_parser.py [--pages 2000]

A "page" is 50 lines, about what one printed page of minutes holds. The text is synthetic
(varied items, points, lettered and numbered resolutions, actions), not a real council's paper.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from imports.parser import parse  # noqa: E402

LINES_PER_PAGE = 50
ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii"]
POINTS = [
    "The PCC confirmed that the effectiveness of the scheme was monitored by the OPCC.",
    "A member asked whether response times in rural areas had improved since April.",
    "The Chief Constable stated that he would provide figures to the next meeting.",
    "The Panel were assured that the estates review would report in the new year.",
    "Concern was raised about the vacancy rate in the control room. The PCC agreed to this "
    "request.",
]
CLAUSES = [
    "That the report be noted.",
    "That the PCC be requested to submit a written response to the Panel.",
    "That the OPCC be requested to pass on the comments made by the Panel to the VRN.",
    "That the Chief Constable provide a breakdown of the data to panel members.",
    "That an update be provided to the next meeting of the Panel.",
]


def synthetic_minutes(pages: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    lines = [
        "Minutes of a meeting of the Northmoor Police and Crime Panel held at the Civic Centre, "
        "Northmoor on Monday, 2 June 2025.",
        "",
        "PRESENT",
        "",
        "Cllr. Ann Barker (in the Chair)",
        "Cllr. Tom Hughes",
        "",
        "In attendance",
        "",
        "Marcus Webb – Police and Crime Commissioner",
        "",
    ]
    number = 1
    while len(lines) < pages * LINES_PER_PAGE:
        lines += [f"{number}. Report number {number} on policing matters.", ""]
        lines += [
            "The Panel considered a report of the Police and Crime Commissioner. A copy of the "
            f"report, marked 'Agenda Item {number % 12 + 1}', is filed with these minutes.",
            "",
            "Arising from discussion, the following points were noted:",
            "",
        ]
        for label in ROMAN[: rng.randint(1, 6)]:
            lines.append(f"- ({label}) {rng.choice(POINTS)}")
        if rng.random() < 0.2:
            lines += ["", f"Action: Chief Constable to provide data on item {number}."]
        lines += ["", "RESOLVED:", ""]
        style = rng.choice(["letters", "numbers", "single"])
        count = 1 if style == "single" else rng.randint(2, 4)
        for n in range(count):
            label = {"letters": f"({chr(97 + n)}) ", "numbers": f"{n + 1}. ", "single": ""}[style]
            lines.append(f"- {label}{rng.choice(CLAUSES)}")
        lines.append("")
        number += 1
    lines += ["2.00 - 4.30 pm", "2 June 2025", "", "CHAIRMAN"]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    args = parser.parse_args()
    text = synthetic_minutes(args.pages)
    started = time.perf_counter()
    document = parse(text)
    elapsed = time.perf_counter() - started
    clauses = sum(len(i.resolutions) for i in document.items)
    print(
        f"{args.pages} pages ({len(text) / 1e6:.1f} MB, {len(document.items)} minutes, "
        f"{clauses} resolutions) in {elapsed:.2f} s: {args.pages / elapsed:,.0f} pages/second"
    )


if __name__ == "__main__":
    main()
