#!/usr/bin/env python3
"""Paired comparison of two models from `parley score FILE --model all --format issues` output:
the MAE difference B − A and its 95 % bootstrap interval over proposals (DEU issue ids
<proposal>i<k>; 2000 draws, seed 1). Research aid for docs/accuracy.md.

usage: build/parley score ../shared/validation/deu3-dev.tsv --model all --format issues \
         | scripts/research/paired.py weighted-mean rule-compromise
"""
import csv
import random
import re
import sys


def main():
    a, b = sys.argv[1], sys.argv[2]
    rows = list(csv.DictReader(sys.stdin))
    clusters = {}
    for row in rows:
        proposal = re.sub(r'i\d+$', '', row['issue'])
        diff = abs(float(row[b]) - float(row['outcome'])) - abs(float(row[a]) - float(row['outcome']))
        clusters.setdefault(proposal, []).append(diff)
    groups = list(clusters.values())
    mean = sum(sum(g) for g in groups) / sum(len(g) for g in groups)
    rng = random.Random(1)
    draws = []
    for _ in range(2000):
        picked = [groups[rng.randrange(len(groups))] for _ in groups]
        draws.append(sum(sum(g) for g in picked) / sum(len(g) for g in picked))
    draws.sort()
    better = sum(d < 0 for d in draws) / len(draws)
    print(f"MAE({b}) - MAE({a}) = {mean:.2f}, 95 % interval [{draws[49]:.2f}, {draws[1949]:.2f}], "
          f"share of draws where {b} is better: {better:.3f}")


if __name__ == '__main__':
    main()
