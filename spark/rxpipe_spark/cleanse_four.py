"""The four-table raw layout (PostgreSQL, or the four CSV files) for the Spark cleanse: the
dimensions are validated first — state, drug, prescriber, in that order, each in source order,
their rejects in quarantine/<table> — then raw/prescriber_drug rows are joined to them (`orphan`
when either side is missing), as rxpipe's FourTableSource does."""
from pyspark.sql import Window
from pyspark.sql import functions as F

from . import cleanse_rules as R
from .cleanse import (PREP_TYPE, CleanseError, quarantine_texts, read_raw, source_accounts, state_fips, state_index, upper_udf,
                      valid_npi_sql, value_text_column)
from .references import STATES

FACT_COLUMNS = ["year", "npi", "drug_id", "tot_clms", "tot_30day_fills", "tot_day_suply", "tot_drug_cst", "tot_benes",
                "ge65_sprsn_flag", "ge65_tot_clms", "ge65_tot_30day_fills", "ge65_tot_drug_cst", "ge65_tot_day_suply",
                "ge65_bene_sprsn_flag", "ge65_tot_benes"]
PRESCRIBER_COLUMNS = ["npi", "last_org_name", "first_name", "city", "state_abbr", "state_fips", "prescriber_type", "type_source"]
DRUG_COLUMNS = ["drug_id", "brand_name", "generic_name"]
STATE_COLUMNS = ["state_abbr", "state_fips", "state_name", "region", "division", "population"]
NORMALIZE = F.udf(R.normalize_text)


def rescued_verdict(encoding):
    """The reject message of a dimension row's `_rescued` (notes do not apply to dimensions)."""
    return F.udf(lambda text: R.judge_rescued(text, encoding)[1] if text is not None else None)


def open_raw(spark, storage, table, columns):
    df, m = read_raw(spark, storage, table)
    for c in columns + ["_source", "_line"]:
        if c not in df.columns:
            raise CleanseError(f"raw/{table} has no column {c}")
    if "_rescued" not in df.columns:
        df = df.withColumn("_rescued", F.lit(None).cast("string"))
    accounts = source_accounts(m) or []
    df = df.withColumn("_rescue_reject", rescued_verdict(accounts[0]["encoding"] if accounts else None)(F.col("_rescued")))
    return df, m, [c for c in df.columns if c not in ("_source", "_line", "year", "_order", "_rescue_reject")]


def first_of(checks):
    """(rule, message) of the first check that holds, as columns."""
    rule = message = F.lit(None).cast("string")
    for condition, r, m in reversed(checks):
        rule = F.when(condition, F.lit(r) if isinstance(r, str) else r).otherwise(rule)
        message = F.when(condition, m).otherwise(message)
    return rule, message


def dimension(df, key, fingerprint, conflict_message):
    """Adds `outcome` (rejected, accepted, duplicate, conflict) and turns conflicts into rejects."""
    w = Window.partitionBy(*key).orderBy("_order")
    passed = (df.filter(F.col("rule").isNull()).withColumn("_fp", fingerprint)
              .withColumn("_first_fp", F.first("_fp").over(w)).withColumn("_rn", F.row_number().over(w)))
    outcome = F.when(F.col("_rn") == 1, "accepted").when(F.col("_fp") == F.col("_first_fp"), "duplicate").otherwise("conflict")
    passed = passed.withColumn("outcome", outcome)
    passed = (passed.withColumn("rule", F.when(F.col("outcome") == "conflict", F.lit("conflicting_key")))
              .withColumn("message", F.when(F.col("outcome") == "conflict", conflict_message)))
    rejected = df.filter(F.col("rule").isNotNull()).withColumn("outcome", F.lit("rejected"))
    return rejected.unionByName(passed.drop("_fp", "_first_fp", "_rn"), allowMissingColumns=True)


def quarantine_frame(df, columns, key):
    texts = quarantine_texts(columns, key)
    q = df.filter(F.col("rule").isNotNull()).select(
        texts(F.array(*[value_text_column(c, df) for c in columns])).alias("_t"), "rule", "message", "_source", "_line", "_order")
    return q.select(*[F.col("_t")[i].alias(c) for i, c in enumerate(columns)], "rule", "message", "_source", "_line", "_order").cache()


class Ledger:
    """Counts and examples of the dimension rules, in the order rxpipe records them."""

    def __init__(self):
        self.counts, self.examples = {}, {}

    def add(self, events, table):
        """`events`: a frame of rule, message, _source, _line, _order, values (a map or null)."""
        for r in events.groupBy("rule").count().collect():
            self.counts[r["rule"]] = self.counts.get(r["rule"], 0) + r["count"]
        w = Window.partitionBy("rule").orderBy("_order")
        for r in events.withColumn("k", F.row_number().over(w)).filter(f"k <= {R.MAX_EXAMPLES}").orderBy("rule", "_order").collect():
            found = self.examples.setdefault(r["rule"], [])
            if len(found) < R.MAX_EXAMPLES:
                found.append({"table": f"raw/{table}", "source": r["_source"], "line": r["_line"], "message": r["message"],
                              "values": dict(r["values"]) if r["values"] is not None else {}})


def values_map(columns, q_texts):
    return F.map_from_arrays(F.array(*[F.lit(c) for c in columns]), q_texts)


def four_table_facts(spark, storage, key):
    ledger, reconciliations, quarantines = Ledger(), [], {}

    # States.
    st, m, cols = open_raw(spark, storage, "state", STATE_COLUMNS)
    code = NORMALIZE(F.col("state_abbr"))
    st = st.withColumn("_code", code).withColumn("_idx", F.element_at(state_index(), upper_udf(F.col("_code"))))
    rule, message = first_of([
        (F.col("_rescue_reject").isNotNull(), "rescued", F.col("_rescue_reject")),
        (F.col("_code").isNull(), "required", F.lit("state_abbr is missing")),
        (F.col("_idx").isNull(), "state_known", F.format_string('state_abbr "%s" is not a state code CMS uses', "_code"))])
    st = st.withColumn("rule", rule).withColumn("message", message)
    ref_fips = state_fips(F.col("_idx"))
    row = F.struct(F.when(ref_fips != "", ref_fips).alias("state_fips"), NORMALIZE(F.col("state_name")).alias("state_name"),
                   NORMALIZE(F.col("region")).alias("region"), NORMALIZE(F.col("division")).alias("division"),
                   F.col("population").cast("long").alias("population"))
    st = st.withColumn("_row", row).withColumn("_fips_fixed", F.col("rule").isNull() & (
        F.coalesce(NORMALIZE(F.col("state_fips")), F.lit("")) != ref_fips))
    text = upper_udf(F.col("_code"))
    st = dimension(st, ["_idx"], F.to_json(F.col("_row")), F.format_string("state %s appears earlier with other values", text)).cache()
    q = quarantine_frame(st, cols, key)
    quarantines["state"] = (q, cols)
    abbr = F.create_map(F.lit("state_abbr"), text)
    fips_events = st.filter("_fips_fixed").select(
        F.lit("state_fips").alias("rule"), F.lit("state FIPS code replaced by the one of the state code").alias("message"),
        "_source", "_line", "_order", abbr.alias("values"))
    _add_rejects_and_duplicates(ledger, q, st, cols, "state", "exact copy of an earlier state row", extra=fips_events, duplicate_values=abbr)
    accepted = st.filter("outcome = 'accepted'").select("_idx", "_row").collect()
    states = [(STATES[r["_idx"]]["code"], *r["_row"]) for r in sorted(accepted, key=lambda r: r["_idx"])]
    reconciliations.append(_reconcile("state", m, len(states), q, st))

    # Drugs.
    dr, m, cols = open_raw(spark, storage, "drug", DRUG_COLUMNS)
    dr = dr.withColumn("_b", NORMALIZE(F.col("brand_name"))).withColumn("_g", NORMALIZE(F.col("generic_name")))
    rule, message = first_of([
        (F.col("_rescue_reject").isNotNull(), "rescued", F.col("_rescue_reject")),
        (F.col("drug_id").isNull(), "required", F.lit("drug_id is missing")),
        (F.col("_b").isNull(), "required", F.lit("brand_name is missing")),
        (F.col("_g").isNull(), "required", F.lit("generic_name is missing"))])
    dr = dr.withColumn("rule", rule).withColumn("message", message)
    dr = dr.withColumn("brand_key", upper_udf(F.col("_b"))).withColumn("generic_key", upper_udf(F.col("_g")))
    dr = dimension(dr, ["drug_id"], F.to_json(F.struct("brand_key", "generic_key")),
                   F.format_string("drug_id %d appears earlier with other names", "drug_id")).cache()
    q = quarantine_frame(dr, cols, key)
    quarantines["drug"] = (q, cols)
    _add_rejects_and_duplicates(ledger, q, dr, cols, "drug", "exact copy of an earlier drug row")
    spellings = {}
    for r in dr.filter("outcome <> 'rejected'").select("_b", "_g").distinct().collect():
        k = (r["_b"].upper(), r["_g"].upper())
        if k not in spellings or R.utf8_key((r["_b"], r["_g"])) < R.utf8_key(spellings[k]):
            spellings[k] = (r["_b"], r["_g"])
    drugs = dr.filter("outcome = 'accepted'").select(F.col("drug_id").cast("int").alias("_drug"), "brand_key", "generic_key")
    reconciliations.append(_reconcile("drug", m, drugs.count(), q, dr))

    # Prescribers.
    pr, m, cols = open_raw(spark, storage, "prescriber", PRESCRIBER_COLUMNS)
    for source, target in [("last_org_name", "last"), ("first_name", "first"), ("city", "city"), ("state_abbr", "_state_text"),
                           ("state_fips", "_fips_text"), ("prescriber_type", "type"), ("type_source", "type_src")]:
        pr = pr.withColumn(target, NORMALIZE(F.col(source)))
    pr = pr.withColumn("state_idx", F.element_at(state_index(), upper_udf(F.col("_state_text"))))
    bad_state = F.when(F.col("_state_text").isNull(), F.lit("state_abbr is missing")).otherwise(
        F.format_string('state_abbr "%s" is not a state code CMS uses', "_state_text"))
    rule, message = first_of([
        (F.col("_rescue_reject").isNotNull(), "rescued", F.col("_rescue_reject")),
        (F.col("npi").isNull(), "required", F.lit("npi is missing")),
        (~valid_npi_sql(F.col("npi")), "npi_format", F.lit("npi is not 10 digits with a valid check digit")),
        (F.col("state_idx").isNull(), "state_known", bad_state)])
    pr = pr.withColumn("rule", rule).withColumn("message", message)
    tuple_columns = ["last", "first", "city", "state_idx", "type", "type_src"]
    pr = dimension(pr, ["npi"], F.to_json(F.struct(*tuple_columns)), F.lit("npi appears earlier with other attributes")).cache()
    q = quarantine_frame(pr, cols, key)
    quarantines["prescriber"] = (q, cols)
    texts = quarantine_texts(cols, key)
    fixed = pr.filter(F.col("outcome") == "accepted").filter(
        F.coalesce(F.col("_fips_text"), F.lit("")) != state_fips(F.col("state_idx")))
    fips_events = fixed.select(F.lit("state_fips").alias("rule"), F.lit("state FIPS code replaced by the one of the state code").alias("message"),
                               "_source", "_line", "_order",
                               values_map(cols, texts(F.array(*[value_text_column(c, pr) for c in cols]))).alias("values"))
    _add_rejects_and_duplicates(ledger, q, pr, cols, "prescriber", "exact copy of an earlier prescriber row", extra=fips_events)
    prescribers = pr.filter("outcome = 'accepted'").select(F.col("npi").alias("_npi"), *tuple_columns)
    reconciliations.append(_reconcile("prescriber", m, prescribers.count(), q, pr))

    # Facts.
    fa, m, qcols = open_raw(spark, storage, "prescriber_drug", FACT_COLUMNS)
    fa = fa.join(F.broadcast(drugs), fa["drug_id"].cast("int") == drugs["_drug"], "left")
    fa = fa.join(prescribers, fa["npi"] == prescribers["_npi"], "left")
    encodings = {a["source"]: a["encoding"] for a in source_accounts(m) or []}
    n = R.SOURCE_NAMES
    notes = F.udf(lambda text, source: _notes(text, encodings.get(source)), PREP_TYPE["notes"].dataType)
    verdict = F.udf(lambda text, source: _verdict(text, encodings.get(source)), "struct<rule:string,message:string>")
    fa = fa.withColumn("_v", verdict(F.col("_rescued"), F.col("_source"))).withColumn("notes", notes(F.col("_rescued"), F.col("_source")))
    layout_rule, layout_message = first_of([
        (F.col("_v.rule").isNotNull(), F.col("_v.rule"), F.col("_v.message")),
        (F.col("drug_id").isNull(), "required", F.lit("drug_id is missing")),
        (F.col("_drug").isNull(), "orphan", F.format_string("drug_id %d has no valid row in raw/drug", "drug_id")),
        (F.col("npi").isNotNull() & F.col("_npi").isNull(), "orphan", F.lit("npi has no valid row in raw/prescriber"))])
    fa = fa.select("*", layout_rule.alias("layout_rule"), layout_message.alias("layout_message"),
                   *[F.col(n[role]).alias(role) for role in n if role not in ("year", "npi", "ge65_flag", "ge65_bene_flag")])
    fa = (fa.withColumn("cost", F.col("cost").cast("decimal(18,2)")).withColumn("ge65_cost", F.col("ge65_cost").cast("decimal(18,2)"))
          .withColumn("f65", F.udf(lambda v: R.flag_code(R.normalize_text(v)), "int")(F.col("ge65_sprsn_flag")))
          .withColumn("fb65", F.udf(lambda v: R.flag_code(R.normalize_text(v)), "int")(F.col("ge65_bene_sprsn_flag")))
          .withColumn("substitution", F.lit(None).cast("string")).withColumn("fips_fixed", F.lit(False))
          .drop("_v", "_drug", "_npi", "_rescue_reject"))
    return fa, m, qcols, n, {"spellings": spellings, "counts": ledger.counts, "examples": ledger.examples,
                             "reconciliations": reconciliations, "states": states, "quarantines": quarantines}


def _verdict(text, encoding):
    if text is None:
        return None, None
    rule, message, _ = R.judge_rescued(text, encoding)
    return (rule, message) if message is not None else (None, None)


def _notes(text, encoding):
    return R.judge_rescued(text, encoding)[2] if text is not None else []


def _add_rejects_and_duplicates(ledger, q, df, cols, table, duplicate_message, extra=None, duplicate_values=None):
    """Rejects show their quarantined values; duplicates none (a state's its code)."""
    empty = F.lit(None).cast("map<string,string>")
    events = q.select("rule", "message", "_source", "_line", "_order",
                      values_map(cols, F.array(*[F.col(c) for c in cols])).alias("values")).unionByName(
        df.filter("outcome = 'duplicate'").select(F.lit("duplicate_row").alias("rule"), F.lit(duplicate_message).alias("message"),
                                                  "_source", "_line", "_order", (duplicate_values if duplicate_values is not None else empty).alias("values")))
    if extra is not None:
        events = events.unionByName(extra)
    ledger.add(events, table)


def _reconcile(table, m, accepted, q, df):
    return {"source": f"raw/{table}", "target": f"cleansed/{table}", "raw": m["row_count"], "cleansed": accepted,
            "quarantined": q.count(), "duplicates_dropped": df.filter("outcome = 'duplicate'").count()}
