#!/usr/bin/env python3
"""Research prototype (docs/accuracy.md): a procedural model of EU legislation, scored on a DEU
table. Not part of parley: it tried an idea that did not help, and is kept so its figures can be
reproduced.

The Commission proposes its own position x_C. The Council accepts a change from the status quo q
only if states holding a share T of the weight prefer it to q (T = 0.74 under QMV, 1 under
unanimity); under co-decision (proc COD) the Parliament must prefer it too (`--ep-veto`). With
Euclidean preferences on a line, the forecast is x_C clipped to the set every required actor
prefers to q. Issues without a status quo or a Commission position: the compromise model.

usage: scripts/research/procedural.py ../shared/validation/deu3-dev.tsv [--weights gdp|votes] [--ep-veto]
"""
import argparse
import csv

# Council votes under the Treaty of Nice (2007-2014 allocation; Croatia 7 from 2013).
NICE_VOTES = {'de': 29, 'fr': 29, 'it': 29, 'uk': 29, 'es': 27, 'pl': 27, 'ro': 14, 'nl': 13, 'be': 12, 'cz': 12,
              'el': 12, 'hu': 12, 'pt': 12, 'at': 10, 'bu': 10, 'se': 10, 'dk': 7, 'ie': 7, 'lt': 7, 'sk': 7, 'fi': 7,
              'cr': 7, 'cy': 4, 'ee': 4, 'lv': 4, 'lu': 4, 'si': 4, 'mt': 3}


def read(path):
    rows = list(csv.reader(open(path, encoding='utf-8'), delimiter='\t'))
    header = rows[0]
    col = {name: k for k, name in enumerate(header)}
    actors = [name[1:] for name in header if name.startswith('s') and 'p' + name[1:] in col]
    gdp = {a: float(rows[1][col['p' + a]]) for a in actors}
    issues = []
    for row in rows[2:]:
        if row[col['out']] == '':
            continue
        present = [(a, float(row[col['p' + a]]), float(row[col['s' + a]] or 50)) for a in actors
                   if row[col['p' + a]] != '']
        rp = row[col['rp']]
        issues.append(dict(actors=present, rp=float(rp) if rp else None, out=float(row[col['out']]),
                           rule=row[col['counvte']], proc=row[col['proc']]))
    return issues, gdp


def compromise(issue, gdp):
    weights = [gdp[a] * s for a, _, s in issue['actors']]
    return sum(w * x for w, (_, x, _) in zip(weights, issue['actors'])) / sum(weights)


def pivot(states, share, from_top):
    total = sum(w for _, w in states)
    cumulative = 0.0
    for x, w in sorted(states, reverse=from_top):
        cumulative += w
        if cumulative >= share * total - 1e-12:
            return x


def procedural(issue, gdp, votes, ep_veto):
    positions = {a: x for a, x, _ in issue['actors']}
    q, proposal = issue['rp'], positions.get('com')
    if q is None or proposal is None:
        return compromise(issue, gdp)
    states = [(x, NICE_VOTES[a] if votes else gdp[a]) for a, x, _ in issue['actors'] if a not in ('com', 'ep')]
    share = 1.0 if issue['rule'].startswith('Unan') else 0.74
    if proposal == q:
        return q
    up = proposal > q
    limits = [pivot(states, share, up)]  # the pivotal state
    if ep_veto and issue['proc'] == 'COD' and 'ep' in positions:
        limits.append(positions['ep'])
    # Everything between q and 2·limit − q is preferred to q by the limiting actor.
    reach = [2 * x - q if (x > q) == up and x != q else q for x in limits]
    return min([proposal] + reach) if up else max([proposal] + reach)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('file')
    parser.add_argument('--weights', choices=['gdp', 'votes'], default='votes')
    parser.add_argument('--ep-veto', action='store_true')
    args = parser.parse_args()
    issues, gdp = read(args.file)
    errors = [abs(procedural(i, gdp, args.weights == 'votes', args.ep_veto) - i['out']) for i in issues]
    n = len(errors)
    print(f"procedural (weights {args.weights}, EP veto {args.ep_veto}): n {n}, MAE {sum(errors) / n:.2f}, "
          f"RMSE {(sum(e * e for e in errors) / n) ** 0.5:.2f}, hit10 {sum(e <= 10 for e in errors) / n:.3f}")


if __name__ == '__main__':
    main()
