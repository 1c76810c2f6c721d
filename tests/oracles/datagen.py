"""Deterministic test tables with the awkward values: nulls, empty and long strings, extreme
doubles, NaN, ±0, ±infinity, dates at the edges, repeated strings (dictionary) and unique ones."""
import datetime
import random

import pyarrow as pa


def awkward_table(rows=30_000, seed=7):
    r = random.Random(seed)
    specials = [0.0, -0.0, float("nan"), float("inf"), float("-inf"), 5e-324, 1.7976931348623157e308, -2.2250738585072014e-308, 0.1, 1e16]
    words = ["", "a", "zoë", "Łódź", "東京", "=1+1", "-x", "@at", "\ttab", 'quote"d', "com,ma", "new\nline", "x" * 300]

    def maybe(v, p=0.1):
        return None if r.random() < p else v

    i64 = [maybe(r.choice([r.randint(-(2**63), 2**63 - 1), r.randint(-5, 5), 2**63 - 1, -(2**63)])) for _ in range(rows)]
    i32 = [maybe(r.randint(-(2**31), 2**31 - 1) if r.random() < 0.5 else r.randint(0, 20)) for _ in range(rows)]
    dbl = [maybe(r.choice(specials) if r.random() < 0.2 else r.uniform(-1e6, 1e6)) for _ in range(rows)]
    low = [maybe(r.choice(words)) for _ in range(rows)]
    uniq = [maybe("u%07d-%s" % (i, "y" * r.randint(0, 40))) for i in range(rows)]
    req = ["r%d" % r.randint(0, 1000) for _ in range(rows)]
    flag = [maybe(r.random() < 0.3) for _ in range(rows)]
    day = [maybe(datetime.date(1970, 1, 1) + datetime.timedelta(days=r.randint(-719_000, 2_932_000))) for _ in range(rows)]
    year = [r.choice([2021, 2022, 2023]) for _ in range(rows)]
    schema = pa.schema([
        pa.field("i64", pa.int64()), pa.field("i32", pa.int32()), pa.field("dbl", pa.float64()),
        pa.field("low", pa.string()), pa.field("uniq", pa.string()), pa.field("req", pa.string(), nullable=False),
        pa.field("flag", pa.bool_()), pa.field("day", pa.date32()), pa.field("year", pa.int64(), nullable=False),
    ])
    return pa.table([i64, i32, dbl, low, uniq, req, flag, day, year], schema=schema)


def prescriber_drug(rows, seed=1):
    """A prescriber_drug-shaped table (NPI, names, city, state, drug, counts, cost)."""
    r = random.Random(seed)
    states = ["CA", "TX", "NY", "FL", "PA", "OH", "IL", "GA", "NC", "MI"]
    drugs = ["drug%04d" % i for i in range(3000)]
    rows_ = []
    npi = 1000000000
    out = {k: [] for k in ["year", "npi", "last_name", "city", "state", "brand_name", "generic_name", "tot_clms", "tot_day_suply", "tot_drug_cst", "ge65_sprsn_flag"]}
    for i in range(rows):
        if r.random() < 0.05:
            npi += r.randint(1, 50)
        d = r.choice(drugs)
        out["year"].append(2022)
        out["npi"].append(npi)
        out["last_name"].append("NAME%05d" % (npi % 40000))
        out["city"].append("CITY%04d" % (npi % 3000))
        out["state"].append(states[npi % len(states)])
        out["brand_name"].append(d.upper())
        out["generic_name"].append(d)
        c = r.randint(11, 500)
        out["tot_clms"].append(c)
        out["tot_day_suply"].append(c * r.randint(1, 90))
        out["tot_drug_cst"].append(round(r.uniform(1, 50000), 2))
        out["ge65_sprsn_flag"].append(r.choice([None, "*", "#"]))
    return pa.table(out)
