"""Reference values of Cohen's kappa for test/coding/agreement.test.ts.

Run with Debian's python3-sklearn:  /usr/bin/python3 tools/coding/kappa-fixtures.py
Writes test/fixtures/coding/kappa-sklearn.json: each case holds two coders' values for the
same units and sklearn.metrics.cohen_kappa_score of them (unweighted). Values are drawn with
a seeded generator so the file is reproducible.
"""
import json
import random
import sys

import sklearn
from sklearn.metrics import cohen_kappa_score

rng = random.Random(20261203)
cases = []

def add(name, a, b):
    cases.append({"name": name, "first": a, "second": b, "kappa": float(cohen_kappa_score(a, b))})

# Presence/absence of one code by two coders, high agreement.
a = [1 if rng.random() < 0.3 else 0 for _ in range(200)]
b = [x if rng.random() < 0.9 else 1 - x for x in a]
add("binary, 200 answers, 90% agreement", a, b)
# Five themes, moderate agreement.
a = [rng.randint(1, 5) for _ in range(450)]
b = [x if rng.random() < 0.6 else rng.randint(1, 5) for x in a]
add("five themes, 450 answers", a, b)
# Text labels, unequal marginals; a category only one coder used.
labels = ["werk", "geld", "contact", "regels", "anders"]
a = [rng.choices(labels, weights=[5, 3, 2, 1, 1])[0] for _ in range(120)]
b = [x if rng.random() < 0.7 else rng.choice(labels + ["zorg"]) for x in a]
add("text labels, a category used by one coder", a, b)
# Small worked case: 10 answers.
add("ten answers", [1, 1, 0, 0, 1, 0, 1, 1, 0, 0], [1, 0, 0, 0, 1, 0, 1, 1, 1, 0])
# Agreement below chance.
add("below chance", [1, 0, 1, 0, 1, 0, 1, 0], [0, 1, 0, 1, 1, 0, 0, 1])

json.dump({"generator": "tools/coding/kappa-fixtures.py", "sklearn": sklearn.__version__, "python": sys.version.split()[0], "cases": cases},
          open("test/fixtures/coding/kappa-sklearn.json", "w"), indent=1)
