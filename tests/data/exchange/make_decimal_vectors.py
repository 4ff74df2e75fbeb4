#!/usr/bin/env python3
"""Writes decimal_vectors.tsv: random operations evaluated by Python's decimal module in its
default context (28 digits, ROUND_HALF_EVEN), the arithmetic of decide-exchange-model.
Columns: a, operator (+ - * / <), b, result. Operands have at most 28 digits."""
import random
from decimal import Decimal, getcontext

assert getcontext().prec == 28
rng = random.Random(20261129)


def operand():
    digits = rng.choice([1, 2, 3, 5, 9, 15, 19, 20, 27, 28, 28, 28])
    coefficient = rng.randrange(10 ** (digits - 1), 10 ** digits)
    exponent = rng.randint(-40, 10) if rng.random() < 0.3 else -digits + rng.randint(-2, 3)
    sign = "-" if rng.random() < 0.3 else ""
    return Decimal(f"{sign}{coefficient}E{exponent}")


with open("decimal_vectors.tsv", "w") as out:
    for _ in range(4000):
        a, b = operand(), operand()
        if rng.random() < 0.1:
            b = a + Decimal(rng.choice([1, -1])) * Decimal(f"1E{a.adjusted() - rng.randint(20, 35)}")
        op = rng.choice("+-*/<")
        result = {"+": lambda: a + b, "-": lambda: a - b, "*": lambda: a * b, "/": lambda: a / b,
                  "<": lambda: int(a < b) - int(a > b)}[op]()
        out.write(f"{a}\t{op}\t{b}\t{result}\n")
