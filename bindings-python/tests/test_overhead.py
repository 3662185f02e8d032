"""The cost of crossing into Rust: per-call overhead of `who_handles` and batch throughput.

Timings are printed (run pytest with `-s` to see them) and held to loose bounds, so that a slow
shared machine does not fail the suite while a regression by an order of magnitude does. The
design targets are stricter: at most 3 µs of overhead per call and a million batch answers a
second on a release build.
"""

from __future__ import annotations

import os
import time

import quanze
from conftest import DAY


def _best(fn, repeat: int = 5) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def test_per_call_overhead(rules: quanze.RuleSet) -> None:
    n = 20_000
    who = rules.who_handles

    def python() -> None:
        for _ in range(n):
            who("330205-CF-001", "甬江街道", DAY)

    per_call = _best(python) / n * 1e9
    rust = min(rules._bench_who_handles("330205-CF-001", "甬江街道", DAY, n) for _ in range(5))
    overhead = per_call - rust
    print(f"\nwho_handles: {per_call:.0f} ns per call from Python, {rust:.0f} ns in Rust, overhead {overhead:.0f} ns")
    assert overhead < 30_000


def test_batch_throughput(rules: quanze.RuleSet) -> None:
    items = rules.items()
    places = rules.places(level="township")
    n = 200_000 if not os.environ.get("QUANZE_BENCH_LARGE") else 2_000_000
    item_col = [items[i % len(items)] for i in range(n)]
    place_col = [places[(i // len(items)) % len(places)] for i in range(n)]
    lists = _best(lambda: rules.who_handles_many(item_col, place_col, DAY), repeat=3)
    print(f"\nwho_handles_many: {n / lists / 1e6:.2f} M answers/s as lists ({n} rows)")
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        pass
    else:
        arrow = _best(lambda: rules.who_handles_many(item_col, place_col, DAY, arrow=True), repeat=3)
        print(f"who_handles_many: {n / arrow / 1e6:.2f} M answers/s as Arrow ({n} rows)")
    assert n / lists > 50_000
