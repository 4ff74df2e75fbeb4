#!/usr/bin/env python3
"""Generate random SMP scenarios in KTAB's CSV layout, for timing parley's smp against KTAB's smpc
on the same inputs (bench/peers.sh). parley reads the files directly (`--input-format ktab`).

Line 1: scenario name, "description", numActors, numDims,
Line 2: Actor,Description,Power,Pstn1,Sal1,...,PstnD,SalD,
Then one row per actor: name, description, power, (position, salience) per dimension,
each line with KTAB's trailing comma.
Positions are uniform on [0, 100] (2 decimals). Saliences are on [0, 100] each and an
actor's saliences sum to at most 100 (KTAB rejects totals above 100%): total ~ U(20, 100),
split among the dimensions by flat Dirichlet weights, rounded down to 2 decimals.
Power ~ U(50, 150) (3 decimals), like KTAB's dummyData examples.
"""
import argparse, math, random, os

def gen(n, d, seed):
    rng = random.Random(seed)
    lines = [f'Random_{n}a_{d}d,"Random scenario seed {seed}",{n},{d},']
    head = ["Actor", "Description", "Power"]
    for k in range(1, d + 1):
        head += [f"Pstn{k}", f"Sal{k}"]
    lines.append(",".join(head) + ",")
    for i in range(n):
        power = rng.uniform(50.0, 150.0)
        total = rng.uniform(20.0, 100.0)
        w = [rng.expovariate(1.0) for _ in range(d)]
        sw = sum(w)
        sal = [math.floor(total * x / sw * 100.0) / 100.0 for x in w]
        assert sum(sal) <= 100.0 + 1e-9
        pos = [round(rng.uniform(0.0, 100.0), 2) for _ in range(d)]
        row = [f"RActor-{i:03d}", "Random Spatial Actor", f"{power:.3f}"]
        for k in range(d):
            row += [f"{pos[k]:.2f}", f"{sal[k]:.2f}"]
        lines.append(",".join(row) + ",")
    return "\n".join(lines) + "\n"

if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=20261129)
    ap.add_argument("--dims", type=int, default=3)
    ap.add_argument("--actors", type=int, nargs="+", default=[50, 100])
    ap.add_argument("--outdir", required=True)
    a = ap.parse_args()
    os.makedirs(a.outdir, exist_ok=True)
    for n in a.actors:
        # one seed per file, derived from the base seed, so each file is reproducible alone
        path = os.path.join(a.outdir, f"random_a{n:03d}_d{a.dims}_s{a.seed}.csv")
        with open(path, "w") as f:
            f.write(gen(n, a.dims, a.seed + n))
        print(path)
