"""Seeded cleansed-zone tables (docs/tables.md schemas) written with pyarrow, for the
transform oracle and the transform benchmark. Shapes are realistic: several years with a
gap, prescribers that come and go, organisations and pseudonymised NPIs without names,
generic == brand drugs, suppressed (null) fills and day supplies, many tied claim counts
and costs, territories and codes without population, and hostile strings.
"""
from decimal import Decimal

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

HOSTILE = ['O\'Brien "Doc"', "Smith, Jr.", "<script>alert(1)</script>", "Ünïcødé Café", "Cafe\u0301 (NFD)",
           "tab\there", "line\nbreak", "emoji 💊", "back\\slash", "| pipe | md |", "a&b;c", "Zoë", "  "]
STATES = [("CA", "06", "California", 39538223), ("NY", "36", "New York", 20201249), ("TX", "48", "Texas", 29145505),
          ("RI", "44", "Rhode Island", 1097379), ("PR", "72", "Puerto Rico", 3285874), ("GU", "66", "Guam", 153836),
          ("FM", "64", "Federated States of Micronesia", None), ("AA", "", "Armed Forces Americas", None),
          ("XX", "", "Unknown", None), ("ZZ", "", "Foreign Country", None)]
TYPES = ["Internal Medicine", "Family Practice", "Nurse Practitioner", "Dentist", "Cardiology <b>", None]

PD_SCHEMA = pa.schema([
    ("year", pa.int32()), ("npi", pa.int64()), ("drug_id", pa.int32()), ("tot_clms", pa.int64()),
    ("tot_30day_fills", pa.float64()), ("tot_day_suply", pa.int64()), ("tot_drug_cst", pa.decimal128(18, 2)),
    ("tot_benes", pa.int64()), ("ge65_sprsn_flag", pa.string()), ("ge65_tot_clms", pa.int64()),
    ("ge65_tot_30day_fills", pa.float64()), ("ge65_tot_drug_cst", pa.decimal128(18, 2)), ("ge65_tot_day_suply", pa.int64()),
    ("ge65_bene_sprsn_flag", pa.string()), ("ge65_tot_benes", pa.int64())])
PRESCRIBER_SCHEMA = pa.schema([
    ("year", pa.int32()), ("npi", pa.int64()), ("last_org_name", pa.string()), ("first_name", pa.string()),
    ("city", pa.string()), ("state", pa.string()), ("state_fips", pa.string()), ("prescriber_type", pa.string()),
    ("type_source", pa.string())])
DRUG_SCHEMA = pa.schema([("drug_id", pa.int32()), ("brand_name", pa.string()), ("generic_name", pa.string()),
                         ("is_generic", pa.bool_())])
STATE_SCHEMA = pa.schema([("state", pa.string()), ("state_fips", pa.string()), ("state_name", pa.string()),
                          ("region", pa.string()), ("division", pa.string()), ("population", pa.int64())])


def dollars(cents, mask=None):
    """Money as DECIMAL(18,2) from integer cents (pyarrow writes it as FIXED_LEN_BYTE_ARRAY)."""
    values = [Decimal(int(c)).scaleb(-2) for c in cents]
    if mask is not None:
        values = [None if m else v for v, m in zip(values, mask)]
    return pa.array(values, type=pa.decimal128(18, 2))


def drugs(rng, n_generics, brands_per_generic):
    """(drug_id, brand, generic, is_generic) rows; about one drug in three is the generic itself."""
    rows, seen_ids = [], set()
    for g in range(n_generics):
        generic = f"GENERIC {g:04d}" if g >= len(HOSTILE) else f"{HOSTILE[g]} {g}"
        names = [generic] + [f"Brand {g}-{b}" for b in range(rng.integers(1, brands_per_generic + 1))]
        if g % 3 == 1:
            names = names[1:]  # no generic-labelled product for this one
        for brand in names:
            while True:
                did = int(rng.integers(-2**31, 2**31 - 1))
                if did not in seen_ids:
                    seen_ids.add(did)
                    break
            # "Brand g-b" never names its generic in other words, so equality is GenericNameRule here.
            rows.append((did, brand, generic, brand.lower() == generic.lower()))
    rows.sort(key=lambda r: r[0])
    return rows


def prescribers(rng, count):
    """NPI pool: (npi, last, first) — people, organisations, pseudonyms (≥ 2^61, no names)."""
    out = []
    for i in range(count):
        kind = i % 7
        if kind == 5:
            out.append((int(rng.integers(2**61, 2**62)), None, None))
        elif kind == 6:
            out.append((1000000000 + i * 7919, f"Clinic {i} {HOSTILE[i % len(HOSTILE)]}", None))
        else:
            out.append((1000000000 + i * 7919, f"Last{i % 50}", f"First{i % 13}" if i % 11 else HOSTILE[i % len(HOSTILE)]))
    return out


def write_tables(out_dir, *, seed, years, n_prescribers, n_generics, brands_per_generic, drugs_per_prescriber,
                 row_group_rows=None, shuffle=True):
    """Writes prescriber_drug.parquet, prescriber.parquet, drug.parquet, state.parquet into
    out_dir; returns the row count of prescriber_drug."""
    rng = np.random.default_rng(seed)
    drug_rows = drugs(rng, n_generics, brands_per_generic)
    pool = prescribers(rng, n_prescribers)
    all_ids = np.array([d[0] for d in drug_rows], dtype=np.int32)
    # The last few drugs are rare: one row each (11 claims, $100.00) in some years only, so
    # drug and generic ranks tie exactly on claims and cost and drug_trend meets gaps.
    rare = all_ids[-6:] if len(all_ids) > 12 else all_ids[:0]
    drug_ids = all_ids[:len(all_ids) - len(rare)]
    generic_of = {d[0]: d[2] for d in drug_rows}
    generic_names = sorted(set(generic_of.values()))
    pd_cols = {k: [] for k in ["year", "npi", "drug_id", "tot_clms", "fills", "days", "cost"]}
    pres_rows = []
    for year in years:
        # One generic is missing each year: drug_trend must null the next year's change.
        missing = generic_names[year % len(generic_names)]
        year_ids = np.array([d for d in drug_ids if generic_of[int(d)] != missing], dtype=np.int32)
        active = [p for p in pool if rng.random() < 0.85]
        for j, (npi, last, first) in enumerate(active):
            state = STATES[int(rng.integers(0, len(STATES)))]
            ptype = TYPES[int(rng.integers(0, len(TYPES)))]
            pres_rows.append((year, npi, last, first, f"City {j % 9}", state[0], state[1] or None, ptype, "S"))
            k = int(min(len(year_ids), max(1, rng.poisson(drugs_per_prescriber))))
            chosen = rng.choice(len(year_ids), size=k, replace=False)
            pd_cols["year"].append(np.full(k, year, dtype=np.int32))
            pd_cols["npi"].append(np.full(k, npi, dtype=np.int64))
            pd_cols["drug_id"].append(year_ids[chosen])
            # Few distinct claim counts and round costs: many exact ties.
            claims = rng.integers(11, 40, size=k)
            pd_cols["tot_clms"].append(claims)
            pd_cols["fills"].append(np.round(claims * rng.uniform(0.9, 3.0, size=k), 1))
            pd_cols["days"].append(claims * rng.integers(7, 90, size=k))
            pd_cols["cost"].append(np.where(rng.random(k) < 0.3, 10000, np.round(rng.uniform(100, 500000, size=k))).astype(np.int64))
        for did in rare:
            if rng.random() < 0.7 and active and generic_of[int(did)] != missing:
                npi = active[int(rng.integers(0, len(active)))][0]
                for k, v in [("year", year), ("npi", npi), ("drug_id", did), ("tot_clms", 11), ("fills", 11.0), ("days", 330),
                             ("cost", 10000)]:
                    pd_cols[k].append(np.array([v], dtype={"year": np.int32, "npi": np.int64, "drug_id": np.int32, "cost": np.int64}.get(k)))
    cols = {k: np.concatenate(v) for k, v in pd_cols.items()}
    n = len(cols["year"])
    order = rng.permutation(n) if shuffle else np.arange(n)
    cols = {k: v[order] for k, v in cols.items()}
    fills_null = rng.random(n) < 0.1
    days_null = rng.random(n) < 0.05
    benes_null = rng.random(n) < 0.4
    table = pa.table({
        "year": cols["year"], "npi": cols["npi"], "drug_id": cols["drug_id"], "tot_clms": cols["tot_clms"].astype(np.int64),
        "tot_30day_fills": pa.array(cols["fills"], mask=fills_null),
        "tot_day_suply": pa.array(cols["days"].astype(np.int64), mask=days_null),
        "tot_drug_cst": dollars(cols["cost"]),
        "tot_benes": pa.array(rng.integers(11, 30, size=n), mask=benes_null),
        "ge65_sprsn_flag": pa.array(np.where(benes_null, "*", ""), type=pa.string(), mask=~benes_null),
        "ge65_tot_clms": pa.array(cols["tot_clms"] // 2, mask=benes_null),
        "ge65_tot_30day_fills": pa.array(cols["fills"] / 2, mask=benes_null),
        "ge65_tot_drug_cst": dollars(cols["cost"] // 2, mask=benes_null),
        "ge65_tot_day_suply": pa.array(cols["days"] // 2, mask=benes_null),
        "ge65_bene_sprsn_flag": pa.array([None] * n, type=pa.string()),
        "ge65_tot_benes": pa.array(rng.integers(11, 20, size=n), mask=benes_null),
    }, schema=PD_SCHEMA)
    pq.write_table(table, f"{out_dir}/prescriber_drug.parquet", row_group_size=row_group_rows or n)
    pq.write_table(pa.Table.from_pylist([dict(zip(PRESCRIBER_SCHEMA.names, r)) for r in pres_rows], schema=PRESCRIBER_SCHEMA),
                   f"{out_dir}/prescriber.parquet")
    pq.write_table(pa.Table.from_pylist([dict(zip(DRUG_SCHEMA.names, r)) for r in drug_rows], schema=DRUG_SCHEMA),
                   f"{out_dir}/drug.parquet")
    pq.write_table(pa.Table.from_pylist([{"state": s[0], "state_fips": s[1], "state_name": s[2], "region": "", "division": "",
                                          "population": s[3]} for s in STATES], schema=STATE_SCHEMA), f"{out_dir}/state.parquet")
    return n
