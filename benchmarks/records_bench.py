"""Import time for 10k and 100k suppliers, and supplier lookup latency
(median, p95) at 1k and 100k suppliers, on SQLite (and PostgreSQL with --postgres URL).

Usage: .venv/bin/python -m benchmarks.records_bench [--postgres postgresql://postgres@127.0.0.1/postgres]
"""

from __future__ import annotations

import argparse
import csv
import random
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from actions.records import migrate, supplier_csv  # noqa: E402
from actions.records.database import get_engine, session_scope  # noqa: E402
from actions.records.supplier_lookup import find_suppliers  # noqa: E402

SYLLABLES = "ka lo mi ra den sun vel tor bri an ex cor pal gra nor sto fen lux mar tex".split()
KINDS = "Textiles Weaving Garments Electronics Components Foods Seafood Metals Mining Timber Coffee Cocoa".split()
COUNTRIES = "CN IN BD VN TR MY ID BR MX PK KH TH PH ET KE GH CI PE CL PL".split()
RISKS = "child_labour forced_labour living_wage working_hours health_safety deforestation water".split()


def fake_name(rng: random.Random) -> str:
    word = lambda: "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()  # noqa: E731
    return f"{word()} {word()} {rng.choice(KINDS)}"


def write_csv(path: Path, count: int, seed: int = 7) -> list:
    rng = random.Random(seed)
    names = []
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(supplier_csv.HEADER)
        seen = set()
        while len(names) < count:
            name, country = fake_name(rng), rng.choice(COUNTRIES)
            if (name.lower(), country) in seen:
                continue
            seen.add((name.lower(), country))
            names.append(name)
            writer.writerow(
                [
                    name,
                    country,
                    "City",
                    "textiles",
                    "goods",
                    rng.randint(1000, 5_000_000),
                    round(rng.uniform(0.5, 60), 1),
                    rng.randint(0, 20),
                    rng.randint(1, 3),
                    "",
                    ";".join(rng.sample(RISKS, 2)),
                    "2024-05-01",
                    "",
                    "",
                ]
            )
    return names


def fresh_sqlite(tmp: Path, name: str) -> str:
    url = f"sqlite:///{tmp / name}"
    migrate.upgrade(url)
    return url


def typo(name: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(name) - 1)
    return name[:i] + name[i + 1 :]


def lookup_latency(url: str, names: list, queries: int = 300) -> dict:
    rng = random.Random(3)
    with session_scope(url) as session:
        find_suppliers(session, "warm up the index")
        results = {}
        for kind, make in (
            ("exact", lambda n: n),
            ("lower-case partial", lambda n: n.split()[0].lower()),
            ("misspelt", lambda n: typo(n, rng)),
        ):
            timings, hits = [], 0
            for _ in range(queries):
                name = rng.choice(names)
                query = make(name)
                start = time.perf_counter()
                found = find_suppliers(session, query)
                timings.append((time.perf_counter() - start) * 1000)
                hits += bool(found) and any(c.name == name for c in found[:5])
            timings.sort()
            results[kind] = (statistics.median(timings), timings[int(len(timings) * 0.95) - 1], hits / queries)
    return results


SENTENCES = (
    "need advice on {name}, what should we do?",
    "hoeveel invloed hebben we bij {name}?",
    "when were {name} last audited?",
    "we found child labour at a subcontractor of {name} in the last audit, what now?",
)


def mention_latency(url: str, names: list, queries: int = 300) -> tuple:
    """Finding a supplier inside a whole message (components/supplier_matcher.py), as the bot does
    for every message: (median ms, p95 ms, share of messages where the intended supplier was found)."""
    from actions.records.supplier_lookup import supplier_index
    from actions.records.supplier_mentions import find_mentions

    common = frozenset("need advice on what should we do hoeveel invloed hebben bij when were last audited".split())
    common |= frozenset("we found child labour at a subcontractor of in the audit now".split())
    rng = random.Random(5)
    with session_scope(url) as session:
        index = supplier_index(session)
    timings, hits = [], 0
    for i in range(queries):
        name = rng.choice(names)
        typed = name.lower() if i % 3 else typo(name, rng).lower()
        text = SENTENCES[i % len(SENTENCES)].format(name=typed)
        start = time.perf_counter()
        found = find_mentions(index, text, common)
        timings.append((time.perf_counter() - start) * 1000)
        hits += any(c.name == name for m in found for c in m.candidates[:5])
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1], hits / queries


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", help="PostgreSQL admin URL; a scratch database is created and dropped")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp())
    print("Supplier import (validate + upsert in one transaction), SQLite file")
    names_by_size = {}
    for size in (1_000, 10_000, 100_000):
        path = tmp / f"suppliers_{size}.csv"
        names_by_size[size] = write_csv(path, size)
        url = fresh_sqlite(tmp, f"db_{size}.db")
        start = time.perf_counter()
        summary = supplier_csv.import_file(path, url)
        first = time.perf_counter() - start
        start = time.perf_counter()
        again = supplier_csv.import_file(path, url)
        second = time.perf_counter() - start
        print(
            f"  {size:>7} suppliers: first import {first:6.1f} s ({summary.added} added); "
            f"re-import {second:6.1f} s ({again.unchanged} unchanged)"
        )
        if size in (1_000, 100_000):
            for kind, (median, p95, hit) in lookup_latency(url, names_by_size[size]).items():
                print(
                    f"      lookup at {size:>7}, {kind:<19} median {median:6.2f} ms   p95 {p95:6.2f} ms"
                    f"   intended supplier among the candidates {hit:.0%}"
                )
            median, p95, hit = mention_latency(url, names_by_size[size])
            print(
                f"      in a message at {size:>7} (1 in 3 misspelt) median {median:6.2f} ms   p95 {p95:6.2f} ms"
                f"   intended supplier among the candidates {hit:.0%}"
            )
        get_engine(url).dispose()
    if args.postgres:
        import sqlalchemy

        admin = sqlalchemy.create_engine(args.postgres, isolation_level="AUTOCOMMIT", future=True)
        with admin.connect() as c:
            c.execute(sqlalchemy.text("DROP DATABASE IF EXISTS imvo_bench WITH (FORCE)"))
            c.execute(sqlalchemy.text("CREATE DATABASE imvo_bench"))
        url = args.postgres.rsplit("/", 1)[0] + "/imvo_bench"
        migrate.upgrade(url)
        start = time.perf_counter()
        supplier_csv.import_file(tmp / "suppliers_100000.csv", url)
        print(f"PostgreSQL: import of 100000 suppliers {time.perf_counter() - start:.1f} s")
        for kind, (median, p95, hit) in lookup_latency(url, names_by_size[100_000]).items():
            print(
                f"      lookup at  100000, {kind:<19} median {median:6.2f} ms   p95 {p95:6.2f} ms"
                f"   intended supplier among the candidates {hit:.0%}"
            )
        get_engine(url).dispose()
        with admin.connect() as c:
            c.execute(sqlalchemy.text("DROP DATABASE IF EXISTS imvo_bench WITH (FORCE)"))


if __name__ == "__main__":
    main()
