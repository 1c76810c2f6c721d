"""The curated tables of docs/tables.md ("curated" and "Curated definitions") in Spark SQL.

One readable file, kept beside the contract: a change to a rule is made in docs/tables.md, in
rxpipe's Transformation module and here, and tests/oracles/test_spark_parity.py proves the two
engines still agree row by row. Conventions that SQL engines differ on are spelled out:
- strings order byte-wise (Spark compares UTF-8 bytes) and nulls sort last (NULLS LAST);
- money stays DECIMAL(18,2) (exact sums, cast back from Spark's widened DECIMAL(28,2));
  ratios of money are the amount's nearest double over the denominator (CAST(... AS DOUBLE));
- ratios are null when the denominator is 0 or null (nullif); money over money (shares and
  relative changes) is computed in cents, as rxpipe holds money;
- ranks are row numbers, ties broken by name and then NPI as the contract says.

Views the statements read: pd (cleansed/prescriber_drug), drug (cleansed/drug), presc
(cleansed/prescriber), st (cleansed/state, or the shipped state reference).
"""

PSEUDONYM_FLOOR = 2 ** 61  # pseudonyms are >= 2^61, never a 10-digit NPI

# Facts: prescriber_drug with its drug and its prescriber of that year.
FACTS = f"""
SELECT pd.year, pd.npi, pd.drug_id, pd.tot_clms, pd.tot_30day_fills, pd.tot_day_suply, pd.tot_drug_cst,
       d.generic_name, d.brand_name, d.is_generic, p.state, p.prescriber_type,
       CASE WHEN pd.npi >= {PSEUDONYM_FLOOR} THEN concat('Prescriber ', right(CAST(pd.npi AS STRING), 6))
            WHEN p.first_name IS NOT NULL AND p.last_org_name IS NOT NULL THEN concat(p.first_name, ' ', p.last_org_name)
            WHEN coalesce(p.last_org_name, p.first_name) IS NOT NULL THEN coalesce(p.last_org_name, p.first_name)
            ELSE concat('Prescriber ', right(CAST(pd.npi AS STRING), 6)) END AS display_name
FROM pd JOIN drug d ON d.drug_id = pd.drug_id JOIN presc p ON p.year = pd.year AND p.npi = pd.npi
"""

# Claims of generic products (is_generic), 0 when none.
GC = "coalesce(sum(tot_clms) FILTER (WHERE is_generic), 0)"
MONEY = "CAST({} AS DECIMAL(18,2))"


def ratio(numerator, denominator):
    """A double ratio, null for a 0 or null denominator; money enters as its nearest double."""
    return f"CAST({numerator} AS DOUBLE) / nullif({denominator}, 0)"


def money_ratio(numerator, denominator):
    """Money over money (shares, relative changes): both as counts of cents, as rxpipe does."""
    return f"CAST(({numerator}) * 100 AS DOUBLE) / nullif(CAST(({denominator}) * 100 AS DOUBLE), 0)"


RANKED = f"""
WITH p AS (SELECT year, npi, any_value(state) AS state, any_value(prescriber_type) AS prescriber_type,
                  any_value(display_name) AS display_name, count(DISTINCT drug_id) AS drugs, sum(tot_clms) AS claims,
                  sum(tot_drug_cst) AS cost, {GC} AS gc FROM f GROUP BY year, npi)
SELECT *, row_number() OVER (PARTITION BY year, state ORDER BY claims DESC, display_name, npi) AS rank_in_state,
          row_number() OVER (PARTITION BY year, prescriber_type ORDER BY claims DESC, display_name, npi) AS rank_in_type
FROM p
"""

# table → (SQL, schema [(column, rxpipe type, nullable)], sort keys). Schemas are
# Sources/Curated/CuratedSchemas.swift column for column.
TABLES = {
    "kpi_year": (f"""
WITH y AS (SELECT year, count(DISTINCT npi) AS prescribers, count(DISTINCT drug_id) AS drugs, sum(tot_clms) AS claims,
                  sum(tot_30day_fills) AS fills, sum(tot_day_suply) AS days, sum(tot_drug_cst) AS cost, {GC} AS gc
           FROM f GROUP BY year),
     z AS (SELECT *, {ratio('cost', 'claims')} AS cpc, {ratio('gc', 'claims')} AS share FROM y)
SELECT year, prescribers, drugs, claims, fills AS fills_30day, days AS day_supply, {MONEY.format('cost')} AS drug_cost,
       cpc AS cost_per_claim, share AS generic_claim_share,
       {ratio('prescribers - lag(prescribers) OVER w', 'lag(prescribers) OVER w')} AS yoy_prescribers,
       {ratio('claims - lag(claims) OVER w', 'lag(claims) OVER w')} AS yoy_claims,
       {money_ratio('cost - lag(cost) OVER w', 'lag(cost) OVER w')} AS yoy_drug_cost,
       (cpc - lag(cpc) OVER w) / nullif(lag(cpc) OVER w, 0) AS yoy_cost_per_claim,
       share - lag(share) OVER w AS yoy_generic_claim_share
FROM z WINDOW w AS (ORDER BY year)""",
        [("year", "int32", False), ("prescribers", "int64", False), ("drugs", "int64", False), ("claims", "int64", False),
         ("fills_30day", "double", True), ("day_supply", "int64", True), ("drug_cost", "decimal(18,2)", False),
         ("cost_per_claim", "double", True), ("generic_claim_share", "double", True), ("yoy_prescribers", "double", True),
         ("yoy_claims", "double", True), ("yoy_drug_cost", "double", True), ("yoy_cost_per_claim", "double", True),
         ("yoy_generic_claim_share", "double", True)],
        ["year"]),
    "drug_summary": (f"""
WITH g AS (SELECT year, drug_id, any_value(generic_name) AS generic_name, any_value(brand_name) AS brand_name,
                  any_value(is_generic) AS is_generic, count(DISTINCT npi) AS prescribers, sum(tot_clms) AS claims,
                  sum(tot_30day_fills) AS fills, sum(tot_day_suply) AS days, sum(tot_drug_cst) AS cost
           FROM f GROUP BY year, drug_id),
     t AS (SELECT year, sum(tot_clms) AS yc, sum(tot_drug_cst) AS ycost FROM f GROUP BY year)
SELECT g.year, generic_name, brand_name, is_generic, prescribers, claims, fills AS fills_30day, days AS day_supply,
       {MONEY.format('cost')} AS drug_cost, {ratio('cost', 'claims')} AS cost_per_claim, {ratio('cost', 'days')} AS cost_per_day,
       {ratio('claims', 'yc')} AS claim_share, {money_ratio('cost', 'ycost')} AS cost_share,
       row_number() OVER (PARTITION BY g.year ORDER BY claims DESC, generic_name, brand_name) AS rank_claims,
       row_number() OVER (PARTITION BY g.year ORDER BY cost DESC, generic_name, brand_name) AS rank_cost
FROM g JOIN t ON t.year = g.year""",
        [("year", "int32", False), ("generic_name", "string", False), ("brand_name", "string", False),
         ("is_generic", "boolean", False), ("prescribers", "int64", False), ("claims", "int64", False),
         ("fills_30day", "double", True), ("day_supply", "int64", True), ("drug_cost", "decimal(18,2)", False),
         ("cost_per_claim", "double", True), ("cost_per_day", "double", True), ("claim_share", "double", True),
         ("cost_share", "double", True), ("rank_claims", "int32", False), ("rank_cost", "int32", False)],
        ["year", "generic_name", "brand_name"]),
    "generic_summary": (f"""
WITH g AS (SELECT year, generic_name, count(DISTINCT brand_name) AS brands, count(DISTINCT npi) AS prescribers,
                  sum(tot_clms) AS claims, sum(tot_drug_cst) AS cost, {GC} AS gc
           FROM f GROUP BY year, generic_name)
SELECT year, generic_name, brands AS brand_count, prescribers, claims, {MONEY.format('cost')} AS drug_cost,
       {ratio('gc', 'claims')} AS generic_claim_share,
       row_number() OVER (PARTITION BY year ORDER BY claims DESC, generic_name) AS rank_claims,
       row_number() OVER (PARTITION BY year ORDER BY cost DESC, generic_name) AS rank_cost
FROM g""",
        [("year", "int32", False), ("generic_name", "string", False), ("brand_count", "int64", False),
         ("prescribers", "int64", False), ("claims", "int64", False), ("drug_cost", "decimal(18,2)", False),
         ("generic_claim_share", "double", True), ("rank_claims", "int32", False), ("rank_cost", "int32", False)],
        ["year", "generic_name"]),
    "state_summary": (f"""
WITH s AS (SELECT year, state, count(DISTINCT npi) AS prescribers, sum(tot_clms) AS claims, sum(tot_drug_cst) AS cost,
                  {GC} AS gc FROM f GROUP BY year, state)
SELECT s.year, s.state, st.state_name, prescribers, claims, {MONEY.format('cost')} AS drug_cost,
       {ratio('cost', 'claims')} AS cost_per_claim, {ratio('claims', 'prescribers')} AS claims_per_prescriber,
       {ratio('gc', 'claims')} AS generic_claim_share, st.population,
       CAST(claims AS DOUBLE) * 1000 / nullif(st.population, 0) AS claims_per_1000_residents,
       {ratio('cost', 'st.population')} AS cost_per_resident
FROM s LEFT JOIN st ON st.state = s.state""",
        [("year", "int32", False), ("state", "string", False), ("state_name", "string", True),
         ("prescribers", "int64", False), ("claims", "int64", False), ("drug_cost", "decimal(18,2)", False),
         ("cost_per_claim", "double", True), ("claims_per_prescriber", "double", True),
         ("generic_claim_share", "double", True), ("population", "int64", True),
         ("claims_per_1000_residents", "double", True), ("cost_per_resident", "double", True)],
        ["year", "state"]),
    "specialty_summary": (f"""
WITH s AS (SELECT year, prescriber_type, count(DISTINCT npi) AS prescribers, sum(tot_clms) AS claims,
                  sum(tot_drug_cst) AS cost, {GC} AS gc FROM f GROUP BY year, prescriber_type),
     tg AS (SELECT year, prescriber_type, generic_name, sum(tot_clms) AS c FROM f GROUP BY year, prescriber_type, generic_name),
     top AS (SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY year, prescriber_type ORDER BY c DESC, generic_name) AS rn
                            FROM tg) WHERE rn = 1)
SELECT s.year, s.prescriber_type, prescribers, claims, {MONEY.format('cost')} AS drug_cost,
       {ratio('cost', 'claims')} AS cost_per_claim, {ratio('gc', 'claims')} AS generic_claim_share,
       top.generic_name AS top_generic_name
FROM s JOIN top ON top.year = s.year AND top.prescriber_type <=> s.prescriber_type""",
        [("year", "int32", False), ("prescriber_type", "string", True), ("prescribers", "int64", False),
         ("claims", "int64", False), ("drug_cost", "decimal(18,2)", False), ("cost_per_claim", "double", True),
         ("generic_claim_share", "double", True), ("top_generic_name", "string", False)],
        ["year", "prescriber_type"]),
    "prescriber_summary": (f"""
SELECT year, npi, display_name, state, prescriber_type, drugs, claims, {MONEY.format('cost')} AS drug_cost,
       {ratio('cost', 'claims')} AS cost_per_claim, {ratio('gc', 'claims')} AS generic_claim_share,
       rank_in_state, rank_in_type FROM ranked""",
        [("year", "int32", False), ("npi", "int64", False), ("display_name", "string", False), ("state", "string", False),
         ("prescriber_type", "string", True), ("drugs", "int64", False), ("claims", "int64", False),
         ("drug_cost", "decimal(18,2)", False), ("cost_per_claim", "double", True), ("generic_claim_share", "double", True),
         ("rank_in_state", "int32", False), ("rank_in_type", "int32", False)],
        ["year", "npi"]),
    "top_prescribers_by_state": (f"""
SELECT year, state, rank_in_state AS rank, npi, display_name, prescriber_type, claims, {MONEY.format('cost')} AS drug_cost
FROM ranked WHERE rank_in_state <= 5""",
        [("year", "int32", False), ("state", "string", False), ("rank", "int32", False), ("npi", "int64", False),
         ("display_name", "string", False), ("prescriber_type", "string", True), ("claims", "int64", False),
         ("drug_cost", "decimal(18,2)", False)],
        ["year", "state", "rank"]),
    "state_drug": (f"""
WITH sg AS (SELECT year, state, generic_name, sum(tot_clms) AS claims, sum(tot_drug_cst) AS cost, count(DISTINCT npi) AS prescribers
            FROM f GROUP BY year, state, generic_name),
     r AS (SELECT *, row_number() OVER (PARTITION BY year, state ORDER BY claims DESC, generic_name) AS rank FROM sg)
SELECT year, state, rank, generic_name, claims, {MONEY.format('cost')} AS drug_cost, prescribers FROM r WHERE rank <= 25""",
        [("year", "int32", False), ("state", "string", False), ("rank", "int32", False), ("generic_name", "string", False),
         ("claims", "int64", False), ("drug_cost", "decimal(18,2)", False), ("prescribers", "int64", False)],
        ["year", "state", "rank"]),
    "state_specialty": (f"""
SELECT year, state, prescriber_type, count(DISTINCT npi) AS prescribers, sum(tot_clms) AS claims,
       {MONEY.format('sum(tot_drug_cst)')} AS drug_cost
FROM f GROUP BY year, state, prescriber_type""",
        [("year", "int32", False), ("state", "string", False), ("prescriber_type", "string", True),
         ("prescribers", "int64", False), ("claims", "int64", False), ("drug_cost", "decimal(18,2)", False)],
        ["year", "state", "prescriber_type"]),
    "specialty_drug": (f"""
WITH tg AS (SELECT year, prescriber_type, generic_name, sum(tot_clms) AS claims, sum(tot_drug_cst) AS cost,
                   count(DISTINCT npi) AS prescribers FROM f GROUP BY year, prescriber_type, generic_name),
     r AS (SELECT *, row_number() OVER (PARTITION BY year, prescriber_type ORDER BY claims DESC, generic_name) AS rank FROM tg)
SELECT year, prescriber_type, rank, generic_name, claims, {MONEY.format('cost')} AS drug_cost, prescribers FROM r WHERE rank <= 10""",
        [("year", "int32", False), ("prescriber_type", "string", True), ("rank", "int32", False),
         ("generic_name", "string", False), ("claims", "int64", False), ("drug_cost", "decimal(18,2)", False),
         ("prescribers", "int64", False)],
        ["year", "prescriber_type", "rank"]),
    "drug_trend": (f"""
WITH g AS (SELECT generic_name, year, sum(tot_clms) AS claims, sum(tot_drug_cst) AS cost FROM f GROUP BY generic_name, year),
     yrs AS (SELECT year, lag(year) OVER (ORDER BY year) AS prev FROM (SELECT DISTINCT year FROM f))
SELECT g.generic_name, g.year, g.claims, {MONEY.format('g.cost')} AS drug_cost,
       {ratio('g.claims - p.claims', 'p.claims')} AS yoy_claims, {money_ratio('g.cost - p.cost', 'p.cost')} AS yoy_drug_cost
FROM g JOIN yrs ON yrs.year = g.year LEFT JOIN g AS p ON p.generic_name = g.generic_name AND p.year = yrs.prev""",
        [("generic_name", "string", False), ("year", "int32", False), ("claims", "int64", False),
         ("drug_cost", "decimal(18,2)", False), ("yoy_claims", "double", True), ("yoy_drug_cost", "double", True)],
        ["generic_name", "year"]),
}


def outliers(min_claims, min_peers, threshold):
    """`prescriber_outliers` with the [outliers] settings: robust z-scores (median and MAD) of
    cost per claim (as its natural log) and brand share within (year, prescriber_type, state)."""
    sql = f"""
WITH p AS (SELECT year, npi, any_value(state) AS state, any_value(prescriber_type) AS t, any_value(display_name) AS dn,
                  sum(tot_clms) AS claims, sum(tot_drug_cst) AS cost, {GC} AS gc FROM f GROUP BY year, npi),
     e AS (SELECT * FROM p WHERE claims >= {int(min_claims)} AND t IS NOT NULL),
     m AS (SELECT year, npi, state, t, dn, claims, 'cost_per_claim' AS metric, CAST(cost AS DOUBLE) / claims AS v,
                  ln(CAST(cost AS DOUBLE) / claims) AS s
           FROM e WHERE cost > 0
           UNION ALL
           SELECT year, npi, state, t, dn, claims, 'brand_share', CAST(claims - gc AS DOUBLE) / claims,
                  CAST(claims - gc AS DOUBLE) / claims FROM e),
     g AS (SELECT year, state, t, metric, count(*) AS n, median(s) AS med, median(v) AS vmed FROM m
           GROUP BY year, state, t, metric HAVING count(*) >= {int(min_peers)}),
     d AS (SELECT m.year, m.state, m.t, m.metric, median(abs(s - med)) AS mad FROM m JOIN g USING (year, state, t, metric)
           GROUP BY m.year, m.state, m.t, m.metric),
     z AS (SELECT m.*, vmed, mad, n, (s - med) / (1.4826 * mad) AS z FROM m JOIN g USING (year, state, t, metric)
           JOIN d USING (year, state, t, metric) WHERE mad > 0)
SELECT year, npi, dn AS display_name, state, t AS prescriber_type, metric, v AS value, vmed AS peer_median,
       mad AS peer_mad, z AS robust_z, n AS peer_count, claims FROM z WHERE abs(z) >= {float(threshold)!r}"""
    schema = [("year", "int32", False), ("npi", "int64", False), ("display_name", "string", False),
              ("state", "string", False), ("prescriber_type", "string", False), ("metric", "string", False),
              ("value", "double", False), ("peer_median", "double", False), ("peer_mad", "double", False),
              ("robust_z", "double", False), ("peer_count", "int64", False), ("claims", "int64", False)]
    return sql, schema, ["year", "prescriber_type", "state", "metric", "npi"]
