"""Does every sentence on the pages hold?  Runs each claim of `rnnviz.claims` over seeds 0–9 with the
pages' own defaults and prints one line per claim: its key, on how many seeds it held, and the figure
it measured (median, and the range over the seeds).  A claim must hold on at least 9 of 10 (or, for a
sentence that states a rate, on as many as it says); the ones that do not are marked FAILS.

    .venv/bin/python bench/claims.py [--seeds 10] [--first 0] [--only flow.] [--instant] [--markdown FILE]

Training claims take about 15 minutes on one CPU thread in all (runs shared by claims are trained once).
The last line is `claims held <n>/<m>`.
"""

import argparse
import time
from pathlib import Path

import numpy as np
import torch

from rnnviz.claims import CLAIMS, run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=10, help="how many seeds (default %(default)s)")
    parser.add_argument("--first", type=int, default=0, help="the first seed (default %(default)s)")
    parser.add_argument("--only", default="", help="run the claims whose key starts with this (or, comma-separated, "
                                                    "with one of these)")
    parser.add_argument("--instant", action="store_true", help="only the analytic claims (no training)")
    parser.add_argument("--markdown", metavar="FILE", help="also write the results as a Markdown table (README)")
    args = parser.parse_args()
    torch.set_num_threads(1)
    chosen = [c for c in CLAIMS if c.key.startswith(tuple(args.only.split(","))) and not (args.instant and c.trains)]
    held_all, table = 0, ["| claim | what must hold | held | figure: median (min … max) |", "|---|---|---|---|"]
    print(f"{'claim':32s} {'held':>6s}  {'figure: median (min … max)':40s} seconds")
    for claim in chosen:
        start = time.perf_counter()
        held, figures = run(claim, range(args.first, args.first + args.seeds))
        ok = claim.holds(held, args.seeds)
        held_all += ok
        figures = np.asarray(figures, dtype=float)
        shown = f"{np.median(figures):.3g} ({figures.min():.3g} … {figures.max():.3g})"
        print(f"{claim.key:32s} {held:>3d}/{args.seeds:<2d}  {shown:40s} {time.perf_counter() - start:5.0f}"
              f"{'' if ok else '  FAILS'}")
        low, high = claim.held_on
        wanted = f"holds on ≥ {low}/10" if high == 10 else f"holds on {low}–{high} of 10"
        print(f"    {claim.says}; {wanted}; figure = {claim.figure}", flush=True)
        table.append(f"| `{claim.key}` | {claim.says} | {held}/{args.seeds}{'' if ok else ' ✗'} | "
                     f"{claim.figure}: {shown} |")
    if args.markdown:
        Path(args.markdown).write_text("\n".join(table) + "\n", encoding="utf-8")
    print(f"claims held {held_all}/{len(chosen)}")


if __name__ == "__main__":
    main()
