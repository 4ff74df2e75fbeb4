#!/usr/bin/env python3
"""Write a random scenario in decide-exchange-model's input layout (tab-separated '#A' actors,
'#P' issues with '#M' bounds 0 and 100, '#D' data rows), for timing runs on more actors than the
reference data sets have. parley reads it directly.

Positions are uniform on [0, 100] (1 decimal), saliences uniform on [0.05, 1] per actor and issue
(2 decimals), one capability per actor uniform on [0.1, 1] (2 decimals).

    python3 bench/make_decide_scenario.py ACTORS ISSUES SEED > scenario.csv
"""
import random
import sys


def main():
    actors, issues, seed = (int(v) for v in sys.argv[1:4])
    rng = random.Random(seed)
    lines = [f"'#A'\t'a{a}'\t'a{a}'\t''" for a in range(actors)]
    for i in range(issues):
        lines += [f"'#P'\t'i{i}'\t'i{i}'\t''", f"'#M'\t'i{i}'\t0", f"'#M'\t'i{i}'\t100"]
    for a in range(actors):
        capability = round(rng.uniform(0.1, 1), 2)
        for i in range(issues):
            position = round(rng.uniform(0, 100), 1)
            salience = round(rng.uniform(0.05, 1), 2)
            lines.append(f"'#D'\t'a{a}'\t'i{i}'\t{position}\t{salience}\t{capability}")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
