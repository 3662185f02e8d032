"""Distributed work: a rule set travels to Dask workers by pickle and answers there exactly as
here."""

from __future__ import annotations

import pytest

import quanze
from conftest import DAY

distributed = pytest.importorskip("distributed")


def _answers(rules: quanze.RuleSet, jobs: list[tuple[str, str, str]]) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for item, place, day in jobs:
        try:
            answer = rules.who_handles(item, place, day)
        except quanze.QueryError as error:
            out.append({"error": str(error)})
            continue
        out.append({**answer.to_dict(), "proof": answer.proof.to_json()})
    return out


def _columns(rules: quanze.RuleSet, items: list[str], places: list[str], day: str) -> dict[str, list[str | None]]:
    return rules.who_handles_many(items, places, day)


@pytest.mark.parametrize("processes", [False, True])
def test_a_dask_cluster_answers_like_local(rules: quanze.RuleSet, processes: bool) -> None:
    jobs = [
        (item, place, day)
        for item in rules.items()
        for place in rules.places(level="township")
        for day in (DAY, "2025-03-01")
    ]
    chunks = [jobs[i : i + 40] for i in range(0, len(jobs), 40)]
    expected = [_answers(rules, chunk) for chunk in chunks]
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=processes, dashboard_address=None
    ) as cluster, distributed.Client(cluster) as client:
        shared = client.scatter(rules, broadcast=True)
        futures = [client.submit(_answers, shared, chunk, pure=False) for chunk in chunks]
        assert client.gather(futures) == expected
        # The batch call on workers, too.
        items = [j[0] for j in jobs if j[2] == DAY]
        places = [j[1] for j in jobs if j[2] == DAY]
        remote = client.submit(_columns, shared, items, places, DAY).result()
        assert remote == rules.who_handles_many(items, places, DAY)
